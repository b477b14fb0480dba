using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Lookup;

namespace StarRocks.Typed.Benchmarks.Reading;

/// <summary>
/// A cached lookup hit (time and allocations), and 1,000 concurrent lookups of 100 uncached keys (time; the SQL round
/// trips per operation are counted in the stand-in's SQL log and printed at cleanup).
/// </summary>
[MemoryDiagnoser]
public class LookupBenchmarks
{
    private const int ConcurrentLookups = 1000;
    private ReadingStandIn _standIn = null!;
    private IStarRocksLookup<BenchCustomer, long> _lookup = null!;
    private int _coalescedRuns;

    [GlobalSetup]
    public void Setup()
    {
        _standIn = ReadingStandIn.StartAsync(1000).GetAwaiter().GetResult();
        _lookup = _standIn.Services.GetRequiredService<IStarRocksLookup<BenchCustomer, long>>();
        _lookup.GetManyAsync(Enumerable.Range(1, 1000).Select(i => (long)i)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var queries = _standIn.StandIn.SqlLog.Entries.Count(e => e.Statement.Contains("`bench`.`customers` WHERE `customer_id` IN", StringComparison.Ordinal));
        if (_coalescedRuns > 0)
        {
            Console.WriteLine($"// coalescing: {queries - 1} lookup queries over {_coalescedRuns} runs of {ConcurrentLookups} concurrent lookups of 100 uncached keys = {(queries - 1) / (double)_coalescedRuns:F2} round trips per run");
        }

        _standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public BenchCustomer? CachedHit() => _lookup.GetAsync(42).Result;

    [Benchmark]
    public async Task<int> CoalescedMisses()
    {
        _lookup.InvalidateAll();
        _coalescedRuns++;
        var lookups = new Task<BenchCustomer?>[ConcurrentLookups];
        for (var i = 0; i < lookups.Length; i++)
        {
            lookups[i] = _lookup.GetAsync(i % 100 + 1).AsTask();
        }

        return (await Task.WhenAll(lookups)).Length;
    }
}
