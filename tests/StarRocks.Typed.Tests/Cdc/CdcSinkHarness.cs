using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>A CDC sink over the stand-in (services of its own, so a test can stop it and start another: a restart), and a source database name of its own.</summary>
internal sealed class CdcSinkHarness(SinkStandInFixture fixture, string database)
{
    private static int s_databases;

    public static string NewDatabase(string prefix) => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}_{DateTime.UtcNow:HHmmssfff}";

    public string Database { get; } = database;

    /// <summary>Starts a sink (a new process, as far as the sink knows).</summary>
    public (ServiceProvider Services, StarRocksCdcSink Sink) Start(Action<StarRocksOptions>? more = null, Action<StarRocksCdcOptions>? cdc = null)
    {
        var services = new ServiceCollection().AddLogging()
            .AddStarRocks(fixture.Options(Database, more))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .AddCdcSink(cdc)
            .Services.BuildServiceProvider();
        return (services, services.GetRequiredService<StarRocksCdcSink>());
    }

    public Task<List<string>> RowsAsync(string table, string columns, string? database = null) =>
        fixture.QueryAsync($"SELECT {columns} FROM `{database ?? Database}`.`{table}` ORDER BY 1");

    public Task<List<string>> ColumnsAsync(string table, string? database = null) =>
        fixture.QueryAsync($"SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.columns WHERE TABLE_SCHEMA = '{database ?? Database}' AND TABLE_NAME = '{table}' ORDER BY ORDINAL_POSITION");

    public static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);
}
