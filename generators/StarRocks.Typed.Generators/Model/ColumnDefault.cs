using System;
using System.Text.RegularExpressions;

namespace StarRocks.Typed.Generators.Model;

/// <summary>What a <c>[StarRocksColumn(Default = …)]</c> text means.</summary>
internal enum ColumnDefaultKind
{
    /// <summary>A literal, written as a string (<c>DEFAULT "v"</c>) and parsed by StarRocks as the column type.</summary>
    Literal,
    /// <summary><c>NULL</c> (any case): <c>DEFAULT NULL</c>.</summary>
    Null,
    /// <summary><c>CURRENT_TIMESTAMP</c>, <c>current_timestamp()</c> or <c>now()</c>, optionally with a precision.</summary>
    CurrentTimestamp,
    /// <summary><c>uuid()</c>: <c>DEFAULT (uuid())</c>.</summary>
    Uuid,
    /// <summary><c>uuid_numeric()</c>: <c>DEFAULT (uuid_numeric())</c>.</summary>
    UuidNumeric,
}

/// <summary>
/// Classifies and spells column defaults. StarRocks's function defaults (catalog/DefaultExpr.java) are
/// <c>current_timestamp()</c>/<c>now()</c> (precision 0–6), <c>uuid()</c> and <c>uuid_numeric()</c>; every other text is a literal.
/// </summary>
internal static class ColumnDefault
{
    private static readonly Regex Timestamp = new(@"^\s*(CURRENT_TIMESTAMP|NOW)\s*(?:\(\s*(\d*)\s*\))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Function = new(@"^\s*(UUID|UUID_NUMERIC)\s*\(\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The kind of <paramref name="text"/>; for timestamps, the precision written (null when none).</summary>
    public static ColumnDefaultKind Classify(string text, out int? precision)
    {
        precision = null;
        if (string.Equals(text.Trim(), "NULL", StringComparison.OrdinalIgnoreCase))
            return ColumnDefaultKind.Null;
        var timestamp = Timestamp.Match(text);
        // Bare NOW is a literal (only NOW() is the function); bare CURRENT_TIMESTAMP is the keyword.
        if (timestamp.Success && (timestamp.Groups[2].Success || timestamp.Groups[1].Value.Equals("CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase)))
        {
            if (timestamp.Groups[2].Success && timestamp.Groups[2].Value.Length > 0)
                precision = int.TryParse(timestamp.Groups[2].Value, out var p) ? p : int.MaxValue;
            return ColumnDefaultKind.CurrentTimestamp;
        }

        var function = Function.Match(text);
        if (function.Success)
            return function.Groups[1].Value.Equals("UUID", StringComparison.OrdinalIgnoreCase) ? ColumnDefaultKind.Uuid : ColumnDefaultKind.UuidNumeric;
        return ColumnDefaultKind.Literal;
    }

    /// <summary>
    /// The default as DDL text after <c>DEFAULT</c>, as StarRocks's grammar spells it: <c>NULL</c>; <c>CURRENT_TIMESTAMP</c>
    /// or <c>CURRENT_TIMESTAMP(p)</c> (for <c>now()</c> too: the grammar takes no arguments inside <c>(f())</c>);
    /// <c>(uuid())</c> and <c>(uuid_numeric())</c>; literals as StarRocks string literals via <paramref name="quote"/>.
    /// </summary>
    public static string Sql(string text, Func<string, string> quote) => Classify(text, out var precision) switch
    {
        ColumnDefaultKind.Null => "NULL",
        ColumnDefaultKind.CurrentTimestamp => precision is { } p ? "CURRENT_TIMESTAMP(" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" : "CURRENT_TIMESTAMP",
        ColumnDefaultKind.Uuid => "(uuid())",
        ColumnDefaultKind.UuidNumeric => "(uuid_numeric())",
        _ => quote(text),
    };
}
