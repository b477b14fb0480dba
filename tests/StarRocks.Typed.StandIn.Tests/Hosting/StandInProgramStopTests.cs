using System.Diagnostics;
using System.Globalization;

namespace StarRocks.Typed.StandIn.Tests.Hosting;

/// <summary>
/// How the stand-in program (<c>--shared-mariadb</c>) ends, as a supervisor sees it. A run killed with SIGKILL leaves
/// its shared MariaDB (<c>MariaDbServer.GetSharedAsync</c>) running with nobody to stop it; the next start must remove
/// it by itself. SIGTERM stops a run and removes its MariaDB, also while it is still starting. The programs run in a
/// private <c>TMPDIR</c>, so that these tests never meet the instances of other test processes.
/// </summary>
public sealed class StandInProgramStopTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("standin-killed-");
    private readonly List<Process> _programs = [];
    private readonly Dictionary<Process, Task<string>> _errors = []; // each program's stderr, read from its start so that it never blocks on a full pipe

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

    [Fact]
    public async Task SIGTERM_while_the_program_is_starting_stops_it_once_started_and_removes_its_MariaDB()
    {
        // before its signal handlers were registered first, a SIGTERM around the ready line left the program hanging
        var program = StartProgram();
        var directory = SharedDirectoryOf(program);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Directory.Exists(directory) && !program.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(Directory.Exists(directory), "the program did not begin to start its MariaDB");

        await StopAsync(program);

        Assert.Equal(0, program.ExitCode);
        Assert.False(Directory.Exists(directory), "a run stopped while starting removes its MariaDB directory");
        Assert.Contains("stand-in stopped", await _errors[program], StringComparison.Ordinal);
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
        _errors[program] = program.StandardError.ReadToEndAsync();
        return program;
    }

    /// <summary>Waits for the endpoint lines the program prints once it answers (its last line is the MariaDB endpoint).</summary>
    private async Task WaitUntilReadyAsync(Process program)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await program.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("STANDIN_MARIADB=", StringComparison.Ordinal))
                return;
        }
        await program.WaitForExitAsync(timeout.Token);
        Assert.Fail($"the stand-in program exited with {program.ExitCode} before it was ready: {await _errors[program]}");
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
    private async Task StopAsync(Process program)
    {
        using (var kill = Process.Start("kill", ["-TERM", program.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await program.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            program.Kill();
            await program.WaitForExitAsync();
            Assert.Fail($"the stand-in program did not stop within 60 s of SIGTERM; its stderr: {await _errors[program]}");
        }
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
