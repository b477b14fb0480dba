using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace StarRocks.Typed.Benchmarks.Serialization;

/// <summary>
/// 1M orders rows (12 columns) written by the generated writers against CsvHelper and System.Text.Json source
/// generation (relaxed encoder), all four configured to write the same bytes (checked in global setup), into reused
/// buffers. One invocation writes all rows, so the figures are per row.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 15)]
public class OrderRowWriterBenchmarks
{
    public const int Rows = 1_000_000;
    private BenchOrder[] _orders = [];
    private OrderRowWriters _writers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _orders = BenchOrder.Create(Rows);
        _writers = new OrderRowWriters(400 << 20);
        _writers.VerifySameOutput(_orders);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long CsvHelper_WriteRecord() => _writers.CsvHelper(_orders);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Typed_Csv() => _writers.TypedCsv(_orders);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Stj_SourceGen_Relaxed() => _writers.Stj(_orders);

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Typed_Json() => _writers.TypedJson(_orders);
}
