using System.Globalization;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Column types and value encodings of a table: from the Kafka Connect schema that JsonConverter puts beside the payload
/// (<c>schemas.enable=true</c>), or, for events without it, from the schema the sink already knows. The logical type
/// names and their encodings are Debezium's (Debezium docs, "MySQL connector", "PostgreSQL connector": data type
/// mappings, temporal types, decimal types).
/// </summary>
internal static class DebeziumSchemas
{
    private const string SourceTypeParameter = "__debezium.source.column.type";
    private const string SourceLengthParameter = "__debezium.source.column.length";
    private const string SourceScaleParameter = "__debezium.source.column.scale";

    /// <summary>
    /// The table's schema from the envelope's Connect schema (the <c>after</c> field's struct, else <c>before</c>) and
    /// the primary key from the message key (its Connect schema's fields, else its members).
    /// </summary>
    public static (CdcTableSchema Schema, DebeziumColumn[] Columns) FromConnectSchema(CdcTableId table, ReadOnlySpan<byte> envelopeSchema, ReadOnlySpan<byte> key)
    {
        using var envelope = JsonDocument.Parse(envelopeSchema.ToArray());
        JsonElement? row = null;
        if (envelope.RootElement.TryGetProperty("fields", out var envelopeFields))
        {
            foreach (var field in envelopeFields.EnumerateArray())
            {
                var name = field.TryGetProperty("field", out var f) ? f.GetString() : null;
                if (name == "after" || (name == "before" && row is null)) row = field;
            }
        }
        if (row is not { } rowSchema || !rowSchema.TryGetProperty("fields", out var rowFields))
            throw new DebeziumEventException($"Table {table}: the envelope's schema has no 'after' or 'before' struct.");

        var columns = new List<CdcColumn>();
        var decoders = new List<DebeziumColumn>();
        foreach (var field in rowFields.EnumerateArray())
        {
            var (column, decoder) = FromConnectField(table, field);
            columns.Add(column);
            decoders.Add(decoder);
        }
        return (new CdcTableSchema(table, columns, PrimaryKey(table, key)), [.. decoders]);
    }

    /// <summary>The decoders for events without a schema part, from the schema the sink knows (see the remarks on <see cref="DebeziumChangeStreamTarget"/>).</summary>
    public static DebeziumColumn[] FromKnownSchema(CdcTableSchema schema, string? connector, DebeziumOptions options)
    {
        bool mySql = connector == "mysql";
        return [.. schema.Columns.Select(column => column.Type.Kind switch
        {
            CdcTypeKind.Decimal when options.DecimalHandling == DebeziumDecimalHandling.String => new DebeziumColumn(column.Name, DebeziumEncoding.DecimalText),
            CdcTypeKind.Decimal => new DebeziumColumn(column.Name, DebeziumEncoding.DecimalBytes, column.Type.Scale ?? 0),
            CdcTypeKind.Date => new DebeziumColumn(column.Name, DebeziumEncoding.EpochDays),
            CdcTypeKind.Time => new DebeziumColumn(column.Name, mySql ? DebeziumEncoding.TimeMicros : (column.Type.Length ?? 6) switch
            {
                <= 3 => DebeziumEncoding.TimeMillis,
                <= 6 => DebeziumEncoding.TimeMicros,
                _ => DebeziumEncoding.TimeNanos,
            }),
            CdcTypeKind.Timestamp => new DebeziumColumn(column.Name, (column.Type.Length ?? (mySql ? 0 : 6)) switch
            {
                <= 3 => DebeziumEncoding.TimestampMillis,
                <= 6 => DebeziumEncoding.TimestampMicros,
                _ => DebeziumEncoding.TimestampNanos,
            }),
            CdcTypeKind.TimestampLtz or CdcTypeKind.TimestampTz => new DebeziumColumn(column.Name, DebeziumEncoding.ZonedTimestamp),
            CdcTypeKind.Json => new DebeziumColumn(column.Name, DebeziumEncoding.JsonText),
            _ => new DebeziumColumn(column.Name, DebeziumEncoding.Plain),
        })];
    }

