namespace StarRocks.Typed.Loading;

/// <summary>
/// StarRocks's answer to a Stream Load or transaction call. Field names follow StarRocks's response JSON, which is
/// parsed case-insensitively (the FE answers <c>status</c>/<c>msg</c>, the BE <c>Status</c>/<c>Message</c>).
/// </summary>
public sealed record StreamLoadResult
{
    /// <summary>The HTTP status code of the final response.</summary>
    public int HttpStatusCode { get; init; }

    /// <summary><c>TxnId</c>: the transaction id.</summary>
    public long? TxnId { get; init; }

    /// <summary><c>Label</c>: the label of the load.</summary>
    public string? Label { get; init; }

    /// <summary><c>Status</c>: e.g. <c>Success</c>, <c>Publish Timeout</c>, <c>Label Already Exists</c>, <c>Fail</c>, <c>OK</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>Message</c> (or <c>msg</c>): StarRocks's explanation.</summary>
    public string? Message { get; init; }

    /// <summary><c>ExistingJobStatus</c>: for <c>Label Already Exists</c>, <c>RUNNING</c> or <c>FINISHED</c>.</summary>
    public string? ExistingJobStatus { get; init; }

    /// <summary><c>NumberTotalRows</c>.</summary>
    public long NumberTotalRows { get; init; }

    /// <summary><c>NumberLoadedRows</c>.</summary>
    public long NumberLoadedRows { get; init; }

    /// <summary><c>NumberFilteredRows</c>: rows rejected for data quality.</summary>
    public long NumberFilteredRows { get; init; }

    /// <summary><c>NumberUnselectedRows</c>: rows filtered out by the <c>where</c> header.</summary>
    public long NumberUnselectedRows { get; init; }

    /// <summary><c>LoadBytes</c>.</summary>
    public long LoadBytes { get; init; }

    /// <summary><c>LoadTimeMs</c>.</summary>
    public long LoadTimeMs { get; init; }

    /// <summary><c>ErrorURL</c>: where a BE serves the rejected rows (only on failure or filtered rows).</summary>
    public string? ErrorUrl { get; init; }

    /// <summary><c>state</c>: the label state answered by <c>get_load_state</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>reason</c>: why <c>get_load_state</c>'s label was aborted, when StarRocks says.</summary>
    public string? Reason { get; init; }
}
