using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace StarRocks.Typed.Loading;

/// <summary>Tracing for the loader: one <see cref="Activity"/> per HTTP attempt. Tags never carry credentials.</summary>
public static class LoadTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> (subscribe with <c>AddSource("StarRocks.Typed")</c>).</summary>
    public const string ActivitySourceName = "StarRocks.Typed";

    /// <summary>The activity source of the loader.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>The meter of the loader and the sink (same name as the activity source).</summary>
    internal static readonly Meter Meter = new(ActivitySourceName);

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("starrocks.load.retries", "{retry}", "Retried load and transaction calls.");

    /// <summary>Counts one retry of <paramref name="operation"/>.</summary>
    /// <param name="operation">e.g. <c>stream_load</c>.</param>
    /// <param name="database">The database.</param>
    internal static void RecordRetry(string operation, string database) =>
        Retries.Add(1, new TagList { { "operation", operation }, { "db", database } });

    /// <summary>Starts a span for one attempt of <paramref name="operation"/>, or returns <see langword="null"/> when nobody listens.</summary>
    /// <param name="operation">e.g. <c>stream_load</c>, <c>transaction.commit</c>.</param>
    /// <param name="database">The database.</param>
    /// <param name="table">The table, when the call has one.</param>
    /// <param name="label">The label.</param>
    /// <param name="attempt">The 0-based attempt number.</param>
    /// <returns>The started activity.</returns>
    internal static Activity? StartAttempt(string operation, string database, string? table, string? label, int attempt)
    {
        var activity = ActivitySource.StartActivity($"StarRocks {operation}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("db.system.name", "starrocks");
        activity.SetTag("db.namespace", database);
        activity.SetTag("starrocks.table", table);
        activity.SetTag("starrocks.label", label);
        activity.SetTag("starrocks.operation", operation);
        activity.SetTag("starrocks.attempt", attempt);
        return activity;
    }

    /// <summary>Records the answer on the span.</summary>
    /// <param name="activity">The span (may be null).</param>
    /// <param name="result">StarRocks's answer.</param>
    /// <param name="outcome">How it was classified.</param>
    internal static void RecordResult(Activity? activity, StreamLoadResult result, StreamLoadOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("starrocks.status", result.Status);
        activity.SetTag("http.response.status_code", result.HttpStatusCode);
        activity.SetTag("starrocks.txn_id", result.TxnId);
        activity.SetTag("starrocks.loaded_rows", result.NumberLoadedRows);
        activity.SetTag("starrocks.filtered_rows", result.NumberFilteredRows);
        activity.SetStatus(outcome is StreamLoadOutcome.Success or StreamLoadOutcome.LabelAlreadyExists ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Status);
    }

    /// <summary>Records a transport failure on the span.</summary>
    /// <param name="activity">The span (may be null).</param>
    /// <param name="exception">The failure.</param>
    internal static void RecordFailure(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}

/// <summary>Log events of the loader (source-generated). Hosts and labels only; never the <c>Authorization</c> header.</summary>
internal static partial class LoadLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Stream Load {Database}.{Table} label {Label}: attempt {Attempt}, {Bytes} bytes")]
    public static partial void LoadAttempt(ILogger logger, string database, string table, string label, int attempt, long bytes);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stream Load {Database}.{Table} label {Label}: {Status}, {LoadedRows} rows loaded, {FilteredRows} filtered, {LoadTimeMs} ms")]
    public static partial void LoadSucceeded(ILogger logger, string database, string table, string label, string? status, long loadedRows, long filteredRows, long loadTimeMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Operation} {Database} label {Label} failed ({Reason}); retry {Retry} in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, string database, string? label, string reason, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Operation} {Database} label {Label} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string operation, string database, string? label, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "{Method} {Path}: {From} redirected to {To}")]
    public static partial void Redirected(ILogger logger, string method, string path, string from, string to);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "FE {Endpoint} is unreachable ({Reason}); trying the next FE")]
    public static partial void FrontendUnreachable(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Label {Label} in {Database} already exists; get_load_state answered {State}")]
    public static partial void LabelState(ILogger logger, string label, string database, LoadState state);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Label {Label} in {Database} was aborted; retrying as {NewLabel}")]
    public static partial void Relabelled(ILogger logger, string label, string database, string newLabel);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Transaction {Operation} {Database}.{Table} label {Label}: {Status} {Message}")]
    public static partial void TransactionCall(ILogger logger, string operation, string database, string? table, string label, string? status, string? message);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Could not fetch the error log {ErrorUrl}: {Reason}")]
    public static partial void ErrorLogUnavailable(ILogger logger, string errorUrl, string reason);
}
