using StarRocks.Typed.Generators.Helpers;

namespace StarRocks.Typed.Generators.Model;

/// <summary>Mirrors <c>StarRocks.Typed.StarRocksTableKind</c> (same names and values).</summary>
internal enum TableKind
{
    DuplicateKey,
    AggregateKey,
    UniqueKey,
    PrimaryKey,
}

/// <summary>Mirrors <c>StarRocks.Typed.StarRocksAggregate</c> (same names and values).</summary>
internal enum AggregateFunction
{
    None,
    Sum,
    Max,
    Min,
    Replace,
    ReplaceIfNotNull,
    HllUnion,
    BitmapUnion,
}

/// <summary>A column: where its value comes from and how it is declared.</summary>
/// <param name="Name">The column name.</param>
/// <param name="MemberName">The C# member.</param>
/// <param name="Value">The member's mapped type.</param>
/// <param name="StarRocksType">The column type (the mapped type or the <c>Type</c> override).</param>
/// <param name="IsNullable">Whether the column is <c>NULL</c>.</param>
/// <param name="KeyOrder">The key position, or -1.</param>
/// <param name="Aggregate">The aggregate function of an AGGREGATE KEY value column.</param>
/// <param name="Default">The default, as StarRocks text, or null.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="IsSettable">Whether the reader can assign the member in an object initializer.</param>
internal sealed record ColumnSpec(
    string Name,
    string MemberName,
    ValueSpec Value,
    string StarRocksType,
    bool IsNullable,
    int KeyOrder,
    AggregateFunction Aggregate,
    string? Default,
    string? Comment,
    bool IsSettable)
{
    public bool IsKey => KeyOrder >= 0;
}

/// <summary>An explicit range partition: <c>PARTITION name VALUES LESS THAN ("bound")</c>.</summary>
internal sealed record RangeBoundSpec(string Name, string LessThan);

/// <summary>
/// An explicit list partition: <c>PARTITION name VALUES IN (…)</c>. <paramref name="Values"/> are grouped by the
/// partition column count (one group per value tuple); a null value is SQL <c>NULL</c>.
/// </summary>
internal sealed record ListPartitionSpec(string Name, EquatableArray<ListValueSpec> Values);

/// <summary>One value of a list partition: the text of a string literal, or null for <c>NULL</c>.</summary>
internal sealed record ListValueSpec(string? Text);

/// <summary>
/// The <c>PARTITION BY</c> clause: an expression, a range over a column with explicit or batch partitions, or a list
/// over columns with explicit partitions.
/// </summary>
/// <param name="Expression">Expression partitioning, verbatim; null for range and list partitioning.</param>
/// <param name="RangeColumn">Range partitioning: the column.</param>
/// <param name="Ranges">Explicit partitions.</param>
/// <param name="Start">Batch creation: start.</param>
/// <param name="End">Batch creation: end.</param>
/// <param name="Every">Batch creation: step.</param>
/// <param name="ListColumns">List partitioning: the columns (empty otherwise).</param>
/// <param name="Lists">List partitioning: the partitions.</param>
internal sealed record PartitionSpec(
    string? Expression,
    string? RangeColumn,
    EquatableArray<RangeBoundSpec> Ranges,
    string? Start,
    string? End,
    string? Every,
    EquatableArray<string> ListColumns,
    EquatableArray<ListPartitionSpec> Lists)
{
    /// <summary>Whether this is <c>PARTITION BY LIST</c>.</summary>
    public bool IsList => ListColumns.Count > 0;
}

/// <summary>The <c>DISTRIBUTED BY</c> clause.</summary>
/// <param name="IsRandom">RANDOM, else HASH over <paramref name="Columns"/>.</param>
/// <param name="Columns">The bucketing column names.</param>
/// <param name="Buckets">The bucket count, 0 for automatic.</param>
internal sealed record DistributionSpec(bool IsRandom, EquatableArray<string> Columns, int Buckets);

/// <summary>A table property.</summary>
internal sealed record PropertySpec(string Name, string Value);

/// <summary>One level of the partial type declaration (the table type or a containing type).</summary>
/// <param name="Keyword">E.g. <c>class</c>, <c>record</c>, <c>record struct</c>, <c>struct</c>.</param>
/// <param name="Name">The type name.</param>
internal sealed record TypeDeclarationSpec(string Keyword, string Name);

/// <summary>Everything the emitters need about one <c>[StarRocksTable]</c> type.</summary>
/// <param name="Namespace">The type's namespace, or null for the global namespace.</param>
/// <param name="Declarations">The containing types (outermost first), then the table type.</param>
/// <param name="TypeName">The fully qualified type, e.g. <c>global::Shop.Order</c>.</param>
/// <param name="HintName">A file-name-safe unique name for the generated file.</param>
/// <param name="Database">The database.</param>
/// <param name="Table">The table.</param>
/// <param name="Kind">The table kind.</param>
/// <param name="Comment">The table comment.</param>
/// <param name="Columns">The columns in table order: key columns in key order, then value columns in declaration order.</param>
/// <param name="Partition">The partitioning, or null.</param>
/// <param name="Distribution">The distribution, or null to let StarRocks choose (DUPLICATE KEY only).</param>
/// <param name="OrderBy">The sort key columns.</param>
/// <param name="Properties">The table properties.</param>
/// <param name="ConstructorParameters">
/// The members passed to the constructor when reading, in parameter order (empty for a parameterless constructor).
/// </param>
/// <param name="HasTableBase">Whether a base class is a <c>[StarRocksTable]</c> too (its generated static members are hidden).</param>
internal sealed record TableSpec(
    string? Namespace,
    EquatableArray<TypeDeclarationSpec> Declarations,
    string TypeName,
    string HintName,
    string Database,
    string Table,
    TableKind Kind,
    string? Comment,
    EquatableArray<ColumnSpec> Columns,
    PartitionSpec? Partition,
    DistributionSpec? Distribution,
    EquatableArray<string> OrderBy,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<string> ConstructorParameters,
    bool HasTableBase)
{
    public bool HasKey => Columns.Count > 0 && Columns[0].IsKey;
}
