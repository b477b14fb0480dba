using System.Text;
using System.Text.RegularExpressions;

namespace StarRocks.Typed.Loading;

/// <summary>
/// Generates Stream Load labels <c>{prefix}-{table}-{unique}</c> that always match StarRocks's <c>^[-\w]{1,128}$</c>
/// (ASCII letters, digits, <c>_</c> and <c>-</c>): other characters become <c>_</c>, and the prefix and table are shortened
/// so the unique part is never cut.
/// </summary>
public sealed partial class LoadLabelGenerator
{
    /// <summary>The longest label StarRocks accepts.</summary>
    public const int MaxLabelLength = 128;

    /// <summary>The prefix used when none is configured.</summary>
    public const string DefaultPrefix = "typed";

    private const int MaxPrefixLength = 48;
    private readonly string _prefix;

    /// <summary>Creates a generator.</summary>
    /// <param name="prefix">The label prefix (<c>sink.label-prefix</c>); <see cref="DefaultPrefix"/> when empty.</param>
    public LoadLabelGenerator(string? prefix = null)
    {
        _prefix = Truncate(Sanitize(string.IsNullOrWhiteSpace(prefix) ? DefaultPrefix : prefix), MaxPrefixLength);
    }

    /// <summary>Returns a new unique label for a load into <paramref name="table"/>.</summary>
    /// <param name="table">The target table; any characters.</param>
    /// <returns>A label matching <c>^[-\w]{1,128}$</c>.</returns>
    public string Next(string table)
    {
        var unique = Guid.CreateVersion7().ToString("N");
        var room = MaxLabelLength - _prefix.Length - unique.Length - 2;
        var safeTable = Truncate(Sanitize(string.IsNullOrEmpty(table) ? "table" : table), room);
        return $"{_prefix}-{safeTable}-{unique}";
    }

    /// <summary>Whether <paramref name="label"/> is a valid StarRocks label.</summary>
    /// <param name="label">The label to check.</param>
    /// <returns><see langword="true"/> when it matches <c>^[-\w]{1,128}$</c> with ASCII word characters.</returns>
    public static bool IsValidLabel(string? label) => label is not null && LabelPattern().IsMatch(label);

    /// <summary>Whether <paramref name="prefix"/> is usable as <c>sink.label-prefix</c> without being rewritten.</summary>
    /// <param name="prefix">The prefix to check.</param>
    /// <returns><see langword="true"/> when it is 1–48 characters of <c>[-_A-Za-z0-9]</c>.</returns>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= MaxPrefixLength } && LabelPattern().IsMatch(prefix);

    /// <summary>Replaces every character outside <c>[-_A-Za-z0-9]</c> with <c>_</c>.</summary>
    /// <param name="value">Any text.</param>
    /// <returns>The sanitized text.</returns>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }

    private static string Truncate(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..maxLength];

    [GeneratedRegex(@"^[-_A-Za-z0-9]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
