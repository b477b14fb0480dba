using System.Buffers;
using System.Text;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

/// <summary>Helpers that run a writer over a fresh buffer and return its bytes or text.</summary>
internal static class TestBuffers
{
    public delegate void CsvBody(ref CsvRowWriter writer);

    public delegate void JsonBody(ref JsonRowWriter writer);

    public static byte[] Csv(CsvFormat format, CsvBody body)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var writer = new CsvRowWriter(buffer, format);
        body(ref writer);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }

    public static string CsvText(CsvFormat format, CsvBody body) => Encoding.UTF8.GetString(Csv(format, body));

    /// <summary>One CSV row with one string field, ended.</summary>
    public static byte[] CsvField(CsvFormat format, string? value)
        => Csv(format, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteString(value, "c"); w.EndRow(); });

    public static byte[] Json(JsonFormat format, JsonBody body)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var writer = new JsonRowWriter(buffer, format);
        body(ref writer);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }

    public static string JsonText(JsonFormat format, JsonBody body) => Encoding.UTF8.GetString(Json(format, body));

    /// <summary>The JSON text of one value written with <paramref name="body"/> as member "v" of a newline-delimited row.</summary>
    public static string JsonValue(JsonBody body)
    {
        var text = JsonText(new JsonFormat { Layout = JsonRowLayout.NewlineDelimited }, (ref JsonRowWriter w) =>
        {
            w.BeginRow();
            w.WriteName("\"v\":"u8);
            body(ref w);
            w.EndRow();
        });
        Assert.StartsWith("{\"v\":", text);
        Assert.EndsWith("}\n", text);
        return text[5..^2];
    }
}
