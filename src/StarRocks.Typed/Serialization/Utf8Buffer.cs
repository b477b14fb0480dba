using System.Buffers;
using System.Runtime.CompilerServices;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// The output cursor both row writers share: caches a span from the <see cref="IBufferWriter{T}"/> and advances it
/// only when the span is exhausted or on <see cref="Flush"/>.
/// </summary>
internal ref struct Utf8Buffer
{
    private const int MinimumChunk = 8192;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _pos;
    private long _committed;

    public Utf8Buffer(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => _committed + _pos;

    /// <summary>Number of bytes written into the current span (not yet advanced).</summary>
    public readonly int Position => _pos;

    /// <summary>The bytes written into the current span and not yet advanced.</summary>
    public readonly Span<byte> Pending => _span[.._pos];

    /// <summary>A span of at least <paramref name="size"/> free bytes at the cursor; commit with <see cref="Advance"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if ((uint)(_span.Length - _pos) < (uint)size) Grow(size);
        return _span[_pos..];
    }

    /// <summary>Moves the cursor past <paramref name="count"/> bytes written into <see cref="GetSpan"/>'s span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _pos += count;

    /// <summary>Moves the cursor back to <paramref name="position"/> within the current span.</summary>
    public void Rewind(int position) => _pos = position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte b)
    {
        if (_pos >= _span.Length) Grow(1);
        _span[_pos++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if ((uint)(_span.Length - _pos) < (uint)bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_span[_pos..]);
        _pos += bytes.Length;
    }

    /// <summary>Wraps the bytes from <paramref name="start"/> to the cursor in double quotes (the span must have 2 free bytes).</summary>
    public void QuoteFrom(int start)
    {
        _span[start.._pos].CopyTo(_span[(start + 1)..]);
        _span[start] = (byte)'"';
        _span[_pos + 1] = (byte)'"';
        _pos += 2;
    }

    /// <summary>Advances the underlying writer past everything written; the next write asks it for a new span.</summary>
    public void Flush()
    {
        if (_pos > 0)
        {
            _output.Advance(_pos);
            _committed += _pos;
        }
        _pos = 0;
        _span = default;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        Flush();
        _span = _output.GetSpan(Math.Max(size, MinimumChunk));
        if (_span.Length < size) throw new InvalidOperationException("The buffer writer returned a span smaller than requested.");
    }
}
