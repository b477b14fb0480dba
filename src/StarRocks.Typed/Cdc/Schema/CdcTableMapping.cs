using System.Collections.Immutable;
using System.Text;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cdc.Schema;

/// <summary>
/// A source table's schema → the StarRocks PRIMARY KEY table the CDC sink keeps it in, as StarRocks's Flink CDC pipeline
/// sink creates it (Flink CDC, <c>StarRocksUtils.toStarRocksTable</c>; StarRocks's Flink connector,
/// <c>StarRocksCatalog.buildCreateTableSql</c>): key columns first in key order, then the others in source order;
/// <c>DISTRIBUTED BY HASH(key)</c>; no partitions.
/// </summary>
internal static class CdcTableMapping
{
    /// <summary>The StarRocks table of <paramref name="source"/>, named <paramref name="database"/>.<paramref name="table"/>.</summary>
    /// <param name="source">The source schema.</param>
    /// <param name="database">The StarRocks database.</param>
    /// <param name="table">The StarRocks table.</param>
    /// <param name="options">Buckets, properties and bytes per character.</param>
    /// <returns>The table, with its <c>CREATE TABLE IF NOT EXISTS</c> statement.</returns>
    /// <exception cref="StarRocksCdcException">No primary key, a key naming no column, or a column StarRocks has no type for.</exception>
    public static StarRocksTableInfo ToStarRocksTable(CdcTableSchema source, string database, string table, StarRocksCdcOptions options)
    {
        if (source.PrimaryKey.Count == 0)
        {
            throw new StarRocksCdcException(source.Table, null,
                $"Source table {source.Table} has no primary key; the CDC sink keeps tables in StarRocks PRIMARY KEY tables (give the source table a primary key).");
        }

        var columns = ImmutableArray.CreateBuilder<StarRocksColumnInfo>(source.Columns.Count);
        for (var key = 0; key < source.PrimaryKey.Count; key++)
        {
            var column = source.Columns.FirstOrDefault(c => c.Name == source.PrimaryKey[key])
                ?? throw new StarRocksCdcException(source.Table, source.PrimaryKey[key], $"The primary key of {source.Table} names column {source.PrimaryKey[key]}, which the table does not have.");
            columns.Add(ToStarRocksColumn(source.Table, column, key, options));
        }

        columns.AddRange(source.Columns.Where(c => !source.PrimaryKey.Contains(c.Name)).Select(c => ToStarRocksColumn(source.Table, c, -1, options)));
        var info = new StarRocksTableInfo(database, table, StarRocksTableKind.PrimaryKey, columns.ToImmutable(), "");
        return info with { CreateTableSql = CreateTableSql(info, options) };
    }

    /// <summary>A StarRocks table as it is live (its columns in table order, its PRIMARY KEY columns), when no source schema is known.</summary>
    public static StarRocksTableInfo FromLive(string database, string table, IReadOnlyList<LiveColumn> live)
    {
        var keyOrder = 0;
        var columns = live.Select(c => new StarRocksColumnInfo(c.Name, c.Name, c.Type, c.IsNullable, c.IsKey ? keyOrder++ : -1, StarRocksAggregate.None, null, null));
        return new StarRocksTableInfo(database, table, StarRocksTableKind.PrimaryKey, [.. columns], "");
    }

    /// <summary>The StarRocks column of <paramref name="column"/> (key columns NOT NULL, as StarRocks requires).</summary>
    /// <param name="table">The source table (named in errors).</param>
    /// <param name="column">The source column.</param>
    /// <param name="keyOrder">Its position in the primary key, or -1.</param>
    /// <param name="options">Bytes per character.</param>
    /// <returns>The column.</returns>
    public static StarRocksColumnInfo ToStarRocksColumn(CdcTableId table, CdcColumn column, int keyOrder, StarRocksCdcOptions options) => new(
        column.Name,
        column.Name,
        CdcTypeMapping.StarRocksType(table, column, keyOrder >= 0, options.UnicodeCharMaxBytes),
        keyOrder < 0 && column.Nullable,
        keyOrder,
        StarRocksAggregate.None,
        DefaultClause(column),
        column.Comment);

    /// <summary>
    /// The DDL text after <c>DEFAULT</c> for the source default: a string literal; <c>CURRENT_TIMESTAMP</c> for a TIMESTAMP
    /// column defaulting to the current time; MySQL's zero dates (<c>0000-00-00</c>, <c>0000-00-00 00:00:00</c>), which
    /// StarRocks refuses, as <c>1970-01-01</c> (<c>1970-01-01 00:00:00</c>) as Flink CDC's StarRocks sink rewrites them
    /// (<c>StarRocksUtils</c>, invalid default datetimes). No default for JSON and binary columns, whose defaults
    /// StarRocks takes only as expressions under <c>fast_schema_evolution</c> (StarRocks docs, CREATE TABLE, DEFAULT).
    /// </summary>
    private static string? DefaultClause(CdcColumn column)
    {
        if (column.DefaultValue is not { } value || column.Type.Kind is CdcTypeKind.Json or CdcTypeKind.Binary or CdcTypeKind.VarBinary or CdcTypeKind.Bytes)
        {
            return null;
        }

        if (column.Type.Kind is CdcTypeKind.Timestamp or CdcTypeKind.TimestampLtz
            && (value.StartsWith("CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase) || value.StartsWith("NOW(", StringComparison.OrdinalIgnoreCase)))
        {
            return "CURRENT_TIMESTAMP";
        }

        if (column.Type.Kind is CdcTypeKind.Date or CdcTypeKind.Timestamp or CdcTypeKind.TimestampLtz && value.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            value = column.Type.Kind == CdcTypeKind.Date ? "1970-01-01" : "1970-01-01 00:00:00";
        }

        return StarRocksSqlText.StringLiteral(value);
    }

    /// <summary>
    /// <c>CREATE TABLE IF NOT EXISTS `db`.`t` (columns) PRIMARY KEY(keys) DISTRIBUTED BY HASH(keys) [BUCKETS n] [PROPERTIES (…)]</c>
    /// (StarRocks docs, CREATE TABLE).
    /// </summary>
    private static string CreateTableSql(StarRocksTableInfo table, StarRocksCdcOptions options)
    {
        var keys = string.Join(", ", table.KeyColumns.Select(c => StarRocksSqlText.Quote(c.Name)));
        var sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").Append(StarRocksSqlText.QualifiedName(table, null)).Append(" (\n  ")
            .AppendJoin(",\n  ", table.Columns.Select(StarRocksSqlText.ColumnDefinition))
            .Append("\n)\nPRIMARY KEY(").Append(keys).Append(")\nDISTRIBUTED BY HASH(").Append(keys).Append(')');
        if (options.TableCreateNumBuckets is { } buckets)
        {
            sql.Append(" BUCKETS ").Append(buckets);
        }

        if (options.TableCreateProperties.Count > 0)
        {
            sql.Append("\nPROPERTIES (")
                .AppendJoin(", ", options.TableCreateProperties.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => StarRocksSqlText.StringLiteral(p.Key) + " = " + StarRocksSqlText.StringLiteral(p.Value)))
                .Append(')');
        }

        return sql.ToString();
    }
}
