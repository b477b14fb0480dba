namespace StarRocks.Typed.Generators.Model;

/// <summary>SQL spellings of table kinds and aggregate functions.</summary>
internal static class SqlNames
{
    /// <summary>The key clause keyword, e.g. <c>PRIMARY KEY</c>.</summary>
    public static string KeyClause(this TableKind kind) => kind switch
    {
        TableKind.AggregateKey => "AGGREGATE KEY",
        TableKind.UniqueKey => "UNIQUE KEY",
        TableKind.PrimaryKey => "PRIMARY KEY",
        _ => "DUPLICATE KEY",
    };

    /// <summary>The keys type as StarRocks names it in messages (KeysType), e.g. <c>DUP_KEYS</c>.</summary>
    public static string KeysTypeName(this TableKind kind) => kind switch
    {
        TableKind.AggregateKey => "AGG_KEYS",
        TableKind.UniqueKey => "UNIQUE_KEYS",
        TableKind.PrimaryKey => "PRIMARY_KEYS",
        _ => "DUP_KEYS",
    };

    /// <summary>The aggregate function keyword, e.g. <c>REPLACE_IF_NOT_NULL</c>, or null for none.</summary>
    public static string? Sql(this AggregateFunction aggregate) => aggregate switch
    {
        AggregateFunction.Sum => "SUM",
        AggregateFunction.Max => "MAX",
        AggregateFunction.Min => "MIN",
        AggregateFunction.Replace => "REPLACE",
        AggregateFunction.ReplaceIfNotNull => "REPLACE_IF_NOT_NULL",
        AggregateFunction.HllUnion => "HLL_UNION",
        AggregateFunction.BitmapUnion => "BITMAP_UNION",
        _ => null,
    };
}
