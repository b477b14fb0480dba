using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Benchmarks.Cdc;

/// <summary>
/// The CDC path against the typed JSON sink (<c>dotnet run -c Release -- quick-cdc [runs]</c>): 1M orders as Debezium JSON
/// lines (<see cref="DebeziumOrderEvents"/>, built once up front) replayed from memory by <see cref="ChangeStreamFile"/> through
/// <see cref="DebeziumChangeStreamTarget"/> and <see cref="StarRocksCdcSink"/>; the same events with the schema part,
/// key and value per message as a Kafka consumer loop hands them to the decoder (a JSON-lines file carries no keys, and
/// with the schema part the primary key comes from the key's schema); and the same 1M <see cref="BenchOrder"/> rows
/// through <see cref="IStarRocksSink{T}"/> with <c>sink.properties.format=json</c>, a call per 1,000 rows and a call per
/// row. All load into the stand-in's BE with storage off (DDL goes to MariaDB through its MySQL-protocol proxy). Each
/// run ends when its rows are loaded; after warm-up rounds of all of them (until a round compiles fewer than 100 methods:
/// the JIT's background tiering would otherwise share the two cores with the first runs), the runs alternate. Printed for
/// each: the median rows/s, the median of its ratio to the same round's typed 1,000-row run, and the bytes allocated per
/// row by the whole process (<c>GC.GetTotalAllocatedBytes(precise: true)</c> around the run: every thread, the in-process
/// stand-in included).
/// </summary>
public static class CdcThroughputMeasurement
{
    private const int Rows = 1_000_000;
    private const int RowsWithSchema = 250_000; // ~2.6 KB a message: 1M would be a 2.6 GB buffer
    private const int SteadyCompiledMethods = 100, MaxWarmupRounds = 10;

