using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Benchmarks.Sink;

/// <summary>
/// The same 1M orders rows as <see cref="OrderRowWriterBenchmarks"/> written end to end through
/// <see cref="IStarRocksSink{T}"/> (CSV, default options: max-bytes 90 MB, max-rows 500,000, two IO threads) into the
/// stand-in's BE with storage off (it reads and counts the body), against the generated CSV writer alone on one thread;
/// once with a <c>WriteAsync</c> call per row, once with a call per 1,000 rows (as the serializer takes them).
/// Each invocation writes the rows five times (5M rows, so the upload of the last batch, which nothing can overlap, is a
/// tenth of the body rather than half of it) and awaits <c>FlushAsync</c>; the figures are per row. Ten warm-up
/// iterations: the HTTP client's and Kestrel's code is called ten times per invocation, and the JIT keeps tiering it up
/// (some 6,000 methods, on the second core) for about eight invocations. The peak managed heap above the heap before the
/// first write (rows loaded, sink idle; so pooled segments count) is sampled every millisecond and printed at cleanup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 10, iterationCount: 15)]
public class SinkThroughputBenchmarks
{
    public const int Rows = OrderRowWriterBenchmarks.Rows;
    public const int Passes = 5;
    private BenchOrder[] _orders = [];
    private OrderRowWriters _writers = null!;
    private StarRocksStandIn _standIn = null!;
    private ServiceProvider _services = null!;
    private IStarRocksSink<BenchOrder> _sink = null!;
    private long _maxBytes;
    private readonly List<long> _peaks = [];
    private Thread? _sampler;
    private volatile bool _sampling;
    private long _baseline;
    private long _peak;

    [GlobalSetup]
    public void Setup()
    {
        _orders = BenchOrder.Create(Rows);
        _writers = new OrderRowWriters(1 << 20);
        _standIn = StarRocksStandIn.StartAsync(new StandInOptions { StorageOff = true, StartMySqlProxy = false }).GetAwaiter().GetResult();
        _services = new ServiceCollection()
            .AddStarRocks(o => (o.Connection.LoadUrls, o.Connection.Username, o.Connection.Password) = (_standIn.FeHttp.ToString(), _standIn.User, _standIn.Password))
            .AddSink<BenchOrder>()
            .Services.BuildServiceProvider();
        _sink = _services.GetRequiredService<IStarRocksSink<BenchOrder>>();
        _maxBytes = _services.GetRequiredService<IOptions<StarRocksOptions>>().Value.BufferFlushMaxBytes;
        _baseline = GC.GetTotalMemory(forceFullCollection: true); // rows, buffers and an idle sink: what the peaks are measured above
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_peaks.Count > 0)
        {
            var mb = _peaks.Select(p => p / 1048576.0).Order().ToArray();
            Console.WriteLine($"// peak managed heap above the idle sink's (pooled segments included), per sink iteration: median {mb[mb.Length / 2]:F0} MB, max {mb[^1]:F0} MB " +
                $"= {mb[^1] * 1048576 / _maxBytes:F2}x sink.buffer-flush.max-bytes ({_maxBytes / 1048576.0:F0} MB)");
        }

        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();
        MariaDbServer.StopSharedAsync().GetAwaiter().GetResult();
    }

    /// <summary>The generated CSV writer alone, 1,000 rows at a time into a reused cache-sized buffer (its best case).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Passes * Rows)]
    public long SerializerOnly()
    {
        long bytes = 0;
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int i = 0; i < _orders.Length; i += 1000)
            {
                bytes += _writers.TypedCsv(_orders.AsSpan(i, 1000));
            }
        }

        return bytes;
    }

    [IterationSetup(Targets = [nameof(Sink), nameof(SinkChunks)])]
    public void StartSampling()
    {
        GC.Collect();
        _peak = 0;
        _sampling = true;
        _sampler = new Thread(() =>
        {
            while (_sampling)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false) - _baseline);
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _sampler.Start();
    }

    [IterationCleanup(Targets = [nameof(Sink), nameof(SinkChunks)])]
    public void StopSampling()
    {
        _sampling = false;
        _sampler!.Join();
        _peaks.Add(_peak);
    }

    /// <summary>One <c>WriteAsync(row)</c> call per row.</summary>
    [Benchmark(OperationsPerInvoke = Passes * Rows)]
    public async Task Sink()
    {
        long started = Stopwatch.GetTimestamp();
        for (int pass = 0; pass < Passes; pass++)
        {
            foreach (var order in _orders)
            {
                var write = _sink.WriteAsync(order);
                if (!write.IsCompletedSuccessfully)
                {
                    await write;
                }
            }
        }

        WritingTime = Stopwatch.GetElapsedTime(started);
        await _sink.FlushAsync();
    }

    /// <summary>One <c>WriteAsync(rows)</c> call per 1,000 rows, as the serializer takes them.</summary>
    [Benchmark(OperationsPerInvoke = Passes * Rows)]
    public async Task SinkChunks()
    {
        long started = Stopwatch.GetTimestamp();
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int i = 0; i < _orders.Length; i += 1000)
            {
                var write = _sink.WriteAsync(_orders.AsSpan(i, 1000));
                if (!write.IsCompletedSuccessfully)
                {
                    await write;
                }
            }
        }

        WritingTime = Stopwatch.GetElapsedTime(started);
        await _sink.FlushAsync();
    }

    /// <summary>How long the last <see cref="Sink"/> or <see cref="SinkChunks"/> took to accept the rows, before its final flush.</summary>
    public TimeSpan WritingTime { get; private set; }
}
