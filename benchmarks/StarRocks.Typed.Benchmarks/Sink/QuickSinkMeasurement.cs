using System.Diagnostics;
using System.Runtime;

namespace StarRocks.Typed.Benchmarks.Sink;

/// <summary>
/// A quick check of <see cref="SinkThroughputBenchmarks"/> for shared machines (<c>dotnet run -c Release -- quick-sink</c>):
/// after a warm-up, alternates whole 5M-row runs of the serializer alone and of the sink (a call per row, a call per
/// 1,000 rows), keeps the best of each, prints rows/s and the ratio, and per run the time spent accepting rows and the
/// CPU time the whole process used (the second core's share: upload, stand-in, JIT, GC) and how many methods the JIT has
/// compiled so far (it should no longer grow).
/// </summary>
public static class QuickSinkMeasurement
{
    private const double Rows = SinkThroughputBenchmarks.Passes * SinkThroughputBenchmarks.Rows;

    public static async Task RunAsync(int rounds)
    {
        var benchmark = new SinkThroughputBenchmarks();
        benchmark.Setup();
        try
        {
            double serializer = double.MaxValue, perRow = double.MaxValue, chunks = double.MaxValue, allocated = double.MaxValue;
            long bodyBytes = 0;
            for (int warmUp = 0; warmUp < 5; warmUp++) // JIT tiers (the HTTP stack settles after ~8 sink runs), first touch of the rows and the segment pool
            {
                benchmark.SerializerOnly();
                await benchmark.Sink();
                await benchmark.SinkChunks();
            }

            for (int round = 0; round < rounds; round++)
            {
                serializer = Math.Min(serializer, await MeasureAsync("serializer only", () => { bodyBytes = benchmark.SerializerOnly(); return Task.CompletedTask; }, null));
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                perRow = Math.Min(perRow, await MeasureAsync("sink, a call per row", benchmark.Sink, benchmark));
                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
                chunks = Math.Min(chunks, await MeasureAsync("sink, a call per 1,000 rows", benchmark.SinkChunks, benchmark));
            }

            Console.WriteLine($"serializer only                        {Rows / serializer,12:N0} rows/s");
            Console.WriteLine($"sink end to end, a call per row        {Rows / perRow,12:N0} rows/s = {serializer / perRow:P0} of the serializer");
            Console.WriteLine($"sink end to end, a call per 1,000 rows {Rows / chunks,12:N0} rows/s = {serializer / chunks:P0} of the serializer");
            Console.WriteLine($"allocated during a sink run, whole process (stand-in and 64 KiB body segments included): {allocated / Rows:F1} B/row; body {bodyBytes / Rows:F1} B/row");
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    private static async Task<double> MeasureAsync(string name, Func<Task> run, SinkThroughputBenchmarks? sink)
    {
        sink?.StartSampling();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await run();
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        sink?.StopSampling();
        var accepting = sink is null ? "" : $", accepting the rows {sink.WritingTime.TotalMilliseconds:F0} ms";
        Console.WriteLine($"{name,-28}: {elapsed.TotalMilliseconds,5:F0} ms{accepting}, process CPU {cpu.TotalMilliseconds:F0} ms ({cpu / elapsed:F2} cores), {JitInfo.GetCompiledMethodCount():N0} methods compiled so far");
        return elapsed.TotalSeconds;
    }
}
