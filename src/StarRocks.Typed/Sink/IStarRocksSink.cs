namespace StarRocks.Typed.Sink;

/// <summary>
/// Writes typed rows of one table to StarRocks: rows are serialized by the generated writer into the table's buffer and
/// loaded with Stream Load when a flush trigger fires (<c>sink.buffer-flush.max-bytes</c>, <c>max-rows</c>,
/// <c>interval-ms</c>, <see cref="FlushAsync"/>, dispose, host stop). Writers wait when the sink holds twice
/// <c>max-bytes</c>. A failed load surfaces once as <see cref="StarRocksSinkException"/> on the next call (then the table
/// loads again; exactly-once: resume with <see cref="IStarRocksCheckpoints.RecoverAsync"/>). Thread-safe.
/// Writing many rows in one call (span, array, list, enumerable) is cheaper per row than a call per row: they are
/// serialized and appended in chunks of up to 1,024 rows.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
public interface IStarRocksSink<T> : IAsyncDisposable where T : IStarRocksTable<T>
{
    /// <summary>Buffers a row (an upsert on PRIMARY KEY tables).</summary>
    /// <param name="row">The row.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the row is buffered.</returns>
    ValueTask WriteAsync(T row, CancellationToken cancellationToken = default);

    /// <summary>
    /// Buffers rows in order, a chunk at a time. A row the writer refuses is thrown after the rows before it are
    /// buffered; it and the rows after it are not.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when every row is buffered.</returns>
    ValueTask WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default);

    /// <summary>Buffers rows in order, a chunk at a time (copies the rest of the span only if it has to wait for buffer room).</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>Completes when every row is buffered.</returns>
    ValueTask WriteAsync(ReadOnlySpan<T> rows);

    /// <summary>Buffers rows in order as they arrive.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Cancels the enumeration and waiting for buffer room.</param>
    /// <returns>Completes when every row is buffered.</returns>
    ValueTask WriteAsync(IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default);

    /// <summary>Buffers only <paramref name="columns"/> of a row (a partial update; PRIMARY KEY tables).</summary>
    /// <param name="row">The row; members outside <paramref name="columns"/> are ignored.</param>
    /// <param name="columns">The key columns and the columns to update.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the row is buffered.</returns>
    ValueTask WritePartialAsync(T row, StarRocksColumnSet<T> columns, CancellationToken cancellationToken = default);

    /// <summary>
    /// Buffers the deletion of the row with this row's key (PRIMARY KEY tables; <c>__op = 1</c>). To delete by the key
    /// alone, use <see cref="StarRocksSinkExtensions.DeleteByKeyAsync{T, TKey}"/>.
    /// </summary>
    /// <param name="row">The row to delete.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the delete is buffered.</returns>
    ValueTask DeleteAsync(T row, CancellationToken cancellationToken = default);

    /// <summary>Loads everything buffered so far and waits until it is loaded (or throws the failure).</summary>
    /// <param name="cancellationToken">Cancels waiting (the loads continue).</param>
    /// <returns>Completes when every buffered row is in StarRocks.</returns>
    /// <exception cref="StarRocksSinkException">A load failed (now or before).</exception>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Exactly-once: loads the buffered rows of every table into their transactions, prepares them, records the prepared
    /// labels in the journal, commits them and clears the journal; the application state stays the last one given to
    /// <see cref="IStarRocksCheckpoints.CheckpointAsync"/>. At-least-once: flushes every table.
    /// </summary>
    /// <param name="cancellationToken">Cancels the checkpoint (prepared transactions are committed on the next start).</param>
    /// <returns>Completes when the checkpoint's rows are committed.</returns>
    /// <exception cref="StarRocksSinkException">A load, prepare or commit failed, or the exactly-once start (recovery, lingering-transaction check) failed.</exception>
    ValueTask CheckpointAsync(CancellationToken cancellationToken = default);
}
