using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The sink's metrics on <c>Meter("StarRocks.Typed")</c>: flushed bytes and rows, successful and failed flushes,
/// filtered rows, rows not loaded, the load duration (a histogram in seconds; failed loads carry <c>error.type</c>),
/// writers that waited for buffer room, and buffered bytes and waiting writers (observable). Tags: <c>db</c>,
/// <c>table</c>. The loader adds <c>starrocks.load.retries</c> (tags <c>operation</c>, <c>db</c>).
/// </summary>
public static class SinkTelemetry
{
    /// <summary>The meter name.</summary>
    public const string MeterName = LoadTelemetry.ActivitySourceName;

    private static readonly Meter Meter = LoadTelemetry.Meter;
    private static readonly ConcurrentDictionary<SinkMemoryBudget, byte> Budgets = new();
    private static readonly Counter<long> FlushedBytes = Meter.CreateCounter<long>("starrocks.sink.flushed_bytes", "By", "Bytes loaded by successful flushes.");
    private static readonly Counter<long> FlushedRows = Meter.CreateCounter<long>("starrocks.sink.flushed_rows", "{row}", "Rows loaded by successful flushes.");
    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>("starrocks.sink.flushes", "{flush}", "Successful flushes (batches loaded).");
    private static readonly Counter<long> FailedFlushes = Meter.CreateCounter<long>("starrocks.sink.failed_flushes", "{flush}", "Flushes that failed after retries.");
    private static readonly Counter<long> FilteredRows = Meter.CreateCounter<long>("starrocks.sink.filtered_rows", "{row}", "Rows StarRocks filtered out (max_filter_ratio > 0).");
    private static readonly Counter<long> RowsNotLoaded = Meter.CreateCounter<long>("starrocks.sink.rows_not_loaded", "{row}", "Buffered rows a failure left unloaded (counted in StarRocksSinkException.RowsNotLoaded).");
    private static readonly Counter<long> WriterWaits = Meter.CreateCounter<long>("starrocks.sink.writer_waits", "{wait}", "Writes that waited for buffer room (back-pressure).");
    private static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>(
        "starrocks.sink.load.duration", "s", "How long loading one batch took, retries included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    static SinkTelemetry()
    {
        Meter.CreateObservableGauge("starrocks.sink.buffered_bytes", () => Budgets.Keys.Sum(b => b.Reserved), "By", "Bytes buffered, queued or being loaded.");
        Meter.CreateObservableUpDownCounter("starrocks.sink.waiting_writers", () => Budgets.Keys.Sum(b => (long)b.Waiting), "{writer}", "Writers waiting for buffer room now.");
    }

    internal static void Track(SinkMemoryBudget budget) => Budgets.TryAdd(budget, 0);

    internal static void Untrack(SinkMemoryBudget budget) => Budgets.TryRemove(budget, out _);

    internal static void RecordFlush(string database, string table, long bytes, long rows, StreamLoadResult? result)
    {
        var tags = new TagList { { "db", database }, { "table", table } };
        FlushedBytes.Add(bytes, tags);
        FlushedRows.Add(rows, tags);
        Flushes.Add(1, tags);
        if (result is { NumberFilteredRows: > 0 } filtered)
        {
            FilteredRows.Add(filtered.NumberFilteredRows, tags);
        }
    }

    internal static void RecordFailure(string database, string table) =>
        FailedFlushes.Add(1, new TagList { { "db", database }, { "table", table } });

    internal static void RecordLoadDuration(string database, string table, TimeSpan elapsed, Exception? error)
    {
        var tags = new TagList { { "db", database }, { "table", table } };
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().FullName);
        }

        LoadDuration.Record(elapsed.TotalSeconds, tags);
    }

    internal static void RecordRowsNotLoaded(string database, string table, long rows)
    {
        if (rows > 0)
        {
            RowsNotLoaded.Add(rows, new TagList { { "db", database }, { "table", table } });
        }
    }

    internal static void RecordWriterWait() => WriterWaits.Add(1);
}

/// <summary>The sink's log events; they carry tables, labels and counts, never credentials.</summary>
internal static partial class SinkLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Flushing {Rows} rows ({Bytes} bytes) into {Database}.{Table} ({Reason})")]
    public static partial void Flushing(ILogger logger, long rows, long bytes, string database, string table, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Loaded {Rows} rows ({Bytes} bytes) into {Database}.{Table} in {ElapsedMs} ms")]
    public static partial void Flushed(ILogger logger, long rows, long bytes, string database, string table, long elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Loading into {Database}.{Table} failed; the next call throws it: {Reason}")]
    public static partial void FlushFailed(ILogger logger, string database, string table, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Writers wait: {Reserved} of {Limit} buffer bytes in use")]
    public static partial void BackPressure(ILogger logger, long reserved, long limit);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Transaction {Label} on {Database}: {Action}")]
    public static partial void Transaction(ILogger logger, string label, string database, string action);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Lingering transaction {Label} on {Database}.{Table} ({State}) rolled back")]
    public static partial void LingeringRolledBack(ILogger logger, string label, string database, string table, LoadState state);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Lingering-transaction check of {Database}.{Table}: {Probed} label(s) probed, {RolledBack} rolled back")]
    public static partial void LingeringChecked(ILogger logger, string database, string table, long probed, int rolledBack);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Rolling back the failed transaction {Label} on {Database}.{Table} failed; StarRocks aborts it when it times out: {Reason}")]
    public static partial void RollbackFailed(ILogger logger, string label, string database, string table, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The rejected-rows handler failed for {FilteredRows} row(s) filtered from {Database}.{Table} label {Label}; the load stands")]
    public static partial void RejectedRowsHandlerFailed(ILogger logger, long filteredRows, string database, string table, string label, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Exactly-once stop: the transactions of the rows written after the last checkpoint were rolled back; the application resumes from state {State}")]
    public static partial void OpenTransactionsRolledBack(ILogger logger, string? state);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "StarRocks aborted prepared transaction(s) {Aborted} of the pending checkpoint; it is dropped (the rest rolled back) and the application resumes from the last committed state. Already committed of it, so not atomic: {Committed}")]
    public static partial void CheckpointAborted(ILogger logger, string aborted, string committed);
}
