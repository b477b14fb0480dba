using System.Globalization;
using System.Runtime.InteropServices;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;
using StarRocks.Typed.StandIn.Server;

// The StarRocks stand-in as a standalone program (used by standin.sh). See src/StarRocks.Typed.StandIn/README.md.
var arguments = CommandLine.Parse(args);
if (arguments.ContainsKey("help"))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
if (arguments.ContainsKey("measure"))
    return await LoadRateMeasurement.RunAsync(arguments);
if (arguments.ContainsKey("stop-mariadb"))
{
    if (await MariaDbServer.FindRunningAsync(arguments.GetValueOrDefault("datadir") ?? Path.Combine(".standin", "mariadb")) is { } server)
        await server.ShutdownAsync();
    return 0;
}

// --shared-mariadb: the per-process instance in $TMPDIR (MariaDbServer.GetSharedAsync), removed when the program stops
var sharedMariaDb = arguments.ContainsKey("shared-mariadb");
var dataDirectory = sharedMariaDb ? null : arguments.GetValueOrDefault("datadir") ?? Path.Combine(Environment.CurrentDirectory, ".standin", "mariadb");
var options = new StandInOptions
{
    FeHttpPort = CommandLine.Port(arguments, "fe-http-port"),
    BeHttpPort = CommandLine.Port(arguments, "be-http-port"),
    MySqlPort = CommandLine.Port(arguments, "mysql-port"),
    MariaDbPort = CommandLine.Port(arguments, "mariadb-port"),
    MariaDbDataDirectory = dataDirectory,
    User = arguments.GetValueOrDefault("user") ?? "root",
    Password = arguments.GetValueOrDefault("password") ?? "",
    StorageOff = arguments.ContainsKey("storage-off"),
};

// Registered before anything starts: a supervisor may send SIGTERM as soon as it reads the endpoints, and a signal
// taken by the runtime's default handling would skip the stop below.
var stop = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

StarRocksStandIn standIn;
try
{
    standIn = await StarRocksStandIn.StartAsync(options);
}
catch (NotImplementedException exception)
{
    Console.Error.WriteLine($"warning: the MySQL-protocol proxy is not available ({exception.Message}); starting without it");
    standIn = await StarRocksStandIn.StartAsync(options with { StartMySqlProxy = false });
}

var endpoints = string.Join('\n',
    $"STARROCKS_FE_HTTP={standIn.FeHttp}",
    $"STARROCKS_BE_HTTP={standIn.BeHttp}",
    $"STARROCKS_MYSQL={standIn.MySql?.ToString() ?? ""}",
    $"STARROCKS_USER={standIn.User}",
    $"STARROCKS_PASSWORD={standIn.Password}",
    $"STANDIN_MARIADB=127.0.0.1:{standIn.MariaDb.Port}") + "\n";
Console.Write(endpoints);
if (arguments.GetValueOrDefault("endpoints-file") is { } endpointsFile)
{
    await File.WriteAllTextAsync(endpointsFile + ".tmp", endpoints);
    File.Move(endpointsFile + ".tmp", endpointsFile, overwrite: true);
}

await stop.Task;
await standIn.DisposeAsync();
if (sharedMariaDb)
    await MariaDbServer.StopSharedAsync();
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stand-in stopped at {DateTime.UtcNow:O}"));
return 0;
