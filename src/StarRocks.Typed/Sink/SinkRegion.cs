using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink;

/// <summary>
/// Work for a region's uploader, done in queue order: a sealed batch to load, or (no body) the end of the region's
/// transaction (prepare, and commit unless the checkpoint commits). <see cref="Loaded"/> completes when it is done either way.
/// </summary>
internal sealed class SealedBatch(LoadBatch? body, SinkRowShape? shape, long reservedBytes, bool commit = false)
{
    public LoadBatch? Body { get; } = body;

    public SinkRowShape? Shape { get; } = shape;

    public long ReservedBytes { get; } = reservedBytes;

    public bool Commit { get; } = commit;

    /// <summary>The transaction an end-of-transaction item prepared, if any.</summary>
    public PreparedRegionTransaction? Prepared { get; set; }

    public TaskCompletionSource Loaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A transaction a region prepared, and the rows loaded into it.</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Rows">Its rows.</param>
internal sealed record PreparedRegionTransaction(StreamLoadTransaction Transaction, long Rows);

/// <summary>
/// One table's buffer ("region"): the active <see cref="LoadBatch"/> rows are appended to, and the queue of sealed
/// batches that one uploader task loads in order, each holding one of the coordinator's IO slots while it loads. After
/// a failed load the region is faulted: queued batches are not loaded and every call throws.
/// </summary>
internal sealed class SinkRegion
{
    /// <summary>How long a failed at-least-once transaction's rollback may take (retries included) before the sink gives up on it.</summary>
    internal static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How much of a successful load's <c>ErrorURL</c> log the rejected-rows handler gets.</summary>
    internal const int MaxRejectedRowsLogBytes = 1024 * 1024;

    /// <summary>After how long the rejected-rows handler's token is cancelled (the error-log fetch included).</summary>
    internal static readonly TimeSpan RejectedRowsHandlerTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly SinkCoordinator _coordinator;
    private readonly bool _json;
    private readonly long _maxRows;
    private readonly Channel<SealedBatch> _queue = Channel.CreateUnbounded<SealedBatch>(new() { SingleReader = true });
    private readonly Task _uploader;
    private LoadBatch? _active;
    private SinkRowShape? _shape;
    private long _activeReserved;
    private long _activeSince;
    private Task? _lastLoaded; // the last queued item's completion (not the item: a loaded body must not stay referenced)
    private StarRocksSinkException? _failure;
    private StreamLoadTransaction? _transaction;
    private long _transactionRows; // rows loaded into _transaction so far
    private long _checkpointsEnded;
    private volatile bool _failureReported;

    public SinkRegion(SinkCoordinator coordinator, string database, string table, bool json)
    {
        _coordinator = coordinator;
        Database = database;
        Table = table;
        _json = json;
        _maxRows = coordinator.Options.BufferFlushMaxRows;
        _uploader = Task.Run(UploadAsync);
    }

    public string Database { get; }

    public string Table { get; }

    /// <summary>Bytes reserved by the active (unsealed) batch.</summary>
    public long ActiveBytes => Volatile.Read(ref _activeReserved);

    /// <summary>The failure that faulted the region, if any.</summary>
    public StarRocksSinkException? Failure => Volatile.Read(ref _failure);

    /// <summary>The failure, once a caller has been thrown it.</summary>
    public StarRocksSinkException? ReportedFailure => _failureReported ? Failure : null;

