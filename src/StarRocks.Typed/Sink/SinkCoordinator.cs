using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink;

/// <summary>
/// What the table sinks of one <see cref="StarRocksOptions"/> share: the memory budget (twice
/// <c>sink.buffer-flush.max-bytes</c>), the IO slots (<c>sink.io.thread-count</c> loads at a time across tables), the
/// loader, and the interval timer. When the active batches of all tables together reach max-bytes, the largest is sealed.
/// </summary>
internal sealed class SinkCoordinator : IAsyncDisposable
{
    private ArrayPool<byte> _segmentPool;
    private readonly List<SinkRegion> _regions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _intervalLoop;
    private readonly IDisposable? _ownedLoader;
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly LoadLabelGenerator _labels;
    private readonly Dictionary<(string Database, string Table), Task> _lingeringChecks = [];
    private Task? _recovery;
    private List<PreparedRegionTransaction> _uncommitted = []; // prepared, commit failed: journaled and tried again (under _checkpointGate)
    private long _activeBytes;
    private long _firstCheckpointId;
    private long _checkpointsDone;

    public SinkCoordinator(IOptions<StarRocksOptions> options, ILoggerFactory? loggerFactory = null, IStreamLoadClient? loader = null, ICheckpointJournal? journal = null)
    {
        Options = options.Value;
        StarRocksOptionsValidator.ThrowIfInvalid(Options);
        loggerFactory ??= NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("StarRocks.Typed.Sink");
        if (loader is null)
        {
            var client = new StreamLoadClient(Options.Connection, loggerFactory);
            _ownedLoader = client;
            loader = client;
        }

        Loader = loader;
        _labels = new LoadLabelGenerator(Options.Connection.LabelPrefix);
        if (Options.Semantic == StarRocksSinkSemantic.ExactlyOnce || Options.UseTransactionStreamLoad)
        {
            Transactions = new TransactionStreamLoadClient(Options.Connection, loggerFactory);
        }

        Journal = journal ?? new FileCheckpointJournal(Options.JournalPath ?? $"starrocks-sink-{Options.Connection.LabelPrefix ?? LoadLabelGenerator.DefaultPrefix}.journal");
        Budget = new SinkMemoryBudget(2 * Options.BufferFlushMaxBytes);
        _segmentPool = NewSegmentPool();
        IoSlots = new SemaphoreSlim(Options.IoThreadCount, Options.IoThreadCount);
        SinkTelemetry.Track(Budget);
        _intervalLoop = Task.Run(SealOnIntervalAsync);
    }

    public StarRocksOptions Options { get; }

    public ILogger Logger { get; }

    public IStreamLoadClient Loader { get; }

    public SinkMemoryBudget Budget { get; }

    /// <summary>
    /// Where the tables' batches rent their 64 KiB segments: enough for the whole budget, so a sink at steady state reuses
    /// them instead of leaving them to the GC. Replaced by an empty pool after a whole flush interval with nothing
    /// buffered, so an idle sink gives the memory back (batches return segments to the pool they rented from).
    /// </summary>
    public ArrayPool<byte> SegmentPool => Volatile.Read(ref _segmentPool);

    public SemaphoreSlim IoSlots { get; }

    /// <summary>The transaction client (exactly-once, or at-least-once with <c>use-transaction-stream-load</c>), else null.</summary>
    public TransactionStreamLoadClient? Transactions { get; }

    /// <summary>Where exactly-once records prepared transactions.</summary>
    public ICheckpointJournal Journal { get; }

    /// <summary>Testing only: the checkpoint stops after journaling, before commit (a simulated crash).</summary>
    internal bool StopAfterJournalForTesting { get; set; }

