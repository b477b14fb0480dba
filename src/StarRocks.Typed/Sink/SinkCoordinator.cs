using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink;

/// <summary>
/// What the table sinks of one <see cref="StarRocksOptions"/> share: the memory budget (twice
/// <c>sink.buffer-flush.max-bytes</c>), the IO slots (<c>sink.io.thread-count</c> loads at a time across tables), the
/// loader, and the interval timer. When the active batches of all tables together reach max-bytes, the largest is sealed.
/// </summary>
internal sealed class SinkCoordinator : IAsyncDisposable
{
    private readonly List<SinkRegion> _regions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _intervalLoop;
    private readonly IDisposable? _ownedLoader;
    private long _activeBytes;

    public SinkCoordinator(IOptions<StarRocksOptions> options, ILoggerFactory? loggerFactory = null, IStreamLoadClient? loader = null)
    {
        Options = options.Value;
        StarRocksOptionsValidator.ThrowIfInvalid(Options);
        loggerFactory ??= NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("StarRocks.Typed.Sink");
        if (loader is null)
        {
            var client = new StreamLoadClient(Options.Connection, loggerFactory);
            _ownedLoader = client;
            loader = client;
        }

        Loader = loader;
        Budget = new SinkMemoryBudget(2 * Options.BufferFlushMaxBytes);
        IoSlots = new SemaphoreSlim(Options.IoThreadCount, Options.IoThreadCount);
        SinkTelemetry.Track(Budget);
        _intervalLoop = Task.Run(SealOnIntervalAsync);
    }

    public StarRocksOptions Options { get; }

    public ILogger Logger { get; }

    public IStreamLoadClient Loader { get; }

    public SinkMemoryBudget Budget { get; }

    public SemaphoreSlim IoSlots { get; }

    /// <summary>Creates the region of a table and registers it for interval and cache-full flushes.</summary>
    public SinkRegion CreateRegion(string database, string table)
    {
        var region = new SinkRegion(this, database, table, Options.UsesJson);
        lock (_regions)
        {
            _regions.Add(region);
        }

        return region;
    }

    /// <summary>Tracks bytes entering (positive) or leaving (negative) active batches; seals the largest when they reach max-bytes.</summary>
    public void AddActiveBytes(long bytes) => Interlocked.Add(ref _activeBytes, bytes);

    /// <summary>Seals the largest active batch when the active batches together hold max-bytes or more.</summary>
    public void SealLargestIfFull()
    {
        if (Volatile.Read(ref _activeBytes) >= Options.BufferFlushMaxBytes)
        {
            SealLargest();
        }
    }

    /// <summary>Waits for room for <paramref name="bytes"/>, sealing the largest batch first so something can be loaded.</summary>
    public ValueTask WaitForRoomAsync(long bytes, CancellationToken cancellationToken)
    {
        SinkLog.BackPressure(Logger, Budget.Reserved, Budget.Limit);
        SealLargest();
        return Budget.WaitForRoomAsync(bytes, cancellationToken);
    }

    /// <summary>Flushes every table and waits for the loads (host stop, dispose).</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        SinkRegion[] regions;
        lock (_regions)
        {
            regions = [.. _regions];
        }

        await Task.WhenAll(regions.Select(r => r.FlushAsync(cancellationToken).AsTask())).ConfigureAwait(false);
    }

    /// <summary>Flushes (best effort: failures were already reported to writers), stops the timer and the uploaders.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _intervalLoop.ConfigureAwait(false);
        SinkRegion[] regions;
        lock (_regions)
        {
            regions = [.. _regions];
        }

        await Task.WhenAll(regions.Select(r => r.CompleteAsync())).ConfigureAwait(false);
        SinkTelemetry.Untrack(Budget);
        _ownedLoader?.Dispose();
        IoSlots.Dispose();
        _stopping.Dispose();
    }

    private void SealLargest()
    {
        SinkRegion? largest = null;
        lock (_regions)
        {
            foreach (var region in _regions)
            {
                if (region.ActiveBytes > (largest?.ActiveBytes ?? 0))
                {
                    largest = region;
                }
            }
        }

        largest?.Seal("max-bytes");
    }

    private async Task SealOnIntervalAsync()
    {
        var interval = Options.BufferFlushInterval;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(interval.TotalMilliseconds / 4, 10, 1000));
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                lock (_regions)
                {
                    foreach (var region in _regions)
                    {
                        region.SealIfOlderThan(interval);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
