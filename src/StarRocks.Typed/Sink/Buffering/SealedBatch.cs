using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink.Buffering;

/// <summary>Why a batch was sealed (logged with event 2001).</summary>
internal enum SealReason
{
    MaxRows,
    MaxBatchBytes,
    MaxBytes,
    Shape,
    Interval,
    Flush,
    Checkpoint,
    Dispose,
}

/// <summary>
/// A point in a table's queue up to which what was sealed must be delivered: <see cref="Flush"/> (<c>FlushAsync</c>, the
/// flush interval, dispose) or <see cref="Checkpoint"/> (an exactly-once checkpoint); or given up: <see cref="Rollback"/>
/// (exactly-once, when the application resumes from its last checkpoint). What a loader does there is its own.
/// </summary>
internal enum FlushPoint
{
    None,
    Flush,
    Checkpoint,
    Rollback,
}

/// <summary>
/// An item of a table's queue, handled in order by its uploader: a sealed batch, a flush point, or both (the batch first).
/// <see cref="Done"/> completes when it is handled, loaded or not.
/// </summary>
internal sealed class SealedBatch(LoadBatch? body, SinkRowShape? shape, long reservedBytes, FlushPoint point, long epoch)
{
    public LoadBatch? Body { get; } = body;

    public SinkRowShape? Shape { get; } = shape;

    /// <summary>The budget bytes the batch holds until it is handled.</summary>
    public long ReservedBytes { get; } = reservedBytes;

    public FlushPoint Point { get; } = point;

    /// <summary>The table's failure epoch when it was queued (see <see cref="Delivery.TableFailure"/>).</summary>
    public long Epoch { get; } = epoch;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
