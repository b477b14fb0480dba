using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;

namespace StarRocks.Typed.Benchmarks.Cdc;

/// <summary>
/// Decodes Debezium JSON change events of the orders shape (<see cref="BenchOrder"/>'s 12 columns as the MySQL connector
/// encodes them: MicroTimestamp DATETIME(6)s, Decimal bytes, nullable members) into a no-op <see cref="ICdcEventSink"/>
/// (<c>dotnet run -c Release -- debezium-decode [millions]</c>): events/s and allocated bytes per event, with and without
/// the schema part. 10,000 distinct events (two thirds inserts, one third updates) are replayed in a cycle.
/// </summary>
public static class DebeziumDecodeMeasurement
{
    private const int Distinct = 10_000;

    public static async Task RunAsync(int millions)
    {
        int total = millions * 1_000_000;
        var orders = BenchOrder.Create(Distinct);
        foreach (bool withSchema in new[] { false, true })
        {
            var events = orders.Select((o, i) => (Key: Encoding.UTF8.GetBytes(Key(o, withSchema)), Value: Encoding.UTF8.GetBytes(Event(o, i, i % 3 == 2 ? "u" : "c", withSchema)))).ToArray();
            var sink = new NoOpSink();
            var target = new DebeziumChangeStreamTarget(sink);
            foreach (var (key, value) in events) await target.WriteAsync(key, value, CancellationToken.None);

            long bytes = events.Sum(e => (long)e.Value.Length) / events.Length;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < total; i++)
            {
                var (key, value) = events[i % Distinct];
                await target.WriteAsync(key, value, CancellationToken.None);
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // The machine is shared: also time 50-event windows and keep each window's best, as quick-rows does.
            double bestWindows = 0;
            for (int w = 0; w < Distinct / 50; w++)
            {
                double best = double.MaxValue;
                for (int round = 0; round < 20; round++)
                {
                    long windowStart = Stopwatch.GetTimestamp();
                    for (int i = w * 50; i < w * 50 + 50; i++) await target.WriteAsync(events[i].Key, events[i].Value, CancellationToken.None);
                    best = Math.Min(best, Stopwatch.GetElapsedTime(windowStart).TotalNanoseconds);
                }
                bestWindows += best;
            }
            Console.WriteLine(
                $"{(withSchema ? "with schema part   " : "without schema part")}: {total:N0} events ({bytes} B each) in {elapsed.TotalSeconds:F2} s = "
                + $"{total / elapsed.TotalSeconds / 1e6:F2}M events/s, {elapsed.TotalNanoseconds / total:F0} ns/event, "
                + $"{(double)allocated / total:F2} B allocated/event; {sink.Rows:N0} rows, {sink.RowBytes / sink.Rows} B/row out; "
                + $" best 50-event windows: {bestWindows / Distinct:F0} ns/event = {Distinct / bestWindows * 1e3:F2}M events/s");
        }
    }

    private static string Key(BenchOrder order, bool withSchema)
        => withSchema
            ? $$$"""{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"order_id"},{"type":"int64","optional":false,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"order_date"}],"optional":false,"name":"bench.bench.orders.Key"},"payload":{"order_id":{{{order.OrderId}}},"order_date":{{{Micros(order.OrderDate)}}}}}"""
            : $$"""{"order_id":{{order.OrderId}},"order_date":{{Micros(order.OrderDate)}}}""";

    private const string RowFields = """
        {"type":"int64","optional":false,"field":"order_id"},
        {"type":"int64","optional":false,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"order_date"},
        {"type":"int64","optional":false,"field":"customer_id"},
        {"type":"string","optional":false,"field":"status"},
        {"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"18"},"field":"amount"},
        {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"18"},"field":"discount"},
        {"type":"string","optional":false,"field":"currency"},
        {"type":"int32","optional":false,"field":"item_count"},
        {"type":"float64","optional":true,"field":"weight"},
        {"type":"string","optional":true,"field":"shipping_city"},
        {"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"shipped_at"},
        {"type":"string","optional":true,"field":"note"}
        """;

