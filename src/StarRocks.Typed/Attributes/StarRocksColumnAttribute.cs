namespace StarRocks.Typed;

/// <summary>Marks a member as part of the table key (the key clause), at position <paramref name="order"/> (0-based, unique, contiguous).</summary>
/// <param name="order">The position of this column in the key.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class StarRocksKeyAttribute(int order) : Attribute
{
    /// <summary>The position of this column in the key (0-based).</summary>
    public int Order { get; } = order;
}

/// <summary>Leaves a member out of the table.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class StarRocksIgnoreAttribute : Attribute;

/// <summary>Configures the column a member maps to. Every setting is optional.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false)]
public sealed class StarRocksColumnAttribute : Attribute
{
    /// <summary>Configures the column without renaming it.</summary>
    public StarRocksColumnAttribute() { }

    /// <summary>Configures the column and names it <paramref name="name"/>.</summary>
    public StarRocksColumnAttribute(string name) => Name = name;

    /// <summary>The column name; by default derived from the member name by the table's <see cref="StarRocksNaming"/>.</summary>
    public string? Name { get; set; }

    /// <summary>A StarRocks type that replaces the mapped one, e.g. <c>VARCHAR(64)</c>, <c>DECIMAL(18,4)</c>, <c>LARGEINT</c>, <c>JSON</c>.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// For strings: the maximum length in characters. The column gets length × <see cref="StarRocksTableAttribute.UnicodeCharMaxBytes"/>
    /// bytes: <c>CHAR</c> when <see cref="FixedLength"/> and it fits 255 bytes, else <c>VARCHAR</c>. Unset (0, and no
    /// <see cref="MaxBytes"/>): <c>STRING</c>. For <c>byte[]</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>: the length in
    /// bytes of the <c>VARBINARY</c> (unset: <c>VARBINARY(1048576)</c>, StarRocks's largest).
    /// </summary>
    public int Length { get; set; }

    /// <summary>
    /// For strings and chars: the length in bytes, as StarRocks counts it and as published DDL spells it —
    /// <c>MaxBytes = 26</c> is <c>VARCHAR(26)</c> (<c>CHAR(26)</c> with <see cref="FixedLength"/>), whatever
    /// <see cref="StarRocksTableAttribute.UnicodeCharMaxBytes"/> says. Set it or <see cref="Length"/>, not both. The
    /// writers refuse a value longer than the column in UTF-8 bytes.
    /// </summary>
    public int MaxBytes { get; set; }

    /// <summary>For strings with a <see cref="Length"/> or <see cref="MaxBytes"/>: prefer <c>CHAR</c> to <c>VARCHAR</c> (only when it fits 255 bytes).</summary>
    public bool FixedLength { get; set; }

    /// <summary>For decimals: the precision (1–38). Unset: 38 (with scale 9), see the README's type table.</summary>
    public int Precision { get; set; }

    /// <summary>For decimals: the scale (0–precision).</summary>
    public int Scale { get; set; } = -1;

    /// <summary>Nullability; by default from the C# nullable annotation.</summary>
    public StarRocksNullability Nullability { get; set; } = StarRocksNullability.FromType;

    /// <summary>
    /// The column default, as StarRocks text (<c>DEFAULT "v"</c>), checked at compile time against the column type
    /// (SRT024). <c>CURRENT_TIMESTAMP</c>, <c>current_timestamp()</c>/<c>now()</c> (DATETIME), <c>uuid()</c> (VARCHAR of at
    /// least 36 bytes) and <c>uuid_numeric()</c> (LARGEINT) are function defaults, emitted unquoted; <c>NULL</c> is
    /// <c>DEFAULT NULL</c> (nullable columns only).
    /// </summary>
    public string? Default { get; set; }

    /// <summary>The column comment.</summary>
    public string? Comment { get; set; }

    /// <summary>The aggregate function of a value column of an AGGREGATE KEY table.</summary>
    public StarRocksAggregate Aggregate { get; set; } = StarRocksAggregate.None;

    /// <summary>For enums: store the name (<c>VARCHAR</c>) instead of the number.</summary>
    public StarRocksEnumFormat EnumFormat { get; set; } = StarRocksEnumFormat.Number;

    /// <summary>For strings: the value is JSON text and the column is <c>JSON</c>.</summary>
    public bool Json { get; set; }
}

/// <summary>Column nullability.</summary>
public enum StarRocksNullability
{
    /// <summary>From the C# type: nullable value types and nullable reference types are <c>NULL</c>.</summary>
    FromType,
    /// <summary><c>NULL</c>.</summary>
    Null,
    /// <summary><c>NOT NULL</c>.</summary>
    NotNull,
}

/// <summary>Aggregate functions of value columns in AGGREGATE KEY tables.</summary>
public enum StarRocksAggregate
{
    /// <summary>No aggregate (key columns, and all columns of other table kinds).</summary>
    None,
    /// <summary><c>SUM</c>.</summary>
    Sum,
    /// <summary><c>MAX</c>.</summary>
    Max,
    /// <summary><c>MIN</c>.</summary>
    Min,
    /// <summary><c>REPLACE</c>.</summary>
    Replace,
    /// <summary><c>REPLACE_IF_NOT_NULL</c>.</summary>
    ReplaceIfNotNull,
    /// <summary><c>HLL_UNION</c>.</summary>
    HllUnion,
    /// <summary><c>BITMAP_UNION</c>.</summary>
    BitmapUnion,
}

/// <summary>How an enum member is stored.</summary>
public enum StarRocksEnumFormat
{
    /// <summary>As its underlying integer.</summary>
    Number,
    /// <summary>As its name, in a <c>VARCHAR</c>.</summary>
    Name,
}
