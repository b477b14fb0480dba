using System.Globalization;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// Merge Commit (StarRocks ≥ 3.4), read from the Stream Load properties <c>sink.properties.enable_merge_commit</c>,
/// <c>merge_commit_interval_ms</c> (required), <c>merge_commit_parallel</c> (default 3) and <c>merge_commit_async</c>
/// (default true, as the StarRocks connectors set it): StarRocks merges concurrent loads of a table with the same load
/// parameters that arrive within the interval into one transaction (StarRocks docs, STREAM LOAD §Merge Commit parameters).
/// </summary>
/// <param name="Interval">The merge window.</param>
/// <param name="Parallel">The parallelism of each merged load plan.</param>
/// <param name="Async">True: StarRocks answers once it received the data, and the loader polls the label until it is visible.</param>
public sealed record MergeCommitProperties(TimeSpan Interval, int Parallel, bool Async)
{
    /// <summary>The connector's <c>merge_commit_parallel</c> when none is configured.</summary>
    public const int DefaultParallel = 3;

    private const string Enable = "enable_merge_commit";
    private const string IntervalName = "merge_commit_interval_ms";
    private const string ParallelName = "merge_commit_parallel";
    private const string AsyncName = "merge_commit_async";

    /// <summary>The headers every Merge Commit load sends, defaults included.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers =>
    [
        new(Enable, "true"),
        new(IntervalName, ((long)Interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
        new(ParallelName, Parallel.ToString(CultureInfo.InvariantCulture)),
        new(AsyncName, Async ? "true" : "false"),
    ];

    /// <summary>
    /// Reads the Merge Commit properties; <see langword="null"/> when <c>enable_merge_commit</c> is absent or false.
    /// Malformed values add a message naming the option to <paramref name="failures"/> (and give <see langword="null"/>).
    /// </summary>
    internal static MergeCommitProperties? Read(IDictionary<string, string>? properties, List<string> failures)
    {
        if (properties is null || !properties.TryGetValue(Enable, out var enableText))
        {
            return null;
        }

        if (!bool.TryParse(enableText, out var enabled))
        {
            failures.Add($"sink.properties.{Enable} must be true or false (was '{enableText}').");
            return null;
        }

        if (!enabled)
        {
            return null;
        }

        var count = failures.Count;
        int? interval = null;
        if (!properties.TryGetValue(IntervalName, out var intervalText))
        {
            failures.Add($"sink.properties.{IntervalName} is required when sink.properties.{Enable} is true: the merge window in milliseconds " +
                "(StarRocks refuses a Merge Commit load without it).");
        }
        else
        {
            interval = Positive(failures, IntervalName, intervalText, "a positive number of milliseconds");
        }

        var parallel = properties.TryGetValue(ParallelName, out var parallelText)
            ? Positive(failures, ParallelName, parallelText, "a positive integer")
            : DefaultParallel;
        var async = true;
        if (properties.TryGetValue(AsyncName, out var asyncText) && !bool.TryParse(asyncText, out async))
        {
            failures.Add($"sink.properties.{AsyncName} must be true or false (was '{asyncText}').");
        }

        return failures.Count == count ? new MergeCommitProperties(TimeSpan.FromMilliseconds(interval!.Value), parallel!.Value, async) : null;
    }

    private static int? Positive(List<string> failures, string name, string text, string what)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        failures.Add($"sink.properties.{name} must be {what} (was '{text}').");
        return null;
    }
}
