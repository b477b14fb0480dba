using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// How a CSV text field that contains special bytes, is empty, or is the literal <c>\N</c> is written so that
/// StarRocks's CSV reader returns exactly the original bytes — or why it cannot be. The rules follow the two
/// StarRocks CSV parsers: the plain splitter (no <c>enclose</c>/<c>escape</c>: fields are cut at every separator and
/// rows at every delimiter) and the enclose/escape state machine (StarRocks ≥ 3.0). See docs/serialization.md.
/// </summary>
internal static class CsvFieldRules
{
    /// <summary>Whether <paramref name="text"/> is exactly <c>\N</c>, which StarRocks reads as NULL in every mode.</summary>
    public static bool IsNullMarker(ReadOnlySpan<byte> text) => text.Length == 2 && text[0] == (byte)'\\' && text[1] == (byte)'N';

    /// <summary>
    /// Writes <paramref name="text"/> (which may sit in the buffer's free space at the cursor) with the format's rules,
    /// or throws <see cref="StarRocksSerializationException"/> when no faithful representation exists.
    /// </summary>
    public static void WriteSpecial(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, CsvFormat format, string column)
    {
        // text may alias the buffer's free space, which the writes below overwrite: work on a copy.
        byte[] rented = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(rented);
            Write(ref buffer, rented.AsSpan(0, text.Length), format, column);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Write(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, CsvFormat format, string column)
    {
        if (text.IsEmpty)
        {
            // An enclosed empty field keeps a one-column row from being skipped as a blank line.
            if (format.Enclose is { } e) { var span = buffer.GetSpan(2); span[0] = e; span[1] = e; buffer.Advance(2); }
            return;
        }
        if (IsNullMarker(text))
            throw Unrepresentable(column, "the string \\N is read as NULL by StarRocks's CSV reader");

        var separator = format.ColumnSeparatorBytes;
        var delimiter = format.RowDelimiterBytes;
        bool hasToken = text.IndexOf(separator) >= 0 || text.IndexOf(delimiter) >= 0;
        bool endsWithTokenPrefix = EndsWithProperPrefix(text, separator) || EndsWithProperPrefix(text, delimiter);

        if (format.Escape is { } escape)
        {
            WriteEscaped(ref buffer, text, format, escape, endsWithTokenPrefix, column);
            return;
        }
        if (format.Enclose is not { } enclose)
        {
            if (hasToken || endsWithTokenPrefix)
                throw Unrepresentable(column, "it contains the column separator or row delimiter and the format has no enclose character");
            buffer.Write(text);
            return;
        }

        // Enclose without escape: StarRocks then treats NUL as the escape byte.
        if (text.IndexOf((byte)0) >= 0)
            throw Unrepresentable(column, "it contains U+0000, which StarRocks's CSV reader treats as an escape when enclose is set");
        bool needsEnclosure = hasToken || endsWithTokenPrefix;
        if (text[0] == enclose)
        {
            // A field starting with the enclose byte cannot be enclosed: a doubled enclose right after the opening one
            // is read as an escaped enclose outside the enclosure. Unenclosed, doubling keeps it (except a lone enclose).
            if (needsEnclosure || text.Length == 1)
                throw Unrepresentable(column, "it starts with the enclose character and is a lone enclose character or also contains a separator");
            WriteDoubled(ref buffer, text, enclose);
            return;
        }
        if (needsEnclosure) buffer.Write(enclose);
        WriteDoubled(ref buffer, text, enclose);
        if (needsEnclosure) buffer.Write(enclose);
    }

    /// <summary>Escape mode: every escape, enclose (or NUL when enclose is unset), separator and delimiter gets the escape byte before it.</summary>
    private static void WriteEscaped(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, CsvFormat format, byte escape, bool endsWithTokenPrefix, string column)
    {
        byte enclose = format.Enclose ?? 0;
        if (endsWithTokenPrefix && format.Enclose is null)
            throw Unrepresentable(column, "it ends with the start of a multi-byte separator or delimiter and the format has no enclose character");
        var source = text;
        var separator = format.ColumnSeparatorBytes;
        var delimiter = format.RowDelimiterBytes;
        if (endsWithTokenPrefix) buffer.Write(enclose);
        for (int i = 0; i < source.Length;)
        {
            var rest = source[i..];
            if (rest.StartsWith(separator)) { buffer.Write(escape); buffer.Write(separator); i += separator.Length; continue; }
            if (rest.StartsWith(delimiter)) { buffer.Write(escape); buffer.Write(delimiter); i += delimiter.Length; continue; }
            byte b = source[i++];
            if (b == escape || b == enclose) buffer.Write(escape);
            buffer.Write(b);
        }
        if (endsWithTokenPrefix) buffer.Write(enclose);
    }

    private static void WriteDoubled(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, byte enclose)
    {
        if (text.IndexOf(enclose) < 0) { buffer.Write(text); return; }
        var rest = text;
        int next;
        while ((next = rest.IndexOf(enclose)) >= 0)
        {
            buffer.Write(rest[..(next + 1)]);
            buffer.Write(enclose);
            rest = rest[(next + 1)..];
        }
        buffer.Write(rest);
    }

    /// <summary>Whether <paramref name="text"/> ends with a non-empty proper prefix of <paramref name="token"/> (which the next separator would complete).</summary>
    private static bool EndsWithProperPrefix(ReadOnlySpan<byte> text, ReadOnlySpan<byte> token)
    {
        for (int n = Math.Min(token.Length - 1, text.Length); n > 0; n--)
        {
            if (text[^n..].SequenceEqual(token[..n])) return true;
        }
        return false;
    }

    private static StarRocksSerializationException Unrepresentable(string column, string reason)
        => new(column, $"the value cannot be written faithfully as CSV: {reason}. Use the JSON format for this table.");
}
