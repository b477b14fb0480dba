using System.Globalization;
using System.Text.RegularExpressions;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;

namespace StarRocks.Typed.Cdc.Schema;

/// <summary>
/// Whether an existing StarRocks table can keep a source table: StarRocks's Flink CDC pipeline sink skips creating a
/// table that exists and expects it to be compatible (StarRocks docs, "Data ingestion with Flink CDC", schema
/// evolution, CREATE TABLE); this checks it instead of finding out at the first load.
/// </summary>
internal static partial class CdcTableCompatibility
{
    private static readonly string[] Integers = ["tinyint", "smallint", "int", "bigint", "largeint"];

    /// <summary>
    /// Throws unless <paramref name="live"/> has the same PRIMARY KEY columns as <paramref name="expected"/>, a column of
    /// each expected name whose type takes the expected type's values (the same type, a longer string or binary, a wider
    /// integer, a DECIMAL with the same scale and no smaller precision) and NULL when the source column can be NULL, and
    /// no other column that needs a value.
    /// </summary>
    /// <exception cref="StarRocksCdcException">Names the table and the column at fault.</exception>
    public static void Check(CdcTableId source, StarRocksTableInfo expected, IReadOnlyList<LiveColumn> live)
    {
        var name = $"{expected.Database}.{expected.Table}";
        var liveKeys = live.Where(c => c.IsKey).Select(c => c.Name).ToList();
        var keys = expected.KeyColumns.Select(c => c.Name).ToList();
        if (!liveKeys.SequenceEqual(keys, StringComparer.OrdinalIgnoreCase))
        {
            throw new StarRocksCdcException(source, null, liveKeys.Count == 0
                ? $"StarRocks table {name} exists and is not a PRIMARY KEY table; {source} needs a PRIMARY KEY table with key ({string.Join(", ", keys)})."
                : $"StarRocks table {name} exists with PRIMARY KEY ({string.Join(", ", liveKeys)}); {source} needs ({string.Join(", ", keys)}).");
        }

        var byName = live.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var column in expected.Columns)
        {
            if (!byName.TryGetValue(column.Name, out var existing))
            {
                throw new StarRocksCdcException(source, column.Name, $"StarRocks table {name} exists without column {column.Name} of {source} ({column.StarRocksType}).");
            }

            if (!Takes(existing.Type, column.StarRocksType))
            {
                throw new StarRocksCdcException(source, column.Name,
                    $"Column {column.Name} of StarRocks table {name} is {existing.Type}, which does not take the values of {source}'s column ({column.StarRocksType}).");
            }

            if (column.IsNullable && !existing.IsNullable)
            {
                throw new StarRocksCdcException(source, column.Name,
                    $"Column {column.Name} of StarRocks table {name} is NOT NULL, and {source}'s column can be NULL: a NULL would fail the load. "
                    + $"Make it nullable (ALTER TABLE … MODIFY COLUMN {column.Name} {existing.Type} NULL).");
            }
        }

        var expectedNames = expected.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (live.FirstOrDefault(c => !expectedNames.Contains(c.Name) && !c.IsNullable && c.Default is null) is { } required)
        {
            throw new StarRocksCdcException(source, required.Name,
                $"Column {required.Name} of StarRocks table {name} is NOT NULL without a default, and {source} has no such column to fill it.");
        }
    }

    /// <summary>Whether a column of type <paramref name="live"/> takes every value of <paramref name="wanted"/>.</summary>
    public static bool Takes(string live, string wanted)
    {
        var (a, b) = (Parse(live), Parse(wanted));
        if (a.Text == b.Text)
        {
            return true;
        }

        return (a.Name, b.Name) switch
        {
            ("varchar", "varchar" or "char") => a.Length >= b.Length,
            ("varbinary", "varbinary" or "binary") => a.Length >= b.Length,
            ("decimal", "decimal") => a.Scale == b.Scale && a.Length >= b.Length,
            ("tinyint", "boolean") => a.Length == 1, // MySQL's spelling of BOOLEAN
            _ => Array.IndexOf(Integers, a.Name) >= Array.IndexOf(Integers, b.Name) && Array.IndexOf(Integers, b.Name) >= 0,
        };
    }

    private static (string Text, string Name, int Length, int Scale) Parse(string type)
    {
        var text = SchemaDriftChecker.Normalize(type);
        var match = TypeShape().Match(text);
        if (!match.Success)
        {
            return (text, text, 0, 0);
        }

        return (text, match.Groups[1].Value,
            match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0,
            match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex(@"^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?$")]
    private static partial Regex TypeShape();
}
