namespace StarRocks.Typed.Cdc;

/// <summary>A table of a change stream's source, as the source names it (database or schema, then table).</summary>
/// <param name="Database">The source database (MySQL) or schema (PostgreSQL).</param>
/// <param name="Table">The source table.</param>
public readonly record struct CdcTableId(string Database, string Table)
{
    /// <inheritdoc />
    public override string ToString() => $"{Database}.{Table}";
}

/// <summary>
/// The source column types a change stream carries, as Flink CDC names them (Debezium's schemas and schema history map
/// onto these); the CDC type mapping turns each into a StarRocks type.
/// </summary>
public enum CdcTypeKind
{
    /// <summary>BOOLEAN.</summary>
    Boolean,

    /// <summary>TINYINT.</summary>
    TinyInt,

    /// <summary>SMALLINT.</summary>
    SmallInt,

    /// <summary>INT.</summary>
    Int,

    /// <summary>BIGINT.</summary>
    BigInt,

    /// <summary>FLOAT.</summary>
    Float,

    /// <summary>DOUBLE.</summary>
    Double,

    /// <summary>DECIMAL(precision, scale).</summary>
    Decimal,

    /// <summary>CHAR(n), n in characters.</summary>
    Char,

    /// <summary>VARCHAR(n), n in characters.</summary>
    VarChar,

    /// <summary>Text without a declared length.</summary>
    String,

    /// <summary>BINARY(n), n in bytes.</summary>
    Binary,

    /// <summary>VARBINARY(n), n in bytes.</summary>
    VarBinary,

    /// <summary>Bytes without a declared length.</summary>
    Bytes,

    /// <summary>DATE.</summary>
    Date,

    /// <summary>TIME(p), p fractional digits.</summary>
    Time,

    /// <summary>TIMESTAMP(p) without a time zone.</summary>
    Timestamp,

    /// <summary>TIMESTAMP(p) WITH LOCAL TIME ZONE (an instant).</summary>
    TimestampLtz,

    /// <summary>TIMESTAMP(p) WITH TIME ZONE.</summary>
    TimestampTz,

    /// <summary>A JSON document.</summary>
    Json,
}

/// <summary>A source column type: its kind and, where the kind has them, its length and scale.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Length">Characters for CHAR/VARCHAR, bytes for BINARY/VARBINARY, the precision of DECIMAL, the fractional digits of TIME/TIMESTAMP.</param>
/// <param name="Scale">The scale of DECIMAL.</param>
public sealed record CdcColumnType(CdcTypeKind Kind, int? Length = null, int? Scale = null);

/// <summary>A source column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The source type.</param>
/// <param name="Nullable">Whether the column takes NULL.</param>
/// <param name="DefaultValue">The default as the source gives it (null when none).</param>
/// <param name="Comment">The column comment (null when none).</param>
public sealed record CdcColumn(string Name, CdcColumnType Type, bool Nullable = true, string? DefaultValue = null, string? Comment = null);

/// <summary>A source table's schema: its columns in source order and its primary key.</summary>
/// <param name="Table">The source table.</param>
/// <param name="Columns">The columns, in source order.</param>
/// <param name="PrimaryKey">The primary key's column names, in key order (empty when the source has none).</param>
public sealed record CdcTableSchema(CdcTableId Table, IReadOnlyList<CdcColumn> Columns, IReadOnlyList<string> PrimaryKey);
