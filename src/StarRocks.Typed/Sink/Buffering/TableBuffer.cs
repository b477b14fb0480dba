using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Delivery;

namespace StarRocks.Typed.Sink.Buffering;

/// <summary>
/// One table's buffer: the active <see cref="LoadBatch"/> rows are appended to (already reserved in the budget), sealed at
/// <c>max-rows</c>, on a row of another shape, when older than the flush interval, or when asked, into the table's queue.
/// It knows nothing of how batches are loaded; a failure of its uploader is thrown to its writers.
/// </summary>
internal sealed class TableBuffer(
    SinkBuffers buffers, string database, string table, long maxRows, long maxBatchBytes, bool json, ChannelWriter<SealedBatch> queue, TableFailure failure, ILogger logger)
{
    private readonly Lock _gate = new();
    private LoadBatch? _active;
    private SinkRowShape? _shape;
    private long _activeReserved;
    private long _activeSince;
    private long _unflushedSince; // when the first batch sealed since the last flush point was started (0: none)
    private Task _lastDone = Task.CompletedTask; // the last queued item's completion (not the item: a loaded body must not stay referenced)

    public string Database { get; } = database;

    public string Table { get; } = table;

    /// <summary>The failure of the table's loads, shared with its uploader.</summary>
    public TableFailure Failure { get; } = failure;

    /// <summary>Bytes reserved by the active (unsealed) batch.</summary>
    public long ActiveBytes => Volatile.Read(ref _activeReserved);

    /// <summary>Throws the failure of an earlier load, if any.</summary>
    public void ThrowIfFaulted() => Failure.ThrowIfAny();

    /// <summary>The budget bytes <paramref name="rows"/> take in a batch: their bytes, plus <c>[</c> or <c>,</c> and room for <c>]</c> per JSON row.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The bytes to reserve.</returns>
    public long ReservedBytes(SerializedRows rows) => ReservedBytes(rows, 0, rows.Count);

    /// <summary>
    /// Appends serialized rows whose bytes (<see cref="ReservedBytes(SerializedRows)"/>) are already reserved in the budget,
    /// sealing the active batch whenever it reaches <c>max-rows</c> or the batch byte bound (Merge Commit's
    /// <c>sink.merge-commit.chunk.size</c>; a chunk may end one batch and start the next).
    /// </summary>
    /// <param name="shape">The rows' shape; a different shape than the active batch's seals it first.</param>
    /// <param name="rows">The rows.</param>
    public void Append(SinkRowShape shape, SerializedRows rows)
    {
        lock (_gate)
        {
            UseShapeLocked(shape);
            for (int from = 0, to; from < rows.Count; from = to)
            {
                var active = ActiveLocked();
                to = (int)Math.Min(rows.Count, from + maxRows - active.RowCount);
                if (maxBatchBytes != long.MaxValue)
                {
                    var room = maxBatchBytes - active.Length;
                    if (active.RowCount > 0 && ReservedBytes(rows, from, from + 1) > room)
                    {
                        SealLocked(SealReason.MaxBatchBytes, FlushPoint.None); // the next row starts the next batch
                        to = from;
                        continue;
                    }

                    var fit = from + 1; // a row larger than the bound goes alone
                    while (fit < to && ReservedBytes(rows, from, fit + 1) <= room)
                    {
                        fit++;
                    }

                    to = fit;
                }

                AppendLocked(rows, from, to);
                AppendedLocked(ReservedBytes(rows, from, to));
            }
        }
    }

    /// <summary>
    /// Appends one JSON row given in two parts (<paramref name="head"/> then <paramref name="tail"/>, e.g. a row's members
    /// and the <c>__op</c> member that ends it), its <see cref="ReservedBytes(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    /// already reserved in the budget: the row is copied once, straight into the batch.
    /// </summary>
    /// <param name="shape">The row's shape; a different shape than the active batch's seals it first.</param>
    /// <param name="head">The row's first bytes.</param>
    /// <param name="tail">The row's last bytes.</param>
    public void AppendJsonRow(SinkRowShape shape, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        Debug.Assert(json, "AppendJsonRow on a CSV table's buffer");
        long reserved = ReservedBytes(head, tail);
        lock (_gate)
        {
            UseShapeLocked(shape);
            if (_active is { RowCount: > 0 } full && reserved > maxBatchBytes - full.Length)
            {
                SealLocked(SealReason.MaxBatchBytes, FlushPoint.None); // the row starts the next batch
            }

            WriteJsonRow(ActiveLocked(), head, tail);
            AppendedLocked(reserved);
        }
    }

    /// <summary>The budget bytes a JSON row of <see cref="AppendJsonRow"/> takes: its bytes, plus <c>[</c> or <c>,</c> and room for <c>]</c>.</summary>
    /// <param name="head">The row's first bytes.</param>
    /// <param name="tail">The row's last bytes.</param>
    /// <returns>The bytes to reserve.</returns>
    public static long ReservedBytes(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) => head.Length + tail.Length + JsonRowFraming;

    /// <summary>What a JSON row adds to its bytes in a batch: <c>[</c> or <c>,</c> before it, and room for the closing <c>]</c>.</summary>
    private const long JsonRowFraming = 2;

    private void UseShapeLocked(SinkRowShape shape)
    {
        if (_shape != shape)
        {
            SealLocked(SealReason.Shape, FlushPoint.None);
            _shape = shape;
        }
    }

    private LoadBatch ActiveLocked()
    {
        if (_active is null)
        {
            _active = new LoadBatch(buffers.SegmentPool);
            _activeSince = Stopwatch.GetTimestamp();
        }

        return _active;
    }

    /// <summary>Counts <paramref name="reserved"/> bytes just appended to the active batch, and seals it at <c>max-rows</c> or the batch byte bound.</summary>
    private void AppendedLocked(long reserved)
    {
        _activeReserved += reserved;
        buffers.AddActiveBytes(reserved);
        if (_active!.RowCount >= maxRows)
        {
            SealLocked(SealReason.MaxRows, FlushPoint.None);
        }
        else if (_active.Length >= maxBatchBytes)
        {
            SealLocked(SealReason.MaxBatchBytes, FlushPoint.None);
        }
    }

    /// <summary>Seals the active batch (if it has rows) and queues it for loading.</summary>
    /// <param name="reason">Why.</param>
    public void Seal(SealReason reason)
    {
        lock (_gate)
        {
            SealLocked(reason, FlushPoint.None);
        }
    }

    /// <summary>
    /// Seals the active batch, with a flush point, if its first row is older than <paramref name="interval"/>; else queues
    /// a flush point alone if a batch sealed since the last one is (so what was sealed is delivered within about an interval).
    /// </summary>
    /// <param name="interval">The flush interval.</param>
    public void SealIfOlderThan(TimeSpan interval)
    {
        lock (_gate)
        {
            if (_active is not null && Stopwatch.GetElapsedTime(_activeSince) >= interval)
            {
                SealLocked(SealReason.Interval, FlushPoint.Flush);
            }
            else if (_unflushedSince != 0 && Stopwatch.GetElapsedTime(_unflushedSince) >= interval)
            {
                Queue(new SealedBatch(null, null, 0, FlushPoint.Flush, Failure.Epoch));
            }
        }
    }

    /// <summary>Seals the active batch and waits until everything queued is delivered; throws a load failure no caller has seen (dispose too, so rows are never dropped silently).</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the table's rows are loaded.</returns>
    public ValueTask FlushAsync(CancellationToken cancellationToken) => FlushAsync(FlushPoint.Flush, cancellationToken);

    /// <summary>Seals the active batch, queues <paramref name="point"/> behind it and waits until it is handled; throws a load failure.</summary>
    /// <param name="point">The flush point.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the point is handled.</returns>
    public async ValueTask FlushAsync(FlushPoint point, CancellationToken cancellationToken)
    {
        Task done;
        lock (_gate)
        {
            SealLocked(point == FlushPoint.Checkpoint ? SealReason.Checkpoint : SealReason.Flush, point);
            done = _lastDone;
        }

        await done.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFaulted();
    }

    /// <summary>Exactly-once resume: queues a rollback of what the table's loader holds open and waits for it; throws nothing.</summary>
    /// <returns>Completes when it is rolled back.</returns>
    public async Task RollBackAsync()
    {
        Task done;
        lock (_gate)
        {
            SealLocked(SealReason.Flush, FlushPoint.Rollback);
            done = _lastDone;
        }

        await done.ConfigureAwait(false);
    }

    /// <summary>Seals the active batch and closes the queue (the uploader ends after it).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            SealLocked(SealReason.Dispose, FlushPoint.Flush);
            queue.TryComplete();
        }
    }

    private long ReservedBytes(SerializedRows rows, int from, int to) => rows.Rows(from, to).Length + (json ? JsonRowFraming * (to - from) : 0);

    private void AppendLocked(SerializedRows rows, int from, int to)
    {
        var active = _active!;
        if (!json)
        {
            active.Write(rows.Rows(from, to));
            active.AddRows(to - from);
            return;
        }

        for (int row = from; row < to; row++)
        {
            WriteJsonRow(active, rows.Rows(row, row + 1), default);
        }
    }

    /// <summary>Writes a JSON row (<paramref name="head"/> then <paramref name="tail"/>) into the batch's array: <c>[</c> before the first, <c>,</c> before the others.</summary>
    private static void WriteJsonRow(LoadBatch active, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        active.Write(active.RowCount == 0 ? "["u8 : ","u8);
        active.Write(head);
        active.Write(tail);
        active.AddRows();
    }

    /// <summary>Queues the active batch (if it has rows) with <paramref name="point"/> behind it, or the point alone.</summary>
    private void SealLocked(SealReason reason, FlushPoint point)
    {
        if (_active is not { RowCount: > 0 } active || _shape is null)
        {
            if (point != FlushPoint.None)
            {
                Queue(new SealedBatch(null, null, 0, point, Failure.Epoch));
            }

            return;
        }

        if (json)
        {
            active.Write("]"u8);
        }

        buffers.AddActiveBytes(-_activeReserved);
        SinkLog.Flushing(logger, active.RowCount, active.Length, Database, Table, Name(reason));
        var batch = new SealedBatch(active, _shape, _activeReserved, point, Failure.Epoch);
        if (point == FlushPoint.None && _unflushedSince == 0)
        {
            _unflushedSince = _activeSince;
        }

        _active = null;
        _activeReserved = 0;
        Queue(batch);
    }

    private void Queue(SealedBatch item)
    {
        if (item.Point != FlushPoint.None)
        {
            _unflushedSince = 0;
        }

        _lastDone = item.Done.Task;
        if (!queue.TryWrite(item))
        {
            if (item.Body is null)
            {
                item.Done.TrySetResult(); // a flush point after dispose: nothing is left to deliver
                return;
            }

            throw new ObjectDisposedException(Table, $"The sink of {Database}.{Table} is disposed.");
        }
    }

    private static string Name(SealReason reason) => reason switch
    {
        SealReason.MaxRows => "max-rows",
        SealReason.MaxBytes => "max-bytes",
        SealReason.Shape => "shape",
        SealReason.Interval => "interval",
        SealReason.Checkpoint => "checkpoint",
        SealReason.Dispose => "dispose",
        _ => "flush",
    };
}
