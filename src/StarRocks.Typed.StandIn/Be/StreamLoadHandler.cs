using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Http;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>
/// The BE's <c>PUT /api/{db}/{table}/_stream_load</c>: checks credentials, headers, label and table before reading the
/// body, then parses and checks every row, applies the load atomically and answers StarRocks's JSON.
/// </summary>
internal sealed class StreamLoadHandler(StandInServices services)
{
    public async Task HandleAsync(HttpContext context, string db, string table)
    {
        var stopwatch = Stopwatch.StartNew();
        var fault = services.Faults.Take(FaultPoint.StreamLoad);
        if (fault?.Kind == FaultKind.Http500)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("Internal Server Error (injected fault)");
            return;
        }
        var label = context.Request.Headers["label"].ToString();
        if (label.Length == 0)
            label = $"standin_{Guid.NewGuid():N}";
        if (services.Credentials.Reject(context.Request) is { } user)
        {
            await new LoadAnswer("Fail", $"Access denied for user '{user}'") { Label = label }.WriteAsync(context);
            return;
        }
        if (MergeCommitParameters.IsEnabled(context.Request.Headers, out var mergeCommitError) || mergeCommitError is not null)
        {
            var merged = mergeCommitError is not null ? new LoadAnswer("Fail", mergeCommitError)
                : fault?.Kind == FaultKind.Fail ? new LoadAnswer("Fail", fault.Message ?? FaultInjector.RetryableMessage)
                : await new MergeCommitLoadHandler(services).LoadAsync(context, db, table);
            if (!context.RequestAborted.IsCancellationRequested)
                await (merged with { LoadTimeMs = stopwatch.ElapsedMilliseconds }).WriteAsync(context);
            return;
        }
        if (!TransactionManager.IsValidLabel(label))
        {
            await new LoadAnswer("Fail", $"Invalid label '{label}': it must match ^[-\\w]{{1,128}}$") { Label = label }.WriteAsync(context);
            return;
        }
        var (options, plan, error) = await LoadPreparation.PrepareAsync(services.Catalog, db, table, context.Request.Headers,
            services.Options.StorageOff, context.RequestAborted);
        if (error is not null)
        {
            await new LoadAnswer("Fail", error) { Label = label }.WriteAsync(context);
            return;
        }
        if (!services.Transactions.TryBegin(db, table, label, TimeSpan.FromSeconds(options.TimeoutSeconds), null, false,
                out var transaction, out var existing))
        {
            await LabelAlreadyExists(existing!).WriteAsync(context);
            return;
        }

