using System.Globalization;
using System.Text.RegularExpressions;

namespace StarRocks.Typed.Schema;

/// <summary>
/// Whether StarRocks's <c>ALTER TABLE … MODIFY COLUMN</c> changes a column of one type into another (StarRocks repo
/// <c>fe/fe-core/src/main/java/com/starrocks/catalog/SchemaChangeTypeCompatibility.java</c> and
/// <c>Column.checkSchemaChangeAllowed</c>, "Cannot shorten string length"): integers to wider integers, DOUBLE and VARCHAR
/// (INT also to DATE); FLOAT to DOUBLE; numbers, JSON and CHAR to VARCHAR; VARCHAR to numbers, DATE, JSON and DECIMAL;
/// DATE ⇄ DATETIME; DECIMAL to a DECIMAL with no smaller scale or integer part, or to a VARCHAR that holds it; a string
/// never gets shorter.
/// </summary>
internal static partial class StarRocksTypeChange
{
    private static readonly string[] Integers = ["tinyint", "smallint", "int", "bigint", "largeint"];

    /// <summary>Whether StarRocks modifies a column of type <paramref name="from"/> into <paramref name="to"/>.</summary>
    /// <param name="from">The live type (as <c>information_schema.columns</c> or DDL writes it).</param>
    /// <param name="to">The wanted type.</param>
    /// <returns>True when the MODIFY COLUMN is one StarRocks makes.</returns>
    public static bool IsAllowed(string from, string to)
    {
        var (a, b) = (Parse(from), Parse(to));
        if (a.Name == "decimal")
        {
            return b.Name == "decimal"
                ? a.Scale <= b.Scale && a.Length - a.Scale <= b.Length - b.Scale
                : b.Name == "varchar" && a.Length + 2 <= b.Length;
        }

        if (b.Name == "decimal")
        {
            return a.Name == "varchar";
        }

        if (a.Name is "varchar" or "char" && b.Name is "varchar" or "char")
        {
            return !(a.Name == "varchar" && b.Name == "char") && a.Length <= b.Length;
        }

        int fromRank = Array.IndexOf(Integers, a.Name), toRank = Array.IndexOf(Integers, b.Name);
        return (a.Name, b.Name) switch
        {
            _ when a.Name == b.Name => true,
            _ when fromRank >= 0 && toRank > fromRank => true,
            (not "largeint", "double") when fromRank >= 0 => true,
            (_, "varchar") when fromRank >= 0 => true,
            ("int", "date") => true,
            ("float", "double" or "varchar") or ("double", "varchar") or ("json", "varchar") => true,
            ("varchar", "float" or "double" or "date" or "json") => true,
            ("varchar", _) when toRank >= 0 => true,
            ("datetime", "date") or ("date", "datetime") => true,
            _ => false,
        };
    }

    private static (string Name, int Length, int Scale) Parse(string type)
    {
        var match = TypeShape().Match(SchemaDriftChecker.Normalize(type));
        if (!match.Success)
        {
            return (SchemaDriftChecker.Normalize(type), 0, 0);
        }

        int Number(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return (match.Groups[1].Value, Number(2), Number(3));
    }

    [GeneratedRegex(@"^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?$")]
    private static partial Regex TypeShape();
}
