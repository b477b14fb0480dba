using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace StarRocks.Typed.StandIn.MariaDb;

/// <summary>
/// A private MariaDB instance: its own data directory, TCP port on 127.0.0.1 and unix socket. Starting it installs
/// <c>mariadb-server</c> with apt-get when <c>mariadbd</c> is missing, initialises the data directory once, and
/// reuses an instance already running on the same data directory (found through the files it keeps there).
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    private const string PortFileName = "standin.port";
    private const string SharedDirectoryPrefix = "starrocks-standin-mariadb-";
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static MariaDbServer? _shared;
    private static bool _sharedIsTemporary;

    private readonly Process? _process;
    private int _disposed;

    private MariaDbServer(string dataDirectory, int port, Process? process)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _process = process;
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The TCP endpoint.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The unix socket path.</summary>
    public string SocketPath => SocketPathFor(DataDirectory);

    /// <summary>True when this object started the server process (and so stops it on dispose).</summary>
    public bool OwnsProcess => _process is not null;

    /// <summary>A connection string for the passwordless administrative user <c>root@127.0.0.1</c>.</summary>
    public string ConnectionString(string? database = null) =>
        new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)Port,
            UserID = "root",
            Password = "",
            Database = database ?? "",
            SslMode = MySqlSslMode.None,
            GuidFormat = MySqlGuidFormat.None,
            AllowUserVariables = true,
            CharacterSet = "utf8mb4",
            Pooling = true,
            MaximumPoolSize = 200,
            DefaultCommandTimeout = 120,
        }.ConnectionString;

    /// <summary>
    /// The MariaDB instance shared by every caller in this process (one per test run). Its data directory is
    /// <c>$TMPDIR/starrocks-standin-mariadb-{pid}</c>, private to this process so that test assemblies running in
    /// parallel never stop each other's instance, and removed by <see cref="StopSharedAsync"/>. Set
    /// <c>STANDIN_MARIADB_DATADIR</c> to keep and reuse one data directory across runs instead.
    /// </summary>
    public static async Task<MariaDbServer> GetSharedAsync(CancellationToken cancellationToken = default)
    {
        await SharedGate.WaitAsync(cancellationToken);
        try
        {
            if (_shared is not null)
                return _shared;
            var dataDirectory = Environment.GetEnvironmentVariable("STANDIN_MARIADB_DATADIR");
            _sharedIsTemporary = dataDirectory is null;
            if (_sharedIsTemporary)
                await RemoveAbandonedSharedInstancesAsync();
            dataDirectory ??= Path.Combine(Path.GetTempPath(), SharedDirectoryPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            _shared = await StartAsync(dataDirectory, 0, cancellationToken);
            var shared = _shared;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Stop();
            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>
    /// Stops the shared instance if this process started it (call it from the test run's last fixture disposal: test
    /// hosts are often killed before <c>ProcessExit</c> handlers run).
    /// </summary>
    public static async Task StopSharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is not null)
            {
                await _shared.DisposeAsync();
                if (_sharedIsTemporary && _shared.OwnsProcess)
                    await DeleteDirectoryAsync(_shared.DataDirectory);
            }
            _shared = null;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>
    /// Starts (or reuses) the instance on <paramref name="dataDirectory"/>; <paramref name="port"/> 0 picks a free port
    /// (a reused instance keeps its port).
    /// </summary>
    public static async Task<MariaDbServer> StartAsync(string dataDirectory, int port = 0, CancellationToken cancellationToken = default)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var running = await TryReuseAsync(dataDirectory, cancellationToken);
        if (running is not null)
            return running;

        var serverBinary = await EnsureInstalledAsync(cancellationToken);
        var dbDirectory = Path.Combine(dataDirectory, "db");
        if (!Directory.Exists(Path.Combine(dbDirectory, "mysql")))
        {
            await InstallSystemTablesAsync(dbDirectory, cancellationToken);
        }

        // A port picked free can be taken before mariadbd binds it (by another process's outgoing connection, or by
        // another instance launched at the same moment on the same pick): then mariadbd exits, and a picked port is
        // tried again with another one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LaunchAsync(serverBinary, dataDirectory, dbDirectory, port == 0 ? FreeTcpPort() : port, cancellationToken);
            }
            catch (PortNotServedException) when (port == 0 && attempt < 3)
            {
            }
        }
    }

    private static async Task<MariaDbServer> LaunchAsync(string serverBinary, string dataDirectory, string dbDirectory, int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(serverBinary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        var errorLog = Path.Combine(dataDirectory, "mariadbd.err");
        foreach (var argument in (string[])[
                     $"--datadir={dbDirectory}", $"--port={port}", $"--socket={SocketPathFor(dataDirectory)}",
                     "--bind-address=127.0.0.1", $"--pid-file={Path.Combine(dataDirectory, "mariadbd.pid")}",
                     $"--log-error={errorLog}", "--skip-log-bin",
                     "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=256M", "--max-connections=1000",
                     "--max-allowed-packet=256M", "--note-verbosity=", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin",
                     .. RunAsUserArguments()])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {serverBinary}");
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, PortFileName), port.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var server = new MariaDbServer(dataDirectory, port, process);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await server.AnsweringDataDirectoryAsync(cancellationToken) is var answering && !server.Serves(answering))
            {
                // Another instance answering on the port took it first; this one will fail to bind it. Tests that ran
                // on such a borrowed server lost it when its owner stopped it.
                if (answering is not null)
                    throw new PortNotServedException($"port {port} is served by the MariaDB of {answering}, not by the one started on {dbDirectory}");
                if (process.HasExited)
                {
                    var lastLines = File.Exists(errorLog) ? string.Join(Environment.NewLine, File.ReadLines(errorLog).TakeLast(5)) : "(no log)";
                    throw new PortNotServedException($"mariadbd on port {port} exited with code {process.ExitCode}; the end of {errorLog}:{Environment.NewLine}{lastLines}");
                }

                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"mariadbd on port {port} did not answer within 60 s");
                await Task.Delay(100, cancellationToken);
            }
            return server;
        }
        catch
        {
            // never leave a server behind that nobody owns
            if (!process.HasExited)
                process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The mariadbd just started does not serve its port: it exited before it answered (its log's last lines are in the message), or another instance answers there.</summary>
    private sealed class PortNotServedException(string message) : InvalidOperationException(message);

    /// <summary>Stops the server when this object started it (a reused instance is left running).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null || Interlocked.Exchange(ref _disposed, 1) == 1 || _process.HasExited)
            return;
        await ShutdownAsync();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            _process.Kill();
        _process.Dispose();
    }

    /// <summary>Stops the server regardless of who started it (used by <c>standin.sh stop</c>).</summary>
    public async Task ShutdownAsync()
    {
        try
        {
            await using var connection = new MySqlConnection(ConnectionString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SHUTDOWN";
            await command.ExecuteNonQueryAsync();
        }
        catch (MySqlException)
        {
            // already stopping or stopped
        }
        MySqlConnection.ClearAllPools();
    }

    private void Stop()
    {
        if (_process is null || Volatile.Read(ref _disposed) == 1 || _process.HasExited)
            return;
        ShutdownAsync().GetAwaiter().GetResult();
        _process.WaitForExit(TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// Removes per-process shared instances whose test process died without stopping them (a killed test host): kills
    /// the orphaned <c>mariadbd</c> and deletes its data directory, so that a new run starts cleanly and abandoned
    /// servers do not pile up across runs. The orphan is found by its command line, not by connecting to it: it may
    /// still be starting (no pid file yet), and its data is thrown away anyway.
    /// </summary>
    /// <summary>
    /// Runs <c>mariadb-install-db</c> on an empty <paramref name="dbDirectory"/>. It failed once in a full test run while
    /// another instance was being installed (cause not found; its log went with the temporary directory), so a failed
    /// install is cleared and tried once more, and a second failure reports both.
    /// </summary>
    private static async Task InstallSystemTablesAsync(string dbDirectory, CancellationToken cancellationToken)
    {
        string[] arguments = [$"--datadir={dbDirectory}", "--auth-root-authentication-method=normal", "--skip-test-db", .. RunAsUserArguments()];
        Directory.CreateDirectory(dbDirectory);
        try
        {
            await RunAsync("mariadb-install-db", arguments, cancellationToken);
        }
        catch (InvalidOperationException first)
        {
            Directory.Delete(dbDirectory, recursive: true);
            Directory.CreateDirectory(dbDirectory);
            try
            {
                await RunAsync("mariadb-install-db", arguments, cancellationToken);
            }
            catch (InvalidOperationException second)
            {
                throw new InvalidOperationException($"{second.Message}\nThe first attempt failed too: {first.Message}", second);
            }
        }
    }

    private static async Task RemoveAbandonedSharedInstancesAsync()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), SharedDirectoryPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(directory)[SharedDirectoryPrefix.Length..], out var ownerPid) || IsAlive(ownerPid))
                continue;
            foreach (var orphan in ServerProcessesOn(directory))
            {
                using (orphan)
                {
                    try
                    {
                        orphan.Kill();
                        await orphan.WaitForExitAsync();
                    }
                    catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // it exited meanwhile (another process is cleaning up too), or it is not ours to kill
                    }
                }
            }
            try
            {
                await DeleteDirectoryAsync(directory);
            }
            catch (UnauthorizedAccessException)
            {
                // not ours to remove
            }
        }
    }

    /// <summary>The running <c>mariadbd</c> processes whose data directory lies in <paramref name="directory"/> (Linux: read from <c>/proc/{pid}/cmdline</c>).</summary>
    private static IEnumerable<Process> ServerProcessesOn(string directory)
    {
        var dataDirectoryArgument = $"--datadir={Path.Combine(directory, "db")}";
        foreach (var process in Process.GetProcessesByName("mariadbd"))
        {
            string[] arguments;
            try
            {
                arguments = File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                arguments = []; // exited meanwhile
            }
            if (arguments.Contains(dataDirectoryArgument, StringComparer.Ordinal))
                yield return process;
            else
                process.Dispose();
        }
    }

    /// <summary>Deletes a data directory, retrying while the stopped server's last writes settle (the next run cleans up otherwise).</summary>
    private static async Task DeleteDirectoryAsync(string directory)
    {
        for (var attempt = 0; attempt < 20 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
        }
    }

    private static bool IsAlive(int pid)
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

    /// <summary>The instance running on <paramref name="dataDirectory"/> (not owned), or null when none answers.</summary>
    public static Task<MariaDbServer?> FindRunningAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        TryReuseAsync(Path.GetFullPath(dataDirectory), cancellationToken);

    private static async Task<MariaDbServer?> TryReuseAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var portFile = Path.Combine(dataDirectory, PortFileName);
        if (!File.Exists(portFile) || !int.TryParse(await File.ReadAllTextAsync(portFile, cancellationToken), out var port))
            return null;
        var candidate = new MariaDbServer(dataDirectory, port, null);
        return candidate.Serves(await candidate.AnsweringDataDirectoryAsync(cancellationToken)) ? candidate : null;
    }

    /// <summary>Whether <paramref name="answering"/> (from <see cref="AnsweringDataDirectoryAsync"/>) is this instance's data.</summary>
    private bool Serves(string? answering) => answering == Path.Combine(DataDirectory, "db");

    /// <summary>The <c>@@datadir</c> (full path, no trailing slash) of the server answering on <see cref="Port"/>, or null when none answers.</summary>
    private async Task<string?> AnsweringDataDirectoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var builder = new MySqlConnectionStringBuilder(ConnectionString()) { Pooling = false, ConnectionTimeout = 2 };
            await using var connection = new MySqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT @@datadir";
            return await command.ExecuteScalarAsync(cancellationToken) is string datadir ? Path.GetFullPath(datadir).TrimEnd('/') : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A server still starting can also end the handshake half-way (IOException, EndOfStreamException, …), not
            // only refuse it; the callers bound the waiting (deadline, process exit).
            return null;
        }
    }

    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var binary = FindServerBinary();
        if (binary is not null)
            return binary;
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        await RunAsync("sh", ["-c", $"{sudo}apt-get update -q && DEBIAN_FRONTEND=noninteractive {sudo}apt-get install -y -q mariadb-server"],
            cancellationToken);
        return FindServerBinary() ?? throw new InvalidOperationException("mariadbd is missing after installing mariadb-server");
    }

    private static string? FindServerBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':').Append("/usr/sbin").Append("/usr/local/sbin")
            .Select(directory => Path.Combine(directory, "mariadbd"))
            .FirstOrDefault(File.Exists);
    }

    private static string[] RunAsUserArguments() => Environment.UserName == "root" ? ["--user=root"] : [];

    private static string SocketPathFor(string dataDirectory) => Path.Combine(dataDirectory, "mariadbd.sock");

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {await output}{await error}");
    }
}
