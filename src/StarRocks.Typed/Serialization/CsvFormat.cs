using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// The CSV dialect written by <see cref="CsvRowWriter"/> and announced by <see cref="StarRocksHeaders"/>:
/// separators, enclosure and escape. See docs/serialization.md, "CSV rules".
/// </summary>
public sealed class CsvFormat : StarRocksFormat
{
    private byte[] _columnSeparator = [(byte)'\t'];
    private byte[] _rowDelimiter = [(byte)'\n'];
    private SearchValues<byte>? _specialBytes;
    private byte[]? _specialAscii;

    /// <summary>Tab-separated, newline-delimited, <c>"</c>-enclosed values when needed, no escape, UTC.</summary>
    public static CsvFormat Default { get; } = new();

    /// <summary>The column separator in StarRocks header notation (<c>\t</c>, <c>,</c>, <c>\x01</c>). Default <c>\t</c>.</summary>
    public string ColumnSeparator
    {
        get => StarRocksDelimiter.Format(_columnSeparator);
        init { _columnSeparator = StarRocksDelimiter.Parse(value); _specialBytes = null; }
    }

    /// <summary>The row delimiter in StarRocks header notation (<c>\n</c>, <c>\x0D0A</c>, <c>\x02</c>). Default <c>\n</c>.</summary>
    public string RowDelimiter
    {
        get => StarRocksDelimiter.Format(_rowDelimiter);
        init { _rowDelimiter = StarRocksDelimiter.Parse(value); _specialBytes = null; }
    }

    /// <summary>
    /// The Stream Load <c>enclose</c> byte (StarRocks ≥ 3.0), used only around values that need it; null disables
    /// enclosure (values containing a separator then throw). Default <c>"</c>.
    /// </summary>
    public byte? Enclose { get; init; } = (byte)'"';

    /// <summary>The Stream Load <c>escape</c> byte (StarRocks ≥ 3.0), or null (default) for none.</summary>
    public byte? Escape { get; init; }

    /// <summary>The column separator bytes.</summary>
    public ReadOnlySpan<byte> ColumnSeparatorBytes => _columnSeparator;

    /// <summary>The row delimiter bytes.</summary>
    public ReadOnlySpan<byte> RowDelimiterBytes => _rowDelimiter;

    /// <summary>
    /// What NULL is written as: <c>\N</c>; with a backslash escape the backslash itself must be escaped
    /// (<c>\\N</c>), because StarRocks removes escapes before it compares a field with <c>\N</c>.
    /// </summary>
    internal ReadOnlySpan<byte> NullMarkerBytes => Escape == (byte)'\\' ? "\\\\N"u8 : "\\N"u8;

    /// <summary>
    /// Bytes whose presence in a text value sends it to the slow path (<see cref="CsvFieldRules"/>): the separator and
    /// delimiter bytes, and with enclose/escape also those bytes and NUL. Validates the format on first use.
    /// </summary>
    internal SearchValues<byte> SpecialBytes => _specialBytes ??= CreateSpecialBytes();

    /// <summary>128 entries, non-zero for the ASCII bytes among <see cref="SpecialBytes"/> (the short-string fast path).</summary>
    internal ReadOnlySpan<byte> SpecialAsciiTable => _specialAscii ??= CreateSpecialAsciiTable();

    private HashSet<byte> SpecialByteSet()
    {
        var set = new HashSet<byte>(_columnSeparator);
        set.UnionWith(_rowDelimiter);
        if (Enclose is not null || Escape is not null)
        {
            set.Add(Enclose ?? 0);
            set.Add(Escape ?? 0);
        }
        return set;
    }

    private SearchValues<byte> CreateSpecialBytes()
    {
        Validate();
        return SearchValues.Create([.. SpecialByteSet()]);
    }

    private byte[] CreateSpecialAsciiTable()
    {
        var table = new byte[128];
        foreach (var b in SpecialByteSet())
            if (b < 128) table[b] = 1;
        return table;
    }

    /// <summary>
    /// Rejects dialects in which the writer could not keep values apart: separator and delimiter sharing a byte, or
    /// containing bytes that appear in unquoted values (letters, digits, <c>-+.:/=</c>, space, backslash), or equal to
    /// the enclose/escape byte.
    /// </summary>
    private void Validate()
    {
        foreach (var b in _columnSeparator.Concat(_rowDelimiter))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "-+.:/= \\".Contains((char)b))
                throw new InvalidOperationException($"CSV separator/delimiter byte 0x{b:X2} ('{(char)b}') can occur in unquoted values (numbers, dates, base64, \\N).");
            if (b == Enclose || b == Escape)
                throw new InvalidOperationException($"CSV separator/delimiter byte 0x{b:X2} equals the enclose or escape byte.");
        }
        if (_columnSeparator.Intersect(_rowDelimiter).Any())
            throw new InvalidOperationException("The CSV column separator and row delimiter must not share bytes.");
        foreach (var b in new[] { Enclose, Escape })
        {
            if (b is { } v && (v == 0 || v >= 0x80 || char.IsAsciiLetterOrDigit((char)v)))
                throw new InvalidOperationException($"CSV enclose/escape byte 0x{v:X2} must be ASCII punctuation.");
        }
        if (Enclose is { } e && e == Escape)
            throw new InvalidOperationException("The CSV enclose and escape bytes must differ.");
        if (_rowDelimiter.Length > 1 && (Enclose is not null || Escape is not null))
            throw new InvalidOperationException("With enclose or escape set the CSV row delimiter must be one byte: StarRocks's CSV state machine " +
                "(CSVReader::is_row_delimiter, be/src/formats/csv/csv_reader.cpp) reads a multi-byte row delimiter only when a byte follows it, " +
                "so the delimiter ending a load body is read as data of the last row.");
    }
}
