using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Cli.Jobs;
using StarRocks.Typed.Cli.Sync;
using StarRocks.Typed.Cli.Sync.Reading;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Source;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Benchmarks.Sync;

/// <summary>
/// <c>quick-sync [rows] [runs]</c>: the orders table (<see cref="BenchOrder"/>'s shape) synced from database <c>bench</c>
/// to database <c>bench_copy</c> of one stand-in whose BE has storage off (it reads and counts every load body), by the
/// <c>starrocks-typed sync</c> pipeline (a job with <c>splitPk</c>, concurrency 4, the writer's default batches) and by
/// the typed source (4 split slices) feeding the typed sink (default options), alternately after one uncounted warm-up
/// run of each; prints rows/s of each run, the ratio of the best runs and the median of the per-run ratios, then the
/// rows/s of the sync's reader alone (where the time goes).
/// </summary>
internal static class QuickSyncMeasurement
{
    private const int Concurrency = 4;

    public static async Task RunAsync(int rows, int runs)
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { StorageOff = true });
        try
        {
            await CreateAndSeedAsync(standIn, rows);
            await MeasureAsync(() => ToolAsync(standIn, rows), rows); // warm-up (JIT, MariaDB's buffer pool): not counted
            await MeasureAsync(() => TypedAsync(standIn, rows), rows);
            var tool = new List<double>();
            var typed = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var toolRate = await MeasureAsync(() => ToolAsync(standIn, rows), rows);
                var typedRate = await MeasureAsync(() => TypedAsync(standIn, rows), rows);
                tool.Add(toolRate);
                typed.Add(typedRate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: starrocks-typed sync {toolRate:N0} rows/s, typed source + sink {typedRate:N0} rows/s, ratio {toolRate / typedRate:P0}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best of {runs}: sync {tool.Max():N0} rows/s, typed source + sink {typed.Max():N0} rows/s, ratio {tool.Max() / typed.Max():P0}; " +
                $"median ratio {Median(tool.Zip(typed, (a, b) => a / b)):P0}"));
            var reading = await MeasureAsync(() => ToolReadOnlyAsync(standIn), rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the sync's reader alone (splits read into chunks, nothing written): {reading:N0} rows/s"));
        }
        finally
        {
            await MariaDbServer.StopSharedAsync();
        }
    }

    private static async Task<double> MeasureAsync(Func<Task<long>> run, int rows)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var written = await run();
        clock.Stop();
        if (written != rows)
            throw new InvalidOperationException($"{written} rows written, {rows} expected.");
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> ToolAsync(StarRocksStandIn standIn, int rows)
    {
        var counters = new SyncCounters();
        await SyncRunner.RunAsync(ToolJob(standIn), counters, CancellationToken.None);
        return counters.RowsWritten;
    }

    /// <summary>The tool's reader alone: the job's splits read in parallel into chunks that are dropped (where the sync's time goes).</summary>
    private static async Task<long> ToolReadOnlyAsync(StarRocksStandIn standIn)
    {
        var reader = RowReaders.Create(ToolJob(standIn).Reader);
        var plan = await reader.PlanAsync(Concurrency, CancellationToken.None);
        long count = 0;
        await Parallel.ForEachAsync(plan.Splits, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (split, token) =>
        {
            await foreach (var chunk in split.Read(token))
            {
                Interlocked.Add(ref count, chunk.RowCount);
                chunk.Dispose();
            }
        });
        return count;
    }

    private static JobScript ToolJob(StarRocksStandIn standIn)
    {
        var dataSource = (string database) => $$"""
            { "type": "starrocks", "jdbcUrl": "jdbc:mysql://127.0.0.1:{{standIn.MySql!.Port}}/{{database}}", "username": "{{standIn.User}}", "passwordEnv": "BENCH_PASSWORD" }
            """;
        var columns = string.Join(", ", BenchOrder.Table.Columns.Select(c => $"\"{c.Name}\""));
        var job = JobScriptParser.Parse($$"""
            {
              "type": "job", "version": "2.0",
              "dataSources": { "src": {{dataSource("bench")}}, "dst": {{dataSource("bench_copy")}} },
              "setting": { "speed": { "concurrent": {{Concurrency}} } },
              "steps": [
                { "stepType": "starrocks", "category": "reader", "name": "Reader",
                  "parameter": { "datasource": "src", "table": "orders", "column": ["*"], "splitPk": "order_id" } },
                { "stepType": "starrocks", "category": "writer", "name": "Writer",
                  "parameter": { "datasource": "dst", "table": "orders", "column": [{{columns}}], "loadUrl": ["{{standIn.FeHttp}}"],
                                 "loadProps": { "column_separator": "\\x01", "row_delimiter": "\\x02" } } }
              ]
            }
            """, null, name => name == "BENCH_PASSWORD" ? standIn.Password : null);
        return job;
    }

    private static async Task<long> TypedAsync(StarRocksStandIn standIn, int rows)
    {
        var connectionString = standIn.MySqlConnectionString();
        ServiceProvider Services(string database, Action<StarRocksBuilder> add)
        {
            var builder = new ServiceCollection().AddStarRocks(o =>
            {
                (o.Connection.LoadUrls, o.Connection.Username, o.Connection.Password) = (standIn.FeHttp.ToString(), standIn.User, standIn.Password);
                o.Database = database;
            }).UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(connectionString));
            add(builder);
            return builder.Services.BuildServiceProvider();
        }

        await using var reading = Services("bench", b => b.AddSource<BenchOrder>());
        await using var writing = Services("bench_copy", b => b.AddSink<BenchOrder>());
        var source = reading.GetRequiredService<IStarRocksSource<BenchOrder>>();
        var sink = writing.GetRequiredService<IStarRocksSink<BenchOrder>>();
        var chunk = new List<BenchOrder>(1000);
        long count = 0;
        await foreach (var order in source.ReadAsync(new StarRocksReadRequest { SplitColumn = nameof(BenchOrder.OrderId), SplitCount = Concurrency }))
        {
            chunk.Add(order);
            if (chunk.Count == 1000)
            {
                await sink.WriteAsync(chunk);
                count += chunk.Count;
                chunk.Clear();
            }
        }

        await sink.WriteAsync(chunk);
        count += chunk.Count;
        await sink.FlushAsync();
        return count;
    }

    private static async Task CreateAndSeedAsync(StarRocksStandIn standIn, int rows)
    {
        await using (var connection = new MySqlConnection(standIn.MySqlConnectionString()))
        {
            await connection.OpenAsync();
            foreach (var database in new[] { "bench", "bench_copy" })
            {
                await new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection).ExecuteNonQueryAsync();
                await new MySqlCommand($"CREATE DATABASE `{database}`", connection).ExecuteNonQueryAsync();
                await new MySqlCommand(BenchOrder.Table.CreateTableSql.Replace("`bench`.", $"`{database}`.", StringComparison.Ordinal), connection).ExecuteNonQueryAsync();
            }
        }

        await using var admin = new MySqlConnection(standIn.MariaDbConnectionString("bench"));
        await admin.OpenAsync();
        var columns = string.Join(", ", BenchOrder.Table.Columns.Select(c => $"`{c.Name}`"));
        await new MySqlCommand(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO orders ({columns})
            SELECT seq,
                   TIMESTAMP('2024-01-01 00:00:00.000001') + INTERVAL (seq % 31536000) SECOND,
                   seq % 99991,
                   ELT(seq % 5 + 1, 'created', 'paid', 'shipped', 'delivered', 'cancelled'),
                   (seq % 100000) / 100,
                   IF(seq % 3 = 0, NULL, (seq % 5000) / 100),
                   'EUR',
                   seq % 19 + 1,
                   IF(seq % 5 = 0, NULL, seq / 1000),
                   IF(seq % 7 = 0, NULL, ELT(seq % 6 + 1, 'Berlin', 'Amsterdam', 'São Paulo', 'Zürich', 'New York', 'Shanghai')),
                   IF(seq % 2 = 0, NULL, TIMESTAMP('2024-06-01 08:00:00.250000') + INTERVAL seq SECOND),
                   IF(seq % 4 = 0, NULL, CONCAT('note ', seq))
            FROM seq_1_to_{rows}
            """), admin) { CommandTimeout = 600 }.ExecuteNonQueryAsync();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
