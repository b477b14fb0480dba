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
            throw Unrepresentable(column, "StarRocks compares a field with \\N after removing escapes and enclosing quotes, so no " +
                "spelling of the string \\N reads back as anything but NULL (be/src/formats/csv/nullable_converter.cpp)");

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
                throw Unrepresentable(column, "without enclose and escape StarRocks cuts fields at every column separator and rows at every " +
                    "row delimiter (CSVReader::split_record, be/src/formats/csv/csv_reader.cpp), and the value contains one or ends with its first bytes");
            buffer.Write(text);
            return;
        }

        // Enclose without escape (CSVReader::more_rows): the unset escape is the byte 0, so NUL is doubled like the enclose
        // byte; outside an enclosure a doubled enclose is one enclose byte, but a field starting with the enclose byte is
        // opened as an enclosure, so such a value (like one holding a separator) is enclosed.
        bool enclosed = hasToken || endsWithTokenPrefix || text[0] == enclose;
        if (enclosed) buffer.Write(enclose);
        WriteDoubled(ref buffer, text, enclose);
        if (enclosed) buffer.Write(enclose);
    }

    /// <summary>Escape mode: every escape, enclose (or NUL when enclose is unset), separator and delimiter gets the escape byte before it.</summary>
    private static void WriteEscaped(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, CsvFormat format, byte escape, bool endsWithTokenPrefix, string column)
    {
        byte enclose = format.Enclose ?? 0;
        if (endsWithTokenPrefix && format.Enclose is null)
            throw Unrepresentable(column, "it ends with the first bytes of a multi-byte separator or delimiter: StarRocks's ESCAPE state " +
                "would take them with the real separator after them as one escaped separator (CSVReader::more_rows, be/src/formats/csv/csv_reader.cpp), " +
                "and without an enclose character the field cannot be enclosed");
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

    /// <summary>Writes <paramref name="text"/> with every enclose byte and every NUL (the unset escape) doubled.</summary>
    private static void WriteDoubled(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, byte enclose)
    {
        var rest = text;
        int next;
        while ((next = rest.IndexOfAny(enclose, (byte)0)) >= 0)
        {
            buffer.Write(rest[..(next + 1)]);
            buffer.Write(rest[next]);
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
