using System.Diagnostics;
using System.Globalization;
using System.Text;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.Benchmarks.Loading;

/// <summary>
/// Many writers, each loading small batches one after another, into one table of the in-process stand-in (MariaDB
/// storage): plain Stream Load (a transaction per batch) against Merge Commit, async and sync
/// (<c>dotnet run -c Release -- merge-commit [writers] [batches per writer] [rows per batch] [interval ms]</c>).
/// A last mode keeps four loads of each writer in flight (async). Prints per mode the loads the BE received, the transactions they became (Stream Loads that succeeded; merged
/// transactions from the stand-in's Merge Commit log), rows/s from the first load to the last answer, and the median
/// and 95th-percentile time of one batch's load.
/// </summary>
public static class MergeCommitMeasurement
{
    private static int _databases;

    public static async Task RunAsync(int writers, int batches, int rowsPerBatch, int intervalMs)
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions());
        Console.WriteLine($"{writers} writers × {batches} batches × {rowsPerBatch} rows; merge_commit_interval_ms {intervalMs}");
        await MeasureAsync(standIn, "warm-up (plain)", null, 4, 3, rowsPerBatch, print: false);
        await MeasureAsync(standIn, "warm-up (merge)", MergeCommit(intervalMs, async: true), 4, 3, rowsPerBatch, print: false);
        for (var round = 0; round < 2; round++)
        {
            await MeasureAsync(standIn, "Stream Load (one transaction per batch)", null, writers, batches, rowsPerBatch);
            await MeasureAsync(standIn, "Merge Commit, async + label polling", MergeCommit(intervalMs, async: true), writers, batches, rowsPerBatch);
            await MeasureAsync(standIn, "Merge Commit, sync", MergeCommit(intervalMs, async: false), writers, batches, rowsPerBatch);
            await MeasureAsync(standIn, "Merge Commit, async, 4 in flight per writer", MergeCommit(intervalMs, async: true), writers, batches, rowsPerBatch, inFlight: 4);
        }
    }

    private static Dictionary<string, string> MergeCommit(int intervalMs, bool async) => new()
    {
        ["enable_merge_commit"] = "true",
        ["merge_commit_interval_ms"] = intervalMs.ToString(CultureInfo.InvariantCulture),
        ["merge_commit_async"] = async ? "true" : "false",
    };

    private static async Task MeasureAsync(StarRocksStandIn standIn, string mode, Dictionary<string, string>? mergeCommit,
        int writers, int batches, int rowsPerBatch, bool print = true, int inFlight = 1)
    {
        var database = $"mc_bench_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await CreateTableAsync(standIn, database);
        var options = new StarRocksConnectionOptions
        {
            LoadUrls = standIn.FeHttp.ToString(),
            Username = standIn.User,
            Password = standIn.Password,
            LabelPrefix = "bench",
        };
        foreach (var (name, value) in mergeCommit ?? [])
        {
            options.Properties[name] = value;
        }

        var client = mergeCommit is null ? (IStreamLoadClient)new StreamLoadClient(options) : new MergeCommitLoadClient(options);
        using var ownedClient = (IDisposable)client;
        var headers = new Dictionary<string, string> { ["format"] = "CSV", ["column_separator"] = "\t", ["columns"] = "id, writer, payload" };
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        // each writer loads its batches one after another, or over inFlight lanes (batch b on lane b % inFlight)
        await Task.WhenAll(Enumerable.Range(0, writers * inFlight).Select(lane => Task.Run(async () =>
        {
            var writer = lane / inFlight;
            for (var b = lane % inFlight; b < batches; b += inFlight)
            {
                using var batch = new LoadBatch();
                for (var r = 0; r < rowsPerBatch; r++)
                {
                    var id = ((long)writer * batches + b) * rowsPerBatch + r;
                    batch.Write(Encoding.UTF8.GetBytes($"{id}\t{writer}\tevent-{id:D10}-payload\n"));
                }

                var start = Stopwatch.GetTimestamp();
                await client.LoadAsync(new StreamLoadRequest(database, "events", batch) { Headers = headers });
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        })));
        var elapsed = clock.Elapsed;

        var loads = standIn.Requests.Entries.Count(e => e.Node == "be" && e.Path.StartsWith($"/api/{database}/", StringComparison.Ordinal));
        var transactions = mergeCommit is null
            ? standIn.Requests.Entries.Count(e => e.Node == "be" && e.Path.StartsWith($"/api/{database}/", StringComparison.Ordinal) && e.LoadStatus == "Success")
            : standIn.MergeCommits.For(database, "events").Count;
        var rows = await CountAsync(standIn, database);
        var expected = (long)writers * batches * rowsPerBatch;
        if (rows < expected)
        {
            throw new InvalidOperationException($"{mode}: {rows} rows loaded, {expected} sent");
        }

        latencies.Sort();
        if (print)
        {
            Console.WriteLine($"{mode,-42} loads {loads,5}  transactions {transactions,5}  {rows / elapsed.TotalSeconds,9:N0} rows/s  " +
                $"({elapsed.TotalSeconds:F2} s)  batch p50 {latencies[latencies.Count / 2],6:F0} ms  p95 {latencies[latencies.Count * 95 / 100],6:F0} ms");
        }
    }

    private static async Task CreateTableAsync(StarRocksStandIn standIn, string database)
    {
        await using var connection = new MySqlConnection(standIn.MySqlConnectionString());
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     $"CREATE DATABASE `{database}`",
                     $"CREATE TABLE `{database}`.`events` (`id` BIGINT NOT NULL, `writer` INT NOT NULL, `payload` VARCHAR(64) NULL) " +
                     "DUPLICATE KEY(`id`) DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")",
                 })
        {
            await new MySqlCommand(sql, connection).ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(StarRocksStandIn standIn, string database)
    {
        await using var connection = new MySqlConnection(standIn.MariaDbConnectionString());
        await connection.OpenAsync();
        return Convert.ToInt64(await new MySqlCommand($"SELECT COUNT(*) FROM `{database}`.`events`", connection).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
