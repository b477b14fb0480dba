using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Benchmarks.Serialization;

[JsonSerializable(typeof(BenchOrder))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>DATETIME text as StarRocks reads it (<c>yyyy-MM-dd HH:mm:ss.ffffff</c>), so STJ writes what the typed writer writes.</summary>
internal sealed class StarRocksDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[26];
        value.TryFormat(text, out int written, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }
}

/// <summary>
/// The four writers of the comparison, configured to write the same bytes: CsvHelper and the generated CSV writer
/// (tab, <c>\n</c>, <c>\N</c> for NULL, DATETIME with microseconds), System.Text.Json source generation with the relaxed
/// encoder and the generated JSON writer (one outer array). <see cref="VerifySameOutput"/> checks that before measuring.
/// </summary>
internal sealed class OrderRowWriters
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly MemoryStream _stream;
    private readonly CsvWriter _csv;
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly BenchJsonContext _jsonContext;

    public OrderRowWriters(int capacity)
    {
        _buffer = new ArrayBufferWriter<byte>(capacity);
        _stream = new MemoryStream(capacity);
        var streamWriter = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16);
        // One CsvWriter for all calls: CsvHelper caches its compiled record writer per writer context.
        _csv = new CsvWriter(streamWriter, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", NewLine = "\n", HasHeaderRecord = false }, leaveOpen: true);
        var options = _csv.Context.TypeConverterOptionsCache;
        foreach (var type in new[] { typeof(string), typeof(decimal?), typeof(double?), typeof(DateTime?) }) options.GetOptions(type).NullValues.Add("\\N");
        foreach (var type in new[] { typeof(DateTime), typeof(DateTime?) }) options.GetOptions(type).Formats = ["yyyy-MM-dd HH:mm:ss.ffffff"];
        _jsonContext = new BenchJsonContext(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new StarRocksDateTimeConverter() } });
        _jsonWriter = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>What the last CsvHelper call wrote.</summary>
    public ReadOnlySpan<byte> CsvHelperOutput => _stream.GetBuffer().AsSpan(0, (int)_stream.Position);

    /// <summary>What the last call of one of the other writers wrote.</summary>
    public ReadOnlySpan<byte> BufferOutput => _buffer.WrittenSpan;

    public long CsvHelper(ReadOnlySpan<BenchOrder> orders)
    {
        _stream.Position = 0;
        foreach (var order in orders)
        {
            _csv.WriteRecord(order);
            _csv.NextRecord();
        }

        _csv.Flush();
        return _stream.Position;
    }

    public long TypedCsv(ReadOnlySpan<BenchOrder> orders)
    {
        _buffer.ResetWrittenCount();
        var writer = new CsvRowWriter(_buffer, CsvFormat.Default);
        foreach (var order in orders)
        {
            writer.BeginRow();
            BenchOrder.WriteCsv(order, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return _buffer.WrittenCount;
    }

    public long Stj(ReadOnlySpan<BenchOrder> orders)
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        _jsonWriter.WriteStartArray();
        foreach (var order in orders) JsonSerializer.Serialize(_jsonWriter, order, _jsonContext.BenchOrder);
        _jsonWriter.WriteEndArray();
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    public long TypedJson(ReadOnlySpan<BenchOrder> orders)
    {
        _buffer.ResetWrittenCount();
        var writer = new JsonRowWriter(_buffer, JsonFormat.Default);
        foreach (var order in orders)
        {
            writer.BeginRow();
            BenchOrder.WriteJson(order, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return _buffer.WrittenCount;
    }

    /// <summary>Throws unless CsvHelper and the generated CSV writer, and STJ and the generated JSON writer, write the same bytes for <paramref name="orders"/>.</summary>
    public void VerifySameOutput(ReadOnlySpan<BenchOrder> orders)
    {
        CsvHelper(orders);
        TypedCsv(orders);
        Compare("CSV", CsvHelperOutput, BufferOutput);
        Stj(orders);
        var expected = BufferOutput.ToArray(); // the typed writer reuses the buffer
        TypedJson(orders);
        Compare("JSON", expected, BufferOutput);

        static void Compare(string what, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
        {
            int at = expected.CommonPrefixLength(actual);
            if (at == expected.Length && at == actual.Length) return;
            string Around(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes.Slice(Math.Max(0, at - 60), Math.Min(bytes.Length - Math.Max(0, at - 60), 120)));
            throw new InvalidOperationException($"{what} outputs differ at byte {at} (lengths {expected.Length} and {actual.Length}):\n  reference: {Around(expected)}\n  typed:     {Around(actual)}");
        }
    }
}
