using System.Diagnostics;

namespace StarRocks.Typed.Benchmarks.Serialization;

/// <summary>
/// A quick check of <see cref="OrderRowWriterBenchmarks"/>'s cases for shared, overloaded machines
/// (<c>dotnet run -c Release -- quick-rows</c>): each case writes 50-row batches in short interleaved windows, and the
/// best window per batch is kept, so every case is timed inside a scheduler time slice. Prints ns/row and the ratios.
/// </summary>
public static class QuickRowMeasurement
{
    private const int Batch = 50;
    private const int Batches = 20;

    public static void Run()
    {
        var orders = BenchOrder.Create(Batch * Batches);
        var writers = new OrderRowWriters(1 << 20);
        writers.VerifySameOutput(orders);
        var cases = new (string Name, Func<ReadOnlySpan<BenchOrder>, long> Run)[]
        {
            ("CsvHelper", writers.CsvHelper), ("Typed CSV", writers.TypedCsv), ("STJ source-gen", writers.Stj), ("Typed JSON", writers.TypedJson),
        };
        var best = new double[cases.Length, Batches];
        for (int c = 0; c < cases.Length; c++) for (int b = 0; b < Batches; b++) best[c, b] = double.MaxValue;
        for (int round = 0; round < 200; round++)
        {
            for (int b = 0; b < Batches; b++)
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    long start = Stopwatch.GetTimestamp();
                    cases[c].Run(orders.AsSpan(b * Batch, Batch));
                    best[c, b] = Math.Min(best[c, b], Stopwatch.GetElapsedTime(start).TotalNanoseconds);
                }
            }
        }

        var perRow = new double[cases.Length];
        for (int c = 0; c < cases.Length; c++)
        {
            for (int b = 0; b < Batches; b++) perRow[c] += best[c, b];
            perRow[c] /= Batch * Batches;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        writers.TypedCsv(orders);
        writers.TypedJson(orders);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        for (int c = 0; c < cases.Length; c++) Console.WriteLine($"{cases[c].Name,-15} {perRow[c],8:F1} ns/row");
        Console.WriteLine($"CSV: {perRow[0] / perRow[1]:F2}x CsvHelper; JSON: {perRow[2] / perRow[3]:F2}x STJ; typed allocations: {allocated / (2.0 * orders.Length):F1} B/row");
    }
}
