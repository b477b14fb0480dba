using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StarRocks.Typed.Generated;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

public class JsonRowWriterTests
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string StjString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed)) writer.WriteStringValue(value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Writes_rows_in_an_outer_array_with_op_members()
    {
        var text = TestBuffers.JsonText(JsonFormat.Default, (ref JsonRowWriter w) =>
        {
            w.BeginRow();
            w.WriteName("\"id\":"u8); w.WriteInt64(1);
            w.WriteName("\"name\":"u8); w.WriteString("a");
            w.WriteName("\"note\":"u8); w.WriteNull();
            w.EndRow(StarRocksOperation.Delete);
            w.BeginRow();
            w.WriteName("\"id\":"u8); w.WriteInt64(2);
            w.WriteName("\"name\":"u8); w.WriteString(null);
            w.WriteName("\"note\":"u8); w.WriteBoolean(true);
            w.EndRow(StarRocksOperation.Upsert);
        });
        Assert.Equal("[{\"id\":1,\"name\":\"a\",\"note\":null,\"__op\":1},{\"id\":2,\"name\":null,\"note\":true,\"__op\":0}]", text);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(2, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void Writes_newline_delimited_rows_and_an_empty_array_body()
    {
        var ndjson = TestBuffers.JsonText(new JsonFormat { Layout = JsonRowLayout.NewlineDelimited }, (ref JsonRowWriter w) =>
        {
            w.BeginRow(); w.WriteName("\"a\":"u8); w.WriteInt32(1); w.EndRow();
            w.BeginRow(); w.WriteName("\"a\":"u8); w.WriteInt32(2); w.EndRow();
        });
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", ndjson);
        Assert.Equal("[]", TestBuffers.JsonText(JsonFormat.Default, (ref JsonRowWriter w) => { }));
    }

    [Fact]
    public void Encodes_names_like_System_Text_Json()
    {
        Assert.Equal("\"order_id\":", Encoding.UTF8.GetString(JsonRowWriter.EncodeName("order_id")));
        Assert.Equal("\"we\\\"ird\":", Encoding.UTF8.GetString(JsonRowWriter.EncodeName("we\"ird")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n cr \r nul \0 bell \u0007 del \u007f")]
    [InlineData("<html> & 'apos' + plus `tick`")]
    [InlineData("héllo wörld ü ß 中文 日本語")]
    [InlineData("emoji 😀 and 𝄞")]
    [InlineData("line sep \u2028 para \u2029 bom \ufeff nbsp \u00a0 soft hyphen \u00ad")]
    [InlineData("lone high \ud800 end")]
    [InlineData("lone low \udc00 end")]
    [InlineData("private use \ue000 noncharacter \uffff")]
    public void Strings_are_byte_identical_to_STJ_relaxed(string value)
    {
        Assert.Equal(StjString(value), TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteString(value)));
    }

    [Fact]
    public void Random_strings_are_byte_identical_to_STJ_relaxed_and_parse_back()
    {
        var random = new Random(42);
        var chars = new char[64];
        for (int i = 0; i < 20000; i++)
        {
            int length = random.Next(0, chars.Length);
            for (int c = 0; c < length; c++)
            {
                chars[c] = random.Next(6) switch
                {
                    0 => (char)random.Next(0, 0x80),
                    1 => (char)random.Next(0x80, 0x800),
                    2 => (char)random.Next(0xD800, 0xE000), // surrogates, often unpaired
                    3 => (char)random.Next(0x800, 0x10000),
                    _ => (char)random.Next(0x20, 0x7F),
                };
            }
            var value = new string(chars, 0, length);
            var ours = TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteString(value));
            Assert.Equal(StjString(value), ours);
        }
    }

    [Fact]
    public void Writes_typed_values_that_parse_back_to_the_same_values()
    {
        var guid = Guid.NewGuid();
        var text = TestBuffers.JsonText(new JsonFormat { Layout = JsonRowLayout.NewlineDelimited }, (ref JsonRowWriter w) =>
        {
            w.BeginRow();
            w.WriteName("\"l\":"u8); w.WriteInt64(long.MinValue);
            w.WriteName("\"u\":"u8); w.WriteUInt64(ulong.MaxValue);
            w.WriteName("\"big\":"u8); w.WriteInt128(Int128.MaxValue);
            w.WriteName("\"d\":"u8); w.WriteDouble(double.MaxValue);
            w.WriteName("\"e\":"u8); w.WriteDouble(double.Epsilon);
            w.WriteName("\"f\":"u8); w.WriteSingle(float.MaxValue);
            w.WriteName("\"m\":"u8); w.WriteDecimal(-79228162514264337593543950335m);
            w.WriteName("\"s\":"u8); w.WriteDecimal(1.2300m);
            w.WriteName("\"date\":"u8); w.WriteDate(DateOnly.MaxValue);
            w.WriteName("\"ts\":"u8); w.WriteDateTime(new DateTime(2024, 5, 6, 7, 8, 9, 10).AddTicks(11));
            w.WriteName("\"g\":"u8); w.WriteGuid(guid);
            w.WriteName("\"b\":"u8); w.WriteBinary([1, 2, 3]);
            w.WriteName("\"en\":"u8); w.WriteEnumName(DayOfWeek.Monday);
            w.WriteName("\"ev\":"u8); w.WriteEnumNumber((ConsoleColor)3);
            w.WriteName("\"j\":"u8); w.WriteJsonText(" {\"k\": [1, \"x\"]} ");
            w.EndRow();
        });
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(long.MinValue, root.GetProperty("l").GetInt64());
        Assert.Equal(ulong.MaxValue, root.GetProperty("u").GetUInt64());
        Assert.Equal("170141183460469231731687303715884105727", root.GetProperty("big").GetRawText());
        Assert.Equal(double.MaxValue, root.GetProperty("d").GetDouble());
        Assert.Equal(double.Epsilon, root.GetProperty("e").GetDouble());
        Assert.Equal(float.MaxValue, root.GetProperty("f").GetSingle());
        Assert.Equal(-79228162514264337593543950335m, root.GetProperty("m").GetDecimal());
        Assert.Equal("1.2300", root.GetProperty("s").GetRawText());
        Assert.Equal("9999-12-31", root.GetProperty("date").GetString());
        Assert.Equal("2024-05-06 07:08:09.010001", root.GetProperty("ts").GetString());
        Assert.Equal(guid, root.GetProperty("g").GetGuid());
        Assert.Equal(new byte[] { 1, 2, 3 }, root.GetProperty("b").GetBytesFromBase64());
        Assert.Equal("Monday", root.GetProperty("en").GetString());
        Assert.Equal(3, root.GetProperty("ev").GetInt32());
        Assert.Equal(1, root.GetProperty("j").GetProperty("k")[0].GetInt32());
    }

    [Fact]
    public void Rejects_non_finite_numbers_naming_the_member()
    {
        var e = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.Json(JsonFormat.Default, (ref JsonRowWriter w) =>
        {
            w.BeginRow(); w.WriteName("\"unit_price\":"u8); w.WriteDouble(double.NaN); w.EndRow();
        }));
        Assert.Equal("unit_price", e.Column);
        var f = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.Json(JsonFormat.Default, (ref JsonRowWriter w) =>
        {
            w.BeginRow(); w.WriteName("\"ratios\":"u8); w.WriteValue<float[], ValueWriters.Array<float, ValueWriters.Single>>([1, float.PositiveInfinity]); w.EndRow();
        }));
        Assert.Equal("ratios", f.Column);
    }

    [Fact]
    public void Rejects_invalid_json_text()
    {
        var e = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJsonText("{\"a\":")));
        Assert.Equal("v", e.Column);
        Assert.Throws<StarRocksSerializationException>(() => TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJsonText("1 2")));
    }

    [Fact]
    public void Embeds_bare_json_values_as_tokens_never_as_strings_holding_json_text()
    {
        // StarRocks keeps a JSON column's token as it arrives (add_native_json_column → JsonValue::from_simdjson): a
        // string token is stored as a JSON string, never parsed, so JSON values must be embedded, not quoted
        Assert.Equal("\"\\\"quoted\\\"\"", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJsonText("\"\\\"quoted\\\"\"")));
        Assert.Equal("12.50", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJsonText("12.50")));
        Assert.Equal("[1,\"two\"]", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJsonText("[1,\"two\"]")));
        using var document = JsonDocument.Parse("\"just \\\"a\\\" string\"");
        Assert.Equal("\"just \\\"a\\\" string\"", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJson(document.RootElement)));
    }

    [Fact]
    public void Writes_json_elements_raw()
    {
        using var document = JsonDocument.Parse("{\"a\": [1, 2.50, \"x\\u00e9\"]}");
        Assert.Equal("{\"a\": [1, 2.50, \"x\\u00e9\"]}", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJson(document.RootElement)));
        Assert.Equal("null", TestBuffers.JsonValue((ref JsonRowWriter w) => w.WriteJson(default)));
    }

    [Fact]
    public void Writes_collections_as_json_values_with_quoted_map_keys()
    {
        Assert.Equal("[1,null,3]", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<List<int?>, ValueWriters.List<int?, ValueWriters.Nullable<int, ValueWriters.Int32>>>([1, null, 3])));
        Assert.Equal("{\"1\":[\"a\"],\"2\":[]}", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<Dictionary<long, string[]>, ValueWriters.Dictionary<long, string[], ValueWriters.Int64, ValueWriters.Array<string, ValueWriters.String>>>(
                new() { [1] = ["a"], [2] = [] })));
        Assert.Equal("{\"2024-01-02\":1.5}", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<IReadOnlyDictionary<DateOnly, double>, ValueWriters.ReadOnlyDictionary<DateOnly, double, ValueWriters.DateOnly, ValueWriters.Double>>(
                new Dictionary<DateOnly, double> { [new DateOnly(2024, 1, 2)] = 1.5 })));
        Assert.Equal("[[1,2],[3]]", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<System.Collections.Immutable.ImmutableArray<int[]>, ValueWriters.ImmutableArray<int[], ValueWriters.Array<int, ValueWriters.Int32>>>([[1, 2], [3]])));
        Assert.Equal("[\"x\",\"y\"]", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<IEnumerable<string>, ValueWriters.Enumerable<string, ValueWriters.String>>(new HashSet<string> { "x", "y" }.Order())));
        Assert.Equal("null", TestBuffers.JsonValue((ref JsonRowWriter w) =>
            w.WriteValue<IReadOnlyList<int>?, ValueWriters.ReadOnlyList<int, ValueWriters.Int32>>(null)));
    }

    [Fact]
    public void Body_of_many_rows_survives_span_boundaries()
    {
        var buffer = new ArrayBufferWriter<byte>(1);
        var writer = new JsonRowWriter(buffer);
        var longText = new string('x', 20000) + "\"";
        for (int i = 0; i < 500; i++)
        {
            writer.BeginRow();
            writer.WriteName("\"i\":"u8); writer.WriteInt32(i);
            writer.WriteName("\"s\":"u8); writer.WriteString(i % 100 == 0 ? longText : "row " + i);
            writer.EndRow();
        }
        writer.Complete();
        Assert.Equal(buffer.WrittenCount, writer.BytesWritten);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(500, document.RootElement.GetArrayLength());
        Assert.Equal(longText, document.RootElement[300].GetProperty("s").GetString());
        Assert.Equal(499, document.RootElement[499].GetProperty("i").GetInt32());
    }
}
