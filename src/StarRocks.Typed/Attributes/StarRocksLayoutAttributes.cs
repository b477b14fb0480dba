namespace StarRocks.Typed;

/// <summary><c>DISTRIBUTED BY HASH(columns) [BUCKETS n]</c>. Columns are column or member names.</summary>
/// <param name="columns">The bucketing columns (column names or member names).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksHashDistributionAttribute(params string[] columns) : Attribute
{
    /// <summary>The bucketing columns.</summary>
    public string[] Columns { get; } = columns;

    /// <summary>The bucket count; 0 lets StarRocks choose (automatic bucketing).</summary>
    public int Buckets { get; set; }
}

/// <summary><c>DISTRIBUTED BY RANDOM [BUCKETS n]</c> (DUPLICATE KEY tables only).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksRandomDistributionAttribute : Attribute
{
    /// <summary>The bucket count; 0 lets StarRocks choose.</summary>
    public int Buckets { get; set; }
}

/// <summary>
/// Expression partitioning: <c>PARTITION BY expression</c>, e.g. <c>date_trunc('day', order_date)</c> or
/// <c>time_slice(created_at, INTERVAL 1 hour)</c>, or a plain column list <c>"region, city"</c>.
/// </summary>
/// <param name="expression">The partition expression, in StarRocks SQL.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksPartitionByAttribute(string expression) : Attribute
{
    /// <summary>The partition expression, in StarRocks SQL.</summary>
    public string Expression { get; } = expression;
}

/// <summary>
/// Range partitioning: <c>PARTITION BY RANGE(column)</c>, either with <see cref="StarRocksPartitionAttribute"/>s
/// or with <see cref="Start"/>, <see cref="End"/> and <see cref="Every"/> (<c>START ("…") END ("…") EVERY (INTERVAL 1 DAY)</c>).
/// </summary>
/// <param name="column">The partition column (column or member name).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksRangePartitionAttribute(string column) : Attribute
{
    /// <summary>The partition column.</summary>
    public string Column { get; } = column;

    /// <summary>Batch creation: the first partition's lower bound, e.g. <c>2024-01-01</c>.</summary>
    public string? Start { get; set; }

    /// <summary>Batch creation: the upper bound (exclusive).</summary>
    public string? End { get; set; }

    /// <summary>Batch creation: the step, e.g. <c>INTERVAL 1 DAY</c> or <c>1</c> for integer columns.</summary>
    public string? Every { get; set; }
}

/// <summary>An explicit range partition: <c>PARTITION name VALUES LESS THAN ("upper")</c>.</summary>
/// <param name="name">The partition name.</param>
/// <param name="lessThan">The exclusive upper bound, or <c>MAXVALUE</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class StarRocksPartitionAttribute(string name, string lessThan) : Attribute
{
    /// <summary>The partition name.</summary>
    public string Name { get; } = name;

    /// <summary>The exclusive upper bound, or <c>MAXVALUE</c>.</summary>
    public string LessThan { get; } = lessThan;
}

/// <summary>
/// List partitioning: <c>PARTITION BY LIST (columns)</c> with explicit partitions, one
/// <see cref="StarRocksPartitionValuesAttribute"/> each (for automatic partitions per value use
/// <see cref="StarRocksPartitionByAttribute"/> with a column list instead).
/// </summary>
/// <param name="columns">The partition columns (column or member names).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksListPartitionAttribute(params string[] columns) : Attribute
{
    /// <summary>The partition columns.</summary>
    public string[] Columns { get; } = columns;
}

/// <summary>
/// An explicit list partition: <c>PARTITION name VALUES IN ("a", "b")</c> for one partition column. With several
/// partition columns the values are grouped by the column count, in column order: for two columns
/// <c>("2024-01-01", "Paris", "2024-01-01", "Rome")</c> is <c>VALUES IN (("2024-01-01", "Paris"), ("2024-01-01", "Rome"))</c>.
/// A <see langword="null"/> value is SQL <c>NULL</c> (nullable partition columns only); <c>("p", null)</c> is one NULL value.
/// </summary>
/// <param name="name">The partition name.</param>
/// <param name="values">The values (grouped by the partition column count).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class StarRocksPartitionValuesAttribute(string name, params string?[]? values) : Attribute
{
    /// <summary>The partition name.</summary>
    public string Name { get; } = name;

    /// <summary>The values, grouped by the partition column count (a lone <see langword="null"/> argument is one NULL value).</summary>
    public string?[] Values { get; } = values ?? [null];
}

/// <summary><c>ORDER BY (columns)</c>: the sort key. Columns are column or member names.</summary>
/// <param name="columns">The sort columns.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StarRocksOrderByAttribute(params string[] columns) : Attribute
{
    /// <summary>The sort columns.</summary>
    public string[] Columns { get; } = columns;
}

/// <summary>A table property: <c>PROPERTIES ("name" = "value")</c>, e.g. <c>replication_num</c>.</summary>
/// <param name="name">The property name.</param>
/// <param name="value">The property value.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class StarRocksPropertyAttribute(string name, string value) : Attribute
{
    /// <summary>The property name.</summary>
    public string Name { get; } = name;

    /// <summary>The property value.</summary>
    public string Value { get; } = value;
}
