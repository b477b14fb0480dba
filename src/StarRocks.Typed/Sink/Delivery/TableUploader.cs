using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// One table's uploader: reads its sealed batches in order, loads each through the table's <see cref="IBatchLoader"/>
/// holding one of the sink's IO slots (<c>sink.io.thread-count</c> loads at a time across tables), hands filtered rows to
/// <c>OnRejectedRows</c>, keeps a failure in the table's <see cref="TableFailure"/>, and releases each batch's budget.
/// </summary>
internal sealed class TableUploader
{
    /// <summary>How much of a successful load's <c>ErrorURL</c> log the rejected-rows handler gets.</summary>
    internal const int MaxRejectedRowsLogBytes = 1024 * 1024;

    /// <summary>After how long the rejected-rows handler's token is cancelled (the error-log fetch included).</summary>
    internal static readonly TimeSpan RejectedRowsHandlerTimeout = TimeSpan.FromSeconds(30);

    private readonly string _database;
    private readonly string _table;
    private readonly ChannelReader<SealedBatch> _batches;
    private readonly IBatchLoader _loader;
    private readonly SinkMemoryBudget _budget;
    private readonly SemaphoreSlim _ioSlots;
    private readonly TableFailure _failure;
    private readonly Func<StarRocksRejectedRows, CancellationToken, ValueTask>? _onRejectedRows;
    private readonly ILogger _logger;
    private long _loadingSince;

    public TableUploader(
        TableBuffer buffer, ChannelReader<SealedBatch> batches, IBatchLoader loader, SinkMemoryBudget budget, SemaphoreSlim ioSlots,
        Func<StarRocksRejectedRows, CancellationToken, ValueTask>? onRejectedRows, ILogger logger)
    {
        (_database, _table, _failure) = (buffer.Database, buffer.Table, buffer.Failure);
        (_batches, _loader, _budget, _ioSlots, _onRejectedRows, _logger) = (batches, loader, budget, ioSlots, onRejectedRows, logger);
        Completion = Task.Run(UploadAsync);
    }

    /// <summary>Completes when the queue is closed and empty.</summary>
    public Task Completion { get; }

    public string Database => _database;

    /// <summary>When the load in flight started (<see cref="Stopwatch.GetTimestamp"/>), or 0 when none is.</summary>
    public long LoadingSince => Volatile.Read(ref _loadingSince);

    private async Task UploadAsync()
    {
        await foreach (var batch in _batches.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_failure.Skips(batch))
                {
                    SinkTelemetry.RecordRowsNotLoaded(_database, _table, batch.Body?.RowCount ?? 0);
                }
                else
                {
                    await DeliverAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                _budget.Release(batch.ReservedBytes);
                batch.Body?.Dispose();
                batch.Done.TrySetResult();
            }
        }
    }

    private async Task DeliverAsync(SealedBatch batch)
    {
        await _ioSlots.WaitAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _loadingSince, started);
        var bodyRowsLost = batch.Body?.RowCount ?? 0;
        StreamLoadResult? filtered = null;
        try
        {
            if (batch.Body is { } body)
            {
                var result = await _loader.LoadAsync(body, batch.Shape!).ConfigureAwait(false);
                bodyRowsLost = 0;
                SinkTelemetry.RecordLoadDuration(_database, _table, Stopwatch.GetElapsedTime(started), null);
                SinkTelemetry.RecordFlush(_database, _table, body.Length, body.RowCount, result);
                SinkLog.Flushed(_logger, body.RowCount, body.Length, _database, _table, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                filtered = result is { NumberFilteredRows: > 0 } ? result : null;
            }

            if (batch.Point != FlushPoint.None)
            {
                await _loader.EndAsync(batch.Point).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            if (bodyRowsLost > 0)
            {
                SinkTelemetry.RecordLoadDuration(_database, _table, Stopwatch.GetElapsedTime(started), e);
            }

            SinkTelemetry.RecordFailure(_database, _table);
            SinkLog.FlushFailed(_logger, _database, _table, e.Message);
            var rowsLost = bodyRowsLost + await _loader.AbandonAsync().ConfigureAwait(false); // before the failure surfaces
            SinkTelemetry.RecordRowsNotLoaded(_database, _table, rowsLost);
            // A failed recovery (awaited before the first transaction) already is a sink exception: keep its cause, not a nesting.
            var cause = e is StarRocksSinkException { InnerException: { } inner } ? inner : e;
            _failure.Set(new StarRocksSinkException(_database, _table, rowsLost, cause));
        }
        finally
        {
            Volatile.Write(ref _loadingSince, 0);
            _ioSlots.Release();
        }

        if (filtered is not null && _onRejectedRows is { } handler)
        {
            await ReportRejectedRowsAsync(handler, filtered).ConfigureAwait(false); // after the IO slot: user code must not hold it
        }
    }

    /// <summary>
    /// Hands the rows StarRocks filtered out of a successful load to the user's handler, with the <c>ErrorURL</c> log
    /// (fetched without credentials, bounded by <see cref="MaxRejectedRowsLogBytes"/> and the channel's error-log timeout).
    /// A failing or slow handler never fails the load: it is logged, and its token is cancelled after <see cref="RejectedRowsHandlerTimeout"/>.
    /// </summary>
    private async Task ReportRejectedRowsAsync(Func<StarRocksRejectedRows, CancellationToken, ValueTask> handler, StreamLoadResult result)
    {
        var label = result.Label ?? "";
        try
        {
            using var timeout = new CancellationTokenSource(RejectedRowsHandlerTimeout);
            ErrorLogLines? log = null;
            if (result.ErrorUrl is { Length: > 0 } errorUrl && _loader.ErrorLogs is { } source)
            {
                log = await source.FetchErrorLogLinesAsync(errorUrl, MaxRejectedRowsLogBytes, timeout.Token).ConfigureAwait(false);
            }

            var rejected = new StarRocksRejectedRows(_database, _table, label, result.NumberFilteredRows, log?.Lines ?? [], log?.Truncated ?? false, result.ErrorUrl);
            await handler(rejected, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SinkLog.RejectedRowsHandlerFailed(_logger, result.NumberFilteredRows, _database, _table, label, e);
        }
    }
}
