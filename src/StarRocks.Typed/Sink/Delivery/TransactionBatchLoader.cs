using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>A transaction a table prepared, and the rows loaded into it.</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Rows">Its rows.</param>
internal sealed record PreparedTableTransaction(StreamLoadTransaction Transaction, long Rows);

/// <summary>
/// Transaction Stream Load for one table: begins a transaction on the first batch after a flush point (with the label
/// <c>nextLabel</c> gives), loads every batch into it, and ends it at <c>endsAt</c>: at-least-once
/// (<see cref="FlushPoint.Flush"/>) prepares and commits at every flush; exactly-once (<see cref="FlushPoint.Checkpoint"/>)
/// prepares at every checkpoint and leaves the commit to <see cref="ExactlyOnceCheckpoints"/>. A
/// <see cref="FlushPoint.Rollback"/> rolls back the open transaction.
/// </summary>
/// <param name="client">The transaction client.</param>
/// <param name="database">The database.</param>
/// <param name="table">The table.</param>
/// <param name="endsAt">Where the transaction ends.</param>
/// <param name="nextLabel">The label of the next transaction, given how many <paramref name="endsAt"/> points were handled.</param>
/// <param name="logger">Where transaction events are logged.</param>
internal sealed class TransactionBatchLoader(
    TransactionStreamLoadClient client, string database, string table, FlushPoint endsAt, Func<long, Task<string>> nextLabel, ILogger logger) : IBatchLoader
{
    /// <summary>How long a failed transaction's rollback may take (retries included) before the sink gives up on it.</summary>
    internal static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(30);

    private StreamLoadTransaction? _transaction;
    private readonly List<PreparedTableTransaction> _prepared = []; // prepared at checkpoint points, until a checkpoint takes them
    private long _rows; // rows loaded into _transaction so far
    private long _ended;

    public string Database => database;

    public string Table => table;

    public IErrorLogSource? ErrorLogs => client;

    /// <summary>
    /// Takes the transactions checkpoint points prepared: the last one's, if anything was loaded since the one before (and
    /// any a cancelled checkpoint did not take).
    /// </summary>
    /// <returns>The prepared transactions.</returns>
    public PreparedTableTransaction[] TakePrepared()
    {
        lock (_prepared)
        {
            PreparedTableTransaction[] taken = [.. _prepared];
            _prepared.Clear();
            return taken;
        }
    }

    public async Task<StreamLoadResult> LoadAsync(LoadBatch body, SinkRowShape shape)
    {
        if (_transaction is null)
        {
            var label = await nextLabel(_ended).ConfigureAwait(false);
            _transaction = await client.BeginAsync(database, table, label).ConfigureAwait(false);
            _rows = 0;
            SinkLog.Transaction(logger, label, database, "begun");
        }

        var result = await client.LoadAsync(_transaction, body, shape.Headers).ConfigureAwait(false);
        _rows += body.RowCount;
        return result;
    }

    public async Task EndAsync(FlushPoint point)
    {
        if (point == FlushPoint.Rollback)
        {
            await AbandonAsync().ConfigureAwait(false);
            return;
        }

        if (point != endsAt)
        {
            return;
        }

        _ended++;
        if (_transaction is not { } transaction)
        {
            return;
        }

        await client.PrepareAsync(transaction).ConfigureAwait(false);
        if (endsAt == FlushPoint.Checkpoint)
        {
            lock (_prepared)
            {
                _prepared.Add(new PreparedTableTransaction(transaction, _rows));
            }
        }
        else
        {
            await client.CommitAsync(transaction).ConfigureAwait(false);
            SinkLog.Transaction(logger, transaction.Label, database, "committed");
        }

        _transaction = null; // only now: a failed prepare or commit leaves it to AbandonAsync
    }

    /// <summary>
    /// Rolls back the transaction whose load, prepare or commit failed for good, so it does not hold one of the database's
    /// running-transaction slots until StarRocks times it out. StarRocks rolls back a transaction whose begin, load or
    /// prepare fails on its side (StarRocks docs <c>loading/Stream_Load_transaction_interface.md</c>), but not one whose
    /// answer was lost (HTTP 500, reset, timeout) nor one whose commit failed; rolling back an aborted one answers OK.
    /// Best effort, bounded by <see cref="RollbackTimeout"/>; a failed rollback is logged (event 2008).
    /// </summary>
    public async Task<long> AbandonAsync()
    {
        if (_transaction is not { } transaction)
        {
            return 0;
        }

        _transaction = null;
        try
        {
            using var timeout = new CancellationTokenSource(RollbackTimeout);
            await client.RollbackAsync(transaction, timeout.Token).ConfigureAwait(false);
            SinkLog.Transaction(logger, transaction.Label, database, "rolled back after a failure");
        }
        catch (Exception e)
        {
            SinkLog.RollbackFailed(logger, transaction.Label, database, table, e.Message);
        }

        return _rows;
    }
}
