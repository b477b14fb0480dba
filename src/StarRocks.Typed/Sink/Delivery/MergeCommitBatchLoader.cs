using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// At-least-once with Merge Commit (<c>sink.properties.enable_merge_commit</c>): one Merge Commit load per batch, which
/// StarRocks merges with other writers' loads of the table into one transaction per <c>merge_commit_interval_ms</c>.
/// With <c>sink.merge-commit.max-concurrent-requests</c> 0 (or a sync server answer) each batch is in StarRocks before
/// the next is sent, in order. Otherwise a batch is sent and, once StarRocks received it (async answer), its merged
/// transaction is confirmed in the background while the next batches are sent, up to that many unconfirmed loads;
/// every flush point waits for all of them. A confirmation that fails (the merged transaction was aborted) surfaces at
/// the next batch or flush point with its rows counted as not loaded: its body is no longer held, so it is not re-sent.
/// </summary>
/// <param name="client">The Merge Commit loader.</param>
/// <param name="database">The database.</param>
/// <param name="table">The table.</param>
/// <param name="maxConcurrentRequests">Unconfirmed loads allowed (0: none, each load waits for its transaction).</param>
internal sealed class MergeCommitBatchLoader(MergeCommitLoadClient client, string database, string table, int maxConcurrentRequests) : IBatchLoader
{
    private readonly Queue<(Task<StreamLoadResult> Confirmed, long Rows)> _unconfirmed = new();
    private long _failedRows; // rows of confirmations that failed and were thrown, until AbandonAsync reports them

    public IErrorLogSource? ErrorLogs => client;

    public async Task<StreamLoadResult> LoadAsync(LoadBatch body, SinkRowShape shape)
    {
        var request = new StreamLoadRequest(database, table, body) { Headers = shape.Headers };
        if (maxConcurrentRequests == 0 || !client.MergeCommit.Async)
        {
            return await client.LoadAsync(request).ConfigureAwait(false);
        }

        await ConfirmAsync(maxConcurrentRequests - 1).ConfigureAwait(false);
        var received = await client.SendAsync(request).ConfigureAwait(false);
        _unconfirmed.Enqueue((client.ConfirmAsync(database, table, received), body.RowCount));
        return received;
    }

    public Task EndAsync(FlushPoint point) => ConfirmAsync(0);

    public async Task<long> AbandonAsync()
    {
        var lost = Interlocked.Exchange(ref _failedRows, 0);
        while (_unconfirmed.TryDequeue(out var load))
        {
            try
            {
                await load.Confirmed.ConfigureAwait(false);
            }
            catch (Exception)
            {
                lost += load.Rows;
            }
        }

        return lost;
    }

    /// <summary>Waits, oldest first, until at most <paramref name="left"/> loads are unconfirmed; throws the first failure.</summary>
    private async Task ConfirmAsync(int left)
    {
        while (_unconfirmed.Count > left)
        {
            var (confirmed, rows) = _unconfirmed.Peek();
            try
            {
                await confirmed.ConfigureAwait(false);
            }
            catch (Exception)
            {
                _failedRows += rows;
                throw;
            }
            finally
            {
                _unconfirmed.Dequeue();
            }
        }
    }
}
