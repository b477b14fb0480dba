using System;
using System.Text.RegularExpressions;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// The names StarRocks accepts (fe/fe-core/src/main/java/com/starrocks/sql/analyzer/FeNameFormat.java), with its error
/// texts (common/ErrorCode.java). Each check returns the problem, or null for a valid name.
/// </summary>
internal static class NameRules
{
    /// <summary>The longest table or column name (FeNameFormat TABLE_NAME_REGEX, column name regexes).</summary>
    public const int MaxNameLength = 1024;

    /// <summary>
    /// DB_NAME_REGEX: a letter, or <c>_</c> and a letter or digit, then word characters or <c>- ~ ! @ # $ % ^ &amp; &lt; &gt; = +</c>;
    /// 256 characters at most. Java's <c>\w</c> is ASCII, hence the explicit classes.
    /// </summary>
    private static readonly Regex DatabaseName = new(
        @"^(?:[a-zA-Z][a-zA-Z0-9_\-~!@#$%^&<>=+]{0,255}|_[a-zA-Z0-9][a-zA-Z0-9_\-~!@#$%^&<>=+]{0,254})$", RegexOptions.CultureInvariant);

    public static string? CheckDatabaseName(string name) =>
        DatabaseName.IsMatch(name)
            ? null
            : $"Incorrect database name '{name}': a database name starts with a letter (or _ and a letter or digit), continues with letters, digits, _ or - ~ ! @ # $ % ^ & < > = +, and has at most 256 characters";

    public static string? CheckTableName(string name) =>
        name.Length is >= 1 and <= MaxNameLength && name.IndexOf('\0') < 0
            ? null
            : $"Incorrect table name '{Shorten(name)}': a table name has 1 to {MaxNameLength} characters, none of them NUL";

    /// <summary>
    /// Column names: 1–1024 characters without NUL; in shared-nothing clusters also without <c>= &lt; &gt; ! *</c>
    /// (StarRocks keeps delete conditions as text), so such names are refused here for every cluster.
    /// </summary>
    public static string? CheckColumnName(string name)
    {
        if (name.Length is >= 1 and <= MaxNameLength && name.IndexOfAny(['\0', '=', '<', '>', '!', '*']) < 0)
            return null;
        return $"Incorrect column name '{Shorten(name)}': a column name has 1 to {MaxNameLength} characters, none of them NUL or = < > ! * (refused in shared-nothing clusters)";
    }

    /// <summary>COMMON_NAME_REGEX, and not the <c>placeholder_</c> prefix StarRocks keeps for itself (checkPartitionName).</summary>
    private static readonly Regex PartitionName = new(@"^(?:[a-zA-Z][a-zA-Z0-9_]{0,63}|_[a-zA-Z0-9][a-zA-Z0-9_]{0,62})$", RegexOptions.CultureInvariant);

    public static string? CheckPartitionName(string name) =>
        PartitionName.IsMatch(name) && !name.StartsWith("placeholder_", StringComparison.Ordinal)
            ? null
            : $"Incorrect partition name '{Shorten(name)}': a partition name starts with a letter (or _ and a letter or digit), continues with letters, digits or _, has at most 64 characters, and does not start with placeholder_";

    private static string Shorten(string name) => name.Length <= 80 ? name : name.Substring(0, 80) + "…";
}
