namespace StarRocks.Typed.Configuration;

/// <summary>The range check the option validators share: a failure names the option, its range and the value given.</summary>
internal static class OptionRange
{
    /// <summary>Adds a failure when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Check(List<string> failures, string option, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{option} must be between {min} and {max} (was {value}).");
        }
    }

    /// <summary>The same for a duration option given in milliseconds (<c>*-ms</c>).</summary>
    public static void Check(List<string> failures, string option, TimeSpan value, long min, long max) =>
        Check(failures, option, (long)value.TotalMilliseconds, min, max);
}
