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

    /// <summary>Bytes whose presence in a value sends it to the slow (enclose/escape/validate) path.</summary>
    internal SearchValues<byte> SpecialBytes => _specialBytes ??= CreateSpecialBytes();

    private SearchValues<byte> CreateSpecialBytes()
    {
        var set = new HashSet<byte>(_columnSeparator) { _rowDelimiter[0] };
        foreach (var b in _rowDelimiter) set.Add(b);
        set.Add((byte)'\\');
        set.Add((byte)'\r');
        set.Add((byte)'\n');
        if (Enclose is { } e) set.Add(e);
        if (Escape is { } x) set.Add(x);
        return SearchValues.Create([.. set]);
    }
}
