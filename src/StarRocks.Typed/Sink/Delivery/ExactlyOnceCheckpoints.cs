using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// Exactly-once: each table's batches stream into a transaction labelled <c>{prefix}-{table}-{checkpointId}</c>
/// (<see cref="TransactionBatchLoader"/>); a checkpoint prepares them all, journals the prepared labels, commits them and
/// journals what is left. Owns the label sequence, the journal, the start's recovery and the lingering-transaction abort.
/// </summary>
internal sealed class ExactlyOnceCheckpoints(StarRocksOptions options, TransactionStreamLoadClient client, ICheckpointJournal journal, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(TableBuffer Buffer, TransactionBatchLoader Loader)> _tables = [];
    private readonly Dictionary<(string Database, string Table), Task> _lingeringChecks = [];
    private Task? _recovery;
    private List<PreparedTableTransaction> _uncommitted = []; // prepared, commit failed: journaled and tried again (under _gate)
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
    /// The start: commits the transactions the journal lists as prepared (a crash between prepare and commit), continues
    /// after its checkpoint id, and rolls back the lingering transactions of the tables registered so far (tables
    /// registered later are checked before their first transaction). Runs once; later calls await the first. A failure
    /// is a <see cref="StarRocksSinkException"/> of the table concerned.
    /// </summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>Completes when recovered.</returns>
    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            return _recovery ??= RecoverOnceAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Every table's batches are loaded and its transaction prepared; the prepared labels, with those whose commit failed
    /// at an earlier checkpoint, are journaled; then every one of them is committed; then the journal keeps only those
    /// whose commit failed (still PREPARED: the next checkpoint, the final one on dispose, or the next start's recovery
    /// commits them). A failed commit is a <see cref="StarRocksSinkException"/> counting the transaction's rows (the
    /// first, when several fail).
    /// </summary>
    /// <param name="cancellationToken">Cancels the checkpoint.</param>
    /// <returns>Completes when committed.</returns>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tables = Tables();
            await Task.WhenAll(tables.Select(t => t.Buffer.FlushAsync(FlushPoint.Checkpoint, cancellationToken).AsTask())).ConfigureAwait(false);
            var prepared = _uncommitted = [.. _uncommitted, .. tables.Select(t => t.Loader.TakePrepared()).OfType<PreparedTableTransaction>()];
            var id = Interlocked.Read(ref _firstCheckpointId) + _checkpointsDone++;
            await journal.WriteAsync(Record(id, prepared), cancellationToken).ConfigureAwait(false);
            if (StopAfterJournalForTesting)
            {
                return;
            }

            var uncommitted = new List<PreparedTableTransaction>();
            StarRocksSinkException? failure = null;
            foreach (var (transaction, rows) in prepared)
            {
                try
                {
                    await client.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (StarRocksLoadException e)
                {
                    // Still PREPARED (a commit that did go through is re-checked as COMMITTED/VISIBLE and is success).
                    uncommitted.Add(new PreparedTableTransaction(transaction, rows));
                    failure ??= new StarRocksSinkException(transaction.Database, transaction.Table, rows, e);
                    continue;
                }

                SinkLog.Transaction(logger, transaction.Label, transaction.Database, "committed");
            }

            _uncommitted = uncommitted;
            await journal.WriteAsync(Record(id, uncommitted), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            _gate.Release();
        }

        static CheckpointRecord Record(long id, List<PreparedTableTransaction> prepared) =>
            new(id, prepared.Select(p => new PreparedTransaction(p.Transaction.Database, p.Transaction.Table, p.Transaction.Label)).ToList());
    }

    /// <summary>
    /// The final checkpoint (dispose). A failure is thrown only if no caller has seen it yet; none is tried after a failed
    /// recovery (thrown to whoever awaited it: nothing was loaded since) or a simulated crash.
    /// </summary>
    /// <returns>Completes when committed.</returns>
    public async Task FinalCheckpointAsync()
    {
        if (StopAfterJournalForTesting || _recovery is { IsFaulted: true })
        {
            return;
        }

        var failures = Tables().Select(t => t.Buffer.Failure).ToList();
        var seen = failures.Select(f => f.Reported).OfType<StarRocksSinkException>().ToHashSet();
        try
        {
            await CheckpointAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (StarRocksSinkException e) when (failures.Any(f => f.Current == e) && failures.All(f => f.Current is not { } failure || seen.Contains(failure)))
        {
        }
    }

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
        await RecoverAsync(CancellationToken.None).ConfigureAwait(false);
        await AbortLingeringOnceAsync(database, table).ConfigureAwait(false);
        return Label(table, Interlocked.Read(ref _firstCheckpointId) + checkpointsEnded);
    }

    private async Task RecoverOnceAsync(CancellationToken cancellationToken)
    {
        if (await journal.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            foreach (var prepared in record.Prepared)
            {
                try
                {
                    await client.CommitAsync(new StreamLoadTransaction(prepared.Database, prepared.Table, prepared.Label), cancellationToken).ConfigureAwait(false);
                }
                catch (StarRocksLoadException e)
                {
                    throw new StarRocksSinkException(prepared.Database, prepared.Table, 0, e); // a previous process's rows: none buffered here
                }

                SinkLog.Transaction(logger, prepared.Label, prepared.Database, "recovered and committed");
            }

            await journal.WriteAsync(record with { Prepared = [] }, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _firstCheckpointId, record.CheckpointId + 1);
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
