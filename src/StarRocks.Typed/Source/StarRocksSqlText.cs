using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using StarRocks.Typed.Metadata;

namespace StarRocks.Typed.Source;

/// <summary>Identifier quoting and parameter binding shared by sources, lookups, the drift check and the Stream Load headers.</summary>
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
