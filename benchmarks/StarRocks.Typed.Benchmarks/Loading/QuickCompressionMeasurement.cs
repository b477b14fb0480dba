using System.Diagnostics;

namespace StarRocks.Typed.Benchmarks.Loading;

/// <summary>
/// A quick run of <see cref="CompressedLoadBenchmarks"/> for shared machines (<c>dotnet run -c Release -- quick-compression</c>):
/// per format and codec, two warm-up invocations, then the best of <c>rounds</c> invocations (one for bzip2; 1M rows each): bytes on the
/// wire per row and the ratio to the plain body, rows/s, the process CPU of a load invocation (client and in-process
/// stand-in: compressing, sending, decompressing, counting) and, on one thread, the CPU of compressing alone; each
/// against the uncompressed load.
/// </summary>
public static class QuickCompressionMeasurement
{
    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine("| format | codec | wire B/row | wire / plain | rows/s | vs none | process CPU per 1M rows | vs none | compressing alone, 1 thread |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var json in new[] { false, true })
        {
            double noneRate = 0, noneCpu = 0;
            foreach (var codec in new[] { "none", "gzip", "deflate", "zstd", "lz4_frame", "bzip2" })
            {
                var benchmark = new CompressedLoadBenchmarks { Codec = codec, Json = json };
                benchmark.Setup();
                try
                {
                    for (int warmUp = 0; warmUp < 2; warmUp++)
                    {
                        await benchmark.Load();
                    }

                    var wireBefore = benchmark.WireBytes;
                    var loadsBefore = benchmark.Loads;
                    double best = double.MaxValue, cpu = double.MaxValue;
                    for (int round = 0; round < (codec == "bzip2" ? 1 : rounds); round++) // bzip2 takes 10-60 s per invocation
                    {
                        var (elapsed, used) = await MeasureAsync(benchmark.Load);
                        best = Math.Min(best, elapsed);
                        cpu = Math.Min(cpu, used);
                    }

                    var invocations = (benchmark.Loads - loadsBefore) / (CompressedLoadBenchmarks.Rows / CompressedLoadBenchmarks.RowsPerBatch);
                    var wirePerRow = (benchmark.WireBytes - wireBefore) / (double)invocations / CompressedLoadBenchmarks.Rows;
                    var plainPerRow = benchmark.PlainBytes / (double)CompressedLoadBenchmarks.Rows;
                    var (_, compressing) = await MeasureAsync(benchmark.CompressOnly);
                    var rate = CompressedLoadBenchmarks.Rows / best;
                    if (codec == "none")
                    {
                        (noneRate, noneCpu) = (rate, cpu);
                    }

                    Console.WriteLine($"| {(json ? "JSON" : "CSV")} | {codec} | {wirePerRow:F1} | {wirePerRow / plainPerRow:P1} | {rate / 1e6:F2}M | {rate / noneRate:F2}× | " +
                        $"{cpu * 1000:F0} ms | {cpu / noneCpu:F2}× | {(codec == "none" ? "–" : $"{compressing * 1000:F0} ms")} |");
                }
                finally
                {
                    benchmark.Cleanup();
                }
            }
        }
    }

    private static async Task<(double Elapsed, double Cpu)> MeasureAsync(Func<Task> run)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        await run();
        var elapsed = Stopwatch.GetElapsedTime(start);
        return (elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
