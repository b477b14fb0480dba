using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// Exactly-once: each table's batches stream into a transaction labelled <c>{prefix}-{table}-{id}</c>
/// (<see cref="TransactionBatchLoader"/>); a checkpoint prepares them all, journals the prepared labels with the
/// application state, commits them and journals the state as committed. Owns the label sequence, the journal, the start's
/// recovery, the lingering-transaction abort, and the resume after a failure (<see cref="IStarRocksCheckpoints"/>).
/// </summary>
internal sealed class ExactlyOnceCheckpoints(StarRocksOptions options, TransactionStreamLoadClient client, ICheckpointJournal journal, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1); // one start, checkpoint, resume or final checkpoint at a time
    private readonly List<(TableBuffer Buffer, TransactionBatchLoader Loader)> _tables = [];
    private readonly CheckpointLedger _ledger = new(client, journal, logger);
    private readonly LingeringTransactions _lingering = new(options, client, logger);
    private Task<StarRocksRecovery>? _start;
    private StarRocksRecovery _recovery = StarRocksRecovery.None; // what was found aborted since the last RecoverAsync
    private StarRocksSinkException? _aborted; // StarRocks aborted a pending checkpoint: the application resumes before it
    private long _firstCheckpointId;
    private long _checkpointsDone;

    /// <summary>Testing only: the checkpoint stops after journaling, before commit (a simulated crash).</summary>
    internal bool StopAfterJournalForTesting { get; set; }

    /// <summary>The loader of <paramref name="buffer"/>'s table; the table takes part in every checkpoint from now on.</summary>
    /// <param name="buffer">The table's buffer.</param>
    /// <returns>Its loader.</returns>
    public TransactionBatchLoader CreateLoader(TableBuffer buffer)
    {
        var (database, table) = (buffer.Database, buffer.Table);
        var loader = new TransactionBatchLoader(client, database, table, FlushPoint.Checkpoint, ended => NextLabelAsync(database, table, ended), logger);
        lock (_tables)
        {
            _tables.Add((buffer, loader));
        }

        return loader;
    }

    /// <summary>
    /// The start: settles the journal's pending checkpoint (commits its transactions; if StarRocks aborted one, rolls back
    /// the rest and keeps the state before it), continues after its id, and rolls back the lingering transactions of the
    /// tables registered so far (tables registered later are checked before their first transaction). Runs once; later
    /// calls await the first (after a failure, the next call tries again). A failure is a
    /// <see cref="StarRocksSinkException"/> of the table concerned.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>What the start found.</returns>
    public Task<StarRocksRecovery> StartAsync(CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            return _start = _start is null or { IsFaulted: true } or { IsCanceled: true } ? StartOnceAsync(cancellationToken) : _start;
        }
    }

    /// <summary>See <see cref="IStarRocksCheckpoints.RecoverAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>Where the application resumes.</returns>
    public async Task<StarRocksRecovery> RecoverAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RollBackOpenAsync().ConfigureAwait(false);
            foreach (var (buffer, _) in Tables())
            {
                buffer.Failure.Acknowledge();
            }

            _aborted = null;
            var settled = await _ledger.SettleAsync(cancellationToken).ConfigureAwait(false);
            var recovery = settled.Aborted.Count == 0 ? _recovery with { ApplicationState = settled.ApplicationState } : settled;
            _recovery = StarRocksRecovery.None;
            return recovery;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Every table's batches are loaded and its transaction prepared; the prepared labels, with those of a pending
    /// checkpoint whose commit failed, are journaled with the state; then every one of them is committed and the state
    /// journaled as committed. A failed commit leaves the checkpoint pending and throws a
    /// <see cref="StarRocksSinkException"/> counting the transaction's rows (the first, when several fail); the next
    /// checkpoint, the final one on stop or the next start commits it. Any other failure (and a pending transaction
    /// StarRocks aborted) is thrown by every checkpoint until the application resumes (<see cref="RecoverAsync"/>).
    /// </summary>
    /// <param name="newState">Whether <paramref name="state"/> replaces the last one (else the last one is kept).</param>
    /// <param name="state">The application state.</param>
    /// <param name="cancellationToken">Cancels the checkpoint.</param>
    /// <returns>Completes when committed.</returns>
    public async Task CheckpointAsync(bool newState, string? state, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CheckpointLockedAsync(newState ? state : _ledger.LastState, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The final checkpoint (host stop, dispose). Without application state: a checkpoint. With one: the rows written
    /// since the last checkpoint are rolled back (the application reads them again from its state) and only the pending
    /// checkpoint is committed. After a failure the application has not resumed from: as with state. A failure is thrown
    /// only if no caller has seen it yet; none is tried after a failed start or a simulated crash.
    /// </summary>
    /// <returns>Completes when committed.</returns>
    public async Task FinalCheckpointAsync()
    {
        if (StopAfterJournalForTesting || _start is { IsFaulted: true })
        {
            return;
        }

        await StartAsync(CancellationToken.None).ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ResumeNeeded() is null && !_ledger.UsesState)
            {
                await CheckpointLockedAsync(_ledger.LastState, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var unseen = Tables().Select(t => t.Buffer.Failure.Unreported).OfType<StarRocksSinkException>().FirstOrDefault();
            await RollBackOpenAsync().ConfigureAwait(false);
            SinkLog.OpenTransactionsRolledBack(logger, _ledger.CommittedState);
            await _ledger.SettleAsync(CancellationToken.None).ConfigureAwait(false);
            if (unseen is not null)
            {
                throw unseen;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckpointLockedAsync(string? state, CancellationToken cancellationToken)
    {
        if (ResumeNeeded() is { } failed)
        {
            throw failed;
        }

        var tables = Tables();
        try
        {
            await Task.WhenAll(tables.Select(t => t.Buffer.FlushAsync(FlushPoint.Checkpoint, cancellationToken).AsTask())).ConfigureAwait(false);
        }
        catch (StarRocksSinkException) when (ResumeNeeded() is not null)
        {
        }

        if (ResumeNeeded() is { } failedNow)
        {
            throw failedNow; // what the tables prepared is rolled back when the application resumes
        }

        var prepared = tables.SelectMany(t => t.Loader.TakePrepared());
        await _ledger.AddAsync(Interlocked.Read(ref _firstCheckpointId) + _checkpointsDone++, prepared, state, cancellationToken).ConfigureAwait(false);
        if (StopAfterJournalForTesting)
        {
            return;
        }

        var settled = await _ledger.SettleAsync(cancellationToken).ConfigureAwait(false);
        if (settled.Aborted is [var aborted, ..])
        {
            _recovery = settled;
            throw _aborted = new StarRocksSinkException(aborted.Database, aborted.Table, 0, new StarRocksLoadException(
                $"StarRocks aborted transaction {aborted.Label} of the checkpoint before it was committed (e.g. after prepared_timeout); " +
                "its rows are not loaded: resume the source from the state RecoverAsync returns.", aborted.Label));
        }
    }

    /// <summary>Rolls back what every table holds open: its running transaction, and one it prepared for a checkpoint that failed.</summary>
    private async Task RollBackOpenAsync()
    {
        var tables = Tables();
        await Task.WhenAll(tables.Select(t => t.Buffer.RollBackAsync())).ConfigureAwait(false);
        foreach (var (_, loader) in tables)
        {
            foreach (var prepared in loader.TakePrepared())
            {
                await _ledger.RollBackAsync(prepared.Transaction).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A failure the application has not resumed from: of a table's loads, or a pending checkpoint StarRocks aborted.</summary>
    /// <returns>The failure, or null.</returns>
    public StarRocksSinkException? ResumeNeeded() =>
        _aborted ?? Tables().Select(t => t.Buffer.Failure.Latest).OfType<StarRocksSinkException>().FirstOrDefault();

    private (TableBuffer Buffer, TransactionBatchLoader Loader)[] Tables()
    {
        lock (_tables)
        {
            return [.. _tables];
        }
    }

    /// <summary>
    /// The label of a table's next transaction: the first id after recovery plus the checkpoints the table has ended.
    /// Before a table's first transaction, the transactions a crashed instance left behind with its next labels are rolled
    /// back (<c>sink.exactly-once.enable-abort-lingering-txn</c>).
    /// </summary>
    private async Task<string> NextLabelAsync(string database, string table, long checkpointsEnded)
    {
        await StartAsync(CancellationToken.None).ConfigureAwait(false);
        var firstId = Interlocked.Read(ref _firstCheckpointId);
        await _lingering.CheckOnceAsync(database, table, firstId).ConfigureAwait(false);
        return _lingering.Label(table, firstId + checkpointsEnded);
    }

    private async Task<StarRocksRecovery> StartOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _ledger.ReadAsync(cancellationToken).ConfigureAwait(false) is { } lastId)
            {
                _recovery = await _ledger.SettleAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _firstCheckpointId, lastId + 1);
            }
        }
        finally
        {
            _gate.Release();
        }

        await Task.WhenAll(Tables().Select(async t =>
        {
            try
            {
                await _lingering.CheckOnceAsync(t.Loader.Database, t.Loader.Table, Interlocked.Read(ref _firstCheckpointId)).ConfigureAwait(false);
            }
            catch (StarRocksLoadException e)
            {
                throw new StarRocksSinkException(t.Loader.Database, t.Loader.Table, 0, e);
            }
        })).ConfigureAwait(false);
        return _recovery;
    }
}
