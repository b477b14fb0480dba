using System.Globalization;
using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Http;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>
/// Transaction Stream Load (StarRocks docs <c>loading/Stream_Load_transaction_interface.md</c>): the BE
/// answers <c>begin</c>, <c>load</c>, <c>prepare</c>, and <c>commit</c>/<c>rollback</c> of a transaction still in
/// PREPARE; <see cref="SettleAsync"/> (used by the FE) commits or rolls back a PREPARED, committed or aborted one.
/// </summary>
internal sealed class TransactionHandler(StandInServices services)
{
    private TransactionManager Transactions => services.Transactions;

    public async Task HandleAsync(HttpContext context, string action)
    {
        var point = action switch
        {
            "begin" => FaultPoint.TransactionBegin,
            "load" => FaultPoint.TransactionLoad,
            "prepare" => FaultPoint.TransactionPrepare,
            "commit" => FaultPoint.TransactionCommit,
            _ => (FaultPoint?)null,
        };
        var fault = point is { } p ? services.Faults.Take(p) : null;
        if (await AnswerFaultAsync(context, fault))
            return;
        var headers = context.Request.Headers;
        var label = headers["label"].ToString();
        var db = headers["db"].ToString();
        if (services.Credentials.Reject(context.Request) is { } user)
        {
            await new LoadAnswer("FAILED", $"Access denied for user '{user}'") { Label = label }.WriteAsync(context);
            return;
        }
        if (label.Length == 0 || db.Length == 0)
        {
            await new LoadAnswer("FAILED", label.Length == 0 ? "No label specified" : "No database specified") { Label = label }.WriteAsync(context);
            return;
        }
        if (action == "begin")
        {
            if (fault?.Kind == FaultKind.DelayAnswer)
                await Task.Delay(fault.Delay, context.RequestAborted);
            await BeginAsync(context, db, headers["table"].ToString(), label);
        }
        else
        {
            var transaction = Transactions.Find(db, label);
            if (transaction is null)
                await new LoadAnswer("TXN_NOT_EXISTS", $"Transaction with label {label} does not exist") { Label = label }.WriteAsync(context);
            else if (!transaction.Gate.Wait(0))
                await new LoadAnswer("TXN_IN_PROCESSING", $"Transaction {transaction.Id} is in processing") { TxnId = transaction.Id, Label = label }.WriteAsync(context);
            else
            {
                try
                {
                    if (fault?.Kind == FaultKind.DelayAnswer)
                        await Task.Delay(fault.Delay, context.RequestAborted);
                    transaction.Touch();
                    var answer = action switch
                    {
                        "load" => await LoadAsync(context, transaction, fault),
                        "prepare" => await PrepareAsync(transaction, context.Request.Headers),
                        "commit" or "rollback" => await SettleAsync(action, transaction, context.RequestAborted),
                        _ => new LoadAnswer("FAILED", $"Unknown transaction operation {action}"),
                    };
                    if (!context.RequestAborted.IsCancellationRequested)
                        await answer.WriteAsync(context);
                }
                finally
                {
                    transaction.Gate.Release();
                }
            }
        }
    }

    /// <summary>Commits or rolls back <paramref name="transaction"/> (whatever its state), with StarRocks's answers.</summary>
    public async Task<LoadAnswer> SettleAsync(string action, LoadTransaction transaction, CancellationToken cancellationToken)
    {
        var answer = new LoadAnswer("OK", "") { TxnId = transaction.Id, Label = transaction.Label };
        if (action == "rollback")
        {
            return transaction.State switch
            {
                TransactionState.Committed or TransactionState.Visible =>
                    answer with { Status = "FAILED", Message = $"Transaction {transaction.Id} has already committed, cannot rollback" },
                TransactionState.Aborted => answer,
                _ => await Transactions.AbortAsync(transaction, "rolled back by user")
                    ? answer
                    : answer with { Status = "FAILED", Message = "Transaction state changed during rollback" },
            };
        }
        switch (transaction.State)
        {
            case TransactionState.Committed or TransactionState.Visible:
                return answer with { Message = "Transaction already commited" };
            case TransactionState.Aborted:
                return answer with { Status = "FAILED", Message = $"Transaction {transaction.Id} has been aborted: {transaction.AbortReason}" };
            case TransactionState.Prepare:
                var prepared = await PrepareAsync(transaction, null);
                if (prepared.Status != "OK")
                    return prepared;
                break;
        }
        await Transactions.CommitAsync(transaction, false, cancellationToken);
        return answer;
    }

