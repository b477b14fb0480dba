using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Http;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>
/// The BE's Stream Load with <c>enable_merge_commit: true</c> (<c>be/src/http/action/stream_load.cpp</c>,
/// <c>_handle_batch_write</c>; <c>be/src/runtime/batch_write/isomorphic_batch_write.cpp</c>, <c>append_data</c>): the body
/// is read whole, joins its group's merged transaction (<see cref="MergedTransactions"/>), and the answer names the
/// transaction's server-generated label. Async (<c>merge_commit_async: true</c>) answers once the data is received;
/// sync waits for the transaction and answers its outcome: <c>Success</c>, or <c>Fail</c> with
/// <c>Load is aborted, reason: …</c>. A user <c>label</c> only names the request. Row counts are not reported per
/// request (StarRocks counts them for the merged transaction).
/// </summary>
internal sealed class MergeCommitLoadHandler(StandInServices services)
{
    public async Task<LoadAnswer> LoadAsync(HttpContext context, string db, string table)
    {
        var headers = context.Request.Headers;
        if (MergeCommitParameters.Parse(headers, out var error) is not { } parameters)
        {
            // the BE asks the FE for a load (requestMergeCommit), which refuses with the message the FE itself answers
            return new LoadAnswer("Fail", $"Failed to write data to stream load pipe, num retry: 1, last error: Invalid argument: {error}");
        }
        if (LoadOptions.Header(headers, "skip_header") is { Length: > 0 } skip && skip != "0")
        {
            // StarRocks does not pass skip_header to the merged plan (batch_write_util.cpp), so the header rows would be
            // loaded as data; STREAM_LOAD.md forbids it with Merge Commit
            return new LoadAnswer("Fail", "The StarRocks stand-in does not support 'skip_header' with merge commit (StarRocks ignores it there)");
        }
        if (services.Options.StorageOff)
            return new LoadAnswer("Fail", "The StarRocks stand-in does not support merge commit with storage off");
        var (options, plan, prepareError) = await LoadPreparation.PrepareAsync(services.Catalog, db, table, headers, false, context.RequestAborted);
        if (prepareError is not null)
            return new LoadAnswer("Fail", prepareError);

        var body = await RequestBody.ReadAllAsync(context);
        if (body is null)
            return new LoadAnswer("Fail", "connection reset");
        var parsed = ParsedLoad.Parse(body, plan!, options, out var parseError);
        var merged = services.MergedTransactions.Join(MergeCommitParameters.GroupKey(db, table, headers), db, table, parameters, options,
            parsed, parsed is null ? parseError : null);
        var answer = new LoadAnswer("Success", "OK")
        {
            TxnId = merged.Transaction.Id,
            Label = merged.Transaction.Label,
            NumberTotalRows = 0,
            NumberLoadedRows = 0,
            NumberFilteredRows = 0,
            NumberUnselectedRows = 0,
            LoadBytes = body.Length,
        };
        if (parameters.Async)
            return answer;

        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var finished = await Task.WhenAny(merged.Closed.Task, Task.Delay(timeout, context.RequestAborted));
        if (finished != merged.Closed.Task)
            return answer with { Status = "Fail", Message = $"load timeout, txn status: {merged.Transaction.State.ToString().ToUpperInvariant()}" };
        return merged.Closed.Task.Result switch
        {
            TransactionState.Visible => answer,
            TransactionState.Committed => answer with { Status = "Publish Timeout", Message = "Load has not been published before timeout" },
            _ => answer with { Status = "Fail", Message = $"Load is aborted, reason: {merged.Transaction.AbortReason}" },
        };
    }
}
