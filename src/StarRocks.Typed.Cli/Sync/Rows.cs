using System.Buffers;
using System.Globalization;
using System.Text;

namespace StarRocks.Typed.Cli.Sync;

/// <summary>
/// Rows on their way from a reader to a writer: up to <see cref="Size"/> rows, each value's load text (what a CSV
/// Stream Load field holds) as UTF-8 bytes in one pooled buffer, or SQL NULL. A reader appends values column by column;
/// the writer that takes the chunk copies the bytes into its batch or file and disposes the chunk, which returns its
/// buffers to the pool.
/// </summary>
internal sealed class RowChunk : IDisposable
{
    /// <summary>How many rows a reader puts in one chunk.</summary>
    public const int Size = 1024;

    private byte[] _text = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int[] _ends;
    private bool[] _nulls;
    private int _length;
    private int _values;

    /// <summary>A chunk of rows of <paramref name="columns"/> values.</summary>
    public RowChunk(int columns)
    {
        Columns = columns;
        _ends = ArrayPool<int>.Shared.Rent(Size * columns);
        _nulls = ArrayPool<bool>.Shared.Rent(Size * columns);
    }

    /// <summary>The values per row.</summary>
    public int Columns { get; }

    /// <summary>The complete rows.</summary>
    public int RowCount => _values / Columns;

    /// <summary>Whether the chunk holds <see cref="Size"/> rows.</summary>
    public bool IsFull => _values == Size * Columns;

    /// <summary>How many bytes the values hold (progress only).</summary>
    public long Bytes => _length;

    /// <summary>Whether the value of <paramref name="column"/> in <paramref name="row"/> is NULL.</summary>
    public bool IsNull(int row, int column) => _nulls[(row * Columns) + column];

    /// <summary>The load text of <paramref name="column"/> in <paramref name="row"/> (empty for NULL).</summary>
    public ReadOnlySpan<byte> Value(int row, int column)
    {
        var index = (row * Columns) + column;
        var start = index == 0 ? 0 : _ends[index - 1];
        return _text.AsSpan(start, _ends[index] - start);
    }

    /// <summary>Appends a NULL.</summary>
    public void AddNull() => End(isNull: true);

    /// <summary>Appends a value whose load text is <paramref name="text"/>.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _text.AsSpan(_length));
        End(isNull: false);
    }

    /// <summary>Appends a value whose load text is <paramref name="value"/> formatted invariantly with <paramref name="format"/>.</summary>
    public void Add<T>(T value, ReadOnlySpan<char> format = default)
        where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(_text.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
            Reserve(_text.Length - _length + 1);
        _length += written;
        End(isNull: false);
    }

    /// <summary>Room for a value of at most <paramref name="size"/> bytes, to fill and then <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        Reserve(size);
        return _text.AsSpan(_length, size);
    }

    /// <summary>Appends the value of <paramref name="written"/> bytes filled into <see cref="GetSpan"/>.</summary>
    public void Advance(int written)
    {
        _length += written;
        End(isNull: false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_text);
        ArrayPool<int>.Shared.Return(_ends);
        ArrayPool<bool>.Shared.Return(_nulls);
        (_text, _ends, _nulls) = ([], [], []);
    }

    private void End(bool isNull)
    {
        _nulls[_values] = isNull;
        _ends[_values++] = _length;
    }

    private void Reserve(int size)
    {
        if (_text.Length - _length >= size)
            return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_text.Length * 2, _length + size));
        _text.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_text);
        _text = larger;
    }
}

/// <summary>What a column's load text is, for writers that write typed values (JSON).</summary>
internal enum ColumnKind
{
    /// <summary>Text: strings, dates, binary as base64.</summary>
    Text,

    /// <summary>A number: written bare in JSON.</summary>
    Number,
}

/// <summary>The columns a reader produces, in order.</summary>
/// <param name="Names">The column names.</param>
/// <param name="Kinds">The kind of each column's values.</param>
internal sealed record RowSchema(IReadOnlyList<string> Names, IReadOnlyList<ColumnKind> Kinds);
