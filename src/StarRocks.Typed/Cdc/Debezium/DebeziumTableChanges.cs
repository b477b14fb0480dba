using System.Globalization;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Reads the <c>tableChanges</c> of Debezium's schema-change topic and schema-history topic (Debezium docs, "MySQL
/// connector", "Schema change topic": each change has <c>type</c> CREATE, ALTER or DROP, the table <c>id</c> as
/// <c>"db"."table"</c>, and the whole table after the change: <c>primaryKeyColumnNames</c> and <c>columns</c> with
/// <c>name</c>, <c>typeName</c>, <c>length</c>, <c>scale</c>, <c>optional</c>, <c>comment</c>,
/// <c>defaultValueExpression</c>, <c>enumValues</c>) into <see cref="CreateTableEvent"/>,
/// <see cref="TableSchemaChangedEvent"/> and <see cref="DropTableEvent"/>.
/// </summary>
internal static class DebeziumTableChanges
{
    public static IReadOnlyList<CdcSchemaEvent> Read(ReadOnlySpan<byte> tableChanges, string? connector)
    {
        using var document = JsonDocument.Parse(tableChanges.ToArray());
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new DebeziumEventException("tableChanges is not a JSON array.");
        var events = new List<CdcSchemaEvent>();
        foreach (var change in document.RootElement.EnumerateArray())
        {
            string type = String(change, "type") ?? throw new DebeziumEventException("A tableChanges entry has no type.");
            var id = TableId(String(change, "id") ?? throw new DebeziumEventException("A tableChanges entry has no id."));
            events.Add(type switch
            {
                "CREATE" => new CreateTableEvent(Schema(id, change, connector)),
                "ALTER" => new TableSchemaChangedEvent(Schema(id, change, connector)),
                "DROP" => new DropTableEvent(id),
                _ => throw new DebeziumEventException($"Table {id}: unknown tableChanges type '{type}' (expected CREATE, ALTER or DROP)."),
            });
        }
        return events;
    }

    /// <summary>
    /// The table of an id such as <c>"inventory"."customers"</c>; with three parts (<c>"db"."schema"."table"</c>, SQL Server)
    /// the schema and table, as data change events name it (<c>source.schema</c>).
    /// </summary>
    internal static CdcTableId TableId(string id)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < id.Length)
        {
            if (id[i] == '"')
            {
                var part = new System.Text.StringBuilder();
                i++;
                while (i < id.Length && !(id[i] == '"' && (i + 1 == id.Length || id[i + 1] != '"')))
                {
                    if (id[i] == '"') i++;
                    part.Append(id[i++]);
                }
                parts.Add(part.ToString());
                i++;
            }
            else
            {
                int end = id.IndexOf('.', i);
                if (end < 0) end = id.Length;
                parts.Add(id[i..end]);
                i = end;
            }
            if (i < id.Length && id[i] == '.') i++;
        }
        if (parts.Count < 2) throw new DebeziumEventException($"The table id '{id}' does not name a database and a table.");
        return new CdcTableId(parts[^2], parts[^1]);
    }

    private static CdcTableSchema Schema(CdcTableId id, JsonElement change, string? connector)
    {
        if (!change.TryGetProperty("table", out var table) || table.ValueKind != JsonValueKind.Object)
            throw new DebeziumEventException($"Table {id}: the tableChanges entry has no table.");
        var columns = new List<(int Position, CdcColumn Column)>();
        foreach (var column in table.GetProperty("columns").EnumerateArray())
        {
            string name = String(column, "name") ?? throw new DebeziumEventException($"Table {id}: a column has no name.");
            var type = DebeziumSourceTypes.Map(id, name, String(column, "typeName") ?? "", Int(column, "length"), Int(column, "scale"), EnumValues(column), connector);
            bool optional = !column.TryGetProperty("optional", out var o) || o.ValueKind != JsonValueKind.False;
            columns.Add((Int(column, "position") ?? columns.Count + 1, new CdcColumn(name, type, optional, String(column, "defaultValueExpression"), String(column, "comment"))));
        }
        IReadOnlyList<string> key = table.TryGetProperty("primaryKeyColumnNames", out var pk) && pk.ValueKind == JsonValueKind.Array
            ? [.. pk.EnumerateArray().Select(k => k.GetString()!)]
            : [];
        return new CdcTableSchema(id, [.. columns.OrderBy(c => c.Position).Select(c => c.Column)], key);
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static IReadOnlyList<string>? EnumValues(JsonElement column)
        => column.TryGetProperty("enumValues", out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Select(v => v.GetString()!.Trim('\''))]
            : null;
}
