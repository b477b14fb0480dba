using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using StarRocks.Typed.Metadata;

namespace StarRocks.Typed.Sql;

/// <summary>The one home of SQL text: identifier quoting and parameter binding for sources, lookups, the schema (DDL and drift fixes) and the Stream Load headers.</summary>
internal static class StarRocksSqlText
{
    /// <summary>
    /// StarRocks's <c>expr_children_limit</c> (StarRocks repo <c>fe/fe-core/src/main/java/com/starrocks/common/Config.java</c>,
    /// default 10000): its parser refuses an expression list (an <c>IN</c> list, a row constructor, an array) or a
    /// <c>VALUES</c> row with more expressions, and an <c>INSERT</c> with more rows
    /// (<c>fe/fe-core/src/main/java/com/starrocks/sql/parser/PostProcessListener.java</c>).
    /// </summary>
    public const int ExprChildrenLimit = 10_000;

    /// <summary><paramref name="identifier"/> in backticks, backticks doubled.</summary>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary><c>`db`.`table`</c>, with <paramref name="database"/> (the <c>database-name</c> option) overriding the model's.</summary>
    public static string QualifiedName(StarRocksTableInfo table, string? database) => Quote(database ?? table.Database) + "." + Quote(table.Table);

    /// <summary><c>CREATE DATABASE IF NOT EXISTS `db`</c>.</summary>
    public static string CreateDatabase(string database) => "CREATE DATABASE IF NOT EXISTS " + Quote(database);

    /// <summary><c>ADD COLUMN</c> of <paramref name="table"/>'s column <paramref name="columnIndex"/>, after its predecessor in the model (or <c>FIRST</c>).</summary>
    public static string AddColumn(StarRocksTableInfo table, string? database, int columnIndex)
    {
        var position = columnIndex == 0 ? " FIRST" : " AFTER " + Quote(table.Columns[columnIndex - 1].Name);
        return $"ALTER TABLE {QualifiedName(table, database)} ADD COLUMN {ColumnDefinition(table.Columns[columnIndex])}{position}";
    }

    /// <summary><c>MODIFY COLUMN</c> to the model's definition of column <paramref name="columnIndex"/>.</summary>
    public static string ModifyColumn(StarRocksTableInfo table, string? database, int columnIndex) =>
        $"ALTER TABLE {QualifiedName(table, database)} MODIFY COLUMN {ColumnDefinition(table.Columns[columnIndex])}";

    /// <summary><c>DROP COLUMN</c> <paramref name="column"/>.</summary>
    public static string DropColumn(StarRocksTableInfo table, string? database, string column) =>
        $"ALTER TABLE {QualifiedName(table, database)} DROP COLUMN {Quote(column)}";

    /// <summary>A column as an <c>ADD/MODIFY COLUMN</c> definition: name, type, aggregate, nullability, default, comment.</summary>
    public static string ColumnDefinition(StarRocksColumnInfo column)
    {
        var sql = new StringBuilder(Quote(column.Name)).Append(' ').Append(column.StarRocksType);
        if (column.Aggregate != StarRocksAggregate.None)
        {
            sql.Append(' ').Append(column.Aggregate.ToString().ToUpperInvariant() switch
            {
                "REPLACEIFNOTNULL" => "REPLACE_IF_NOT_NULL",
                "HLLUNION" => "HLL_UNION",
                "BITMAPUNION" => "BITMAP_UNION",
                var other => other,
            });
        }

        sql.Append(column.IsNullable ? " NULL" : " NOT NULL");
        if (column.Default is not null)
        {
            sql.Append(" DEFAULT ").Append(column.Default);
        }

        if (column.Comment is not null)
        {
            sql.Append(" COMMENT ").Append(StringLiteral(column.Comment));
        }

        return sql.ToString();
    }

    /// <summary><paramref name="value"/> as a StarRocks string literal: in double quotes, backslashes and double quotes escaped.</summary>
    public static string StringLiteral(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Adds a parameter <c>@name</c> with <paramref name="value"/> converted to what ADO.NET MySQL providers bind.</summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name.StartsWith('@') ? name : "@" + name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            TimeOnly time => time.ToTimeSpan(),
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    /// <summary>The parts of a key: the elements of a value tuple (composite key), else the key itself.</summary>
    public static object?[] KeyParts<TKey>(TKey key, int keyColumns)
    {
        if (keyColumns == 1)
        {
            return [key];
        }

        var tuple = (ITuple)key!;
        var parts = new object?[tuple.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = tuple[i];
        }

        return parts;
    }
}
