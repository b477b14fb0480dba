using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Which Stream Load headers the stand-in honours, ignores or refuses. A refused header fails the load with a
/// message naming it, so that a test never passes against behaviour the stand-in does not reproduce.
/// </summary>
public static class HeaderPolicy
{
    /// <summary>Headers whose meaning the stand-in reproduces.</summary>
    public static readonly IReadOnlySet<string> Honoured = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "label", "format", "column_separator", "row_delimiter", "columns", "enclose", "escape", "skip_header",
        "trim_space", "strip_outer_array", "jsonpaths", "partial_update", "max_filter_ratio", "strict_mode", "timeout",
        "db", "table", "idle_transaction_timeout", "prepared_timeout", "compression", "enable_merge_commit",
        "merge_commit_interval_ms", "merge_commit_parallel", "merge_commit_async",
    };

    /// <summary>Headers accepted without effect (performance, placement or cluster tuning).</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "timezone", "time_zone", "load_mem_limit", "exec_mem_limit", "ignore_json_size", "log_rejected_record_num",
        "partial_update_mode", "warehouse", "partitions", "temporary_partitions", "transaction_type",
    };

    /// <summary>Load headers the stand-in refuses (their effect is not reproduced).</summary>
    public static readonly IReadOnlySet<string> Refused = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "where", "json_root", "envelope", "merge_condition", "negative", "function_column.sequence_col",
    };

    /// <summary>The message for the first refused header present, or null.</summary>
    public static string? FindRefused(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys)
        {
            if (Refused.Contains(name))
                return $"The StarRocks stand-in does not support the '{name}' header";
        }
        return null;
    }
}