        LoadAnswer answer;
        try
        {
            answer = await LoadAsync(context, transaction, options, plan, fault, stopwatch);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await services.Transactions.AbortAsync(transaction, exception.Message);
            answer = new LoadAnswer("Fail", exception.Message) { TxnId = transaction.Id, Label = label };
        }
        if (context.RequestAborted.IsCancellationRequested)
            return;
        if (fault?.Kind == FaultKind.DelayAnswer)
            await Task.Delay(fault.Delay, context.RequestAborted);
        if (fault?.Kind == FaultKind.LowercaseFailed)
        {
            await LoadAnswer.WriteLowercaseAsync(context, "FAILED", fault.Message ?? "No backend alive.");
            return;
        }
        await (answer with { LoadTimeMs = stopwatch.ElapsedMilliseconds }).WriteAsync(context);
    }

    private async Task<LoadAnswer> LoadAsync(HttpContext context, LoadTransaction transaction, LoadOptions options, LoadPlan? plan,
        Fault? fault, Stopwatch stopwatch)
    {
        var label = transaction.Label;
        if (services.Options.StorageOff)
        {
            var (rows, bytes, undecompressed) = await RequestBody.CountRowsAsync(context, options);
            if (undecompressed is not null)
            {
                await services.Transactions.AbortAsync(transaction, undecompressed);
                return new LoadAnswer("Fail", undecompressed) { TxnId = transaction.Id, Label = label, LoadBytes = bytes };
            }
            await services.Transactions.CommitAsync(transaction, false, context.RequestAborted);
            return Success(transaction, rows, rows, 0, bytes, null);
        }
        var phase = Stopwatch.StartNew();
        var body = await RequestBody.ReadAllAsync(context, fault?.Kind == FaultKind.ResetConnection ? fault.AfterBytes : null);
        var readMs = phase.ElapsedMilliseconds;
        if (body is null)
        {
            await services.Transactions.AbortAsync(transaction, "connection reset");
            return new LoadAnswer("Fail", "connection reset");
        }
        if (fault?.Kind is FaultKind.Fail or FaultKind.LowercaseFailed)
        {
            await services.Transactions.AbortAsync(transaction, fault.Message ?? "injected failure");
            return new LoadAnswer("Fail", fault.Message ?? FaultInjector.RetryableMessage) { TxnId = transaction.Id, Label = label };
        }
        phase.Restart();
        var parsed = ParsedLoad.Parse(body, plan!, options, out var error);
        var parseMs = phase.ElapsedMilliseconds;
        if (parsed is null)
        {
            await services.Transactions.AbortAsync(transaction, error!);
            return new LoadAnswer("Fail", error!) { TxnId = transaction.Id, Label = label, LoadBytes = body.Length };
        }
        var errorUrl = parsed.FilteredRows > 0 ? services.ErrorUrl(parsed.ErrorLines) : null;
        if (Refusal(parsed, options) is { } refusal)
        {
            await services.Transactions.AbortAsync(transaction, refusal);
            return Counts(new LoadAnswer("Fail", refusal), transaction, parsed.TotalRows, parsed.Rows.Count, parsed.FilteredRows,
                parsed.LoadBytes, errorUrl);
        }
        transaction.Loads.Add(parsed);
        phase.Restart();
        await services.Transactions.CommitAsync(transaction, fault?.Kind == FaultKind.PublishTimeout, context.RequestAborted);
        var writeMs = phase.ElapsedMilliseconds;
        if (fault?.Kind == FaultKind.LabelAlreadyExistsRunning)
        {
            transaction.RunningUntil = DateTime.UtcNow + fault.Delay;
            return LabelAlreadyExists(transaction);
        }
        var answer = Success(transaction, parsed.TotalRows, parsed.Rows.Count, parsed.FilteredRows, parsed.LoadBytes, errorUrl)
            with { ReadDataTimeMs = readMs, StreamLoadPlanTimeMs = parseMs, WriteDataTimeMs = writeMs };
        return fault?.Kind == FaultKind.PublishTimeout ? answer with { Status = "Publish Timeout" } : answer;
    }

    /// <summary>Why StarRocks would fail a parsed load as a whole: no data, or too many filtered rows.</summary>
    internal static string? Refusal(ParsedLoad parsed, LoadOptions options) =>
        parsed.TotalRows == 0 ? "all partitions have no load data"
        : parsed.FilteredRows > options.MaxFilterRatio * parsed.TotalRows ? "too many filtered rows"
        : null;

    internal static LoadAnswer LabelAlreadyExists(LoadTransaction existing) =>
        new("Label Already Exists", $"Label [{existing.Label}] has already been used.")
        {
            TxnId = existing.Id,
            Label = existing.Label,
            ExistingJobStatus = existing.ReportedState is TransactionState.Visible or TransactionState.Committed ? "FINISHED" : "RUNNING",
        };

    private static LoadAnswer Success(LoadTransaction transaction, long total, long loaded, long filtered, long bytes, string? errorUrl) =>
        Counts(new LoadAnswer("Success", "OK"), transaction, total, loaded, filtered, bytes, errorUrl);

    internal static LoadAnswer Counts(LoadAnswer answer, LoadTransaction transaction, long total, long loaded, long filtered, long bytes, string? errorUrl) =>
        answer with
        {
            TxnId = transaction.Id,
            Label = transaction.Label,
            NumberTotalRows = total,
            NumberLoadedRows = loaded,
            NumberFilteredRows = filtered,
            NumberUnselectedRows = 0,
            LoadBytes = bytes,
            BeginTxnTimeMs = 0,
            StreamLoadPlanTimeMs = 0,
            ReadDataTimeMs = 0,
            WriteDataTimeMs = 0,
            CommitAndPublishTimeMs = 0,
            ErrorUrl = errorUrl,
        };
}
