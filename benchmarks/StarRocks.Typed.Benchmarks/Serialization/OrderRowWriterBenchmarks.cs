using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using CsvHelper.Configuration;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Benchmarks.Serialization;

/// <summary>The 12-column orders row of the sample (samples/…/Models/Order.cs); its writers are generated.</summary>
[StarRocksTable("bench", "orders", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial class BenchOrder
{
    [StarRocksKey(0)] public long OrderId { get; set; }
    [StarRocksKey(1)] public DateTime OrderDate { get; set; }
    public long CustomerId { get; set; }
    [StarRocksColumn(Length = 32)] public string Status { get; set; } = "";
    [StarRocksColumn(Precision = 18, Scale = 2)] public decimal Amount { get; set; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public decimal? Discount { get; set; }
    [StarRocksColumn(Length = 3, FixedLength = true)] public string Currency { get; set; } = "";
    public int ItemCount { get; set; }
    public double? Weight { get; set; }
    [StarRocksColumn(Length = 200)] public string? ShippingCity { get; set; }
    public DateTime? ShippedAt { get; set; }
    public string? Note { get; set; }

    public static BenchOrder[] Create(int count)
    {
        var random = new Random(42);
        string[] statuses = ["created", "paid", "shipped", "delivered", "cancelled"];
        string[] cities = ["Berlin", "Amsterdam", "São Paulo", "Zürich", "New York", "Shanghai"];
        var start = new DateTime(2024, 1, 1);
        return [.. Enumerable.Range(0, count).Select(i => new BenchOrder
        {
            OrderId = 1_000_000 + i,
            OrderDate = start.AddSeconds(random.Next(0, 365 * 86400)).AddTicks(random.Next(0, 1_000_000) * 10),
            CustomerId = random.Next(1, 100_000),
            Status = statuses[random.Next(statuses.Length)],
            Amount = Math.Round((decimal)(random.NextDouble() * 1000), 2),
            Discount = i % 3 == 0 ? null : Math.Round((decimal)(random.NextDouble() * 50), 2),
            Currency = "EUR",
            ItemCount = random.Next(1, 20),
            Weight = i % 5 == 0 ? null : Math.Round(random.NextDouble() * 30, 3),
            ShippingCity = i % 7 == 0 ? null : cities[random.Next(cities.Length)],
            ShippedAt = i % 2 == 0 ? null : start.AddSeconds(random.Next(0, 365 * 86400)).AddTicks(random.Next(0, 1_000_000) * 10),
            Note = i % 4 == 0 ? "Please ring twice" : null,
        })];
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchOrder))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>
/// A 12-column orders row written by the generated writers against CsvHelper
/// and System.Text.Json source generation (relaxed encoder), 1000 rows per operation into reused buffers.
/// </summary>
[MemoryDiagnoser]
public class OrderRowWriterBenchmarks
{
    private const int Rows = 1000;
    private BenchOrder[] _orders = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly MemoryStream _stream = new(1 << 20);
    private StreamWriter _streamWriter = null!;
    private CsvWriter _csv = null!;
    private Utf8JsonWriter _jsonWriter = null!;
    private BenchJsonContext _jsonContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _orders = BenchOrder.Create(Rows);
        _streamWriter = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16);
        // One CsvWriter for all invocations: CsvHelper caches its compiled record writer per writer context.
        _csv = new CsvWriter(_streamWriter, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", HasHeaderRecord = false }, leaveOpen: true);
        var encoderOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        _jsonContext = new BenchJsonContext(encoderOptions);
        _jsonWriter = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long CsvHelper_WriteRecord()
    {
        _stream.Position = 0;
        foreach (var order in _orders)
        {
            _csv.WriteRecord(order);
            _csv.NextRecord();
        }
        _csv.Flush();
        return _stream.Position;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Typed_Csv()
    {
        _buffer.ResetWrittenCount();
        var writer = new CsvRowWriter(_buffer, CsvFormat.Default);
        foreach (var order in _orders)
        {
            writer.BeginRow();
            BenchOrder.WriteCsv(order, ref writer);
            writer.EndRow();
        }
        writer.Complete();
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Stj_SourceGen_Relaxed()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        _jsonWriter.WriteStartArray();
        foreach (var order in _orders) JsonSerializer.Serialize(_jsonWriter, order, _jsonContext.BenchOrder);
        _jsonWriter.WriteEndArray();
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Typed_Json()
    {
        _buffer.ResetWrittenCount();
        var writer = new JsonRowWriter(_buffer, JsonFormat.Default);
        foreach (var order in _orders)
        {
            writer.BeginRow();
            BenchOrder.WriteJson(order, ref writer);
            writer.EndRow();
        }
        writer.Complete();
        return _buffer.WrittenCount;
    }
}
