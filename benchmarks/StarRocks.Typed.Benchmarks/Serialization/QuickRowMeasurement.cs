using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using StarRocks.Typed.Serialization;

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
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        var stream = new MemoryStream(1 << 20);
        var streamWriter = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        var csv = new CsvWriter(streamWriter, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", HasHeaderRecord = false }, leaveOpen: true);
        var context = new BenchJsonContext(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        var jsonWriter = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

        void CsvHelperBatch(int start)
        {
            stream.Position = 0;
            for (int i = start; i < start + Batch; i++) { csv.WriteRecord(orders[i]); csv.NextRecord(); }
            csv.Flush();
        }
        void TypedCsvBatch(int start)
        {
            buffer.ResetWrittenCount();
            var w = new CsvRowWriter(buffer, CsvFormat.Default);
            for (int i = start; i < start + Batch; i++) { w.BeginRow(); BenchOrder.WriteCsv(orders[i], ref w); w.EndRow(); }
            w.Complete();
        }
        void StjBatch(int start)
        {
            buffer.ResetWrittenCount();
            jsonWriter.Reset(buffer);
            jsonWriter.WriteStartArray();
            for (int i = start; i < start + Batch; i++) JsonSerializer.Serialize(jsonWriter, orders[i], context.BenchOrder);
            jsonWriter.WriteEndArray();
            jsonWriter.Flush();
        }
        void TypedJsonBatch(int start)
        {
            buffer.ResetWrittenCount();
            var w = new JsonRowWriter(buffer, JsonFormat.Default);
            for (int i = start; i < start + Batch; i++) { w.BeginRow(); BenchOrder.WriteJson(orders[i], ref w); w.EndRow(); }
            w.Complete();
        }

        var cases = new (string Name, Action<int> Run)[] { ("CsvHelper", CsvHelperBatch), ("Typed CSV", TypedCsvBatch), ("STJ source-gen", StjBatch), ("Typed JSON", TypedJsonBatch) };
        var best = new double[cases.Length, Batches];
        for (int c = 0; c < cases.Length; c++) for (int b = 0; b < Batches; b++) best[c, b] = double.MaxValue;
        for (int round = 0; round < 200; round++)
        {
            for (int b = 0; b < Batches; b++)
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    long start = Stopwatch.GetTimestamp();
                    cases[c].Run(b * Batch);
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
        for (int b = 0; b < Batches; b++) { TypedCsvBatch(b * Batch); TypedJsonBatch(b * Batch); }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        for (int c = 0; c < cases.Length; c++) Console.WriteLine($"{cases[c].Name,-15} {perRow[c],8:F1} ns/row");
        Console.WriteLine($"CSV: {perRow[0] / perRow[1]:F2}x CsvHelper; JSON: {perRow[2] / perRow[3]:F2}x STJ; typed allocations: {allocated / (2.0 * Batch * Batches):F1} B/row");
    }
}
