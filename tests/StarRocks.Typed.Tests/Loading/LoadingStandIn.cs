using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Observation;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>
/// The loader tests' view of the shared stand-in (<see cref="SinkStandInFixture"/>, one per test run): connection options,
/// a fresh <c>orders</c> table per test, request-log and row-count helpers.
/// </summary>
public sealed class LoadingStandIn(SinkStandInFixture shared)
{
    public const string User = SinkStandInFixture.User;
    public const string Password = SinkStandInFixture.Password;

    private static int _tables;

    public StarRocksStandIn StandIn => shared.StandIn;

    /// <summary>Options pointing at the stand-in's first FE, with fast retries.</summary>
    public StarRocksConnectionOptions Options(string? loadUrls = null, int maxRetries = 3, string password = Password) => new()
    {
        LoadUrls = loadUrls ?? StandIn.FeHttp.ToString(),
        Username = User,
        Password = password,
        LabelPrefix = "it",
        MaxRetries = maxRetries,
        RetryInterval = TimeSpan.FromMilliseconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(1),
        WaitForContinueTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>Clears faults and the request log so each test sees only its own requests.</summary>
    public void Reset()
    {
        StandIn.Faults.Clear();
        StandIn.Requests.Clear();
    }

    /// <summary>Creates <c>(id INT, name VARCHAR(64))</c> in a fresh database.</summary>
    public async Task<TableSchema> CreateTableAsync(TableKind kind = TableKind.Duplicate)
    {
        var database = $"ld_{Environment.ProcessId}_{Interlocked.Increment(ref _tables)}_{DateTime.UtcNow:HHmmssfff}";
        ColumnSchema[] columns =
        [
            new("id", "INT", "INT", false, true, AggregateFunction.None),
            new("name", "VARCHAR(64)", "VARCHAR", true, false, AggregateFunction.None, Length: 64),
        ];
        var schema = new TableSchema(database, "orders", kind, columns, ["id"]);
        await using var connection = new MySqlConnection(StandIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var key = kind == TableKind.Duplicate ? "" : ", PRIMARY KEY (`id`)";
        command.CommandText =
            $"CREATE DATABASE `{database}`; CREATE TABLE `{database}`.`orders` (`id` INT NOT NULL, `name` VARCHAR(64) NULL{key}) DEFAULT CHARSET=utf8mb4";
        await command.ExecuteNonQueryAsync();
        await StandIn.Catalog.SaveAsync(schema);
        return schema;
    }

    /// <summary>The number of rows in <paramref name="table"/>.</summary>
    public async Task<long> CountAsync(TableSchema table)
    {
        await using var connection = new MySqlConnection(StandIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM `{table.Database}`.`{table.Name}`";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Requests the stand-in received for <paramref name="label"/> (or for a path containing it).</summary>
    public IReadOnlyList<RequestLogEntry> RequestsFor(string label) =>
        StandIn.Requests.Entries.Where(e => e.Label == label || e.Path.Contains(label, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The BE's requests for <paramref name="label"/> once there are at least <paramref name="count"/>: a request is
    /// logged when the BE has finished with it, which for a body the client broke off can be after the client returned.
    /// </summary>
    public async Task<IReadOnlyList<RequestLogEntry>> BeRequestsForAsync(string label, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var requests = RequestsFor(label).Where(r => r.Node == "be").ToList();
            if (requests.Count >= count || DateTime.UtcNow > deadline)
                return requests;
            await Task.Delay(20);
        }
    }

    /// <summary>A CSV batch of <paramref name="rows"/> tab-separated rows, larger than 1 KiB for 20+ rows.</summary>
    public static LoadBatch CsvBatch(int rows, int firstId = 1)
    {
        var batch = new LoadBatch();
        for (var i = firstId; i < firstId + rows; i++)
        {
            batch.Write(Encoding.UTF8.GetBytes($"{i}\tcustomer-{i:D6}-with-a-longer-name-to-grow-the-body\n"));
            batch.AddRows();
        }

        return batch;
    }

    public static readonly IReadOnlyDictionary<string, string> CsvHeaders = new Dictionary<string, string>
    {
        ["format"] = "CSV",
        ["column_separator"] = "\t",
        ["columns"] = "id, name",
    };
}

/// <summary>Collects every formatted log message (to prove credentials never reach the logs).</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages];
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages)
            _messages.Add($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
