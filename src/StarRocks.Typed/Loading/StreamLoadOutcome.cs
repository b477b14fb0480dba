namespace StarRocks.Typed.Loading;

/// <summary>What a client must do with a StarRocks answer.</summary>
public enum StreamLoadOutcome
{
    /// <summary>The data is loaded (or, for <c>Publish Timeout</c>, committed and about to become visible).</summary>
    Success,

    /// <summary>The label is taken: resolve with <c>get_load_state</c> before deciding.</summary>
    LabelAlreadyExists,

    /// <summary>A transient failure: retry with the same label.</summary>
    Retryable,

    /// <summary>A failure that a retry cannot fix.</summary>
    Fatal,
}

/// <summary>The state of a label as answered by <c>GET /api/{db}/get_load_state</c>.</summary>
public enum LoadState
{
    /// <summary><c>UNKNOWN</c> (or an unrecognised answer): no such label.</summary>
    Unknown,

    /// <summary><c>PREPARE</c>: the load or transaction is running.</summary>
    Prepare,

    /// <summary><c>PREPARED</c>: a transaction is pre-committed and waits for commit or rollback.</summary>
    Prepared,

    /// <summary><c>COMMITTED</c>: committed; visible after publish.</summary>
    Committed,

    /// <summary><c>VISIBLE</c>: loaded and queryable.</summary>
    Visible,

    /// <summary><c>ABORTED</c>: rolled back; the label may be replaced by a new one.</summary>
    Aborted,
}

/// <summary>
/// StarRocks's success and retry rules (the stream-load SDK's <c>ErrorUtils.isRetryable</c>): only <c>Success</c> and
/// <c>Publish Timeout</c> (plus <c>OK</c> on the transaction API) are success; <c>Fail</c>/<c>INTERNAL_ERROR</c> and
/// <c>TXN_IN_PROCESSING</c> are retryable unless the message names a permanent cause; anything else is fatal.
/// </summary>
public static class StreamLoadOutcomes
{
    /// <summary><c>Success</c>.</summary>
    public const string Success = "Success";

    /// <summary><c>Publish Timeout</c>: committed, not yet visible; must not be retried.</summary>
    public const string PublishTimeout = "Publish Timeout";

    /// <summary><c>OK</c>: success on the transaction API.</summary>
    public const string Ok = "OK";

    /// <summary><c>Label Already Exists</c> (Stream Load).</summary>
    public const string LabelAlreadyExists = "Label Already Exists";

    /// <summary><c>LABEL_ALREADY_EXISTS</c> (transaction API).</summary>
    public const string LabelAlreadyExistsTransaction = "LABEL_ALREADY_EXISTS";

    /// <summary><c>Fail</c>.</summary>
    public const string Fail = "Fail";

    /// <summary><c>INTERNAL_ERROR</c>.</summary>
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary><c>TXN_IN_PROCESSING</c>: a concurrent call on the same transaction.</summary>
    public const string TransactionInProcessing = "TXN_IN_PROCESSING";

    /// <summary><c>TXN_NOT_EXISTS</c>.</summary>
    public const string TransactionNotExists = "TXN_NOT_EXISTS";

    private static readonly string[] PermanentFailureMessages =
    [
        "too many filtered rows",
        "primary key size exceed the limit",
        "Only primary key table support partial update",
        "Access denied",
        "current running txns on db",
        // Merge Commit's "too many filtered rows": the merged transaction failed its max_filter_ratio (MergeCommitTask.java)
        "There is a data quality issue",
    ];

    /// <summary>Classifies an HTTP answer.</summary>
    /// <param name="httpStatusCode">The HTTP status of the final response.</param>
    /// <param name="result">The parsed body, or <see langword="null"/> when there was no JSON body.</param>
    /// <param name="transactionApi"><see langword="true"/> for <c>/api/transaction/*</c>, where <c>OK</c> means success.</param>
    /// <returns>The outcome.</returns>
    public static StreamLoadOutcome Classify(int httpStatusCode, StreamLoadResult? result, bool transactionApi = false)
    {
        if (httpStatusCode == 401)
        {
            return StreamLoadOutcome.Fatal;
        }

        if (result?.Status is not { Length: > 0 } status)
        {
            // No body: the SDK retries it. A 4xx without a StarRocks answer (404, 405, …) will not get better.
            return httpStatusCode is >= 400 and < 500 ? StreamLoadOutcome.Fatal : StreamLoadOutcome.Retryable;
        }

        if (Is(status, Success) || Is(status, PublishTimeout) || (transactionApi && Is(status, Ok)))
        {
            return httpStatusCode == 200 ? StreamLoadOutcome.Success : StreamLoadOutcome.Retryable;
        }

        if (Is(status, LabelAlreadyExists) || Is(status, LabelAlreadyExistsTransaction))
        {
            return StreamLoadOutcome.LabelAlreadyExists;
        }

        if (Is(status, TransactionInProcessing))
        {
            return StreamLoadOutcome.Retryable;
        }

        if (Is(status, Fail) || Is(status, InternalError))
        {
            return IsPermanentMessage(result.Message) ? StreamLoadOutcome.Fatal : StreamLoadOutcome.Retryable;
        }

        return StreamLoadOutcome.Fatal;
    }

    /// <summary>Parses a <c>get_load_state</c> <c>state</c> value.</summary>
    /// <param name="state">The raw state, any case.</param>
    /// <returns>The state; <see cref="LoadState.Unknown"/> for anything unrecognised.</returns>
    public static LoadState ParseLoadState(string? state) => state?.Trim().ToUpperInvariant() switch
    {
        "PREPARE" => LoadState.Prepare,
        "PREPARED" => LoadState.Prepared,
        "COMMITTED" => LoadState.Committed,
        "VISIBLE" => LoadState.Visible,
        "ABORTED" => LoadState.Aborted,
        _ => LoadState.Unknown,
    };

    /// <summary>Compares two StarRocks status strings case-insensitively.</summary>
    /// <param name="status">The status StarRocks answered.</param>
    /// <param name="expected">One of the constants of this class.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public static bool Is(string? status, string expected) =>
        string.Equals(status?.Trim(), expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a <c>Fail</c> message names a cause a retry cannot fix.</summary>
    internal static bool IsPermanentMessage(string? message) =>
        message is not null && PermanentFailureMessages.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase));
}
