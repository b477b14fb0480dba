using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Strings inside ARRAY/MAP values written as CSV: StarRocks's CSV collection reader takes <c>"</c>-quoted elements
/// with doubled quotes (<c>"a""b"</c>) and no backslash escapes, so the UTF-8 text goes in verbatim.
/// </summary>
internal static class CsvCollectionText
{
    public static void WriteString(ref Utf8Buffer buffer, scoped ReadOnlySpan<char> value)
    {
        var span = buffer.GetSpan(checked(value.Length * 3 + 2));
        span[0] = (byte)'"';
        int n = Utf8ValueFormatter.TranscodeUtf16(value, span[1..]);
        int quote = span.Slice(1, n).IndexOf((byte)'"');
        if (quote < 0)
        {
            span[n + 1] = (byte)'"';
            buffer.Advance(n + 2);
            return;
        }
        // Rare: re-encode with doubled quotes (from a copy, as the output overwrites the transcoded text).
        byte[] copy = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            span.Slice(1, n).CopyTo(copy);
            buffer.Advance(1);
            ReadOnlySpan<byte> rest = copy.AsSpan(0, n);
            int next;
            while ((next = rest.IndexOf((byte)'"')) >= 0)
            {
                buffer.Write(rest[..(next + 1)]);
                buffer.Write((byte)'"');
                rest = rest[(next + 1)..];
            }
            buffer.Write(rest);
            buffer.Write((byte)'"');
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
