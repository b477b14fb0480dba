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
    private readonly SemaphoreSlim _gate = new(1, 1); // one checkpoint, resume or final checkpoint at a time; guards the fields below
    private readonly List<(TableBuffer Buffer, TransactionBatchLoader Loader)> _tables = [];
    private readonly Dictionary<(string Database, string Table), Task> _lingeringChecks = [];
    private Task<StarRocksRecovery>? _start;
    private StarRocksRecovery _recovery = StarRocksRecovery.None;
    private List<PreparedTableTransaction> _pending = []; // the pending checkpoint's transactions (with earlier ones whose commit failed)
    private string? _committedState;
    private string? _pendingState;
    private bool _statePending;
    private bool _usesState;
    private bool _pendingTried; // the pending checkpoint's commit was tried before (a failed commit, or a previous process)
    private StarRocksSinkException? _aborted; // StarRocks aborted a pending checkpoint: the application resumes before it
    private long _journalId;
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
    /// calls await the first. A failure is a <see cref="StarRocksSinkException"/> of the table concerned.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>What the start found.</returns>
    public Task<StarRocksRecovery> StartAsync(CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            return _start ??= StartOnceAsync(cancellationToken);
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
            if (ResumeNeeded() is null)
            {
                return _recovery;
            }

            await RollBackOpenAsync().ConfigureAwait(false);
            foreach (var (buffer, _) in Tables())
            {
                buffer.Failure.Acknowledge();
            }

            _aborted = null;
            return _recovery = await SettlePendingAsync(cancellationToken).ConfigureAwait(false);
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
            await CheckpointLockedAsync(newState ? state : _statePending ? _pendingState : _committedState, cancellationToken).ConfigureAwait(false);
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
            if (ResumeNeeded() is null && !_usesState)
            {
                await CheckpointLockedAsync(_statePending ? _pendingState : _committedState, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var unseen = Tables().Select(t => t.Buffer.Failure.Unreported).OfType<StarRocksSinkException>().FirstOrDefault();
            await RollBackOpenAsync().ConfigureAwait(false);
            SinkLog.OpenTransactionsRolledBack(logger, _committedState);
            await SettlePendingAsync(CancellationToken.None).ConfigureAwait(false);
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

        _usesState |= state is not null;
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

        _pending = [.. _pending, .. tables.Select(t => t.Loader.TakePrepared()).OfType<PreparedTableTransaction>()];
        (_pendingState, _statePending) = (state, true);
        _journalId = Interlocked.Read(ref _firstCheckpointId) + _checkpointsDone++;
        await WriteJournalAsync(cancellationToken).ConfigureAwait(false);
        if (StopAfterJournalForTesting)
        {
            return;
        }

        var settled = await SettlePendingAsync(cancellationToken).ConfigureAwait(false);
        if (settled.Aborted is [var aborted, ..])
        {
            _recovery = settled;
            throw _aborted = new StarRocksSinkException(aborted.Database, aborted.Table, 0, new StarRocksLoadException(
                $"StarRocks aborted transaction {aborted.Label} of the checkpoint before it was committed (e.g. after prepared_timeout); " +
                "its rows are not loaded: resume the source from the state RecoverAsync returns.", aborted.Label));
        }
    }

    /// <summary>
    /// Commits the pending checkpoint's transactions (committing twice is harmless). All committed: its state is the
    /// committed one. One found ABORTED (or unknown): the others still prepared are rolled back, the checkpoint is dropped
    /// and the committed state stays. Otherwise a failed commit is thrown and the checkpoint stays pending.
    /// </summary>
    private async Task<StarRocksRecovery> SettlePendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0 && !_statePending)
        {
            return new StarRocksRecovery(_committedState, [], []);
        }

        List<PreparedTableTransaction> committed = [], aborted = [], prepared = [];
        foreach (var pending in _pending)
        {
            // Tried before (a failed commit, or a previous process): StarRocks may have aborted some meanwhile; commit none then.
            var state = _pendingTried ? await StateAsync(pending.Transaction, cancellationToken).ConfigureAwait(false) : LoadState.Prepared;
            (state switch { LoadState.Aborted or LoadState.Unknown => aborted, LoadState.Committed or LoadState.Visible => committed, _ => prepared }).Add(pending);
        }

        _pendingTried = true;
        StarRocksSinkException? failure = null;
        foreach (var pending in aborted.Count == 0 ? prepared.ToList() : [])
        {
            var transaction = pending.Transaction;
            try
            {
                await client.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                prepared.Remove(pending);
                committed.Add(pending);
                SinkLog.Transaction(logger, transaction.Label, transaction.Database, "committed");
            }
            catch (StarRocksLoadException e)
            {
                if (await StateAsync(transaction, cancellationToken).ConfigureAwait(false) is LoadState.Aborted or LoadState.Unknown)
                {
                    prepared.Remove(pending);
                    aborted.Add(pending);
                    break;
                }

                failure ??= new StarRocksSinkException(transaction.Database, transaction.Table, pending.Rows, e);
            }
        }

        if (aborted.Count == 0 && failure is not null)
        {
            throw failure; // still PREPARED: journaled, tried again
        }

        if (aborted.Count > 0)
        {
            foreach (var rest in prepared)
            {
                await RollBackAsync(rest.Transaction).ConfigureAwait(false);
            }

            SinkLog.CheckpointAborted(logger, string.Join(", ", aborted.Select(a => a.Transaction.Label)), string.Join(", ", committed.Select(c => c.Transaction.Label)));
        }
        else if (_statePending)
        {
            _committedState = _pendingState;
        }

        (_pending, _pendingState, _statePending, _pendingTried) = ([], null, false, false);
        await WriteJournalAsync(cancellationToken).ConfigureAwait(false);
        return new StarRocksRecovery(_committedState, [.. aborted.Select(Journaled)], aborted.Count > 0 ? [.. committed.Select(Journaled)] : []);
    }

    private async Task<LoadState?> StateAsync(StreamLoadTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetLoadStateAsync(transaction.Database, transaction.Label, cancellationToken).ConfigureAwait(false);
        }
        catch (StarRocksLoadException)
        {
            return null;
        }
    }

    /// <summary>Rolls back what every table holds open: its running transaction, and one it prepared for a checkpoint that failed.</summary>
    private async Task RollBackOpenAsync()
    {
        var tables = Tables();
        await Task.WhenAll(tables.Select(t => t.Buffer.RollBackAsync())).ConfigureAwait(false);
        foreach (var (_, loader) in tables)
        {
            if (loader.TakePrepared() is { } prepared)
            {
                await RollBackAsync(prepared.Transaction).ConfigureAwait(false);
            }
        }
    }

    private async Task RollBackAsync(StreamLoadTransaction transaction)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TransactionBatchLoader.RollbackTimeout);
            await client.RollbackAsync(transaction, timeout.Token).ConfigureAwait(false);
            SinkLog.Transaction(logger, transaction.Label, transaction.Database, "rolled back");
        }
        catch (Exception e)
        {
            SinkLog.RollbackFailed(logger, transaction.Label, transaction.Database, transaction.Table, e.Message);
        }
    }

    private Task WriteJournalAsync(CancellationToken cancellationToken) =>
        journal.WriteAsync(new CheckpointRecord(_journalId, [.. _pending.Select(Journaled)]) { CommittedState = _committedState, PendingState = _statePending ? _pendingState : null }, cancellationToken);

    private static PreparedTransaction Journaled(PreparedTableTransaction prepared) =>
        new(prepared.Transaction.Database, prepared.Transaction.Table, prepared.Transaction.Label);

    /// <summary>A failure the application has not resumed from: of a table's loads, or a pending checkpoint StarRocks aborted.</summary>
    private StarRocksSinkException? ResumeNeeded() =>
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
        await AbortLingeringOnceAsync(database, table).ConfigureAwait(false);
        return Label(table, Interlocked.Read(ref _firstCheckpointId) + checkpointsEnded);
    }

    private async Task<StarRocksRecovery> StartOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await journal.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
            {
                _pending = [.. record.Prepared.Select(p => new PreparedTableTransaction(new StreamLoadTransaction(p.Database, p.Table, p.Label), 0))];
                (_journalId, _committedState, _pendingState) = (record.CheckpointId, record.CommittedState, record.PendingState);
                _statePending = record.Prepared.Count > 0 || record.PendingState is not null;
                _pendingTried = true;
                _usesState = record.CommittedState is not null || record.PendingState is not null;
                _recovery = await SettlePendingAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _firstCheckpointId, record.CheckpointId + 1);
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
                await AbortLingeringOnceAsync(t.Loader.Database, t.Loader.Table).ConfigureAwait(false);
            }
            catch (StarRocksLoadException e)
            {
                throw new StarRocksSinkException(t.Loader.Database, t.Loader.Table, 0, e);
            }
        })).ConfigureAwait(false);
        return _recovery;
    }

    /// <summary>The lingering-transaction check of a table: started once (after recovery), awaited by every later caller.</summary>
    private Task AbortLingeringOnceAsync(string database, string table)
    {
        if (!options.AbortLingeringTransactions)
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
        var checkCount = options.LingeringTransactionCheckCount;
        var endId = checkCount < 0 ? long.MaxValue : firstId + checkCount;
        var rolledBack = 0;
        var id = firstId;
        for (; id < endId; id++)
        {
            var label = Label(table, id);
            var state = await client.GetLoadStateAsync(database, label).ConfigureAwait(false);
            if (state is LoadState.Prepare or LoadState.Prepared)
            {
                await client.RollbackAsync(new StreamLoadTransaction(database, table, label)).ConfigureAwait(false);
                SinkLog.LingeringRolledBack(logger, label, database, table, state);
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

        SinkLog.LingeringChecked(logger, database, table, id - firstId, rolledBack);
    }

    private string Label(string table, long id) =>
        $"{options.Connection.LabelPrefix ?? LoadLabelGenerator.DefaultPrefix}-{LoadLabelGenerator.Sanitize(table)}-{id}";
}