    private static readonly string Schema = $$"""
        {"type":"struct","fields":[
        {"type":"struct","fields":[{{RowFields}}],"optional":true,"name":"bench.bench.orders.Value","field":"before"},
        {"type":"struct","fields":[{{RowFields}}],"optional":true,"name":"bench.bench.orders.Value","field":"after"},
        {"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":false,"field":"db"},{"type":"string","optional":true,"field":"table"},{"type":"int64","optional":false,"field":"server_id"},{"type":"string","optional":false,"field":"file"},{"type":"int64","optional":false,"field":"pos"},{"type":"int32","optional":false,"field":"row"}],"optional":false,"name":"io.debezium.connector.mysql.Source","field":"source"},
        {"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"}],
        "optional":false,"name":"bench.bench.orders.Envelope","version":1}
        """.ReplaceLineEndings("");

    private static string Event(BenchOrder order, int index, string op, bool withSchema)
    {
        string after = Row(order);
        string before = op == "u" ? Row(order).Replace($"\"status\":\"{order.Status}\"", "\"status\":\"created\"", StringComparison.Ordinal) : "null";
        string payload = $$"""{"before":{{before}},"after":{{after}},{{DebeziumOrderEvents.SourceAndEnd("bench", index, op)}}""";
        return withSchema ? $$"""{"schema":{{Schema}},"payload":{{payload}}}""" : payload;
    }

    private static string Row(BenchOrder o)
    {
        static string Text(string? s) => s is null ? "null" : DebeziumOrderEvents.Quoted(s);
        static string Number(double? d) => d is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
        static string Timestamp(DateTime? t) => t is { } v ? Micros(v).ToString(CultureInfo.InvariantCulture) : "null";
        return $$"""{"order_id":{{o.OrderId}},"order_date":{{Micros(o.OrderDate)}},"customer_id":{{o.CustomerId}},"status":{{Text(o.Status)}},"amount":{{Text(DecimalBytes(o.Amount))}},"discount":{{Text(o.Discount is { } d ? DecimalBytes(d) : null)}},"currency":{{Text(o.Currency)}},"item_count":{{o.ItemCount}},"weight":{{Number(o.Weight)}},"shipping_city":{{Text(o.ShippingCity)}},"shipped_at":{{Timestamp(o.ShippedAt)}},"note":{{Text(o.Note)}}}""";
    }

    private static long Micros(DateTime value) => (value.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>A DECIMAL(18,2) as Connect's Decimal: base64 of the unscaled value, big-endian two's complement.</summary>
    private static string DecimalBytes(decimal value)
        => Convert.ToBase64String(new BigInteger(decimal.Round(value, 2) * 100).ToByteArray(isUnsigned: false, isBigEndian: true));

    private sealed class NoOpSink : ICdcEventSink
    {
        public long Rows { get; private set; }

        public long RowBytes { get; private set; }

        public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken)
        {
            Rows++;
            RowBytes += row.Length;
            return default;
        }

        public ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => default;

        /// <summary>What the CDC sink would know after the schema part or the schema history announced the table.</summary>
        public CdcTableSchema? FindSchema(CdcTableId table) => Known;

        public ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => default;

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => default;

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        private static readonly CdcTableSchema Known = new(new CdcTableId("bench", "orders"),
        [
            new("order_id", new(CdcTypeKind.BigInt), false), new("order_date", new(CdcTypeKind.Timestamp, 6), false),
            new("customer_id", new(CdcTypeKind.BigInt), false), new("status", new(CdcTypeKind.VarChar, 32), false),
            new("amount", new(CdcTypeKind.Decimal, 18, 2), false), new("discount", new(CdcTypeKind.Decimal, 18, 2)),
            new("currency", new(CdcTypeKind.Char, 3), false), new("item_count", new(CdcTypeKind.Int), false),
            new("weight", new(CdcTypeKind.Double)), new("shipping_city", new(CdcTypeKind.VarChar, 200)),
            new("shipped_at", new(CdcTypeKind.Timestamp, 6)), new("note", new(CdcTypeKind.String)),
        ], ["order_id", "order_date"]);
    }
}
