using System.Diagnostics;
using System.Globalization;

namespace StarRocks.Typed.StandIn.Tests.Hosting;

/// <summary>
/// A test run killed with SIGKILL leaves its shared MariaDB (<c>MariaDbServer.GetSharedAsync</c>) running with nobody
/// to stop it; the next start must remove it by itself. The runs are stand-in programs (<c>--shared-mariadb</c>) in a
/// private <c>TMPDIR</c>, so that this test never meets the instances of other test processes.
/// </summary>
public sealed class KilledPredecessorTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("standin-killed-");
    private readonly List<Process> _programs = [];

    [Fact]
    public async Task A_start_after_two_killed_runs_kills_their_orphaned_MariaDBs_and_deletes_their_directories()
    {
        // one after the other: two mariadb-install-db runs at once on this 2-core machine failed once
        var first = StartProgram();
        await WaitUntilReadyAsync(first);
        var second = StartProgram();
        await WaitUntilReadyAsync(second);
        var orphans = new[] { first, second }.Select(program => (Directory: SharedDirectoryOf(program), ServerPid: MariaDbPidOf(program))).ToList();
        first.Kill();
        second.Kill();
        await first.WaitForExitAsync();
        await second.WaitForExitAsync();
        Assert.All(orphans, orphan => Assert.True(IsRunning(orphan.ServerPid), "the killed run's mariadbd should outlive it"));

        var next = StartProgram();
        await WaitUntilReadyAsync(next);

        Assert.All(orphans, orphan =>
        {
            Assert.False(IsRunning(orphan.ServerPid), $"mariadbd {orphan.ServerPid} of a killed run is still running");
            Assert.False(Directory.Exists(orphan.Directory), $"{orphan.Directory} of a killed run is still there");
        });
        var nextDirectory = SharedDirectoryOf(next);
        Assert.True(Directory.Exists(nextDirectory));

        await StopAsync(next);
        Assert.Equal(0, next.ExitCode);
        Assert.False(Directory.Exists(nextDirectory), "a run stopped normally removes its MariaDB directory");
    }

    private Process StartProgram()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StarRocks.Typed.StandIn.Server.dll"));
        start.ArgumentList.Add("--shared-mariadb");
        start.Environment["TMPDIR"] = _temp.FullName;
        var program = Process.Start(start) ?? throw new InvalidOperationException("could not start the stand-in program");
        _programs.Add(program);
        return program;
    }

    /// <summary>Waits for the endpoint lines the program prints once it answers (its last line is the MariaDB endpoint).</summary>
    private static async Task WaitUntilReadyAsync(Process program)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var errors = program.StandardError.ReadToEndAsync(timeout.Token);
        while (await program.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("STANDIN_MARIADB=", StringComparison.Ordinal))
                return;
        }
        await program.WaitForExitAsync(timeout.Token);
        Assert.Fail($"the stand-in program exited with {program.ExitCode} before it was ready: {await errors}");
    }

    private string SharedDirectoryOf(Process program) =>
        Path.Combine(_temp.FullName, "starrocks-standin-mariadb-" + program.Id.ToString(CultureInfo.InvariantCulture));

    private int MariaDbPidOf(Process program) =>
        int.Parse(File.ReadAllText(Path.Combine(SharedDirectoryOf(program), "mariadbd.pid")).Trim(), CultureInfo.InvariantCulture);

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as <c>standin.sh stop</c> sends it (<see cref="Process.Kill()"/> sends SIGKILL).</summary>
    private static async Task StopAsync(Process program)
    {
        using (var kill = Process.Start("kill", ["-TERM", program.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await program.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        // whatever the outcome, leave no program and no MariaDB of this test behind
        foreach (var program in _programs)
        {
            if (!program.HasExited)
            {
                program.Kill();
                program.WaitForExit(TimeSpan.FromSeconds(10));
            }
            program.Dispose();
        }
        foreach (var pidFile in Directory.EnumerateFiles(_temp.FullName, "mariadbd.pid", SearchOption.AllDirectories))
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || !IsRunning(pid))
                continue;
            using var server = Process.GetProcessById(pid);
            server.Kill();
            server.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _temp.Delete(recursive: true);
    }
}
