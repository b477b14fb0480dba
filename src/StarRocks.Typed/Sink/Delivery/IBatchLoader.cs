using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// How one table's sealed batches reach StarRocks, chosen once per sink by the delivery mode: one Stream Load per batch
/// (<see cref="StreamLoadBatchLoader"/>), a transaction the batches stream into (<see cref="TransactionBatchLoader"/>), or a
/// Merge Commit load per batch that StarRocks merges with other loads of the table (<see cref="MergeCommitBatchLoader"/>).
/// Its table's uploader calls it one batch at a time, in order.
/// </summary>
internal interface IBatchLoader
{
    /// <summary>Where the error log of a load with filtered rows is fetched from (null: nowhere).</summary>
    IErrorLogSource? ErrorLogs { get; }

    /// <summary>Loads one batch.</summary>
    /// <param name="body">The serialized rows.</param>
    /// <param name="shape">Their shape (the headers).</param>
    /// <returns>StarRocks's answer.</returns>
    Task<StreamLoadResult> LoadAsync(LoadBatch body, SinkRowShape shape);

    /// <summary>A flush point: what was loaded before it is to be delivered (committed, prepared, or already in StarRocks).</summary>
    /// <param name="point">The point.</param>
    /// <returns>Completes when it is delivered.</returns>
    Task EndAsync(FlushPoint point);

    /// <summary>After a failed <see cref="LoadAsync"/> or <see cref="EndAsync"/>: gives up what is open (rolls back a transaction).</summary>
    /// <returns>The rows loaded before the failure that are lost with it.</returns>
    Task<long> AbandonAsync();
}
