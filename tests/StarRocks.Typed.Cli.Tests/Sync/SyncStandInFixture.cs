using System.Globalization;
using System.Text.Json.Nodes;
using MySqlConnector;
using StarRocks.Typed.Cli.Sync;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Cli.Tests.Sync;

/// <summary>
/// The stand-in of the tool's tests (one per run, on the process's shared MariaDB), with helpers to create databases,
/// seed tables straight into MariaDB, write job files and run <c>sync</c> in-process as the command line does.
/// </summary>
public sealed class SyncStandInFixture : IAsyncLifetime
{
    public const string User = "typed_cli";
    public const string Password = "pw-Cli-5e27";
    public const string PasswordVariable = "SYNC_TEST_PASSWORD";

    /// <summary>The columns of the orders table (the shape of the Orders sample).</summary>
    public const string OrderColumns = "order_id, order_date, customer_id, status, amount, discount, currency, item_count, weight, shipping_city, shipped_at, note";

    private int _databases;

    public StarRocksStandIn StandIn { get; private set; } = null!;

    public async Task InitializeAsync() =>
        StandIn = await StarRocksStandIn.StartAsync(new StandInOptions { User = User, Password = Password });

    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await MariaDbServer.StopSharedAsync();
    }

    /// <summary>A fresh database (created through the stand-in's MySQL endpoint).</summary>
    public async Task<string> NewDatabaseAsync(string prefix)
    {
        var database = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{DateTime.UtcNow:HHmmssfff}";
        await ExecuteAsync($"CREATE DATABASE `{database}`");
        return database;
    }

    /// <summary>Creates the orders table in <paramref name="database"/> (StarRocks DDL, through the MySQL endpoint).</summary>
    public Task CreateOrdersAsync(string database, string table = "orders", int statusLength = 96) => ExecuteAsync($"""
        CREATE TABLE `{database}`.`{table}` (
          `order_id` BIGINT NOT NULL,
          `order_date` DATETIME NOT NULL,
          `customer_id` BIGINT NOT NULL,
          `status` VARCHAR({statusLength}) NOT NULL,
          `amount` DECIMAL(18,2) NOT NULL,
          `discount` DECIMAL(18,2) NULL,
          `currency` CHAR(9) NOT NULL,
          `item_count` INT NOT NULL,
          `weight` DOUBLE NULL,
          `shipping_city` VARCHAR(600) NULL,
          `shipped_at` DATETIME NULL,
          `note` STRING NULL
        )
        PRIMARY KEY(`order_id`)
        DISTRIBUTED BY HASH(`order_id`) BUCKETS 1
        PROPERTIES ("replication_num" = "1")
        """);

    /// <summary>
    /// Inserts orders <paramref name="first"/>..<paramref name="last"/> straight into MariaDB: NULLs in every nullable
    /// column, fractional seconds, negative and zero amounts, text with commas, tabs, quotes and non-ASCII characters.
    /// </summary>
    public Task SeedOrdersAsync(string database, long first, long last, string table = "orders") => ExecuteOnMariaDbAsync(database, string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO `{table}` ({OrderColumns})
        SELECT seq,
               TIMESTAMP('2024-01-01 00:00:00') + INTERVAL (seq % 100000) SECOND,
               seq % 977,
               ELT(seq % 3 + 1, 'new', 'paid', 'shipped'),
               (CAST(seq % 20001 AS SIGNED) - 10000) / 100,
               IF(seq % 5 = 0, NULL, (seq % 300) / 100),
               IF(seq % 2 = 0, 'EUR', 'CNY'),
               seq % 9,
               IF(seq % 4 = 0, NULL, seq / 7),
               IF(seq % 6 = 0, NULL, CONCAT('Zürich, ', seq % 50)),
               IF(seq % 2 = 0, NULL, TIMESTAMP('2024-02-02 10:11:12.250000') + INTERVAL seq SECOND),
               IF(seq % 3 = 0, NULL, CONCAT('say "hi"', CHAR(9), seq))
        FROM seq_{first}_to_{last}
        """));

    /// <summary>Count and a checksum over every column of <paramref name="table"/> (NULLs distinguished), read from MariaDB.</summary>
    public async Task<string> ChecksumAsync(string database, string table = "orders")
    {
        var columns = string.Join(", ", OrderColumns.Split(", ").Select(c => $"IFNULL({c}, '<null>')"));
        var rows = await QueryMariaDbAsync(database, $"SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', {columns}))) FROM `{table}`");
        return rows[0];
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(StandIn.MySqlConnectionString());
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteOnMariaDbAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(StandIn.MariaDbConnectionString(database));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Rows of <paramref name="sql"/> on MariaDB, one string per row (fields joined by |, NULL as NULL).</summary>
    public async Task<List<string>> QueryMariaDbAsync(string database, string sql)
    {
        await using var connection = new MySqlConnection(StandIn.MariaDbConnectionString(database));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public async Task<long> CountAsync(string database, string table = "orders") =>
        long.Parse((await QueryMariaDbAsync(database, $"SELECT COUNT(*) FROM `{table}`"))[0], CultureInfo.InvariantCulture);

    /// <summary>A data source on the stand-in's MySQL endpoint, in <paramref name="database"/>.</summary>
    public JsonObject DataSource(string database) => new()
    {
        ["type"] = "starrocks",
        ["jdbcUrl"] = $"jdbc:mysql://127.0.0.1:{StandIn.MySql!.Port}/{database}",
        ["username"] = User,
        ["passwordEnv"] = PasswordVariable,
    };

    /// <summary>A StarRocks reader step of <c>src</c>.</summary>
    public static JsonObject DatabaseReader(string table = "orders", string? splitPk = null, string? where = null)
    {
        var parameter = new JsonObject { ["datasource"] = "src", ["table"] = table, ["column"] = new JsonArray("*") };
        if (splitPk is not null)
            parameter["splitPk"] = splitPk;
        if (where is not null)
            parameter["where"] = where;
        return new JsonObject { ["stepType"] = "starrocks", ["category"] = "reader", ["name"] = "Reader", ["parameter"] = parameter };
    }

    /// <summary>A StarRocks writer step into <c>dst</c>'s orders table, CSV with <c>\x01</c>/<c>\x02</c> separators unless <paramref name="loadProps"/> says otherwise.</summary>
    public JsonObject StarRocksWriter(string table = "orders", JsonObject? loadProps = null, Action<JsonObject>? more = null)
    {
        var parameter = new JsonObject
        {
            ["datasource"] = "dst",
            ["table"] = table,
            ["column"] = new JsonArray([.. OrderColumns.Split(", ").Select(c => (JsonNode)c)]),
            ["loadUrl"] = new JsonArray($"127.0.0.1:{StandIn.FeHttp.Port}"),
            ["loadProps"] = loadProps ?? new JsonObject { ["column_separator"] = "\\x01", ["row_delimiter"] = "\\x02" },
        };
        more?.Invoke(parameter);
        return new JsonObject { ["stepType"] = "starrocks", ["category"] = "writer", ["name"] = "Writer", ["parameter"] = parameter };
    }

    /// <summary>A file step (<c>csv</c> or <c>jsonl</c>).</summary>
    public static JsonObject FileStep(string category, string stepType, string path, Action<JsonObject>? more = null)
    {
        var parameter = new JsonObject { ["path"] = path };
        more?.Invoke(parameter);
        return new JsonObject { ["stepType"] = stepType, ["category"] = category, ["name"] = category == "reader" ? "Reader" : "Writer", ["parameter"] = parameter };
    }

    /// <summary>Writes a job file (data sources <c>src</c> and <c>dst</c>) and returns its path.</summary>
    public string WriteJob(string? sourceDatabase, string? targetDatabase, JsonObject reader, JsonObject writer, int? concurrency = null)
    {
        var sources = new JsonObject();
        if (sourceDatabase is not null)
            sources["src"] = DataSource(sourceDatabase);
        if (targetDatabase is not null)
            sources["dst"] = DataSource(targetDatabase);
        var job = new JsonObject { ["type"] = "job", ["version"] = "2.0", ["dataSources"] = sources, ["steps"] = new JsonArray(reader, writer) };
        if (concurrency is { } n)
            job["setting"] = new JsonObject { ["speed"] = new JsonObject { ["concurrent"] = n } };
        var path = Path.Combine(Path.GetTempPath(), $"sync-job-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, job.ToJsonString());
        return path;
    }

    /// <summary>Runs <c>sync</c> on <paramref name="jobPath"/> in-process.</summary>
    public static async Task<SyncRun> SyncAsync(string jobPath, bool json = false, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await SyncCommand.RunAsync(jobPath, null, json, output, error, name => name == PasswordVariable ? Password : null, cancellationToken);
        return new SyncRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Stream Loads the stand-in's BE answered for <paramref name="database"/>.</summary>
    public int LoadsInto(string database) =>
        StandIn.Requests.Entries.Count(e => e.Node.StartsWith("be", StringComparison.OrdinalIgnoreCase) && e.Path.StartsWith($"/api/{database}/", StringComparison.Ordinal) && e.Path.EndsWith("/_stream_load", StringComparison.Ordinal));
}

/// <summary>What a <c>sync</c> run returned and printed.</summary>
public sealed record SyncRun(int ExitCode, string Output, string Error);

[CollectionDefinition(Name)]
public sealed class SyncStandInCollection : ICollectionFixture<SyncStandInFixture>
{
    public const string Name = "sync stand-in";
}
