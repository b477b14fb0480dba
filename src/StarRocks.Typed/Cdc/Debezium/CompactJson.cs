using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Reads JSON in the compact form Kafka Connect's JsonConverter writes (no whitespace between tokens) without a
/// tokenizer: the decoder's fast path. Each method reads one token at <c>position</c> and moves past it, or returns false
/// for anything outside that form: whitespace, an escaped string, a control character in a string, nesting deeper than
/// <see cref="MaxDepth"/>, bytes that are not JSON. On false the caller reads the message with
/// <see cref="System.Text.Json.Utf8JsonReader"/> instead, which accepts it or names what is wrong; so what these
/// methods accept is JSON read exactly as that reader reads it (which, like them, does not check UTF-8 in strings).
/// </summary>
internal static class CompactJson
{
    /// <summary>The deepest nesting read here (the reader's limit, 64, is left to the reader).</summary>
    public const int MaxDepth = 32;

    /// <summary>What ends a string's unescaped content: its closing quote, or what this form does not read (a backslash, a control character).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 32).Select(b => (byte)b)]);

    /// <summary>Reads a string without escapes; <paramref name="content"/> is its UTF-8 between the quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryString(ReadOnlySpan<byte> json, scoped ref int position, out ReadOnlySpan<byte> content) => TryString(json, ref position, out content, out _);

    /// <summary>Reads a string without escapes; <paramref name="printableAscii"/> tells whether it is all printable ASCII (the common case, found in the same search).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryString(ReadOnlySpan<byte> json, scoped ref int position, out ReadOnlySpan<byte> content, out bool printableAscii)
    {
        int end = AfterString(json, position, out printableAscii);
        if (end < 0)
        {
            content = default;
            return false;
        }
        content = json[(position + 1)..(end - 1)];
        position = end;
        return true;
    }

    /// <summary>
    /// Where the string without escapes at <paramref name="position"/> ends (past its closing quote), or -1;
    /// <paramref name="printableAscii"/> tells whether it is all printable ASCII. The <c>After…</c> methods return
    /// positions rather than move a <c>ref</c> one, so that a caller's position can stay in a register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterString(ReadOnlySpan<byte> json, int position, out bool printableAscii)
    {
        printableAscii = false;
        if ((uint)position >= (uint)json.Length || json[position] != (byte)'"') return -1;
        var rest = json[(position + 1)..];
        int end = IndexOfNotPrintableAscii(rest);
        if (end >= 0 && rest[end] >= 0x7F)
        {
            int more = rest[end..].IndexOfAny(StringStops);
            end = more < 0 ? -1 : end + more;
        }
        else
        {
            printableAscii = true;
        }
        return end < 0 || rest[end] != (byte)'"' ? -1 : position + end + 2;
    }

    /// <summary>Reads a member's name and the colon after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryName(ReadOnlySpan<byte> json, scoped ref int position, out ReadOnlySpan<byte> name)
    {
        if (!TryString(json, ref position, out name) || (uint)position >= (uint)json.Length || json[position] != (byte)':') return false;
        position++;
        return true;
    }

    /// <summary>Reads a number (RFC 8259: <c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>); <paramref name="token"/> is its text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNumber(ReadOnlySpan<byte> json, scoped ref int position, out ReadOnlySpan<byte> token)
    {
        int end = AfterNumber(json, position);
        if (end < 0)
        {
            token = default;
            return false;
        }
        token = json[position..end];
        position = end;
        return true;
    }

