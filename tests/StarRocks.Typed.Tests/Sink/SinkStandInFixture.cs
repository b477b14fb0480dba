using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// The one StarRocks stand-in of the test run (with its MySQL endpoint, on the process's shared MariaDB) for every test that
/// needs one: sink, loader (<see cref="Loading.LoadingStandIn"/>), source and lookup tests. Each test gets its own database.
/// </summary>
public sealed class SinkStandInFixture : IAsyncLifetime
{
    public const string User = "typed_sink";
    public const string Password = "pw-Sink-93b1";
    private int _databases;

    public StarRocksStandIn StandIn { get; private set; } = null!;

    public async Task InitializeAsync() =>
        StandIn = await StarRocksStandIn.StartAsync(new StandInOptions { User = User, Password = Password });

    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await MariaDbServer.StopSharedAsync(); // this process's MariaDB (test hosts may be killed before ProcessExit handlers run)
    }

    /// <summary>A MySqlConnector connection string to the stand-in's MySQL endpoint.</summary>
    public string ConnectionString => StandIn.MySqlConnectionString();

    /// <summary>Options of a test: small, unchecked buffer limits, fast retries, a fresh database.</summary>
    public Action<StarRocksOptions> Options(string database, Action<StarRocksOptions>? more = null) => options =>
    {
        options.Connection.LoadUrls = StandIn.FeHttp.ToString();
        options.Connection.Username = User;
        options.Connection.Password = Password;
        options.Connection.LabelPrefix = "sink";
        options.Connection.RetryInterval = TimeSpan.FromMilliseconds(20);
        options.Database = database;
        options.UncheckedBufferLimitsForTesting = true;
        options.BufferFlushMaxBytes = 1024 * 1024;
        options.BufferFlushMaxRows = 100_000;
        options.BufferFlushInterval = TimeSpan.FromMinutes(10);
        more?.Invoke(options);
    };

    /// <summary>A service provider with sinks for the test tables, after creating them (through the MySQL endpoint) in a fresh database.</summary>
    public async Task<(ServiceProvider Services, string Database)> StartAsync(Action<StarRocksOptions>? more = null)
    {
        StandIn.Faults.Clear();
        var database = $"sk_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{DateTime.UtcNow:HHmmssfff}";
        var services = new ServiceCollection().AddLogging()
            .AddStarRocks(Options(database, more))
            .AddSink<SinkItem>()
            .AddSink<SinkEvent>()
            .AddSink<SinkTicket>()
            .AddSink<SinkTicketStateRow>()
            .AddSink<SinkBlob>()
            .AddHealthChecks()
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(ConnectionString))
            .Services.BuildServiceProvider();
        var schema = services.GetRequiredService<IStarRocksSchema>();
        await schema.EnsureTableAsync(InDatabase(SinkItem.Table, database));
        await schema.EnsureTableAsync(InDatabase(SinkEvent.Table, database));
        await schema.EnsureTableAsync(InDatabase(SinkTicket.Table, database));
        await schema.EnsureTableAsync(InDatabase(SinkTicketStateRow.Table, database));
        await schema.EnsureTableAsync(InDatabase(SinkBlob.Table, database));
        return (services, database);
    }

    /// <summary>
    /// Recreates <paramref name="database"/>'s <c>events</c> table with <c>payload VARCHAR(20)</c>, narrower than the
    /// model's VARCHAR(300): a table that drifted from its model, so that StarRocks, not the writer (which checks the
    /// model's length), filters the payloads of 21 to 300 bytes.
    /// </summary>
    public async Task NarrowEventPayloadAsync(string database)
    {
        var ddl = InDatabase(SinkEvent.Table, database).CreateTableSql;
        var narrowed = ddl.Replace("`payload` VARCHAR(300)", "`payload` VARCHAR(20)", StringComparison.Ordinal);
        Assert.NotEqual(ddl, narrowed);
        await QueryAsync($"DROP TABLE `{database}`.`events`");
        await QueryAsync(narrowed);
    }

    /// <summary>Rows of <paramref name="sql"/> read back through the stand-in's MySQL endpoint, one string per row (fields joined by |).</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task<long> CountAsync(string database, string table) =>
        long.Parse((await QueryAsync($"SELECT COUNT(*) FROM `{database}`.`{table}`"))[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><paramref name="table"/> moved to <paramref name="database"/> (its metadata and its DDL).</summary>
    /// <summary>A journal path of its own for an exactly-once test.</summary>
    public static string NewJournalPath() => Path.Combine(Path.GetTempPath(), $"sink-journal-{Guid.NewGuid():N}.json");

    /// <summary>Exactly-once with <paramref name="journal"/> as the checkpoint journal.</summary>
    public static void ExactlyOnce(StarRocksOptions options, string journal)
    {
        options.Semantic = StarRocksSinkSemantic.ExactlyOnce;
        options.JournalPath = journal;
    }

    /// <summary>A transaction client with this fixture's connection to <paramref name="database"/>.</summary>
    public TransactionStreamLoadClient TransactionClient(string database)
    {
        var options = new StarRocksOptions();
        Options(database)(options);
        return new TransactionStreamLoadClient(options.Connection);
    }

    public static StarRocksTableInfo InDatabase(StarRocksTableInfo table, string database) =>
        table with { Database = database, CreateTableSql = table.CreateTableSql.Replace($"`{table.Database}`.", $"`{database}`.", StringComparison.Ordinal) };
}

[CollectionDefinition(Name)]
public sealed class SinkStandInCollection : ICollectionFixture<SinkStandInFixture>
{
    public const string Name = "sink stand-in";
}
