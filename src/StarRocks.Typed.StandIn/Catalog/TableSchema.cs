namespace StarRocks.Typed.StandIn.Catalog;

/// <summary>The StarRocks table kinds (the key clause of <c>CREATE TABLE</c>).</summary>
public enum TableKind
{
    /// <summary><c>DUPLICATE KEY</c>: every loaded row is kept.</summary>
    Duplicate,
    /// <summary><c>AGGREGATE KEY</c>: rows with equal keys are combined by each value column's aggregate.</summary>
    Aggregate,
    /// <summary><c>UNIQUE KEY</c>: last write wins.</summary>
    Unique,
    /// <summary><c>PRIMARY KEY</c>: last write wins; <c>__op</c> = 1 deletes.</summary>
    Primary,
}

/// <summary>The aggregate a value column of an AGGREGATE KEY table carries.</summary>
public enum AggregateFunction
{
    /// <summary>No aggregate (key columns, and every column of other table kinds).</summary>
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

/// <summary>
/// A column as StarRocks declares it. <see cref="Type"/> is the StarRocks type text as StarRocks reports it
/// (upper case, e.g. <c>VARCHAR(64)</c>, <c>DECIMAL(18,4)</c>, <c>ARRAY&lt;INT&gt;</c>); <see cref="BaseType"/>
/// is its name without arguments (<c>VARCHAR</c>); <see cref="Length"/> is the byte length of CHAR/VARCHAR/VARBINARY,
/// <see cref="Precision"/>/<see cref="Scale"/> those of DECIMAL. <see cref="AutoIncrement"/> and <see cref="Generated"/>
/// mark the columns a load may leave out without a default (StarRocks's <c>Load.initColumns</c>).
/// </summary>
public sealed record ColumnSchema(
    string Name,
    string Type,
    string BaseType,
    bool Nullable,
    bool IsKey,
    AggregateFunction Aggregate = AggregateFunction.None,
    int Length = 0,
    int Precision = 0,
    int Scale = 0,
    string? Default = null,
    string? Comment = null,
    bool AutoIncrement = false,
    bool Generated = false);

/// <summary>
/// What the stand-in remembers of a StarRocks table beside the MariaDB table that stores it:
/// the kind, the ordered columns with their StarRocks types, and the key columns in key order.
/// </summary>
public sealed record TableSchema(
    string Database,
    string Name,
    TableKind Kind,
    IReadOnlyList<ColumnSchema> Columns,
    IReadOnlyList<string> KeyColumns)
{
    /// <summary>The column with this name (StarRocks column names are case-insensitive), or null.</summary>
    public ColumnSchema? FindColumn(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
