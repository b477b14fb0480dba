using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Source;

/// <summary>
/// A fresh database on the shared sink stand-in with the read models' tables, and a service provider with their sources
/// and lookups. Rows are inserted straight into MariaDB (fast); reads go through the stand-in's MySQL endpoint.
/// </summary>
public sealed class ReadTestContext : IAsyncDisposable
{
    private static int _databases;
    private readonly SinkStandInFixture _fixture;

    private ReadTestContext(SinkStandInFixture fixture, ServiceProvider services, string database)
    {
        _fixture = fixture;
        Services = services;
        Database = database;
    }

    public ServiceProvider Services { get; }

    public string Database { get; }

    public static async Task<ReadTestContext> StartAsync(
        SinkStandInFixture fixture, Action<StarRocksReadOptions>? reads = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var database = $"rd_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{DateTime.UtcNow:HHmmssfff}";
        var collection = new ServiceCollection();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        services?.Invoke(collection);

        var provider = collection
            .AddStarRocks(fixture.Options(database))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .ConfigureReads(o => reads?.Invoke(o))
            .AddSource<ScanRow>()
            .AddSource<WideNumber>()
            .AddLookup<LookupCustomer>()
            .AddLookup<LookupPrice, (DateOnly Day, int Sku)>()
            .AddLookup<LookupRegionalPrice, (string Region, DateOnly Day, int Sku)>()
            .Services.BuildServiceProvider();
        var schema = provider.GetRequiredService<IStarRocksSchema>();
        foreach (var table in new[] { ScanRow.Table, LookupCustomer.Table, LookupPrice.Table, LookupRegionalPrice.Table, WideNumber.Table })
        {
            await schema.EnsureTableAsync(SinkStandInFixture.InDatabase(table, database));
        }

        return new ReadTestContext(fixture, provider, database);
    }

    /// <summary>Runs <paramref name="sql"/> ({db} = this database) directly on MariaDB.</summary>
    public async Task ExecuteOnMariaDbAsync(string sql)
    {
        await using var connection = new MySqlConnection(_fixture.StandIn.MariaDbConnectionString(Database));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql.Replace("{db}", Database, StringComparison.Ordinal), connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> ({db} = this database) through the stand-in's MySQL endpoint.</summary>
    public Task ExecuteAsync(string sql) => _fixture.QueryAsync(sql.Replace("{db}", Database, StringComparison.Ordinal));

    /// <summary>Inserts <paramref name="count"/> scan rows: id = first…, bucket = <paramref name="bucket"/>(id), name "n{id}" (+ padding), qty = id % 7.</summary>
    public Task InsertScanRowsAsync(int count, Func<long, long?> bucket, long firstId = 1, int padding = 0) =>
        ExecuteOnMariaDbAsync("INSERT INTO `{db}`.`scan_rows` (id, bucket, name, qty) VALUES " + string.Join(", ", Enumerable.Range(0, count).Select(i =>
        {
            var id = firstId + i;
            return $"({id}, {(bucket(id) is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL")}, 'n{id}{new string('x', padding)}', {id % 7})";
        })));

    /// <summary>Queries received by the stand-in that name this database's <paramref name="table"/>.</summary>
    public IReadOnlyList<string> StatementsOn(string table) =>
        _fixture.StandIn.SqlLog.Entries.Select(e => e.Statement)
            .Where(s => s.StartsWith("SELECT", StringComparison.Ordinal) && s.Contains($"`{Database}`.`{table}`", StringComparison.Ordinal)).ToList();

    /// <summary>The MariaDB connection ids that ran statements on <paramref name="table"/> containing <paramref name="text"/>.</summary>
    public IReadOnlyList<int> ConnectionsRunning(string table, string text) =>
        _fixture.StandIn.SqlLog.Entries
            .Where(e => e.Statement.Contains($"`{Database}`.`{table}`", StringComparison.Ordinal) && e.Statement.Contains(text, StringComparison.Ordinal))
            .Select(e => e.ConnectionId).ToList();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
