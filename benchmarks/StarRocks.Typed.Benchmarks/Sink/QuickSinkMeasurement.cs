using System.Diagnostics;

namespace StarRocks.Typed.Benchmarks.Sink;

/// <summary>
/// A quick check of <see cref="SinkThroughputBenchmarks"/> for shared machines (<c>dotnet run -c Release -- quick-sink</c>):
/// after a warm-up, alternates whole 5M-row runs of the serializer alone and of the sink, keeps the best of each, prints rows/s and the ratio.
/// </summary>
public static class QuickSinkMeasurement
{
    public static async Task RunAsync(int rounds)
    {
        var benchmark = new SinkThroughputBenchmarks();
        benchmark.Setup();
        try
        {
            double bestSerializer = double.MaxValue, bestSink = double.MaxValue, allocated = double.MaxValue;
            long bodyBytes = 0;
            benchmark.SerializerOnly(); // warm-up: JIT, first touch of the rows
            await benchmark.Sink();
            for (int round = 0; round < rounds; round++)
            {
                long start = Stopwatch.GetTimestamp();
                bodyBytes = benchmark.SerializerOnly();
                bestSerializer = Math.Min(bestSerializer, Stopwatch.GetElapsedTime(start).TotalSeconds);
                benchmark.StartSampling();
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                start = Stopwatch.GetTimestamp();
                await benchmark.Sink();
                bestSink = Math.Min(bestSink, Stopwatch.GetElapsedTime(start).TotalSeconds);
                Console.WriteLine($"sink run: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms, of which accepting the rows {benchmark.WritingTime.TotalMilliseconds:F0} ms");
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
                benchmark.StopSampling();
            }

            const double rows = SinkThroughputBenchmarks.Passes * SinkThroughputBenchmarks.Rows;
            Console.WriteLine($"serializer only {rows / bestSerializer,12:N0} rows/s");
            Console.WriteLine($"sink end to end {rows / bestSink,12:N0} rows/s = {bestSerializer / bestSink:P0} of the serializer");
            Console.WriteLine($"allocated during a sink run, whole process (stand-in and 64 KiB body segments included): {allocated / rows:F1} B/row; body {bodyBytes / rows:F1} B/row");
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}
