using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// What exactly-once journals, kept in step with the <see cref="ICheckpointJournal"/>: the application state of the last
/// committed checkpoint, and the pending checkpoint (its prepared transactions, with earlier ones whose commit failed, and
/// its state). <see cref="SettleAsync"/> commits the pending checkpoint or, if StarRocks aborted part of it, drops it.
/// Not thread-safe: <see cref="ExactlyOnceCheckpoints"/> calls it under its gate.
/// </summary>
/// <param name="client">The transaction client.</param>
/// <param name="journal">The journal.</param>
/// <param name="logger">Where commits and rollbacks are logged.</param>
internal sealed class CheckpointLedger(TransactionStreamLoadClient client, ICheckpointJournal journal, ILogger logger)
{
    private List<PreparedTableTransaction> _pending = [];
    private string? _pendingState;
    private bool _statePending;
    private bool _pendingTried; // the pending checkpoint's commit was tried before (a failed commit, or a previous process)
    private long _checkpointId;

    /// <summary>The application state of the last committed checkpoint.</summary>
    public string? CommittedState { get; private set; }

    /// <summary>The last application state given: the pending checkpoint's, else the committed one.</summary>
    public string? LastState => _statePending ? _pendingState : CommittedState;

    /// <summary>Whether the application keeps its position in the checkpoints (a state was given or journaled).</summary>
    public bool UsesState { get; private set; }

    /// <summary>Reads the journal of an earlier run.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The id of the journal's last checkpoint, or null when there is no journal.</returns>
    public async Task<long?> ReadAsync(CancellationToken cancellationToken)
    {
        if (await journal.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        _pending = [.. record.Prepared.Select(p => new PreparedTableTransaction(new StreamLoadTransaction(p.Database, p.Table, p.Label), 0))];
        (_checkpointId, CommittedState, _pendingState) = (record.CheckpointId, record.CommittedState, record.PendingState);
        _statePending = record.Prepared.Count > 0 || record.PendingState is not null;
        _pendingTried = true;
        UsesState = record.CommittedState is not null || record.PendingState is not null;
        return record.CheckpointId;
    }

    /// <summary>Makes checkpoint <paramref name="id"/> the pending one (with what is still pending) and journals it.</summary>
    /// <param name="id">The checkpoint id.</param>
    /// <param name="prepared">The transactions it prepared.</param>
    /// <param name="state">Its application state.</param>
    /// <param name="cancellationToken">Cancels the journal write.</param>
    /// <returns>Completes when journaled.</returns>
    public Task AddAsync(long id, IEnumerable<PreparedTableTransaction> prepared, string? state, CancellationToken cancellationToken)
    {
        _pending = [.. _pending, .. prepared];
        (_checkpointId, _pendingState, _statePending) = (id, state, true);
        UsesState |= state is not null;
        return WriteAsync(cancellationToken);
    }

    /// <summary>
    /// Commits the pending checkpoint's transactions (committing twice is harmless). All committed: its state is the
    /// committed one. If one was tried before and StarRocks aborted one meanwhile (ABORTED, or UNKNOWN: gone), none is
    /// committed: the others still prepared are rolled back, the checkpoint is dropped and the committed state stays.
    /// Otherwise a failed commit is thrown and the checkpoint stays pending (journaled, tried again).
    /// </summary>
    /// <param name="cancellationToken">Cancels the commits.</param>
    /// <returns>The committed state, and what was aborted.</returns>
    public async Task<StarRocksRecovery> SettleAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0 && !_statePending)
        {
            return new StarRocksRecovery(CommittedState, [], []);
        }

        List<PreparedTableTransaction> committed = [], aborted = [], prepared = [];
        foreach (var pending in _pending)
        {
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
            throw failure;
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
            CommittedState = _pendingState;
        }

        (_pending, _pendingState, _statePending, _pendingTried) = ([], null, false, false);
        await WriteAsync(cancellationToken).ConfigureAwait(false);
        return new StarRocksRecovery(CommittedState, [.. aborted.Select(Journaled)], aborted.Count > 0 ? [.. committed.Select(Journaled)] : []);
    }

    /// <summary>Rolls back a transaction, best effort (bounded by <see cref="TransactionBatchLoader.RollbackTimeout"/>; a failure is logged).</summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns>Completes when rolled back or given up.</returns>
    public async Task RollBackAsync(StreamLoadTransaction transaction)
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

    private Task WriteAsync(CancellationToken cancellationToken) =>
        journal.WriteAsync(new CheckpointRecord(_checkpointId, [.. _pending.Select(Journaled)]) { CommittedState = CommittedState, PendingState = _statePending ? _pendingState : null }, cancellationToken);

    private static PreparedTransaction Journaled(PreparedTableTransaction prepared) =>
        new(prepared.Transaction.Database, prepared.Transaction.Table, prepared.Transaction.Label);
}
