namespace StarRocks.Typed;

/// <summary>
/// Marks a partial class or record as a StarRocks table. The source generator emits its DDL, CSV and JSON row
/// writers, a reader, a key accessor and its <see cref="Metadata.StarRocksTableInfo"/>.
/// </summary>
/// <param name="database">The StarRocks database.</param>
/// <param name="table">The StarRocks table.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksTableAttribute(string database, string table) : Attribute
{
    /// <summary>The StarRocks database.</summary>
    public string Database { get; } = database;

    /// <summary>The StarRocks table.</summary>
    public string Table { get; } = table;

    /// <summary>The table kind; <see cref="StarRocksTableKind.DuplicateKey"/> unless set.</summary>
    public StarRocksTableKind Kind { get; set; } = StarRocksTableKind.DuplicateKey;

    /// <summary>How member names become column names when <see cref="StarRocksColumnAttribute.Name"/> is not set.</summary>
    public StarRocksNaming Naming { get; set; } = StarRocksNaming.SnakeCase;

    /// <summary>The table comment.</summary>
    public string? Comment { get; set; }

    /// <summary>
    /// Bytes reserved per character when a string length is given in characters (the CDC sink option
    /// <c>unicode-char.max-bytes</c>, default 3): <c>VARCHAR(n)</c> gets n × this many bytes.
    /// </summary>
    public int UnicodeCharMaxBytes { get; set; } = 3;
}

/// <summary>The StarRocks table kinds (the key clause of <c>CREATE TABLE</c>).</summary>
public enum StarRocksTableKind
{
    /// <summary><c>DUPLICATE KEY</c>: every row is kept.</summary>
    DuplicateKey,
    /// <summary><c>AGGREGATE KEY</c>: rows with equal keys are combined by each value column's aggregate function.</summary>
    AggregateKey,
    /// <summary><c>UNIQUE KEY</c>: the last row with a key wins (merge on read).</summary>
    UniqueKey,
    /// <summary><c>PRIMARY KEY</c>: the last row with a key wins; supports delete (<c>__op</c>) and partial update.</summary>
    PrimaryKey,
}

/// <summary>How member names become column names.</summary>
public enum StarRocksNaming
{
    /// <summary><c>OrderId</c> → <c>order_id</c>.</summary>
    SnakeCase,
    /// <summary>The member name as declared.</summary>
    AsDeclared,
}
