using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StarRocks.Typed.Benchmarks.Serialization;

namespace StarRocks.Typed.Benchmarks.Cdc;

/// <summary>
/// The orders rows of <see cref="BenchOrder"/> as Debezium's MySQL connector emits them through Kafka Connect's
/// JsonConverter (Debezium docs, "MySQL connector", data change events and data type mappings): DATETIME(6) as
/// <c>io.debezium.time.MicroTimestamp</c> (epoch microseconds), DECIMAL(18,2) as base64 of the unscaled value
/// (<c>decimal.handling.mode=precise</c>, Debezium's default), strings as strings, NULL as null.
/// </summary>
public static class DebeziumOrderEvents
{
    public const string Database = "bench_cdc";

    /// <summary>
    /// The <c>source</c> block and the envelope's end of event <paramref name="index"/>, varying as in a binlog of
    /// multi-row events: ten rows share a binlog event (its <c>pos</c>, <c>row</c> 0–9), a hundred rows a transaction's
    /// commit time (<c>ts_ms</c>); the envelope's <c>ts_ms</c> is when Debezium processed the event.
    /// </summary>
    public static string SourceAndEnd(string database, int index, string op = "c")
    {
        long committed = 1733390000000 + index / 100;
        return $$"""
            "source":{"version":"2.7.0.Final","connector":"mysql","name":"bench","ts_ms":{{committed}},"snapshot":"false","db":"{{database}}","sequence":null,"table":"orders","server_id":1,"gtid":null,"file":"binlog.000003","pos":{{1234 + index / 10 * 520}},"row":{{index % 10}},"thread":7,"query":null},"op":"{{op}}","ts_ms":{{committed + 3 + index % 7}},"transaction":null}
            """;
    }

    /// <summary>
    /// JSON lines without the schema part (<c>schemas.enable=false</c>): the schema-history CREATE TABLE of the orders
    /// table first, then a <c>c</c> event per order.
    /// </summary>
    public static byte[] Schemaless(BenchOrder[] orders, string database)
    {
        using var lines = new MemoryStream(orders.Length * 620);
        var text = new StringBuilder(1024);
        AppendLine(lines, text.Append(SchemaHistory(database)));
        for (int i = 0; i < orders.Length; i++)
        {
            text.Append("""{"before":null,"after":""");
            AppendRow(text, orders[i]);
            AppendLine(lines, text.Append(',').Append(SourceAndEnd(database, i)));
        }

        return lines.ToArray();
    }

    /// <summary>
    /// Messages with the schema part (<c>schemas.enable=true</c>): per order the key (its Connect schema and the primary
    /// key's values, from which the decoder takes the primary key) and the value (the envelope's Connect schema, the
    /// source column types propagated, and the payload), each as JSON lines in its own buffer.
    /// </summary>
    public static (byte[] Keys, byte[] Values) WithSchema(BenchOrder[] orders, string database)
    {
        using var keys = new MemoryStream(orders.Length * 260);
        using var values = new MemoryStream(orders.Length * 2_700);
        var text = new StringBuilder(4096);
        var valueSchema = ValueSchema(database);
        var keySchema = $$"""{"type":"struct","fields":[{{KeyFields}}],"optional":false,"name":"bench.{{database}}.orders.Key"}""";
        for (int i = 0; i < orders.Length; i++)
        {
            var order = orders[i];
            AppendLine(keys, text.Append("""{"schema":""").Append(keySchema).Append(""","payload":{"order_id":""")
                .Append(order.OrderId.ToString(CultureInfo.InvariantCulture)).Append(""","order_date":""")
                .Append(EpochMicros(order.OrderDate).ToString(CultureInfo.InvariantCulture)).Append("}}"));
            text.Append("""{"schema":""").Append(valueSchema).Append(""","payload":{"before":null,"after":""");
            AppendRow(text, order);
            AppendLine(values, text.Append(',').Append(SourceAndEnd(database, i)).Append('}'));
        }

        return (keys.ToArray(), values.ToArray());
    }

    private const string KeyFields =
        """{"type":"int64","optional":false,"field":"order_id"},{"type":"int64","optional":false,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"order_date"}""";

    private const string RowFields = KeyFields + "," +
        """{"type":"int64","optional":false,"field":"customer_id"},""" +
        """{"type":"string","optional":false,"parameters":{"__debezium.source.column.type":"VARCHAR","__debezium.source.column.length":"32"},"field":"status"},""" +
        """{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"18"},"field":"amount"},""" +
        """{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"18"},"field":"discount"},""" +
        """{"type":"string","optional":false,"parameters":{"__debezium.source.column.type":"CHAR","__debezium.source.column.length":"3"},"field":"currency"},""" +
        """{"type":"int32","optional":false,"field":"item_count"},""" +
        """{"type":"float64","optional":true,"field":"weight"},""" +
        """{"type":"string","optional":true,"parameters":{"__debezium.source.column.type":"VARCHAR","__debezium.source.column.length":"200"},"field":"shipping_city"},""" +
        """{"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"shipped_at"},""" +
        """{"type":"string","optional":true,"field":"note"}""";

