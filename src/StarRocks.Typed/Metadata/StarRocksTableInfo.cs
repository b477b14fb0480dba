using System.Collections.Immutable;

namespace StarRocks.Typed.Metadata;

/// <summary>A column of a typed table, as the generator mapped it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="MemberName">The C# member it comes from.</param>
/// <param name="StarRocksType">The StarRocks type, e.g. <c>VARCHAR(192)</c>, <c>DECIMAL(38,9)</c>, <c>ARRAY&lt;INT&gt;</c>.</param>
/// <param name="IsNullable">Whether the column is <c>NULL</c>.</param>
/// <param name="KeyOrder">The position in the key clause, or -1 for value columns.</param>
/// <param name="Aggregate">The aggregate function (AGGREGATE KEY value columns only).</param>
/// <param name="Default">The default as the DDL writes it after <c>DEFAULT</c> (<c>"n/a"</c>, <c>NULL</c>, <c>CURRENT_TIMESTAMP</c>, <c>(uuid())</c>), or null.</param>
/// <param name="Comment">The comment, or null.</param>
public sealed record StarRocksColumnInfo(
    string Name,
    string MemberName,
    string StarRocksType,
    bool IsNullable,
    int KeyOrder,
    StarRocksAggregate Aggregate,
    string? Default,
    string? Comment)
{
    /// <summary>Whether the column is part of the key clause.</summary>
    public bool IsKey => KeyOrder >= 0;
}

/// <summary>A typed table: where it lives, its kind, its columns in table order (key columns first) and its DDL.</summary>
/// <param name="Database">The StarRocks database.</param>
/// <param name="Table">The StarRocks table.</param>
/// <param name="Kind">The table kind.</param>
/// <param name="Columns">The columns in table order; key columns come first, in key order.</param>
/// <param name="CreateTableSql">The <c>CREATE TABLE IF NOT EXISTS</c> statement.</param>
public sealed record StarRocksTableInfo(
    string Database,
    string Table,
    StarRocksTableKind Kind,
    ImmutableArray<StarRocksColumnInfo> Columns,
    string CreateTableSql)
{
    /// <summary>The key columns, in key order.</summary>
    public ImmutableArray<StarRocksColumnInfo> KeyColumns { get; } = Columns.Where(c => c.IsKey).ToImmutableArray();

    /// <summary>Whether rows can be deleted through <c>__op</c> (PRIMARY KEY tables).</summary>
    public bool SupportsDelete => Kind == StarRocksTableKind.PrimaryKey;
}
