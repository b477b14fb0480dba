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

/// <summary>
/// A column: where its value comes from and how it is declared. Built with named members (the parser reads as a
/// description); a record so the incremental pipeline can compare models.
/// </summary>
internal sealed record ColumnSpec
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>The C# member.</summary>
    public required string MemberName { get; init; }

    /// <summary>The member's mapped type.</summary>
    public required ValueSpec Value { get; init; }

    /// <summary>The column type (the mapped type or the <c>Type</c> override).</summary>
    public required string StarRocksType { get; init; }

    /// <summary>Whether the column is <c>NULL</c>.</summary>
    public required bool IsNullable { get; init; }

    /// <summary>The key position, or -1.</summary>
    public required int KeyOrder { get; init; }

    /// <summary>The aggregate function of an AGGREGATE KEY value column.</summary>
    public required AggregateFunction Aggregate { get; init; }

    /// <summary>The default, as StarRocks text, or null.</summary>
    public required string? Default { get; init; }

    /// <summary>The comment, or null.</summary>
    public required string? Comment { get; init; }

    /// <summary>Whether the reader can assign the member in an object initializer.</summary>
    public required bool IsSettable { get; init; }

    /// <summary>
    /// For string, char and enum-name members in a CHAR/VARCHAR/STRING column: the column's length in bytes, which the
    /// writers check (StarRocks refuses a longer value); 0 otherwise.
    /// </summary>
    public required int MaxBytes { get; init; }

    /// <summary>For decimal members in a DECIMAL column: its precision and scale, which the writers check; null otherwise.</summary>
    public required DecimalDigits? Decimal { get; init; }

    public bool IsKey => KeyOrder >= 0;
}

/// <summary>A DECIMAL column's precision and scale.</summary>
internal sealed record DecimalDigits(int Precision, int Scale);

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

/// <summary>
/// Everything the emitters need about one <c>[StarRocksTable]</c> type. Built with named members; a record (with
/// <see cref="EquatableArray{T}"/> collections) so that an unchanged model is never re-emitted.
/// </summary>
internal sealed record TableSpec
{
    /// <summary>The type's namespace, or null for the global namespace.</summary>
    public required string? Namespace { get; init; }

    /// <summary>The containing types (outermost first), then the table type.</summary>
    public required EquatableArray<TypeDeclarationSpec> Declarations { get; init; }

    /// <summary>The fully qualified type, e.g. <c>global::Shop.Order</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>A file-name-safe unique name for the generated file.</summary>
    public required string HintName { get; init; }

    /// <summary>
    /// Whether code at assembly level can name the type (it and its containing types are public or internal, not
    /// file-local): then the DDL assembly attribute references <c>CreateTableSql</c> instead of repeating the text.
    /// </summary>
    public required bool IsAssemblyAccessible { get; init; }

    /// <summary>The database.</summary>
    public required string Database { get; init; }

    /// <summary>The table.</summary>
    public required string Table { get; init; }

    /// <summary>The table kind.</summary>
    public required TableKind Kind { get; init; }

    /// <summary>The table comment.</summary>
    public required string? Comment { get; init; }

    /// <summary>The columns in table order: key columns in key order, then value columns in declaration order.</summary>
    public required EquatableArray<ColumnSpec> Columns { get; init; }

    /// <summary>The partitioning, or null.</summary>
    public required PartitionSpec? Partition { get; init; }

    /// <summary>The distribution, or null to let StarRocks choose (DUPLICATE KEY only).</summary>
    public required DistributionSpec? Distribution { get; init; }

    /// <summary>The sort key columns.</summary>
    public required EquatableArray<string> OrderBy { get; init; }

    /// <summary>The table properties.</summary>
    public required EquatableArray<PropertySpec> Properties { get; init; }

    /// <summary>The members passed to the constructor when reading, in parameter order (empty for a parameterless constructor).</summary>
    public required EquatableArray<string> ConstructorParameters { get; init; }

    /// <summary>Whether a base class is a <c>[StarRocksTable]</c> too (its generated static members are hidden).</summary>
    public required bool HasTableBase { get; init; }

    public bool HasKey => Columns.Count > 0 && Columns[0].IsKey;
}
