using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// One option as StarRocks's connectors spell it (<c>sink.buffer-flush.max-bytes</c>): its name, how a configuration value
/// sets the typed property, and the range the validator checks. Each options class lists its options once; binding and
/// range checks read that list, so a name, its parser and its range are written in one place.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class ConnectorOption<TOptions>
{
    private readonly Action<TOptions, string> _set;
    private readonly Func<TOptions, long?>? _value;
    private readonly long _min;
    private readonly long? _max;
    private readonly Func<TOptions, long>? _relaxedMin;

    private ConnectorOption(string name, Action<TOptions, string> set, Func<TOptions, long?>? value = null, long min = 0, long? max = null, Func<TOptions, long>? relaxedMin = null) =>
        (Name, _set, _value, _min, _max, _relaxedMin) = (name, set, value, min, max, relaxedMin);

    /// <summary>The option's name, lower case.</summary>
    public string Name { get; }

    /// <summary>Sets the option from a configuration value.</summary>
    /// <exception cref="FormatException">The value has the wrong type; the message names the option.</exception>
    public void Set(TOptions options, string value) => _set(options, value.Trim());

    /// <summary>Adds a failure naming the option, its range and the value when the value is outside the range.</summary>
    public void Check(TOptions options, List<string> failures)
    {
        if (_value?.Invoke(options) is not { } value)
        {
            return;
        }

        var min = _relaxedMin?.Invoke(options) ?? _min;
        if (value < min || value > _max)
        {
            failures.Add(_max is { } max ? $"{Name} must be between {min} and {max} (was {value})." : $"{Name} must be {min} or more (was {value}).");
        }
    }

    /// <summary>The same option on an options object reached through <paramref name="inner"/> (e.g. the connection of the sink options).</summary>
    public ConnectorOption<TOuter> Within<TOuter>(Func<TOuter, TOptions> inner) => new(
        Name, (o, v) => _set(inner(o), v), _value is null ? null : o => _value(inner(o)), _min, _max,
        _relaxedMin is null ? null : o => _relaxedMin(inner(o)));

    public static ConnectorOption<TOptions> Text(string name, Action<TOptions, string> set) => new(name, set);

    public static ConnectorOption<TOptions> Flag(string name, Action<TOptions, bool> set) =>
        new(name, (o, v) => set(o, bool.TryParse(v, out var flag) ? flag : throw new FormatException($"{name} must be true or false (was '{v}').")));

    public static ConnectorOption<TOptions> Choice<TValue>(string name, Action<TOptions, TValue> set, params (string Text, TValue Value)[] choices) =>
        new(name, (o, v) => set(o, choices.FirstOrDefault(c => c.Text.Equals(v, StringComparison.OrdinalIgnoreCase)) is { Text: not null } choice
            ? choice.Value
            : throw new FormatException($"{name} must be {string.Join(" or ", choices.Select(c => c.Text))} (was '{v}').")));

    /// <summary>An integer option checked against [<paramref name="min"/>, <paramref name="max"/>] (no upper bound when null).</summary>
    public static ConnectorOption<TOptions> Int32(string name, Func<TOptions, int> get, Action<TOptions, int> set, int min, int? max = null) =>
        new(name, (o, v) => set(o, checked((int)Math.Clamp(ParseInteger(name, v), int.MinValue, int.MaxValue))), o => get(o), min, max);

    /// <summary>An integer option checked against [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="relaxedMin"/> may lower the minimum.</summary>
    public static ConnectorOption<TOptions> Int64(string name, Func<TOptions, long> get, Action<TOptions, long> set, long min, long? max = null, Func<TOptions, long>? relaxedMin = null) =>
        new(name, (o, v) => set(o, ParseInteger(name, v)), o => get(o), min, max, relaxedMin);

    /// <summary>A duration given in milliseconds (<c>*-ms</c>), checked in milliseconds; a null duration is not checked.</summary>
    public static ConnectorOption<TOptions> Milliseconds(string name, Func<TOptions, TimeSpan?> get, Action<TOptions, TimeSpan> set, long min, long? max = null, Func<TOptions, long>? relaxedMin = null) =>
        new(name, (o, v) => set(o, TimeSpan.FromMilliseconds(ParseInteger(name, v))), o => get(o) is { } t ? (long)t.TotalMilliseconds : null, min, max, relaxedMin);

    private static long ParseInteger(string name, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{name} must be an integer (was '{value}').");
}

/// <summary>Applies connector-spelled options to an options object through its option list.</summary>
internal static class ConnectorOptions
{
    /// <summary>The section's values as <c>name = value</c> pairs; nested sections join with <c>.</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(IConfiguration section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Key.Replace(':', '.'), p.Value!));

    /// <summary>Sets every option of <paramref name="pairs"/> that <paramref name="list"/> names (any case); other keys are ignored.</summary>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public static void Apply<TOptions>(TOptions options, IReadOnlyList<ConnectorOption<TOptions>> list, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var (rawName, value) in pairs)
        {
            var name = rawName.Trim().ToLowerInvariant();
            foreach (var option in list)
            {
                if (option.Name == name)
                {
                    option.Set(options, value);
                }
            }
        }
    }

    /// <summary>Adds a failure per option of <paramref name="list"/> whose value is outside its range.</summary>
    public static void Check<TOptions>(TOptions options, IReadOnlyList<ConnectorOption<TOptions>> list, List<string> failures)
    {
        foreach (var option in list)
        {
            option.Check(options, failures);
        }
    }
}
