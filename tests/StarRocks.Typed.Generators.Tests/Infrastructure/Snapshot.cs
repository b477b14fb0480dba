using System.Runtime.CompilerServices;

namespace StarRocks.Typed.Generators.Tests.Infrastructure;

/// <summary>
/// Verified-file snapshots: compares text with <c>Snapshots/&lt;name&gt;.verified.cs</c>. On a mismatch, or when no verified
/// file exists, writes <c>&lt;name&gt;.received.cs</c> beside it (git-ignored) and fails; a reviewer promotes it by renaming.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(FindProjectDirectory(callerFile), "Snapshots");
        var verifiedPath = Path.Combine(folder, name + ".verified.cs");
        var receivedPath = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (File.Exists(verifiedPath) && File.ReadAllText(verifiedPath).Replace("\r\n", "\n") == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(File.Exists(verifiedPath)
            ? $"Snapshot {name} differs: {FirstDifference(File.ReadAllText(verifiedPath), actual)}. Review {receivedPath} and rename it to .verified.cs if it is right."
            : $"Snapshot {name} has no verified file. Review {receivedPath} and rename it to .verified.cs if it is right.");
    }

    private static string FindProjectDirectory(string callerFile)
    {
        for (var directory = Path.GetDirectoryName(callerFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.EnumerateFiles(directory, "*.csproj").Any())
                return directory;
        }

        throw new InvalidOperationException("No project directory above " + callerFile);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Replace("\r\n", "\n").Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
                return $"line {i + 1}: expected `{e}`, got `{a}`";
        }

        return "line endings";
    }
}
