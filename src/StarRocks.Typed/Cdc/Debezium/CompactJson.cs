using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Reads JSON in the compact form Kafka Connect's JsonConverter writes (no whitespace between tokens) without a
/// tokenizer: the decoder's fast path. Each method reads one token at <c>position</c> and returns where it ends, or -1
/// for anything outside that form: whitespace, an escaped string, a control character in a string, nesting deeper than
/// <see cref="MaxDepth"/>, bytes that are not JSON. On -1 the caller reads the message with
/// <see cref="System.Text.Json.Utf8JsonReader"/> instead, which accepts it or names what is wrong; so what these
/// methods accept is JSON read exactly as that reader reads it (which, like them, does not check UTF-8 in strings).
/// </summary>
internal static class CompactJson
{
    /// <summary>The deepest nesting read here (the reader's limit, 64, is left to the reader).</summary>
    public const int MaxDepth = 32;

    /// <summary>What ends a string's unescaped content: its closing quote, or what this form does not read (a backslash, a control character).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 32).Select(b => (byte)b)]);

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

    /// <summary>
    /// Where the integer at <paramref name="position"/> ends, and its <paramref name="value"/>; -1 for a number that is
    /// not an integer a <see cref="long"/> holds (a fraction, an exponent, a leading zero, more than 19 digits, out of
    /// range), which the reader's path then reads or refuses. One pass: the digits are read as they are found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterInteger(ReadOnlySpan<byte> json, int position, out long value)
    {
        value = 0;
        int i = position;
        bool negative = i < json.Length && json[i] == (byte)'-';
        if (negative) i++;
        int first = i;
        ulong magnitude = 0; // 19 digits fit: 10^19 - 1 < 2^64
        for (; i < json.Length && i - first < 19 && IsDigit(json[i]); i++) magnitude = magnitude * 10 + (uint)(json[i] - '0');
        if (i == first || (json[first] == (byte)'0' && i - first > 1)) return -1;
        if (i < json.Length && (IsDigit(json[i]) || json[i] is (byte)'.' or (byte)'e' or (byte)'E')) return -1;
        if (magnitude > (negative ? 1UL << 63 : long.MaxValue)) return -1;
        value = negative ? (long)(0 - magnitude) : (long)magnitude; // 2^63 negated wraps to long.MinValue: correct
        return i;
    }

    /// <summary>Where <paramref name="literal"/> at <paramref name="position"/> ends, or -1 when it is not there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterLiteral(ReadOnlySpan<byte> json, int position, ReadOnlySpan<byte> literal)
        => json[position..].StartsWith(literal) ? position + literal.Length : -1;

    /// <summary>Where the member name at <paramref name="position"/> and the colon after it end, or -1; the name is <c>json[(position + 1)..(end - 2)]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AfterName(ReadOnlySpan<byte> json, int position)
    {
        int end = AfterString(json, position, out _);
        return end < 0 || end >= json.Length || json[end] != (byte)':' ? -1 : end + 1;
    }

    /// <summary>Where the value of any kind at <paramref name="position"/> ends, or -1; <paramref name="depth"/> is the nesting it sits at.</summary>
    public static int AfterValue(ReadOnlySpan<byte> json, int position, int depth)
    {
        if ((uint)position >= (uint)json.Length) return -1;
        return json[position] switch
        {
            (byte)'"' => AfterString(json, position, out _),
            (byte)'n' => AfterLiteral(json, position, "null"u8),
            (byte)'t' => AfterLiteral(json, position, "true"u8),
            (byte)'f' => AfterLiteral(json, position, "false"u8),
            (byte)'{' or (byte)'[' => depth < MaxDepth ? AfterContainer(json, position, depth + 1) : -1,
            _ => AfterNumber(json, position),
        };
    }

    /// <summary>What follows a member or an element at <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Separator SeparatorAt(ReadOnlySpan<byte> json, int position, byte close)
        => (uint)position >= (uint)json.Length ? Separator.Neither
            : json[position] == (byte)',' ? Separator.Comma
            : json[position] == close ? Separator.Close
            : Separator.Neither;

    private static int AfterContainer(ReadOnlySpan<byte> json, int position, int depth)
    {
        byte close = json[position] == (byte)'{' ? (byte)'}' : (byte)']';
        position++;
        if (position < json.Length && json[position] == close) return position + 1;
        while (true)
        {
            if (close == (byte)'}' && (position = AfterName(json, position)) < 0) return -1;
            if ((position = AfterValue(json, position, depth)) < 0) return -1;
            switch (SeparatorAt(json, position++, close))
            {
                case Separator.Comma: continue;
                case Separator.Close: return position;
                default: return -1;
            }
        }
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

/// <summary>What follows a member or an element: a comma, the end of its container, or neither (not JSON this reads).</summary>
internal enum Separator
{
    Neither,
    Comma,
    Close,
}
