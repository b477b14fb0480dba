namespace StarRocks.Typed.StandIn.Faults;

/// <summary>Where a fault strikes.</summary>
public enum FaultPoint
{
    /// <summary><c>PUT /api/{db}/{table}/_stream_load</c> at the BE.</summary>
    StreamLoad,
    /// <summary><c>/api/transaction/begin</c> at the BE.</summary>
    TransactionBegin,
    /// <summary><c>/api/transaction/load</c> at the BE.</summary>
    TransactionLoad,
    /// <summary><c>/api/transaction/prepare</c> at the BE.</summary>
    TransactionPrepare,
    /// <summary><c>/api/transaction/commit</c> (FE or BE, whichever settles it).</summary>
    TransactionCommit,
    /// <summary><c>GET /api/{db}/get_load_state</c> at the FE (a delayed answer or HTTP 500).</summary>
    LoadState,
}

/// <summary>What a fault does.</summary>
public enum FaultKind
{
    /// <summary>Answer HTTP 500 without loading.</summary>
    Http500,
    /// <summary>Reset the connection after <see cref="Fault.AfterBytes"/> body bytes, without loading.</summary>
    ResetConnection,
    /// <summary>Answer <c>Status: Fail</c> with <see cref="Fault.Message"/>, without loading.</summary>
    Fail,
    /// <summary>Answer lowercase <c>{"status":"FAILED","msg":…}</c>, without loading.</summary>
    LowercaseFailed,
    /// <summary>Load, then answer <c>Publish Timeout</c> (the label is COMMITTED: data is loaded).</summary>
    PublishTimeout,
    /// <summary>
    /// Load, but answer <c>Label Already Exists</c> with <c>ExistingJobStatus: RUNNING</c>, as if an earlier attempt were
    /// still running; the label reports PREPARE / RUNNING for <see cref="Fault.Delay"/>, then VISIBLE / FINISHED.
    /// </summary>
    LabelAlreadyExistsRunning,
    /// <summary>Process normally, then hold the answer for <see cref="Fault.Delay"/>.</summary>
    DelayAnswer,
}

/// <summary>A fault to inject on the next <see cref="Times"/> requests at <see cref="Point"/>.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Point">Which requests it strikes.</param>
/// <param name="Times">How many requests it strikes.</param>
/// <param name="Message">The message of <see cref="FaultKind.Fail"/> / <see cref="FaultKind.LowercaseFailed"/>.</param>
/// <param name="AfterBytes">Body bytes read before <see cref="FaultKind.ResetConnection"/> resets.</param>
/// <param name="Delay">Delay of <see cref="FaultKind.DelayAnswer"/>, running time of <see cref="FaultKind.LabelAlreadyExistsRunning"/>.</param>
public sealed record Fault(
    FaultKind Kind,
    FaultPoint Point = FaultPoint.StreamLoad,
    int Times = 1,
    string? Message = null,
    long AfterBytes = 0,
    TimeSpan Delay = default);