    private static (CdcColumn, DebeziumColumn) FromConnectField(CdcTableId table, JsonElement field)
    {
        string name = field.GetProperty("field").GetString()!;
        string type = field.GetProperty("type").GetString()!;
        string? logical = field.TryGetProperty("name", out var n) ? n.GetString() : null;
        bool optional = field.TryGetProperty("optional", out var o) && o.GetBoolean();
        JsonElement parameters = field.TryGetProperty("parameters", out var p) ? p : default;
        string? Parameter(string key) => parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(key, out var v) ? v.GetString() : null;
        int? IntParameter(string key) => Parameter(key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

        string? sourceType = Parameter(SourceTypeParameter)?.ToUpperInvariant();
        int? sourceLength = IntParameter(SourceLengthParameter);
        int? sourceScale = IntParameter(SourceScaleParameter);

        (CdcColumnType Type, DebeziumEncoding Encoding) mapped = logical switch
        {
            "io.debezium.time.Date" or "org.apache.kafka.connect.data.Date" => (new(CdcTypeKind.Date), DebeziumEncoding.EpochDays),
            "io.debezium.time.Time" or "org.apache.kafka.connect.data.Time" => (new(CdcTypeKind.Time, 3), DebeziumEncoding.TimeMillis),
            "io.debezium.time.MicroTime" => (new(CdcTypeKind.Time, 6), DebeziumEncoding.TimeMicros),
            "io.debezium.time.NanoTime" => (new(CdcTypeKind.Time, 9), DebeziumEncoding.TimeNanos),
            "io.debezium.time.Timestamp" or "org.apache.kafka.connect.data.Timestamp" => (new(CdcTypeKind.Timestamp, sourceLength is <= 3 ? sourceLength : 3), DebeziumEncoding.TimestampMillis),
            "io.debezium.time.MicroTimestamp" => (new(CdcTypeKind.Timestamp, 6), DebeziumEncoding.TimestampMicros),
            "io.debezium.time.NanoTimestamp" => (new(CdcTypeKind.Timestamp, 9), DebeziumEncoding.TimestampNanos),
            "io.debezium.time.ZonedTimestamp" => (new(CdcTypeKind.TimestampLtz, 6), DebeziumEncoding.ZonedTimestamp),
            "org.apache.kafka.connect.data.Decimal" => (
                new(CdcTypeKind.Decimal, IntParameter("connect.decimal.precision") ?? sourceLength ?? 38, IntParameter("scale") ?? 0),
                DebeziumEncoding.DecimalBytes),
            "io.debezium.data.Json" => (new(CdcTypeKind.Json), DebeziumEncoding.JsonText),
            "io.debezium.data.Enum" => (EnumType(Parameter("allowed")), DebeziumEncoding.Plain),
            "io.debezium.data.EnumSet" => (new(CdcTypeKind.String), DebeziumEncoding.Plain),
            "io.debezium.data.Uuid" => (new(CdcTypeKind.VarChar, 36), DebeziumEncoding.Plain),
            "io.debezium.time.Year" => (new(CdcTypeKind.Int), DebeziumEncoding.Plain),
            { } geometry when geometry.StartsWith("io.debezium.data.geometry.", StringComparison.Ordinal)
                => throw new DebeziumEventException($"Table {table}, column '{name}': {geometry} (a spatial type) cannot be loaded into StarRocks, which has no spatial type; exclude the column (Debezium column.exclude.list)."),
            "io.debezium.data.VariableScaleDecimal"
                => throw new DebeziumEventException($"Table {table}, column '{name}': a DECIMAL without a fixed scale (io.debezium.data.VariableScaleDecimal) cannot be loaded exactly; set the connector's decimal.handling.mode=string."),
            _ => FromPhysicalType(table, name, type, sourceType, sourceLength, sourceScale),
        };
        var decoder = new DebeziumColumn(name, mapped.Encoding, mapped.Type.Scale ?? 0);
        return (new CdcColumn(name, mapped.Type, optional, DefaultValue(field, mapped.Encoding)), decoder);
    }

    /// <summary>A field without a logical name: its Connect type, refined by the source column type when the connector propagates it (<c>column.propagate.source.type</c>).</summary>
    private static (CdcColumnType, DebeziumEncoding) FromPhysicalType(CdcTableId table, string name, string type, string? sourceType, int? length, int? scale) => type switch
    {
        "boolean" => (new(CdcTypeKind.Boolean), DebeziumEncoding.Plain),
        "int8" => (new(CdcTypeKind.TinyInt), DebeziumEncoding.Plain),
        "int16" => (new(CdcTypeKind.SmallInt), DebeziumEncoding.Plain),
        "int32" => (new(CdcTypeKind.Int), DebeziumEncoding.Plain),
        "int64" => (new(CdcTypeKind.BigInt), DebeziumEncoding.Plain),
        "float32" => (new(CdcTypeKind.Float), DebeziumEncoding.Plain),
        "float64" => (new(CdcTypeKind.Double), DebeziumEncoding.Plain),
        "string" => sourceType switch
        {
            "CHAR" when length is not null => (new(CdcTypeKind.Char, length), DebeziumEncoding.Plain),
            "VARCHAR" when length is not null => (new(CdcTypeKind.VarChar, length), DebeziumEncoding.Plain),
            "DECIMAL" or "NUMERIC" when length is not null => (new(CdcTypeKind.Decimal, length, scale ?? 0), DebeziumEncoding.DecimalText),
            _ => (new(CdcTypeKind.String), DebeziumEncoding.Plain),
        },
        "bytes" => sourceType switch
        {
            "BINARY" when length is not null => (new(CdcTypeKind.Binary, length), DebeziumEncoding.Plain),
            "VARBINARY" when length is not null => (new(CdcTypeKind.VarBinary, length), DebeziumEncoding.Plain),
            _ => (new(CdcTypeKind.Bytes), DebeziumEncoding.Plain),
        },
        _ => throw new DebeziumEventException($"Table {table}, column '{name}': the Kafka Connect type '{type}' (ARRAY, MAP and STRUCT columns) is not supported."),
    };

    /// <summary>An ENUM as VARCHAR of its longest allowed value (Debezium lists them, comma-separated, in <c>allowed</c>).</summary>
    private static CdcColumnType EnumType(string? allowed)
        => allowed is null ? new(CdcTypeKind.String) : new(CdcTypeKind.VarChar, Math.Max(1, allowed.Split(',').Max(v => v.Length)));

    /// <summary>The field's <c>default</c> as text, for values whose encoding is the value itself (numbers, booleans, strings).</summary>
    private static string? DefaultValue(JsonElement field, DebeziumEncoding encoding)
    {
        if (encoding != DebeziumEncoding.Plain || !field.TryGetProperty("default", out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => null,
        };
    }

    /// <summary>The key's column names: its Connect schema's fields (<c>{"schema":…,"payload":…}</c>), else its members; none for an empty key.</summary>
    private static IReadOnlyList<string> PrimaryKey(CdcTableId table, ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty) return [];
        using var document = JsonDocument.Parse(key.ToArray());
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null) return [];
        if (root.ValueKind != JsonValueKind.Object) throw new DebeziumEventException($"Table {table}: the message key is not a JSON object.");
        if (root.TryGetProperty("schema", out var schema) && root.TryGetProperty("payload", out _))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("fields", out var fields)
                ? [.. fields.EnumerateArray().Select(f => f.GetProperty("field").GetString()!)]
                : [];
        }
        return [.. root.EnumerateObject().Select(p => p.Name)];
    }
}
