using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StarRocks.Typed.Serialization;

/// <summary>Embeds JSON column values: <see cref="JsonElement"/>s by their raw UTF-8 text, JSON strings after validation.</summary>
internal static class JsonTextWriter
{
    /// <summary>Writes the element's raw UTF-8 JSON text.</summary>
    public static void WriteElement(ref Utf8Buffer buffer, JsonElement element)
        => buffer.Write(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>Writes <paramref name="json"/> as UTF-8 after checking it is exactly one JSON value.</summary>
    public static void WriteText(ref Utf8Buffer buffer, string json, string column)
    {
        var span = buffer.GetSpan(checked(json.Length * 3));
        int n = Utf8ValueFormatter.TranscodeUtf16(json, span);
        Validate(span[..n], column);
        buffer.Advance(n);
    }

    /// <summary>Throws unless <paramref name="json"/> is exactly one JSON value.</summary>
    public static void Validate(string json, string column)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(checked(json.Length * 3));
        try { Validate(rented.AsSpan(0, Utf8ValueFormatter.TranscodeUtf16(json, rented)), column); }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    private static void Validate(ReadOnlySpan<byte> utf8, string column)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read()) throw new JsonException("empty");
            reader.Skip();
            if (reader.Read()) throw new JsonException("more than one value");
        }
        catch (JsonException e)
        {
            throw new StarRocksSerializationException(column, $"the value is not a single JSON value ({e.Message}).");
        }
    }
}
