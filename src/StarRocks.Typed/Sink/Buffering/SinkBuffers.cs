using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink.Buffering;

/// <summary>
/// The memory of one sink, shared by its tables: the budget (twice <c>sink.buffer-flush.max-bytes</c>) every buffered,
/// queued and in-flight byte is reserved in, the segment pool the batches rent from, and the table buffers. Decides the
/// byte-driven seals: the largest active batch when the active batches together reach max-bytes or a writer waits for
/// room, and every batch older than <c>interval-ms</c>. Calls only down, into the table buffers.
/// </summary>
internal sealed class SinkBuffers : IAsyncDisposable
{
    private readonly List<TableBuffer> _tables = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly Task _intervalLoop;
    private ArrayPool<byte> _segmentPool;
    private long _activeBytes;

    /// <summary>Creates the buffers and starts the interval timer.</summary>
    /// <param name="maxBytes"><c>sink.buffer-flush.max-bytes</c>.</param>
    /// <param name="interval"><c>sink.buffer-flush.interval-ms</c>.</param>
    /// <param name="logger">Where back-pressure is logged.</param>
    public SinkBuffers(long maxBytes, TimeSpan interval, ILogger logger)
    {
        MaxBytes = maxBytes;
        Interval = interval;
        _logger = logger;
        Budget = new SinkMemoryBudget(2 * maxBytes);
        _segmentPool = NewSegmentPool();
        SinkTelemetry.Track(Budget);
        _intervalLoop = Task.Run(SealOnIntervalAsync);
    }

    /// <summary><c>sink.buffer-flush.max-bytes</c>: active batches together seal the largest when they reach it.</summary>
    public long MaxBytes { get; }

    /// <summary><c>sink.buffer-flush.interval-ms</c>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The one budget (2 × max-bytes) of buffered, queued and in-flight bytes.</summary>
    public SinkMemoryBudget Budget { get; }

    /// <summary>
    /// Where the tables' batches rent their 64 KiB segments: enough for the whole budget, so a sink at steady state reuses
    /// them instead of leaving them to the GC. Replaced by an empty pool after a whole flush interval with nothing
    /// buffered, so an idle sink gives the memory back (batches return segments to the pool they rented from).
    /// </summary>
    public ArrayPool<byte> SegmentPool => Volatile.Read(ref _segmentPool);

    /// <summary>The table buffers, in the order they were added.</summary>
    public TableBuffer[] Tables
    {
        get
        {
            lock (_tables)
            {
                return [.. _tables];
            }
        }
    }

    /// <summary>Adds a table buffer to the interval and max-bytes seals.</summary>
    /// <param name="table">The buffer.</param>
    /// <returns>The buffer.</returns>
    public TableBuffer Add(TableBuffer table)
    {
        lock (_tables)
        {
            _tables.Add(table);
        }

        return table;
    }

    /// <summary>Tracks bytes entering (positive) or leaving (negative) active batches.</summary>
    /// <param name="bytes">The bytes.</param>
    public void AddActiveBytes(long bytes) => Interlocked.Add(ref _activeBytes, bytes);

    /// <summary>Seals the largest active batch when the active batches together hold max-bytes or more.</summary>
    public void SealLargestIfFull()
    {
        if (Volatile.Read(ref _activeBytes) >= MaxBytes)
        {
            SealLargest();
        }
    }

    /// <summary>Waits for room for <paramref name="bytes"/>, sealing the largest batch first so something can be loaded.</summary>
    /// <param name="bytes">The bytes needed.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when the bytes may fit.</returns>
    public ValueTask WaitForRoomAsync(long bytes, CancellationToken cancellationToken)
    {
        SinkLog.BackPressure(_logger, Budget.Reserved, Budget.Limit);
        SinkTelemetry.RecordWriterWait();
        SealLargest();
        return Budget.WaitForRoomAsync(bytes, cancellationToken);
    }

    /// <summary>Stops the interval timer (after the tables' final flush).</summary>
    /// <returns>Completes when the timer has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _intervalLoop.ConfigureAwait(false);
        SinkTelemetry.Untrack(Budget);
        _stopping.Dispose();
    }

    private void SealLargest()
    {
        TableBuffer? largest = null;
        foreach (var table in Tables)
        {
            if (table.ActiveBytes > (largest?.ActiveBytes ?? 0))
            {
                largest = table;
            }
        }

        largest?.Seal(SealReason.MaxBytes);
    }

    private ArrayPool<byte> NewSegmentPool() =>
        ArrayPool<byte>.Create(LoadBatch.DefaultSegmentSize, (int)Math.Min(Budget.Limit / LoadBatch.DefaultSegmentSize + 64, 16_384));

    /// <summary>Seals old batches every quarter interval (10 ms to 1 s), and drops the segment pool after an idle interval.</summary>
    private async Task SealOnIntervalAsync()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(Interval.TotalMilliseconds / 4, 10, 1000));
        long? idleSince = null;
        var poolTrimmed = false;
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var table in Tables)
                {
                    table.SealIfOlderThan(Interval);
                }

                if (Budget.Reserved > 0)
                {
                    (idleSince, poolTrimmed) = (null, false);
                }
                else if (idleSince is null)
                {
                    idleSince = Stopwatch.GetTimestamp();
                }
                else if (!poolTrimmed && Stopwatch.GetElapsedTime(idleSince.Value) >= Interval)
                {
                    Volatile.Write(ref _segmentPool, NewSegmentPool());
                    poolTrimmed = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
