using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// Exactly-once labels, <c>{prefix}-{table}-{id}</c>, and the check that rolls back the transactions a crashed instance
/// left with the labels this one is about to use (<c>sink.exactly-once.enable-abort-lingering-txn</c>,
/// <c>sink.exactly-once.check-num-lingering-txn</c>), once per table.
/// </summary>
/// <param name="options">The options.</param>
/// <param name="client">The transaction client.</param>
/// <param name="logger">Where the check is logged.</param>
internal sealed class LingeringTransactions(StarRocksOptions options, TransactionStreamLoadClient client, ILogger logger)
{
    private readonly Dictionary<(string Database, string Table), Task> _checks = [];

    /// <summary>The label of <paramref name="table"/>'s transaction of checkpoint <paramref name="id"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="id">The checkpoint id.</param>
    /// <returns>The label.</returns>
    public string Label(string table, long id) =>
        $"{options.Connection.LabelPrefix ?? LoadLabelGenerator.DefaultPrefix}-{LoadLabelGenerator.Sanitize(table)}-{id}";

    /// <summary>The check of a table from <paramref name="firstId"/> upward: started on the first call, awaited by every later one.</summary>
    /// <param name="database">The database.</param>
    /// <param name="table">The table.</param>
    /// <param name="firstId">The first checkpoint id this instance uses.</param>
    /// <returns>Completes when checked.</returns>
    public Task CheckOnceAsync(string database, string table, long firstId)
    {
        if (!options.AbortLingeringTransactions)
        {
            return Task.CompletedTask;
        }

        lock (_checks)
        {
            if (!_checks.TryGetValue((database, table), out var check))
            {
                check = CheckAsync(database, table, firstId);
                _checks.Add((database, table), check);
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
    private async Task CheckAsync(string database, string table, long firstId)
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
}
