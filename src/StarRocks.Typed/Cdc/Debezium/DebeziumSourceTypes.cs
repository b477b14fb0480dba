namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Source column types of the schema history (<c>typeName</c>, <c>length</c>, <c>scale</c>) as <see cref="CdcColumnType"/>:
/// MySQL's names (MySQL docs, "Data Types"), PostgreSQL's (PostgreSQL docs, "Data Types"), mapped as Debezium maps
/// their values (Debezium docs, "How Debezium MySQL connectors map data types").
/// </summary>
internal static class DebeziumSourceTypes
{
    private static readonly HashSet<string> Spatial = new(StringComparer.OrdinalIgnoreCase)
    {
        "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION", "GEOGRAPHY",
    };

    public static CdcColumnType Map(CdcTableId table, string column, string typeName, int? length, int? scale, IReadOnlyList<string>? enumValues, string? connector)
    {
        var words = typeName.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool unsigned = words.Contains("UNSIGNED");
        string name = string.Join(' ', words.Where(w => w is not ("UNSIGNED" or "ZEROFILL")));
        bool postgres = connector == "postgresql";
        return name switch
        {
            "BOOLEAN" or "BOOL" => new(CdcTypeKind.Boolean),
            "BIT" when length is null or 1 => new(CdcTypeKind.Boolean),
            "BIT" or "VARBIT" or "BIT VARYING" => new(CdcTypeKind.Bytes),
            "TINYINT" => new(unsigned ? CdcTypeKind.SmallInt : CdcTypeKind.TinyInt),
            "SMALLINT" or "INT2" or "SMALLSERIAL" => new(unsigned ? CdcTypeKind.Int : CdcTypeKind.SmallInt),
            "MEDIUMINT" => new(CdcTypeKind.Int),
            "INT" or "INTEGER" or "INT4" or "SERIAL" => new(unsigned ? CdcTypeKind.BigInt : CdcTypeKind.Int),
            // BIGINT UNSIGNED reaches 2^64 - 1, past BIGINT: DECIMAL(20, 0), as Debezium's bigint.unsigned.handling.mode=precise encodes it.
            "BIGINT" or "INT8" or "BIGSERIAL" => unsigned ? new(CdcTypeKind.Decimal, 20, 0) : new(CdcTypeKind.BigInt),
            "FLOAT" when length is > 23 => new(CdcTypeKind.Double),
            "FLOAT" or "REAL" or "FLOAT4" => new(CdcTypeKind.Float),
            "DOUBLE" or "DOUBLE PRECISION" or "FLOAT8" => new(CdcTypeKind.Double),
            "DECIMAL" or "NUMERIC" or "DEC" or "FIXED" when length is not null => new(CdcTypeKind.Decimal, length, scale ?? 0),
            "DECIMAL" or "NUMERIC" or "DEC" or "FIXED" => throw Refused(table, column, typeName, "a DECIMAL without a precision has no fixed scale"),
            "CHAR" or "CHARACTER" or "BPCHAR" or "NCHAR" => new(CdcTypeKind.Char, length ?? 1),
            "VARCHAR" or "CHARACTER VARYING" or "NVARCHAR" when length is not null => new(CdcTypeKind.VarChar, length),
            "VARCHAR" or "CHARACTER VARYING" or "TEXT" or "TINYTEXT" or "MEDIUMTEXT" or "LONGTEXT" or "CITEXT" or "SET" => new(CdcTypeKind.String),
            "BINARY" => new(CdcTypeKind.Binary, length ?? 1),
            "VARBINARY" when length is not null => new(CdcTypeKind.VarBinary, length),
            "VARBINARY" or "TINYBLOB" or "BLOB" or "MEDIUMBLOB" or "LONGBLOB" or "BYTEA" => new(CdcTypeKind.Bytes),
            "DATE" => new(CdcTypeKind.Date),
            "TIME" or "TIME WITHOUT TIME ZONE" => new(CdcTypeKind.Time, length ?? (postgres ? 6 : 0)),
            "DATETIME" or "TIMESTAMP WITHOUT TIME ZONE" => new(CdcTypeKind.Timestamp, length ?? (postgres ? 6 : 0)),
            // MySQL's TIMESTAMP is an instant (Debezium sends io.debezium.time.ZonedTimestamp); PostgreSQL's is not.
            "TIMESTAMP" => postgres ? new(CdcTypeKind.Timestamp, length ?? 6) : new(CdcTypeKind.TimestampLtz, length ?? 0),
            "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => new(CdcTypeKind.TimestampLtz, length ?? 6),
            "YEAR" => new(CdcTypeKind.Int),
            "JSON" or "JSONB" => new(CdcTypeKind.Json),
            "ENUM" when enumValues is { Count: > 0 } => new(CdcTypeKind.VarChar, enumValues.Max(v => v.Length)),
            "ENUM" => new(CdcTypeKind.String),
            "UUID" => new(CdcTypeKind.VarChar, 36),
            _ when Spatial.Contains(name) => throw Refused(table, column, typeName, "StarRocks has no spatial type; exclude the column (Debezium column.exclude.list)"),
            _ => throw Refused(table, column, typeName, "the type is not supported"),
        };
    }

    private static DebeziumEventException Refused(CdcTableId table, string column, string typeName, string why)
        => new($"Table {table}, column '{column}': type {typeName} cannot be loaded into StarRocks: {why}.");
}
