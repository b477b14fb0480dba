using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// JSON string escaping byte-identical to System.Text.Json with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>:
/// the text is transcoded once, checked with the encoder's vectorized scan, and only the tail from the first
/// character to escape goes through the encoder.
/// </summary>
internal static class JsonStringEscaper
{
    private static readonly JavaScriptEncoder s_encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Escapes <paramref name="value"/> for use between JSON quotes.</summary>
    public static string Escape(string value) => s_encoder.Encode(value);

    /// <summary>Non-zero for each ASCII char the encoder escapes (asked of the encoder itself, so it cannot drift).</summary>
    private static readonly byte[] s_escapedAscii = CreateEscapedAscii();

    private static byte[] CreateEscapedAscii()
    {
        var table = new byte[128];
        for (int c = 0; c < 128; c++)
            table[c] = s_encoder.FindFirstCharacterToEncodeUtf8([(byte)c]) == 0 ? (byte)1 : (byte)0;
        return table;
    }

    /// <summary>Writes <paramref name="value"/> as a quoted JSON string.</summary>
    public static void Write(ref Utf8Buffer buffer, scoped ReadOnlySpan<char> value)
    {
        var span = buffer.GetSpan(checked(value.Length * 3 + 2));
        if (value.Length <= 32 && TryWriteShortAscii(ref buffer, value, span)) return;
        span[0] = (byte)'"';
        if (Utf8.FromUtf16(value, span[1..], out _, out int n, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            // Lone surrogates: escape the UTF-16 text as System.Text.Json does (they become \uFFFD), then transcode.
            buffer.Advance(1);
            WriteEscapedUtf16(ref buffer, value);
            buffer.Write((byte)'"');
            return;
        }
        var utf8 = span.Slice(1, n);
        int first = s_encoder.FindFirstCharacterToEncodeUtf8(utf8);
        if (first < 0)
        {
            span[n + 1] = (byte)'"';
            buffer.Advance(n + 2);
            return;
        }
        buffer.Advance(1 + first);
        WriteEscaped(ref buffer, utf8[first..]);
        buffer.Write((byte)'"');
    }

    /// <summary>Short ASCII strings that need no escaping: narrow, check and quote in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryWriteShortAscii(ref Utf8Buffer buffer, scoped ReadOnlySpan<char> value, Span<byte> destination)
    {
        if (destination.Length < value.Length + 2 || !Utf8ValueFormatter.TryNarrowAscii(value, destination[1..], s_escapedAscii)) return false;
        destination[0] = (byte)'"';
        destination[value.Length + 1] = (byte)'"';
        buffer.Advance(value.Length + 2);
        return true;
    }

    private static void WriteEscapedUtf16(ref Utf8Buffer buffer, scoped ReadOnlySpan<char> value)
    {
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Max(value.Length * 6, 16));
        try
        {
            var status = s_encoder.Encode(value, rented, out _, out int written, isFinalBlock: true);
            if (status != OperationStatus.Done) throw new InvalidOperationException($"Escaping failed: {status}.");
            var escaped = rented.AsSpan(0, written);
            var span = buffer.GetSpan(checked(escaped.Length * 3));
            buffer.Advance(Utf8ValueFormatter.TranscodeUtf16(escaped, span));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes <paramref name="utf8"/> escaped (it may alias the buffer's free space, so it is copied first).</summary>
    private static void WriteEscaped(ref Utf8Buffer buffer, ReadOnlySpan<byte> utf8)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            utf8.CopyTo(rented);
            ReadOnlySpan<byte> source = rented.AsSpan(0, utf8.Length);
            while (true)
            {
                var destination = buffer.GetSpan(Math.Max(source.Length * 2, 64));
                var status = s_encoder.EncodeUtf8(source, destination, out int consumed, out int written, isFinalBlock: true);
                buffer.Advance(written);
                if (status == OperationStatus.Done) return;
                source = source[consumed..];
                buffer.GetSpan(destination.Length * 2);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
