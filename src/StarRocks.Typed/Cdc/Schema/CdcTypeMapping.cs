using System.Globalization;

namespace StarRocks.Typed.Cdc.Schema;

/// <summary>
/// Source column types → StarRocks column types, as StarRocks's Flink CDC pipeline sink maps them (Flink CDC,
/// <c>flink-cdc-pipeline-connector-starrocks</c>, <c>StarRocksUtils.CdcDataTypeTransformer</c>; StarRocks docs,
/// "Data ingestion with Flink CDC", data type mapping).
/// </summary>
internal static class CdcTypeMapping
{
    /// <summary>StarRocks's longest CHAR, in bytes (StarRocks docs, CHAR).</summary>
    public const int MaxCharBytes = 255;

    /// <summary>StarRocks's longest VARCHAR and VARBINARY, in bytes (StarRocks docs, VARCHAR, VARBINARY).</summary>
    public const int MaxVarcharBytes = 1_048_576;

    /// <summary>The largest DECIMAL precision (StarRocks docs, DECIMAL).</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>
    /// The StarRocks type of <paramref name="column"/>:
    /// <list type="bullet">
    /// <item>BOOLEAN, TINYINT … DOUBLE, DATE as they are; TIMESTAMP and TIMESTAMP_LTZ → DATETIME; JSON → JSON.</item>
    /// <item>DECIMAL(p,s) → DECIMAL(p,s); as a key column (StarRocks has no DECIMAL key) VARCHAR(p+2), or VARCHAR(p+1) when s = 0: sign and point.</item>
    /// <item>CHAR(n) → CHAR(n×k) when n×k ≤ 255 bytes and it is no key column (StarRocks has no CHAR key), else VARCHAR(min(n×k, 1048576)); VARCHAR(n) → VARCHAR(min(n×k, 1048576)); text without a length → VARCHAR(1048576). k is <c>unicode-char.max-bytes</c>: the source counts characters, StarRocks bytes.</item>
    /// <item>BINARY(n) → BINARY(n+2), VARBINARY(n) → VARBINARY(n+1), bytes without a length → VARBINARY(1048576): the
    /// padding of Alibaba Cloud's StarRocks pipeline connector documentation ("Data ingestion", data type mappings: two and one padding
    /// bytes "to prevent errors"), where Flink CDC's own connector maps both to VARBINARY(n).</item>
    /// <item>TIME(p) → VARCHAR(8) (<c>HH:mm:ss</c>), or VARCHAR(9+p) with p fractional digits.</item>
    /// <item>TIMESTAMP WITH TIME ZONE: refused (StarRocks has no zoned type).</item>
    /// </list>
    /// A key column of a type StarRocks does not take as a PRIMARY KEY column (FLOAT, DOUBLE, binary, JSON) is refused
    /// (StarRocks docs, CREATE TABLE, PRIMARY KEY: BOOLEAN, integers, VARCHAR/STRING, DATE and DATETIME).
    /// </summary>
    /// <param name="table">The source table (named in errors).</param>
    /// <param name="column">The column.</param>
    /// <param name="isKey">Whether it is a primary key column.</param>
    /// <param name="unicodeCharMaxBytes">Bytes per character (<c>unicode-char.max-bytes</c>).</param>
    /// <returns>The StarRocks type, e.g. <c>VARCHAR(300)</c>.</returns>
    /// <exception cref="StarRocksCdcException">The type has no StarRocks column, or cannot be a key column.</exception>
    public static string StarRocksType(CdcTableId table, CdcColumn column, bool isKey, int unicodeCharMaxBytes)
    {
        var type = column.Type;
        return type.Kind switch
        {
            CdcTypeKind.Boolean => "BOOLEAN",
            CdcTypeKind.TinyInt => "TINYINT",
            CdcTypeKind.SmallInt => "SMALLINT",
            CdcTypeKind.Int => "INT",
            CdcTypeKind.BigInt => "BIGINT",
            CdcTypeKind.Float => NoKey("FLOAT"),
            CdcTypeKind.Double => NoKey("DOUBLE"),
            CdcTypeKind.Decimal => Decimal(),
            CdcTypeKind.Char => Char(Length(1)),
            CdcTypeKind.VarChar => VarChar(type.Length is null ? MaxVarcharBytes : Length(1) * (long)unicodeCharMaxBytes),
            CdcTypeKind.String => VarChar(MaxVarcharBytes),
            CdcTypeKind.Binary => NoKey($"BINARY({Math.Min(Length(1) + 2L, MaxVarcharBytes)})"),
            CdcTypeKind.VarBinary => NoKey($"VARBINARY({(type.Length is null ? MaxVarcharBytes : Math.Min(Length(1) + 1L, MaxVarcharBytes))})"),
            CdcTypeKind.Bytes => NoKey($"VARBINARY({MaxVarcharBytes})"),
            CdcTypeKind.Date => "DATE",
            CdcTypeKind.Time => Length(0) is var digits and > 0 ? $"VARCHAR({9 + digits})" : "VARCHAR(8)",
            CdcTypeKind.Timestamp or CdcTypeKind.TimestampLtz => "DATETIME",
            CdcTypeKind.Json => NoKey("JSON"),
            _ => throw Refused($"has type {Describe(type)}, which StarRocks has no column type for (TIMESTAMP WITH TIME ZONE: convert it to TIMESTAMP_LTZ or a string upstream)"),
        };

        int Length(int min)
        {
            var length = type.Length ?? min;
            if (length < min || (type.Kind == CdcTypeKind.Time && length > 9))
            {
                throw Refused($"has type {Describe(type)}, whose length is out of range");
            }

            return length;
        }

        string Char(int characters)
        {
            var bytes = characters * (long)unicodeCharMaxBytes;
            return !isKey && bytes <= MaxCharBytes ? $"CHAR({bytes})" : VarChar(bytes);
        }

        static string VarChar(long bytes) => $"VARCHAR({Math.Min(bytes, MaxVarcharBytes)})";

        string Decimal()
        {
            var precision = type.Length ?? throw Refused("has type DECIMAL without a precision");
            var scale = type.Scale ?? 0;
            if (precision is < 1 or > MaxDecimalPrecision || scale < 0 || scale > precision)
            {
                throw Refused($"has type {Describe(type)}; StarRocks takes DECIMAL(p,s) with 1 ≤ p ≤ {MaxDecimalPrecision} and 0 ≤ s ≤ p");
            }

            return isKey ? VarChar(scale != 0 ? precision + 2 : precision + 1) : $"DECIMAL({precision},{scale})";
        }

        string NoKey(string starRocksType) => isKey
            ? throw Refused($"is a primary key column of type {Describe(type)}, and StarRocks takes no {starRocksType} primary key column")
            : starRocksType;

        StarRocksCdcException Refused(string what) => new(table, column.Name, $"Column {column.Name} of {table} {what}.");
    }

    /// <summary>A source type as SQL spells it, e.g. <c>DECIMAL(10,2)</c>, <c>TIMESTAMP_TZ(3)</c>.</summary>
    public static string Describe(CdcColumnType type)
    {
        var name = type.Kind.ToString().ToUpperInvariant() switch
        {
            "TIMESTAMPLTZ" => "TIMESTAMP_LTZ",
            "TIMESTAMPTZ" => "TIMESTAMP_TZ",
            var other => other,
        };
        return (type.Length, type.Scale) switch
        {
            (null, _) => name,
            ({ } length, null) => $"{name}({length.ToString(CultureInfo.InvariantCulture)})",
            ({ } length, { } scale) => $"{name}({length.ToString(CultureInfo.InvariantCulture)},{scale.ToString(CultureInfo.InvariantCulture)})",
        };
    }
}