    private static string ValueSchema(string database) => $$"""
        {"type":"struct","fields":[{"type":"struct","fields":[{{RowFields}}],"optional":true,"name":"bench.{{database}}.orders.Value","field":"before"},{"type":"struct","fields":[{{RowFields}}],"optional":true,"name":"bench.{{database}}.orders.Value","field":"after"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"field":"snapshot"},{"type":"string","optional":false,"field":"db"},{"type":"string","optional":true,"field":"sequence"},{"type":"string","optional":true,"field":"table"},{"type":"int64","optional":false,"field":"server_id"},{"type":"string","optional":true,"field":"gtid"},{"type":"string","optional":false,"field":"file"},{"type":"int64","optional":false,"field":"pos"},{"type":"int32","optional":false,"field":"row"},{"type":"int64","optional":true,"field":"thread"},{"type":"string","optional":true,"field":"query"}],"optional":false,"name":"io.debezium.connector.mysql.Source","field":"source"},{"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":false,"field":"total_order"},{"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,"field":"transaction"}],"optional":false,"name":"bench.{{database}}.orders.Envelope","version":1}
        """.Trim();

    /// <summary>The MySQL connector's schema-history record of <c>CREATE TABLE orders</c> (the columns of <see cref="BenchOrder"/>).</summary>
    private static string SchemaHistory(string database)
    {
        string Column(int position, string name, string type, bool optional, int? length = null, int? scale = null) =>
            $$"""{"name":"{{name}}","jdbcType":0,"typeName":"{{type}}","typeExpression":"{{type}}","charsetName":null{{(length is { } l ? $",\"length\":{l}" : "")}}{{(scale is { } s ? $",\"scale\":{s}" : "")}},"position":{{position}},"optional":{{(optional ? "true" : "false")}},"autoIncremented":false,"generated":false,"comment":null,"hasDefaultValue":false,"enumValues":[]}""";
        string[] columns =
        [
            Column(1, "order_id", "BIGINT", false),
            Column(2, "order_date", "DATETIME", false, 6),
            Column(3, "customer_id", "BIGINT", false),
            Column(4, "status", "VARCHAR", false, 32),
            Column(5, "amount", "DECIMAL", false, 18, 2),
            Column(6, "discount", "DECIMAL", true, 18, 2),
            Column(7, "currency", "CHAR", false, 3),
            Column(8, "item_count", "INT", false),
            Column(9, "weight", "DOUBLE", true),
            Column(10, "shipping_city", "VARCHAR", true, 200),
            Column(11, "shipped_at", "DATETIME", true, 6),
            Column(12, "note", "TEXT", true),
        ];
        return $$$"""{"source":{"server":"bench"},"position":{"file":"binlog.000003","pos":154},"ts_ms":1733390000000,"databaseName":"{{{database}}}","ddl":"CREATE TABLE orders (...)","tableChanges":[{"type":"CREATE","id":"\"{{{database}}}\".\"orders\"","table":{"defaultCharsetName":"utf8mb4","primaryKeyColumnNames":["order_id","order_date"],"columns":[{{{string.Join(",", columns)}}}],"attributes":[]}}]}""";
    }

    private static void AppendRow(StringBuilder text, BenchOrder order)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.Append("""{"order_id":""").Append(order.OrderId.ToString(invariant))
            .Append(""","order_date":""").Append(EpochMicros(order.OrderDate).ToString(invariant))
            .Append(""","customer_id":""").Append(order.CustomerId.ToString(invariant))
            .Append(""","status":""").Append(Quoted(order.Status))
            .Append(""","amount":""").Append(Quoted(DecimalBytes(order.Amount)))
            .Append(""","discount":""").Append(order.Discount is { } discount ? Quoted(DecimalBytes(discount)) : "null")
            .Append(""","currency":""").Append(Quoted(order.Currency))
            .Append(""","item_count":""").Append(order.ItemCount.ToString(invariant))
            .Append(""","weight":""").Append(order.Weight is { } weight ? weight.ToString("R", invariant) : "null")
            .Append(""","shipping_city":""").Append(order.ShippingCity is { } city ? Quoted(city) : "null")
            .Append(""","shipped_at":""").Append(order.ShippedAt is { } shipped ? EpochMicros(shipped).ToString(invariant) : "null")
            .Append(""","note":""").Append(order.Note is { } note ? Quoted(note) : "null")
            .Append('}');
    }

    /// <summary>Writes <paramref name="line"/> as UTF-8 and a newline, and clears it.</summary>
    private static void AppendLine(MemoryStream lines, StringBuilder line)
    {
        lines.Write(Encoding.UTF8.GetBytes(line.ToString()));
        lines.WriteByte((byte)'\n');
        line.Clear();
    }

    private static long EpochMicros(DateTime value) => (value - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Connect's Decimal: the unscaled value's big-endian two's-complement bytes (as Java's BigInteger.toByteArray), base64.</summary>
    private static string DecimalBytes(decimal value) =>
        Convert.ToBase64String(new BigInteger(decimal.Round(value * 100m)).ToByteArray(isUnsigned: false, isBigEndian: true));

    /// <summary>A JSON string (the orders' strings need no escapes; non-ASCII stays UTF-8, as JsonConverter writes it).</summary>
    /// <summary>A JSON string as Kafka Connect's JsonConverter (Jackson) writes it: only quotes, backslashes and control characters escaped.</summary>
    internal static string Quoted(string value) => JsonSerializer.Serialize(value, JacksonLike);

    private static readonly JsonSerializerOptions JacksonLike = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