    /// <summary>
    /// The label of a region's next transaction. Exactly-once: <c>{prefix}-{table}-{checkpointId}</c> where the id is the
    /// first id after recovery plus the checkpoints the region has ended. Before a table's first transaction, the
    /// transactions a crashed instance left behind with the table's next labels are rolled back
    /// (<c>sink.exactly-once.enable-abort-lingering-txn</c>).
    /// </summary>
    public async Task<string> NextTransactionLabelAsync(string database, string table, long checkpointsEnded)
    {
        if (Options.Semantic != StarRocksSinkSemantic.ExactlyOnce)
        {
            return _labels.Next(table);
        }

        await RecoverAsync(CancellationToken.None).ConfigureAwait(false);
        await AbortLingeringOnceAsync(database, table).ConfigureAwait(false);
        return TransactionLabel(table, Interlocked.Read(ref _firstCheckpointId) + checkpointsEnded);
    }

    /// <summary>
    /// Exactly-once start: commits the transactions the journal lists as prepared (a crash between prepare and commit),
    /// continues after its checkpoint id, and rolls back the lingering transactions of the tables registered so far (tables
    /// registered later are checked before their first transaction). Runs once; later calls await the first. A failure
    /// is a <see cref="StarRocksSinkException"/> of the table concerned.
    /// </summary>
    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        lock (_regions)
        {
            return _recovery ??= RecoverOnceAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Exactly-once checkpoint: every table's chunks are loaded and its transaction prepared; the prepared labels, with
    /// those whose commit failed at an earlier checkpoint, are journaled; then every one of them is committed; then the
    /// journal keeps only those whose commit failed (still PREPARED: the next checkpoint, the final one on dispose, or the
    /// next start's recovery commits them). At-least-once: flushes every table. A failed commit is a
    /// <see cref="StarRocksSinkException"/> counting the transaction's rows (the first, when several fail).
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (Options.Semantic != StarRocksSinkSemantic.ExactlyOnce)
        {
            await FlushAllAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await RecoverAsync(cancellationToken).ConfigureAwait(false);
        await _checkpointGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var newlyPrepared = (await Task.WhenAll(Regions().Select(r => r.EndTransactionAsync(commit: false, cancellationToken))).ConfigureAwait(false))
                .OfType<PreparedRegionTransaction>();
            var prepared = _uncommitted = [.. _uncommitted, .. newlyPrepared];
            var id = Interlocked.Read(ref _firstCheckpointId) + _checkpointsDone++;
            await Journal.WriteAsync(Record(id, prepared), cancellationToken).ConfigureAwait(false);
            if (StopAfterJournalForTesting)
            {
                return;
            }

            var uncommitted = new List<PreparedRegionTransaction>();
            StarRocksSinkException? failure = null;
            foreach (var (transaction, rows) in prepared)
            {
                try
                {
                    await Transactions!.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (StarRocksLoadException e)
                {
                    // Still PREPARED (a commit that did go through is re-checked as COMMITTED/VISIBLE and is success).
                    uncommitted.Add(new PreparedRegionTransaction(transaction, rows));
                    failure ??= new StarRocksSinkException(transaction.Database, transaction.Table, rows, e);
                    continue;
                }

                SinkLog.Transaction(Logger, transaction.Label, transaction.Database, "committed");
            }

            _uncommitted = uncommitted;
            await Journal.WriteAsync(Record(id, uncommitted), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            _checkpointGate.Release();
        }

        static CheckpointRecord Record(long id, List<PreparedRegionTransaction> prepared) =>
            new(id, prepared.Select(p => new PreparedTransaction(p.Transaction.Database, p.Transaction.Table, p.Transaction.Label)).ToList());
    }

    /// <summary>Creates the region of a table and registers it for interval and cache-full flushes.</summary>
    public SinkRegion CreateRegion(string database, string table)
    {
        var region = new SinkRegion(this, database, table, Options.UsesJson);
        lock (_regions)
        {
            _regions.Add(region);
        }

        return region;
    }

    /// <summary>Tracks bytes entering (positive) or leaving (negative) active batches; seals the largest when they reach max-bytes.</summary>
    public void AddActiveBytes(long bytes) => Interlocked.Add(ref _activeBytes, bytes);

    /// <summary>Seals the largest active batch when the active batches together hold max-bytes or more.</summary>
    public void SealLargestIfFull()
    {
        if (Volatile.Read(ref _activeBytes) >= Options.BufferFlushMaxBytes)
        {
            SealLargest();
        }
    }

    /// <summary>Waits for room for <paramref name="bytes"/>, sealing the largest batch first so something can be loaded.</summary>
    public ValueTask WaitForRoomAsync(long bytes, CancellationToken cancellationToken)
    {
        SinkLog.BackPressure(Logger, Budget.Reserved, Budget.Limit);
        SealLargest();
        return Budget.WaitForRoomAsync(bytes, cancellationToken);
    }

    /// <summary>Flushes every table and waits for the loads (host stop, dispose); exactly-once checkpoints.</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        if (Options.Semantic == StarRocksSinkSemantic.ExactlyOnce)
        {
            await CheckpointAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(Regions().Select(r => r.FlushAsync(cancellationToken).AsTask())).ConfigureAwait(false);
    }

    /// <summary>Flushes (best effort: failures were already reported to writers), stops the timer and the uploaders.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _intervalLoop.ConfigureAwait(false);
        // A failed recovery was thrown to whoever awaited it (host start, the first transaction); nothing was loaded since.
        ExceptionDispatchInfo? unseen = null;
        if (Options.Semantic == StarRocksSinkSemantic.ExactlyOnce && !StopAfterJournalForTesting && _recovery is not { IsFaulted: true })
        {
            // As at-least-once dispose: rethrow only a failure no caller has seen yet.
            var seen = Regions().Select(r => r.ReportedFailure).OfType<StarRocksSinkException>().ToHashSet();
            try
            {
                await CheckpointAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (StarRocksSinkException e) when (Regions().Any(r => r.Failure == e) && Regions().All(r => r.Failure is not { } failure || seen.Contains(failure)))
            {
            }
            catch (Exception e)
            {
                unseen = ExceptionDispatchInfo.Capture(e);
            }
        }

        await Task.WhenAll(Regions().Select(r => r.CompleteAsync())).ConfigureAwait(false);
        SinkTelemetry.Untrack(Budget);
        _ownedLoader?.Dispose();
        Transactions?.Dispose();
        _checkpointGate.Dispose();
        IoSlots.Dispose();
        _stopping.Dispose();
        unseen?.Throw();
    }

    private SinkRegion[] Regions()
    {
        lock (_regions)
        {
            return [.. _regions];
        }
    }

    private async Task RecoverOnceAsync(CancellationToken cancellationToken)
    {
        if (Options.Semantic != StarRocksSinkSemantic.ExactlyOnce)
        {
            return;
        }

        if (await Journal.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            foreach (var prepared in record.Prepared)
            {
                try
                {
                    await Transactions!.CommitAsync(new StreamLoadTransaction(prepared.Database, prepared.Table, prepared.Label), cancellationToken).ConfigureAwait(false);
                }
                catch (StarRocksLoadException e)
                {
                    throw new StarRocksSinkException(prepared.Database, prepared.Table, 0, e); // a previous process's rows: none buffered here
                }

                SinkLog.Transaction(Logger, prepared.Label, prepared.Database, "recovered and committed");
            }

            await Journal.WriteAsync(record with { Prepared = [] }, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _firstCheckpointId, record.CheckpointId + 1);
        }

        await Task.WhenAll(Regions().Select(async r =>
        {
            try
            {
                await AbortLingeringOnceAsync(r.Database, r.Table).ConfigureAwait(false);
            }
            catch (StarRocksLoadException e)
            {
                throw new StarRocksSinkException(r.Database, r.Table, 0, e);
            }
        })).ConfigureAwait(false);
    }

    /// <summary>The lingering-transaction check of a table: started once (after recovery), awaited by every later caller.</summary>
    private Task AbortLingeringOnceAsync(string database, string table)
    {
        if (!Options.AbortLingeringTransactions)
        {
            return Task.CompletedTask;
        }

        lock (_lingeringChecks)
        {
            if (!_lingeringChecks.TryGetValue((database, table), out var check))
            {
                check = AbortLingeringAsync(database, table, Interlocked.Read(ref _firstCheckpointId));
                _lingeringChecks.Add((database, table), check);
            }

            return check;
        }
    }

    /// <summary>
    /// Probes the table's labels from <paramref name="firstId"/> upward with <c>get_load_state</c>, as the Flink connector's
    /// lingering-transaction aborter does: PREPARE/PREPARED → rolled back; UNKNOWN/ABORTED → done (with
    /// <c>sink.exactly-once.check-num-lingering-txn</c> = -1; otherwise exactly that many labels are probed);
    /// COMMITTED/VISIBLE → the sink cannot start with this label prefix.
    /// </summary>
    private async Task AbortLingeringAsync(string database, string table, long firstId)
    {
        var checkCount = Options.LingeringTransactionCheckCount;
        var endId = checkCount < 0 ? long.MaxValue : firstId + checkCount;
        var rolledBack = 0;
        var id = firstId;
        for (; id < endId; id++)
        {
            var label = TransactionLabel(table, id);
            var state = await Transactions!.GetLoadStateAsync(database, label).ConfigureAwait(false);
            if (state is LoadState.Prepare or LoadState.Prepared)
            {
                await Transactions.RollbackAsync(new StreamLoadTransaction(database, table, label)).ConfigureAwait(false);
                SinkLog.LingeringRolledBack(Logger, label, database, table, state);
                rolledBack++;
            }
            else if (state is LoadState.Committed or LoadState.Visible)
            {
                throw new StarRocksLoadException(
                    $"The exactly-once sink of {database}.{table} cannot start: transaction {label}, which it would use next, is already {state.ToString().ToUpperInvariant()}. " +
                    "The sink is restarting from an older checkpoint journal than the newest, or another sink uses the same label prefix; " +
                    "set a new sink.label-prefix (or restore the newest journal).",
                    label);
            }
            else if (checkCount < 0)
            {
                id++;
                break;
            }
        }

        SinkLog.LingeringChecked(Logger, database, table, id - firstId, rolledBack);
    }

    private string TransactionLabel(string table, long id) =>
        $"{Options.Connection.LabelPrefix ?? LoadLabelGenerator.DefaultPrefix}-{LoadLabelGenerator.Sanitize(table)}-{id}";

    private void SealLargest()
    {
        SinkRegion? largest = null;
        lock (_regions)
        {
            foreach (var region in _regions)
            {
                if (region.ActiveBytes > (largest?.ActiveBytes ?? 0))
                {
                    largest = region;
                }
            }
        }

        largest?.Seal("max-bytes");
    }

    private ArrayPool<byte> NewSegmentPool() =>
        ArrayPool<byte>.Create(LoadBatch.DefaultSegmentSize, (int)Math.Min(Budget.Limit / LoadBatch.DefaultSegmentSize + 64, 16_384));

    private async Task SealOnIntervalAsync()
    {
        var interval = Options.BufferFlushInterval;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(interval.TotalMilliseconds / 4, 10, 1000));
        var commitsTransactions = Transactions is not null && Options.Semantic == StarRocksSinkSemantic.AtLeastOnce;
        var lastCommit = System.Diagnostics.Stopwatch.GetTimestamp();
        long? idleSince = null;
        var poolTrimmed = false;
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var region in Regions())
                {
                    region.SealIfOlderThan(interval);
                }

                if (Budget.Reserved > 0)
                {
                    (idleSince, poolTrimmed) = (null, false);
                }
                else if (idleSince is null)
                {
                    idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                else if (!poolTrimmed && System.Diagnostics.Stopwatch.GetElapsedTime(idleSince.Value) >= interval)
                {
                    Volatile.Write(ref _segmentPool, NewSegmentPool());
                    poolTrimmed = true;
                }

                if (commitsTransactions && System.Diagnostics.Stopwatch.GetElapsedTime(lastCommit) >= interval)
                {
                    // Failures are kept by the region and thrown to its next caller.
                    await Task.WhenAll(Regions().Select(r => r.EndTransactionAsync(commit: true, CancellationToken.None)))
                        .ContinueWith(t => t.Exception, TaskScheduler.Default).ConfigureAwait(false);
                    lastCommit = System.Diagnostics.Stopwatch.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
