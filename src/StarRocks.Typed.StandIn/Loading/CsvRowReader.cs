using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Splits a CSV body as StarRocks does (CSVScanner, be/src/exec/csv_scanner.cpp): without <c>enclose</c> and
/// <c>escape</c> each record is cut at the row delimiter and split at every column separator
/// (<c>CSVReader::next_record(Record*)</c> + <c>split_record</c>); with either set the
/// <see cref="CsvStateMachine"/> reads the body. Either way <c>skip_header</c> drops raw lines first, blank records are
/// skipped, a field equal to <c>\N</c> after unescaping is NULL (<c>NullableConverter</c>), and a record that is not
/// valid UTF-8 is rejected.
/// </summary>
public static class CsvRowReader
{
    /// <summary>The error of a record that is not valid UTF-8 (CSVScanner's message).</summary>
    public const string InvalidUtf8 = "Invalid UTF-8 row";

    /// <summary>Reads every row of <paramref name="body"/>.</summary>
    public static List<SourceRow> Read(ReadOnlySpan<byte> body, LoadOptions options)
    {
        return IsPlain(options) ? ReadPlain(body, options) : CsvStateMachine.Read(SkipHeader(body, options), options);
    }

    /// <summary>Whether rows can be read with <see cref="PlainRows"/> (no <c>enclose</c>, no <c>escape</c>).</summary>
    public static bool IsPlain(LoadOptions options) => options.Enclose is null && options.Escape is null;

    private static List<SourceRow> ReadPlain(ReadOnlySpan<byte> body, LoadOptions options)
    {
        var rows = new List<SourceRow>();
        var reader = new PlainRows(body, options);
        while (reader.MoveNext(out var fields, out var raw))
        {
            rows.Add(System.Text.Unicode.Utf8.IsValid(raw)
                ? new SourceRow(fields.ToArray(), Encoding.UTF8.GetString(raw))
                : new SourceRow(null, Encoding.UTF8.GetString(raw), InvalidUtf8));
        }
        return rows;
    }

    /// <summary>
    /// <c>skip_header</c>: CSVScanner skips that many records with the plain <c>next_record</c> even when enclose or
    /// escape is set, so a quoted row delimiter still ends a skipped line.
    /// </summary>
    private static ReadOnlySpan<byte> SkipHeader(ReadOnlySpan<byte> body, LoadOptions options)
    {
        for (var i = 0; i < options.SkipHeader && !body.IsEmpty; i++)
        {
            var end = body.IndexOf(options.RowDelimiter);
            body = end < 0 ? [] : body[(end + options.RowDelimiter.Length)..];
        }
        return body;
    }

    /// <summary>
    /// The plain path without enclose/escape: one record at a time, cut at the row delimiter (a last record without one
    /// counts), empty records skipped, fields split at every separator and, with <c>trim_space</c>, trimmed of spaces.
    /// The fields of a row are valid until the next <see cref="MoveNext"/>; the caller checks the row's bytes are UTF-8.
    /// </summary>
    public ref struct PlainRows(ReadOnlySpan<byte> body, LoadOptions options)
    {
        private ReadOnlySpan<byte> _rest = SkipHeader(body, options);
        private readonly List<string?> _fields = [];

        /// <summary>Reads the next row's fields (null = NULL) and its bytes; false at the end of the body.</summary>
        public bool MoveNext(out ReadOnlySpan<string?> fields, out ReadOnlySpan<byte> raw)
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf(options.RowDelimiter);
                raw = end < 0 ? _rest : _rest[..end];
                _rest = end < 0 ? [] : _rest[(end + options.RowDelimiter.Length)..];
                if (raw.IsEmpty)
                    continue;
                _fields.Clear();
                var rest = raw;
                while (true)
                {
                    var separator = rest.IndexOf(options.ColumnSeparator);
                    var field = separator < 0 ? rest : rest[..separator];
                    _fields.Add(FieldText(options.TrimSpace ? field.Trim((byte)' ') : field));
                    if (separator < 0)
                        break;
                    rest = rest[(separator + options.ColumnSeparator.Length)..];
                }
                fields = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_fields);
                return true;
            }
            fields = default;
            raw = default;
            return false;
        }
    }

    /// <summary>Counts rows by their delimiter without reading fields (storage-off mode).</summary>
    public static long CountRows(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> rowDelimiter)
    {
        long count = 0;
        if (rowDelimiter.Length == 1)
            return chunk.Count(rowDelimiter[0]);
        int index;
        while ((index = chunk.IndexOf(rowDelimiter)) >= 0)
        {
            count++;
            chunk = chunk[(index + rowDelimiter.Length)..];
        }
        return count;
    }

    /// <summary>A field's value as the converters see it: exactly <c>\N</c> is NULL (NullableConverter::read_string).</summary>
    internal static string? FieldText(ReadOnlySpan<byte> field) =>
        field is [(byte)'\\', (byte)'N'] ? null : Encoding.UTF8.GetString(field);
}