    public static async Task RunAsync(int runs)
    {
        var orders = BenchOrder.Create(Rows);
        var schemaless = DebeziumOrderEvents.Schemaless(orders, DebeziumOrderEvents.Database);
        var (keys, values) = DebeziumOrderEvents.WithSchema(orders[..RowsWithSchema], DebeziumOrderEvents.Database + "_schema");
        Console.WriteLine($"events: {schemaless.Length / (double)Rows:F0} B a schemaless message; {values.Length / (double)RowsWithSchema:F0} B a message with the schema part, key {keys.Length / (double)RowsWithSchema:F0} B");

        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { StorageOff = true });
        await using var services = new ServiceCollection()
            .AddStarRocks(o =>
            {
                (o.Connection.LoadUrls, o.Connection.Username, o.Connection.Password) = (standIn.FeHttp.ToString(), standIn.User, standIn.Password);
                o.Connection.Properties["format"] = "json";
            })
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(standIn.MySqlConnectionString()))
            .AddSink<BenchOrder>()
            .AddCdcSink()
            .Services.BuildServiceProvider();
        var typed = services.GetRequiredService<IStarRocksSink<BenchOrder>>();
        var cdc = services.GetRequiredService<ICdcEventSink>();

        var measurements = new (string Name, int Rows, Func<Task> Run, List<(double Seconds, double BytesPerRow)> Results)[]
        {
            ("typed JSON sink, a call per 1,000 rows", Rows, () => TypedChunksAsync(typed, orders), []),
            ("typed JSON sink, a call per row", Rows, () => TypedRowsAsync(typed, orders), []),
            ("CDC, schemaless JSON lines", Rows, () => ChangeStreamFile.ReplayAsync(schemaless, new DebeziumChangeStreamTarget(cdc)), []),
            ("CDC, schema part, key and value", RowsWithSchema, () => ReplayWithKeysAsync(keys, values, new DebeziumChangeStreamTarget(cdc)), []),
        };

        // Warm-up rounds until the JIT is done: tiering up the library, Kestrel and the stand-in compiles for seconds on
        // the background thread (14,000 methods, 5 s of CPU on two cores), which would share the cores with early runs.
        for (int round = 1; ; round++)
        {
            long compiledBefore = JitInfo.GetCompiledMethodCount();
            foreach (var (name, rows, run, _) in measurements)
            {
                await MeasureAsync($"warm-up {round}: {name}", rows, run); // JIT tiers, first touch of the segment pool, CREATE TABLE
            }
            long compiled = JitInfo.GetCompiledMethodCount() - compiledBefore;
            Console.WriteLine($"warm-up {round}: {compiled} methods compiled ({JitInfo.GetCompiledMethodCount()} in all, {JitInfo.GetCompilationTime().TotalSeconds:F1} s of JIT)");
            if (compiled < SteadyCompiledMethods || round == MaxWarmupRounds) break;
        }

        for (int round = 0; round < runs; round++)
        {
            foreach (var (name, rows, run, results) in measurements)
            {
                results.Add(await MeasureAsync(name, rows, run));
            }
        }

        Console.WriteLine($"load average at the end: {LoadAverage()}");
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }

        // Each round's runs are paired with that round's typed 1,000-row run: the machine's speed drifts between rounds, and
        // a ratio within a round (runs a second apart) is steadier than the ratio of two medians.
        var baseline = measurements[0];
        double baselineRowsPerSecond = baseline.Rows / Median(baseline.Results.Select(r => r.Seconds));
        foreach (var (name, rows, _, results) in measurements)
        {
            double rowsPerSecond = rows / Median(results.Select(r => r.Seconds));
            var paired = results.Select((r, round) => rows / r.Seconds / (baseline.Rows / baseline.Results[round].Seconds)).ToList();
            Console.WriteLine(
                $"median of {results.Count}: {name,-40} {rowsPerSecond,12:N0} rows/s = {rowsPerSecond / baselineRowsPerSecond,4:P0} of the typed sink's chunks "
                + $"(per round: median {Median(paired),4:P0}, {paired.Count(p => p >= 0.5)} of {paired.Count} rounds at 50 % or more), {Median(results.Select(r => r.BytesPerRow)),7:F1} B/row allocated");
        }

        await MariaDbServer.StopSharedAsync();
    }

    private static async Task<(double Seconds, double BytesPerRow)> MeasureAsync(string name, int rows, Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await run();
        var elapsed = Stopwatch.GetElapsedTime(start);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double bytesPerRow = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)rows;
        Console.WriteLine($"{name,-48}: {elapsed.TotalMilliseconds,6:F0} ms = {rows / elapsed.TotalSeconds,10:N0} rows/s, {bytesPerRow,7:F1} B/row, process CPU {cpu / elapsed:F2} cores, load {LoadAverage()}");
        return (elapsed.TotalSeconds, bytesPerRow);
    }

    private static async Task TypedChunksAsync(IStarRocksSink<BenchOrder> sink, BenchOrder[] orders)
    {
        for (int i = 0; i < orders.Length; i += 1000)
        {
            var write = sink.WriteAsync(orders.AsSpan(i, 1000));
            if (!write.IsCompletedSuccessfully)
            {
                await write;
            }
        }

        await sink.FlushAsync();
    }

    private static async Task TypedRowsAsync(IStarRocksSink<BenchOrder> sink, BenchOrder[] orders)
    {
        foreach (var order in orders)
        {
            var write = sink.WriteAsync(order);
            if (!write.IsCompletedSuccessfully)
            {
                await write;
            }
        }

        await sink.FlushAsync();
    }

    /// <summary>Hands each message's key and value to the decoder, as a consumer loop does, then waits for the rows to load.</summary>
    private static async Task ReplayWithKeysAsync(byte[] keys, byte[] values, IChangeStreamTarget target)
    {
        int key = 0, value = 0;
        while (value < values.Length)
        {
            int keyEnd = Array.IndexOf(keys, (byte)'\n', key);
            int valueEnd = Array.IndexOf(values, (byte)'\n', value);
            var write = target.WriteAsync(keys.AsMemory(key, keyEnd - key), values.AsMemory(value, valueEnd - value), default);
            if (!write.IsCompletedSuccessfully)
            {
                await write;
            }

            (key, value) = (keyEnd + 1, valueEnd + 1);
        }

        await target.CheckpointAsync(null, default);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
