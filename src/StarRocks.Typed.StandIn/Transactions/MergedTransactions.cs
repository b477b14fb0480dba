using System.Security.Cryptography;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Observation;

namespace StarRocks.Typed.StandIn.Transactions;

/// <summary>
/// Merge Commit on the stand-in's one BE, as StarRocks runs it (<c>fe/…/load/batchwrite/MergeCommitJob.java</c>,
/// <c>MergeCommitTask.java</c>; <c>be/src/runtime/batch_write/isomorphic_batch_write.cpp</c>): a load joins the open
/// merged transaction of its group (database, table and load parameters, see <see cref="MergeCommitParameters.GroupKey"/>)
/// or opens one under a label of StarRocks's form <c>merge_commit_&lt;hex&gt;-&lt;hex&gt;</c>. The transaction commits
/// all its loads at once when its window (<c>merge_commit_interval_ms</c> from its opening) ends. The filter ratio is
/// checked over the whole transaction, and any bad member aborts it for every member.
/// </summary>
public sealed class MergedTransactions
{
    private readonly object _sync = new();
    private readonly Dictionary<string, MergedTransaction> _open = [];
    private readonly TransactionManager _transactions;
    private readonly MergeCommitLog _log;
    private readonly Func<IEnumerable<string>, string> _errorUrl;

    internal MergedTransactions(TransactionManager transactions, MergeCommitLog log, Func<IEnumerable<string>, string> errorUrl)
    {
        _transactions = transactions;
        _log = log;
        _errorUrl = errorUrl;
    }

    /// <summary>
    /// Adds one request's parsed rows (or the reason its body could not be read, which will abort the transaction) to
    /// the open transaction of <paramref name="groupKey"/>, opening one when there is none.
    /// </summary>
    internal MergedTransaction Join(string groupKey, string database, string table, MergeCommitParameters parameters, LoadOptions options,
        ParsedLoad? load, string? failure)
    {
        lock (_sync)
        {
            if (!_open.TryGetValue(groupKey, out var merged))
            {
                merged = Open(database, table, options);
                _open[groupKey] = merged;
                _ = CloseAfterAsync(groupKey, merged, parameters.Interval);
            }
            merged.Members++;
            if (load is not null)
                merged.Transaction.Loads.Add(load);
            merged.Failure ??= failure;
            return merged;
        }
    }

    private MergedTransaction Open(string database, string table, LoadOptions options)
    {
        while (true)
        {
            // MergeCommitJob.requestLoad: LABEL_PREFIX + DebugUtil.printId(loadId), a random 128-bit id printed as hi-lo hex
            var label = $"merge_commit_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
            if (_transactions.TryBegin(database, table, label, TimeSpan.FromSeconds(options.TimeoutSeconds), null, false, out var transaction, out _))
                return new MergedTransaction(transaction, options.MaxFilterRatio, DateTimeOffset.UtcNow);
        }
    }

    private async Task CloseAfterAsync(string groupKey, MergedTransaction merged, TimeSpan interval)
    {
        await Task.Delay(interval);
        lock (_sync)
        {
            // later loads of the group open a new transaction; no load joins this one any more
            _open.Remove(groupKey);
        }
        var transaction = merged.Transaction;
        var total = transaction.TotalRows;
        var filtered = transaction.FilteredRows;
        var reason = merged.Failure ?? Refusal(transaction, merged.MaxFilterRatio, total, filtered);
        try
        {
            if (reason is null)
                await _transactions.CommitAsync(transaction, false, CancellationToken.None);
            else
                await _transactions.AbortAsync(transaction, reason);
        }
        catch (Exception exception)
        {
            reason = exception.Message;
            await _transactions.AbortAsync(transaction, reason);
        }
        _log.Add(new MergeCommitRecord(transaction.Database, transaction.Table, transaction.Label, transaction.Id, merged.Members,
            total, filtered, transaction.State, transaction.AbortReason, merged.OpenedAt, DateTimeOffset.UtcNow));
        merged.Closed.TrySetResult(transaction.State);
    }

    /// <summary>
    /// Why StarRocks would abort the merged transaction at commit (<c>MergeCommitTask.run</c>): too many filtered rows over
    /// all members; no rows at all.
    /// </summary>
    private string? Refusal(LoadTransaction transaction, double maxFilterRatio, long total, long filtered)
    {
        if (total == 0)
            return "all partitions have no load data";
        if (filtered <= total * maxFilterRatio)
            return null;
        var url = _errorUrl(transaction.Loads.SelectMany(l => l.ErrorLines));
        return "There is a data quality issue. Please check the tracking URL or SQL for details. " +
               $"Tracking URL: {url}. Tracking SQL: SELECT tracking_log FROM information_schema.load_tracking_logs WHERE JOB_ID={transaction.Id}";
    }
}

/// <summary>One open or closed merged transaction and the requests that joined it.</summary>
internal sealed class MergedTransaction(LoadTransaction transaction, double maxFilterRatio, DateTimeOffset openedAt)
{
    public LoadTransaction Transaction { get; } = transaction;
    public double MaxFilterRatio { get; } = maxFilterRatio;
    public DateTimeOffset OpenedAt { get; } = openedAt;
    public int Members { get; set; }
    /// <summary>The first member's unreadable-body reason, which aborts the transaction.</summary>
    public string? Failure { get; set; }
    /// <summary>Completes with the final state once the window closed and the transaction committed or aborted.</summary>
    public TaskCompletionSource<TransactionState> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
