using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// The Merge Commit headers of a Stream Load (STREAM_LOAD.md §Merge Commit parameters), checked with StarRocks's
/// messages, and the key that makes loads homogeneous.
/// </summary>
/// <param name="Interval">The merge window (<c>merge_commit_interval_ms</c>).</param>
/// <param name="Parallel">The plan's degree of parallelism (<c>merge_commit_parallel</c>; no effect on one BE).</param>
/// <param name="Async">True: the server answers once the data is received (<c>merge_commit_async</c>).</param>
public sealed record MergeCommitParameters(TimeSpan Interval, int Parallel, bool Async)
{
    /// <summary>The header that switches a Stream Load to Merge Commit.</summary>
    public const string EnableHeader = "enable_merge_commit";

    /// <summary>
    /// The load parameters loads must share to be merged, besides database and table
    /// (<c>be/src/runtime/batch_write/batch_write_util.cpp</c>, <c>LOAD_PARAMETER_NAMES</c>); the label is not one of them.
    /// </summary>
    public static readonly IReadOnlyList<string> GroupingHeaders =
    [
        "format", "columns", "where", "max_filter_ratio", "timeout", "partitions", "temporary_partitions", "negative",
        "strict_mode", "timezone", "load_mem_limit", "exec_mem_limit", "partial_update", "partial_update_mode",
        "transmission_compression_type", "load_dop", "merge_condition", "log_rejected_record_num", "compression", "warehouse",
        EnableHeader, "merge_commit_async", "merge_commit_interval_ms", "merge_commit_parallel", "column_separator",
        "row_delimiter", "trim_space", "enclose", "escape", "jsonpaths", "json_root", "strip_outer_array", "envelope",
    ];

    /// <summary>
    /// Whether the BE takes the request as Merge Commit: <c>enable_merge_commit</c> read as StarRocks's
    /// <c>StringParser::string_to_bool</c> (<c>be/src/http/action/stream_load.cpp</c>, <c>_on_header</c>); an empty header
    /// is absent. Returns StarRocks's message for a value that is not a bool.
    /// </summary>
    public static bool IsEnabled(IHeaderDictionary headers, out string? error)
    {
        error = null;
        var value = LoadOptions.Header(headers, EnableHeader);
        if (string.IsNullOrEmpty(value))
            return false;
        var trimmed = value.TrimEnd();
        if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
            error = $"Invalid parameter {EnableHeader}. The value must be bool type, but is {value}";
        return false;
    }

    /// <summary>Whether an FE routes the request as Merge Commit (<c>LoadAction.java</c>: <c>"true".equalsIgnoreCase</c>).</summary>
    public static bool FrontendSeesEnabled(IHeaderDictionary headers) =>
        string.Equals(LoadOptions.Header(headers, EnableHeader), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the window, parallelism and mode as the FE does when it creates the merge job
    /// (<c>fe/fe-core/src/main/java/com/starrocks/load/batchwrite/BatchWriteMgr.java</c>, <c>getOrCreateJob</c>;
    /// <c>StreamLoadKvParams</c> parses with <c>Integer.parseInt</c> and <c>Boolean.parseBoolean</c>).
    /// Returns null with StarRocks's message when the interval or the parallelism is missing or not positive.
    /// </summary>
    public static MergeCommitParameters? Parse(IHeaderDictionary headers, out string? error)
    {
        error = null;
        if (!TryPositive(headers, "merge_commit_interval_ms", "Batch write interval", out var interval, out error)
            || !TryPositive(headers, "merge_commit_parallel", "Batch write parallel", out var parallel, out error))
            return null;
        var async = string.Equals(LoadOptions.Header(headers, "merge_commit_async"), "true", StringComparison.OrdinalIgnoreCase);
        return new MergeCommitParameters(TimeSpan.FromMilliseconds(interval), parallel, async);
    }

    /// <summary>The group of a load: database, table and the grouping headers present (non-empty), in a fixed order.</summary>
    public static string GroupKey(string database, string table, IHeaderDictionary headers)
    {
        var parts = new List<string> { database, table };
        foreach (var name in GroupingHeaders)
        {
            if (LoadOptions.Header(headers, name) is { Length: > 0 } value)
                parts.Add($"{name}={value}");
        }
        return string.Join('\0', parts);
    }

    private static bool TryPositive(IHeaderDictionary headers, string name, string what, out int value, out string? error)
    {
        error = null;
        var text = LoadOptions.Header(headers, name);
        if (text is null)
        {
            value = 0;
            error = $"{what} must be set positive, but is null";
            return false;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Integer.parseInt's NumberFormatException, which the FE answers as the failure message
            error = $"For input string: \"{text}\"";
            return false;
        }
        if (value <= 0)
        {
            error = $"{what} must be set positive, but is {value}";
            return false;
        }
        return true;
    }
}