    /// <summary>Throws the failure of an earlier load, if any.</summary>
    public void ThrowIfFaulted()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            _failureReported = true;
            throw failure;
        }
    }

    /// <summary>
    /// Appends serialized rows whose bytes (<see cref="ReservedBytes(SerializedRows)"/>) are already reserved in the budget, sealing the
    /// active batch whenever it reaches <c>max-rows</c> (so a chunk may end one batch and start the next).
    /// </summary>
    /// <param name="shape">The rows' shape; a different shape than the active batch's seals it first.</param>
    /// <param name="rows">The rows.</param>
    public void Append(SinkRowShape shape, SerializedRows rows)
    {
        lock (_gate)
        {
            if (_shape != shape)
            {
                SealLocked("shape");
                _shape = shape;
            }

            for (int from = 0, to; from < rows.Count; from = to)
            {
                if (_active is null)
                {
                    _active = new LoadBatch(_coordinator.SegmentPool);
                    _activeSince = Stopwatch.GetTimestamp();
                }

                to = (int)Math.Min(rows.Count, from + _maxRows - _active.RowCount);
                AppendLocked(rows, from, to);
                long reserved = ReservedBytes(rows, from, to);
                _activeReserved += reserved;
                _coordinator.AddActiveBytes(reserved);
                if (_active.RowCount >= _maxRows)
                {
                    SealLocked("max-rows");
                }
            }
        }
    }

    /// <summary>The budget bytes <paramref name="rows"/> take in a batch: their bytes, plus <c>[</c> or <c>,</c> and room for <c>]</c> per JSON row.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The bytes to reserve.</returns>
    public long ReservedBytes(SerializedRows rows) => ReservedBytes(rows, 0, rows.Count);

    private long ReservedBytes(SerializedRows rows, int from, int to) => rows.Rows(from, to).Length + (_json ? 2L * (to - from) : 0);

    private void AppendLocked(SerializedRows rows, int from, int to)
    {
        var active = _active!;
        if (!_json)
        {
            active.Write(rows.Rows(from, to));
            active.AddRows(to - from);
            return;
        }

        for (int row = from; row < to; row++)
        {
            active.Write(active.RowCount == 0 ? "["u8 : ","u8);
            active.Write(rows.Rows(row, row + 1));
            active.AddRows();
        }
    }

    /// <summary>Seals the active batch (if it has rows) and queues it for loading.</summary>
    /// <param name="reason">Why (for the log).</param>
    public void Seal(string reason)
    {
        lock (_gate)
        {
            SealLocked(reason);
        }
    }

    /// <summary>Seals the active batch if its first row is older than <paramref name="interval"/>.</summary>
    /// <param name="interval">The flush interval.</param>
    public void SealIfOlderThan(TimeSpan interval)
    {
        lock (_gate)
        {
            if (_active is not null && Stopwatch.GetElapsedTime(_activeSince) >= interval)
            {
                SealLocked("interval");
            }
        }
    }

    /// <summary>Seals the active batch and waits until every sealed batch is loaded; throws a load failure.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the region is empty.</returns>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_coordinator.Transactions is not null && _coordinator.Options.Semantic == Configuration.StarRocksSinkSemantic.AtLeastOnce)
        {
            await EndTransactionAsync(commit: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        Task? last;
        lock (_gate)
        {
            SealLocked("flush");
            last = _lastLoaded;
        }

        if (last is not null)
        {
            await last.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        ThrowIfFaulted();
    }

    /// <summary>
    /// Seals the active batch and queues the end of the region's transaction behind it: prepare, then commit when
    /// <paramref name="commit"/>. Returns the prepared transaction (null when nothing was loaded since the last one).
    /// </summary>
    /// <param name="commit">Whether to commit right after prepare (at-least-once) or leave it to the checkpoint.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The prepared transaction.</returns>
    public async Task<PreparedRegionTransaction?> EndTransactionAsync(bool commit, CancellationToken cancellationToken)
    {
        var end = new SealedBatch(null, null, 0, commit);
        lock (_gate)
        {
            SealLocked("transaction end");
            _lastLoaded = end.Loaded.Task;
            if (!_queue.Writer.TryWrite(end))
            {
                throw new ObjectDisposedException(Table, $"The sink of {Database}.{Table} is disposed.");
            }
        }

        await end.Loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFaulted();
        return end.Prepared;
    }

    /// <summary>Flushes on dispose; throws only a failure no caller has seen yet, so rows are never dropped silently.</summary>
    /// <returns>Completes when the region is empty.</returns>
    public async ValueTask FlushOnDisposeAsync()
    {
        var reportedBefore = _failureReported;
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (StarRocksSinkException) when (reportedBefore)
        {
        }
    }

    /// <summary>Stops the uploader after the queued batches (call after a final flush).</summary>
    /// <returns>Completes when the uploader has ended.</returns>
    public async Task CompleteAsync()
    {
        lock (_gate)
        {
            SealLocked("dispose");
            _queue.Writer.TryComplete();
        }

        await _uploader.ConfigureAwait(false);
    }

    private void SealLocked(string reason)
    {
        if (_active is null || _active.RowCount == 0 || _shape is null)
        {
            return;
        }

        if (_json)
        {
            _active.Write("]"u8);
        }

        var batch = new SealedBatch(_active, _shape, _activeReserved);
        _coordinator.AddActiveBytes(-_activeReserved);
        SinkLog.Flushing(_coordinator.Logger, _active.RowCount, _active.Length, Database, Table, reason);
        _active = null;
        _activeReserved = 0;
        _lastLoaded = batch.Loaded.Task;
        if (!_queue.Writer.TryWrite(batch))
        {
            throw new ObjectDisposedException(Table, $"The sink of {Database}.{Table} is disposed.");
        }
    }

    private async Task UploadAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_failure is null)
                {
                    await LoadAsync(batch).ConfigureAwait(false);
                }
                else
                {
                    _failure.AddRowsNotLoaded(batch.Body?.RowCount ?? 0);
                }
            }
            finally
            {
                _coordinator.Budget.Release(batch.ReservedBytes);
                batch.Body?.Dispose();
                batch.Loaded.TrySetResult();
            }
        }
    }

    /// <summary>Sends a chunk into the region's transaction, beginning it (after aborting a lingering one of the same label) if needed.</summary>
    private async Task<StreamLoadResult> LoadIntoTransactionAsync(TransactionStreamLoadClient transactions, LoadBatch body, SinkRowShape shape)
    {
        if (_transaction is null)
        {
            var label = await _coordinator.NextTransactionLabelAsync(Database, Table, _checkpointsEnded).ConfigureAwait(false);
            _transaction = await transactions.BeginAsync(Database, Table, label).ConfigureAwait(false);
            _transactionRows = 0;
            SinkLog.Transaction(_coordinator.Logger, label, Database, "begun");
        }

        var result = await transactions.LoadAsync(_transaction, body, shape.Headers).ConfigureAwait(false);
        _transactionRows += body.RowCount;
        return result;
    }

    private async Task EndTransactionAsync(SealedBatch end)
    {
        _checkpointsEnded++;
        if (_transaction is not { } transaction || _coordinator.Transactions is not { } transactions)
        {
            return;
        }

        await transactions.PrepareAsync(transaction).ConfigureAwait(false);
        end.Prepared = new PreparedRegionTransaction(transaction, _transactionRows);
        if (end.Commit)
        {
            await transactions.CommitAsync(transaction).ConfigureAwait(false);
            SinkLog.Transaction(_coordinator.Logger, transaction.Label, Database, "committed");
        }

        _transaction = null; // only now: a failed prepare or commit leaves it for RollBackFailedTransactionAsync
    }

    /// <summary>
    /// At-least-once with <c>use-transaction-stream-load</c>: rolls back the transaction whose load, prepare or commit
    /// failed for good, so it does not hold one of the database's running-transaction slots until StarRocks times it out.
    /// StarRocks rolls back a transaction whose begin, load or prepare fails on its side (StarRocks docs
    /// <c>loading/Stream_Load_transaction_interface.md</c>), but not one whose answer was lost (HTTP 500, reset, timeout)
    /// nor one whose commit failed; rolling back an aborted one answers OK. Best effort, bounded by
    /// <see cref="RollbackTimeout"/>; a failed rollback is logged. Exactly-once leaves it to the next start's
    /// lingering-transaction check.
    /// </summary>
    private async Task RollBackFailedTransactionAsync()
    {
        if (_transaction is not { } transaction || _coordinator.Transactions is not { } transactions
            || _coordinator.Options.Semantic != Configuration.StarRocksSinkSemantic.AtLeastOnce)
        {
            return;
        }

        _transaction = null;
        try
        {
            using var timeout = new CancellationTokenSource(RollbackTimeout);
            await transactions.RollbackAsync(transaction, timeout.Token).ConfigureAwait(false);
            SinkLog.Transaction(_coordinator.Logger, transaction.Label, Database, "rolled back after a failure");
        }
        catch (Exception e)
        {
            SinkLog.RollbackFailed(_coordinator.Logger, transaction.Label, Database, Table, e.Message);
        }
    }

    private async Task LoadAsync(SealedBatch batch)
    {
        await _coordinator.IoSlots.WaitAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        StreamLoadResult? filtered = null;
        try
        {
            if (batch.Body is null)
            {
                await EndTransactionAsync(batch).ConfigureAwait(false);
                return;
            }

            var result = _coordinator.Transactions is { } transactions
                ? await LoadIntoTransactionAsync(transactions, batch.Body, batch.Shape!).ConfigureAwait(false)
                : await _coordinator.Loader.LoadAsync(new StreamLoadRequest(Database, Table, batch.Body) { Headers = batch.Shape!.Headers }).ConfigureAwait(false);
            SinkTelemetry.RecordFlush(Database, Table, batch.Body.Length, batch.Body.RowCount, result);
            SinkLog.Flushed(_coordinator.Logger, batch.Body.RowCount, batch.Body.Length, Database, Table, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            filtered = result is { NumberFilteredRows: > 0 } ? result : null;
        }
        catch (Exception e)
        {
            SinkTelemetry.RecordFailure(Database, Table);
            SinkLog.FlushFailed(_coordinator.Logger, Database, Table, e.Message);
            // The rows already loaded into the failed transaction are lost with it (rolled back, or never committed).
            var rowsNotLoaded = (batch.Body?.RowCount ?? 0) + (_transaction is null ? 0 : _transactionRows);
            await RollBackFailedTransactionAsync().ConfigureAwait(false); // before the failure surfaces
            // A failed recovery (awaited before the first transaction) already is a sink exception: keep its cause, not a nesting.
            var cause = e is StarRocksSinkException { InnerException: { } inner } ? inner : e;
            Volatile.Write(ref _failure, new StarRocksSinkException(Database, Table, rowsNotLoaded, cause));
        }
        finally
        {
            _coordinator.IoSlots.Release();
        }

        if (filtered is not null && _coordinator.Options.OnRejectedRows is { } handler)
        {
            await ReportRejectedRowsAsync(handler, filtered).ConfigureAwait(false); // after the IO slot: user code must not hold it
        }
    }

    /// <summary>
    /// Hands the rows StarRocks filtered out of a successful load to the user's handler, with the <c>ErrorURL</c> log
    /// (fetched without credentials, bounded by <see cref="MaxRejectedRowsLogBytes"/> and the channel's error-log timeout).
    /// A failing or slow handler never fails the load: it is logged, and its token is cancelled after <see cref="RejectedRowsHandlerTimeout"/>.
    /// </summary>
    private async Task ReportRejectedRowsAsync(Func<StarRocksRejectedRows, CancellationToken, ValueTask> handler, StreamLoadResult result)
    {
        var label = result.Label ?? "";
        try
        {
            using var timeout = new CancellationTokenSource(RejectedRowsHandlerTimeout);
            ErrorLogLines? log = null;
            if (result.ErrorUrl is { Length: > 0 } errorUrl
                && (_coordinator.Transactions as IErrorLogSource ?? _coordinator.Loader as IErrorLogSource) is { } source)
            {
                log = await source.FetchErrorLogLinesAsync(errorUrl, MaxRejectedRowsLogBytes, timeout.Token).ConfigureAwait(false);
            }

            var rejected = new StarRocksRejectedRows(Database, Table, label, result.NumberFilteredRows, log?.Lines ?? [], log?.Truncated ?? false, result.ErrorUrl);
            await handler(rejected, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SinkLog.RejectedRowsHandlerFailed(_coordinator.Logger, result.NumberFilteredRows, Database, Table, label, e);
        }
    }
}
