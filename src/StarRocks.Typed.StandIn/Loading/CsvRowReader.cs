using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Splits a CSV body as StarRocks 3.x does: rows by <c>row_delimiter</c>, fields by <c>column_separator</c>
/// (both multi-byte), <c>\N</c> = NULL, empty field = empty string; with <c>enclose</c> a field starting with the
/// quote byte runs to the closing quote (a doubled quote is one quote); with <c>escape</c> the escape byte makes the
/// next byte literal, inside and outside enclosures.
/// </summary>
public static class CsvRowReader
{
    /// <summary>Reads every row of <paramref name="body"/>.</summary>
    public static List<SourceRow> Read(ReadOnlySpan<byte> body, LoadOptions options)
    {
        return IsPlain(options) ? ReadPlain(body, options) : ReadQuoted(body, options);
    }

    /// <summary>Whether rows can be read with <see cref="PlainRows"/> (no <c>enclose</c>, no <c>escape</c>).</summary>
    public static bool IsPlain(LoadOptions options) => options.Enclose is null && options.Escape is null;

    private static List<SourceRow> ReadPlain(ReadOnlySpan<byte> body, LoadOptions options)
    {
        var rows = new List<SourceRow>();
        var reader = new PlainRows(body, options);
        while (reader.MoveNext(out var fields, out var raw))
            rows.Add(new SourceRow(fields.ToArray(), Encoding.UTF8.GetString(raw)));
        return rows;
    }

    /// <summary>
    /// The fast path without enclose/escape: one row at a time, rows and fields cut with vectorised searches; the fields
    /// of a row are valid until the next <see cref="MoveNext"/>, and the row's text is decoded only if the caller needs it.
    /// </summary>
    public ref struct PlainRows(ReadOnlySpan<byte> body, LoadOptions options)
    {
        private ReadOnlySpan<byte> _rest = body;
        private int _skip = options.SkipHeader;
        private readonly List<string?> _fields = [];

        /// <summary>Reads the next row's fields (null = NULL) and its bytes; false at the end of the body.</summary>
        public bool MoveNext(out ReadOnlySpan<string?> fields, out ReadOnlySpan<byte> raw)
        {
            while (!_rest.IsEmpty)
            {
                var end = _rest.IndexOf(options.RowDelimiter);
                raw = end < 0 ? _rest : _rest[..end];
                _rest = end < 0 ? [] : _rest[(end + options.RowDelimiter.Length)..];
                if (_skip > 0)
                {
                    _skip--;
                    continue;
                }
                _fields.Clear();
                var rest = raw;
                while (true)
                {
                    var separator = rest.IndexOf(options.ColumnSeparator);
                    var field = separator < 0 ? rest : rest[..separator];
                    var text = field.Length == 2 && field[0] == (byte)'\\' && field[1] == (byte)'N' ? null : Encoding.UTF8.GetString(field);
                    _fields.Add(options.TrimSpace ? text?.Trim(' ') : text);
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

    private static List<SourceRow> ReadQuoted(ReadOnlySpan<byte> body, LoadOptions options)
    {
        var rows = new List<SourceRow>();
        var fields = new List<string?>();
        var field = new List<byte>();
        var skip = options.SkipHeader;
        var position = 0;
        while (position < body.Length)
        {
            var rowStart = position;
            fields.Clear();
            var endOfRow = false;
            while (!endOfRow)
            {
                field.Clear();
                var enclosed = false;
                var sawEnclosure = false;
                while (true)
                {
                    if (position >= body.Length)
                    {
                        endOfRow = true;
                        break;
                    }
                    var b = body[position];
                    if (enclosed)
                    {
                        if (options.Escape is { } esc && b == esc && position + 1 < body.Length)
                        {
                            field.Add(body[position + 1]);
                            position += 2;
                        }
                        else if (b == options.Enclose)
                        {
                            if (position + 1 < body.Length && body[position + 1] == options.Enclose)
                            {
                                field.Add(b);
                                position += 2;
                            }
                            else
                            {
                                enclosed = false;
                                position++;
                            }
                        }
                        else
                        {
                            field.Add(b);
                            position++;
                        }
                        continue;
                    }
                    if (body[position..].StartsWith(options.RowDelimiter))
                    {
                        position += options.RowDelimiter.Length;
                        endOfRow = true;
                        break;
                    }
                    if (body[position..].StartsWith(options.ColumnSeparator))
                    {
                        position += options.ColumnSeparator.Length;
                        break;
                    }
                    if (options.Escape is { } escape && b == escape && position + 1 < body.Length)
                    {
                        field.Add(body[position + 1]);
                        position += 2;
                    }
                    else if (options.Enclose is { } quote && b == quote && !sawEnclosure && IsBlank(field))
                    {
                        field.Clear();
                        enclosed = sawEnclosure = true;
                        position++;
                    }
                    else
                    {
                        field.Add(b);
                        position++;
                    }
                }
                fields.Add(FieldValue(field, sawEnclosure, options.TrimSpace));
            }
            var raw = Encoding.UTF8.GetString(body[rowStart..position]);
            if (skip > 0)
            {
                skip--;
                continue;
            }
            rows.Add(new SourceRow([.. fields], raw));
        }
        return rows;
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

    private static bool IsBlank(List<byte> field) => field.TrueForAll(b => b == (byte)' ');

    private static string? FieldValue(List<byte> bytes, bool enclosed, bool trim)
    {
        var text = Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
        if (!enclosed && text == "\\N")
            return null;
        return trim && !enclosed ? text.Trim(' ') : text;
    }
}
