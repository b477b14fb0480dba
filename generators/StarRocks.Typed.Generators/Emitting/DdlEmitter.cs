using System.Linq;
using System.Text;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Emitting.Literals;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Writes a table's <c>CREATE TABLE IF NOT EXISTS</c> statement in StarRocks's fixed clause order: columns, key clause,
/// COMMENT, PARTITION BY, DISTRIBUTED BY, ORDER BY, PROPERTIES; each column as
/// <c>name type [agg] NULL|NOT NULL [DEFAULT "v"|NULL|CURRENT_TIMESTAMP|(uuid())] [COMMENT "c"]</c>. No trailing semicolon.
/// </summary>
internal static class DdlEmitter
{
    private const string Indent = "  ";

    public static string Emit(TableSpec table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(SqlIdentifier(table.Database)).Append('.').Append(SqlIdentifier(table.Table)).Append(" (\n");
        sql.Append(string.Join(",\n", table.Columns.Select(c => Indent + Column(c)))).Append("\n)");

        // A keyless DUPLICATE KEY table gets no key clause: StarRocks then picks a sort-key prefix of the first columns.
        if (table.HasKey)
            sql.Append('\n').Append(table.Kind.KeyClause()).Append(ColumnList(table.Columns.Where(c => c.IsKey).Select(c => c.Name)));
        if (table.Comment is not null)
            sql.Append("\nCOMMENT ").Append(SqlString(table.Comment));
        if (table.Partition is { } partition)
            sql.Append('\n').Append(Partition(partition));
        if (table.Distribution is { } distribution)
            sql.Append('\n').Append(Distribution(distribution));
        if (table.OrderBy.Count > 0)
            sql.Append("\nORDER BY").Append(ColumnList(table.OrderBy));
        if (table.Properties.Count > 0)
        {
            sql.Append("\nPROPERTIES (\n")
                .Append(string.Join(",\n", table.Properties.Select(p => Indent + SqlString(p.Name) + " = " + SqlString(p.Value))))
                .Append("\n)");
        }

        return sql.ToString();
    }

    private static string Column(ColumnSpec column)
    {
        var text = new StringBuilder(SqlIdentifier(column.Name)).Append(' ').Append(column.StarRocksType);
        if (column.Aggregate.Sql() is { } aggregate)
            text.Append(' ').Append(aggregate);
        text.Append(column.IsNullable ? " NULL" : " NOT NULL");
        if (column.Default is { } value)
            text.Append(" DEFAULT ").Append(ColumnDefault.Sql(value, SqlString));
        if (column.Comment is { } comment)
            text.Append(" COMMENT ").Append(SqlString(comment));
        return text.ToString();
    }

    private static string Partition(PartitionSpec partition)
    {
        if (partition.Expression is { } expression)
            return "PARTITION BY " + expression;
        if (partition.IsList)
            return ListPartition(partition);
        var text = new StringBuilder("PARTITION BY RANGE(").Append(SqlIdentifier(partition.RangeColumn ?? "")).Append(") (\n");
        if (partition.Ranges.Count > 0)
        {
            text.Append(string.Join(",\n", partition.Ranges.Select(r =>
                $"{Indent}PARTITION {SqlIdentifier(r.Name)} VALUES LESS THAN ({(r.LessThan == "MAXVALUE" ? "MAXVALUE" : SqlString(r.LessThan))})")));
        }
        else
        {
            var every = partition.Every!.Trim();
            text.Append(Indent).Append("START (").Append(SqlString(partition.Start!)).Append(") END (").Append(SqlString(partition.End!))
                .Append(") EVERY (").Append(every).Append(')');
        }

        return text.Append("\n)").ToString();
    }

    /// <summary><c>PARTITION BY LIST(cols) (PARTITION p VALUES IN ("a", "b"), …)</c>; with several columns each value is a tuple <c>("a", "b")</c>.</summary>
    private static string ListPartition(PartitionSpec partition)
    {
        var width = partition.ListColumns.Count;
        var partitions = partition.Lists.Select(p =>
        {
            var values = p.Values.Select(v => v.Text is null ? "NULL" : SqlString(v.Text)).ToList();
            var items = width == 1
                ? values
                : Enumerable.Range(0, values.Count / width).Select(i => "(" + string.Join(", ", values.Skip(i * width).Take(width)) + ")");
            return $"{Indent}PARTITION {SqlIdentifier(p.Name)} VALUES IN ({string.Join(", ", items)})";
        });
        return "PARTITION BY LIST" + ColumnList(partition.ListColumns) + " (\n" + string.Join(",\n", partitions) + "\n)";
    }

    private static string Distribution(DistributionSpec distribution)
    {
        var text = distribution.IsRandom ? "DISTRIBUTED BY RANDOM" : "DISTRIBUTED BY HASH" + ColumnList(distribution.Columns);
        return distribution.Buckets > 0 ? text + " BUCKETS " + CSharpInt(distribution.Buckets) : text;
    }

    private static string ColumnList(System.Collections.Generic.IEnumerable<string> names) =>
        "(" + string.Join(", ", names.Select(SqlIdentifier)) + ")";
}