    private async Task BeginAsync(HttpContext context, string db, string table, string label)
    {
        if (!TransactionManager.IsValidLabel(label))
        {
            await new LoadAnswer("FAILED", $"Invalid label '{label}'") { Label = label }.WriteAsync(context);
            return;
        }
        var headers = context.Request.Headers;
        var timeout = Seconds(headers, "timeout") ?? TimeSpan.FromSeconds(600);
        var idle = Seconds(headers, "idle_transaction_timeout");
        if (!Transactions.TryBegin(db, table, label, timeout, idle, true, out var transaction, out var existing))
        {
            var answer = new LoadAnswer("LABEL_ALREADY_EXISTS", $"Label [{label}] has already been used.")
            {
                Label = label,
                TxnId = existing!.Id,
                ExistingJobStatus = existing.ReportedState is TransactionState.Visible or TransactionState.Committed ? "FINISHED" : "RUNNING",
            };
            if (existing.IsExplicit)
                await Transactions.RollBackReusedAsync(existing);
            await answer.WriteAsync(context);
            return;
        }
        await new LoadAnswer("OK", "") { TxnId = transaction.Id, Label = label, BeginTxnTimeMs = 0 }.WriteAsync(context);
    }

    private async Task<LoadAnswer> LoadAsync(HttpContext context, LoadTransaction transaction, Fault? fault)
    {
        var answer = new LoadAnswer("OK", "") { TxnId = transaction.Id, Label = transaction.Label };
        if (transaction.State != TransactionState.Prepare)
            return answer with { Status = "TXN_NOT_EXISTS", Message = $"Transcation State Invalid: {transaction.State.ToString().ToUpperInvariant()}" };
        var table = context.Request.Headers["table"].ToString();
        var (options, plan, error) = await LoadPreparation.PrepareAsync(services.Catalog, transaction.Database,
            table.Length > 0 ? table : transaction.Table, context.Request.Headers, false, context.RequestAborted);
        var body = await RequestBody.ReadAllAsync(context, fault?.Kind == FaultKind.ResetConnection ? fault.AfterBytes : null);
        if (body is null)
        {
            await Transactions.AbortAsync(transaction, "connection reset during load");
            return answer with { Status = "FAILED", Message = "connection reset" };
        }
        var parsed = error is null ? ParsedLoad.Parse(body, plan!, options, out error) : null;
        if (parsed is null)
        {
            await Transactions.AbortAsync(transaction, error!);
            return answer with { Status = "FAILED", Message = error! };
        }
        transaction.Loads.Add(parsed);
        transaction.Touch();
        return StreamLoadHandler.Counts(answer, transaction, parsed.TotalRows, parsed.Rows.Count, parsed.FilteredRows, parsed.LoadBytes, null);
    }

    private async Task<LoadAnswer> PrepareAsync(LoadTransaction transaction, IHeaderDictionary? headers)
    {
        var answer = new LoadAnswer("OK", "") { TxnId = transaction.Id, Label = transaction.Label };
        if (transaction.State == TransactionState.Prepared)
            return answer;
        if (transaction.State != TransactionState.Prepare)
            return answer with { Status = "TXN_NOT_EXISTS", Message = $"Transcation Not Exist or state is {transaction.State.ToString().ToUpperInvariant()}" };
        if (transaction.Loads.Count == 0 || transaction.TotalRows == 0)
        {
            await Transactions.AbortAsync(transaction, "no data");
            return answer with { Status = "INTERNAL_ERROR", Message = $"Transaction {transaction.Id} hasn't send any data yet" };
        }
        var errorLines = transaction.Loads.SelectMany(l => l.ErrorLines).ToList();
        var maxFilterRatio = LoadOptions.Parse(headers ?? new HeaderDictionary(), out _).MaxFilterRatio;
        if (errorLines.Count > maxFilterRatio * transaction.TotalRows)
        {
            var errorUrl = services.ErrorUrl(errorLines);
            await Transactions.AbortAsync(transaction, "too many filtered rows");
            return answer with { Status = "INTERNAL_ERROR", Message = "too many filtered rows", ErrorUrl = errorUrl };
        }
        await Transactions.PrepareAsync(transaction, headers is null ? null : Seconds(headers, "prepared_timeout"));
        return answer;
    }

    /// <summary>Answers an injected HTTP 500 / FAILED / lowercase fault; false when <paramref name="fault"/> is none of those.</summary>
    public static async Task<bool> AnswerFaultAsync(HttpContext context, Fault? fault)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Http500:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("Internal Server Error (injected fault)");
                return true;
            case FaultKind.Fail:
                await new LoadAnswer("FAILED", fault.Message ?? FaultInjector.RetryableMessage).WriteAsync(context);
                return true;
            case FaultKind.LowercaseFailed:
                await LoadAnswer.WriteLowercaseAsync(context, "FAILED", fault.Message ?? "No backend alive.");
                return true;
            default:
                return false;
        }
    }

    private static TimeSpan? Seconds(IHeaderDictionary headers, string name) =>
        int.TryParse(headers[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
