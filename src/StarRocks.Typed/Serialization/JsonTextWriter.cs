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

    /// <summary>Writes <paramref name="json"/> as UTF-8 if it is exactly one JSON value; otherwise writes nothing and returns why.</summary>
    public static string? WriteText(ref Utf8Buffer buffer, string json)
    {
        var span = buffer.GetSpan(checked(json.Length * 3));
        int n = Utf8ValueFormatter.TranscodeUtf16(json, span);
        if (Check(span[..n]) is { } error) return error;
        buffer.Advance(n);
        return null;
    }

    /// <summary>Throws unless <paramref name="json"/> is exactly one JSON value.</summary>
    public static void Validate(string json, string column)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(checked(json.Length * 3));
        string? error;
        try { error = Check(rented.AsSpan(0, Utf8ValueFormatter.TranscodeUtf16(json, rented))); }
        finally { ArrayPool<byte>.Shared.Return(rented); }
        if (error is not null) throw new StarRocksSerializationException(column, error);
    }

    /// <summary>Null when <paramref name="utf8"/> is exactly one JSON value, else the reason.</summary>
    private static string? Check(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read()) return "the value is not a single JSON value (it is empty).";
            reader.Skip();
            return reader.Read() ? "the value is not a single JSON value (more than one value)." : null;
        }
        catch (JsonException e)
        {
            return $"the value is not a single JSON value ({e.Message}).";
        }
    }
}
