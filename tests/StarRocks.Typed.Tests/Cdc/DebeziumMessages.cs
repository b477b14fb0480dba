using System.Text;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>Debezium messages in the shapes the MySQL and PostgreSQL connectors emit through JsonConverter (Debezium docs, "Data change events").</summary>
internal static class DebeziumMessages
{
    public const string MySqlSource = """{"version":"2.7.0.Final","connector":"mysql","name":"shop","ts_ms":1700000000000,"snapshot":"false","db":"shop","sequence":null,"table":"orders","server_id":1,"gtid":null,"file":"binlog.000003","pos":1234,"row":0,"thread":7,"query":null}""";

    /// <summary>A schemaless (schemas.enable=false) value.</summary>
    public static string Payload(string op, string? before, string? after, string source = MySqlSource)
        => $$"""{"before":{{before ?? "null"}},"after":{{after ?? "null"}},"source":{{source}},"op":"{{op}}","ts_ms":1700000000001,"transaction":null}""";

    /// <summary>A value with the schema part: the envelope's Connect schema whose before/after struct has <paramref name="rowFields"/>.</summary>
    public static string WithSchema(string rowFields, string payload)
        => ($$"""
           {"schema":{"type":"struct","fields":[
             {"type":"struct","fields":[{{rowFields}}],"optional":true,"name":"shop.shop.orders.Value","field":"before"},
             {"type":"struct","fields":[{{rowFields}}],"optional":true,"name":"shop.shop.orders.Value","field":"after"},
             {"type":"struct","fields":[{"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"db"},{"type":"string","optional":true,"field":"table"}],"optional":false,"name":"io.debezium.connector.mysql.Source","field":"source"},
             {"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"}],
             "optional":false,"name":"shop.shop.orders.Envelope","version":1},
            "payload":{{payload}}}
           """).ReplaceLineEndings("").Replace("  ", "", StringComparison.Ordinal);

    /// <summary>A key with the schema part over an int64 <c>id</c>.</summary>
    public static string KeyWithSchema(long id)
        => $$$"""{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false,"name":"shop.shop.orders.Key"},"payload":{"id":{{{id}}}}}""";

    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