    /// <summary>Where the number at <paramref name="position"/> ends, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterNumber(ReadOnlySpan<byte> json, int position)
    {
        int i = position;
        if (i < json.Length && json[i] == (byte)'-') i++;
        if (i >= json.Length) return -1;
        if (json[i] == (byte)'0') i++;
        else if (IsDigit(json[i])) i = AfterDigits(json, i);
        else return -1;
        if (i < json.Length && json[i] == (byte)'.')
        {
            int fraction = i + 1;
            i = AfterDigits(json, fraction);
            if (i == fraction) return -1;
        }
        if (i < json.Length && (json[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < json.Length && (json[i] == (byte)'+' || json[i] == (byte)'-')) i++;
            int exponent = i;
            i = AfterDigits(json, exponent);
            if (i == exponent) return -1;
        }
        return i;
    }

    /// <summary>Reads <paramref name="literal"/> (<c>null</c>, <c>true</c> or <c>false</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryLiteral(ReadOnlySpan<byte> json, ref int position, ReadOnlySpan<byte> literal)
    {
        int end = AfterLiteral(json, position, literal);
        if (end < 0) return false;
        position = end;
        return true;
    }

    /// <summary>Where <paramref name="literal"/> at <paramref name="position"/> ends, or -1 when it is not there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterLiteral(ReadOnlySpan<byte> json, int position, ReadOnlySpan<byte> literal)
        => json[position..].StartsWith(literal) ? position + literal.Length : -1;

    /// <summary>Reads past one value of any kind; <paramref name="depth"/> is the nesting it sits at.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        if ((uint)position >= (uint)json.Length) return false;
        switch (json[position])
        {
            case (byte)'"':
                return TryString(json, ref position, out _);
            case (byte)'n':
                return TryLiteral(json, ref position, "null"u8);
            case (byte)'t':
                return TryLiteral(json, ref position, "true"u8);
            case (byte)'f':
                return TryLiteral(json, ref position, "false"u8);
            case (byte)'{':
            case (byte)'[':
                return depth < MaxDepth && TrySkipContainer(json, ref position, depth + 1);
            default:
                return TryNumber(json, ref position, out _);
        }
    }

    /// <summary>Reads the separator after a member or element: true with <paramref name="end"/> false after a comma, true with <paramref name="end"/> true after <paramref name="close"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNext(ReadOnlySpan<byte> json, ref int position, byte close, out bool end)
    {
        end = false;
        if ((uint)position >= (uint)json.Length) return false;
        byte next = json[position++];
        end = next == close;
        return end || next == (byte)',';
    }

    private static bool TrySkipContainer(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        byte close = json[position] == (byte)'{' ? (byte)'}' : (byte)']';
        position++;
        if (position < json.Length && json[position] == close)
        {
            position++;
            return true;
        }
        bool end;
        do
        {
            if (close == (byte)'}' && !TryName(json, ref position, out _)) return false;
            if (!TrySkip(json, ref position, depth) || !TryNext(json, ref position, close, out end)) return false;
        }
        while (!end);
        return true;
    }

    /// <summary>
    /// The index of the first byte that is a quote, a backslash or outside printable ASCII (0x20–0x7E), or -1: 16 bytes a
    /// step. Most strings in change events are short, where this is cheaper than a general <see cref="SearchValues"/> search.
    /// </summary>
    private static int IndexOfNotPrintableAscii(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            for (; i + Vector128<byte>.Count <= text.Length; i += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref start, (nuint)i);
                var stops = Vector128.GreaterThan(bytes - Vector128.Create((byte)0x20), Vector128.Create((byte)(0x7E - 0x20)))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'));
                uint mask = stops.ExtractMostSignificantBits();
                if (mask != 0) return i + BitOperations.TrailingZeroCount(mask);
            }
        }
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            if (b - 0x20u > 0x7E - 0x20 || b == (byte)'"' || b == (byte)'\\') return i;
        }
        return -1;
    }

    private static int AfterDigits(ReadOnlySpan<byte> json, int position)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            for (; position + Vector128<byte>.Count <= json.Length; position += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)position);
                uint notDigits = Vector128.GreaterThan(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits();
                if (notDigits != 0) return position + BitOperations.TrailingZeroCount(notDigits);
            }
        }
        while (position < json.Length && IsDigit(json[position])) position++;
        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
