using System.Buffers;

namespace StarRocks.Typed.Loading;

/// <summary>
/// An already-serialized Stream Load body: a chain of <see cref="ArrayPool{T}"/> segments that row writers fill
/// through <see cref="IBufferWriter{T}"/>. The bytes can be sent any number of times (after a redirect, on a retry)
/// without re-serializing rows; <see cref="Dispose"/> returns the segments to the pool.
/// </summary>
/// <remarks>Not thread-safe. Do not write to a batch while it is being sent.</remarks>
public sealed class LoadBatch : LoadBody, IBufferWriter<byte>, IDisposable
{
    /// <summary>The default size of a pooled segment (64 KiB).</summary>
    public const int DefaultSegmentSize = 64 * 1024;

    private readonly ArrayPool<byte> _pool;
    private readonly int _segmentSize;
    private readonly List<byte[]> _segments = [];
    private readonly List<int> _segmentLengths = [];
    private byte[]? _current;
    private int _currentLength;
    private long _length;
    private bool _disposed;

    /// <summary>Creates an empty batch that rents segments from <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <param name="segmentSize">The minimum size of each rented segment.</param>
    public LoadBatch(int segmentSize = DefaultSegmentSize)
        : this(ArrayPool<byte>.Shared, segmentSize)
    {
    }

    /// <summary>Creates an empty batch that rents segments from <paramref name="pool"/>.</summary>
    /// <param name="pool">The pool segments are rented from and returned to.</param>
    /// <param name="segmentSize">The minimum size of each rented segment.</param>
    public LoadBatch(ArrayPool<byte> pool, int segmentSize = DefaultSegmentSize)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 256);
        _pool = pool;
        _segmentSize = segmentSize;
    }

    /// <summary>The number of bytes written so far.</summary>
    public override long Length => _length;

    /// <summary>The number of rows the writer recorded with <see cref="AddRows"/> (informational; used in telemetry).</summary>
    public long RowCount { get; private set; }

    /// <summary>Records that <paramref name="count"/> more rows were written into the batch.</summary>
    /// <param name="count">The number of rows just written.</param>
    public void AddRows(long count = 1) => RowCount += count;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count < 0 || _current is null || _currentLength + count > _current.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Advanced past the end of the buffer returned by GetMemory/GetSpan.");
        }

        _currentLength += count;
        _length += count;
    }

    /// <summary>Appends <paramref name="bytes"/>, filling the current segment before renting the next.</summary>
    /// <param name="bytes">The bytes to append.</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_current is { } current && !_disposed && bytes.Length <= current.Length - _currentLength)
        {
            bytes.CopyTo(current.AsSpan(_currentLength)); // the common case: the current segment has room
            _currentLength += bytes.Length;
            _length += bytes.Length;
            return;
        }

        while (!bytes.IsEmpty)
        {
            var room = EnsureCapacity(0).AsSpan(_currentLength);
            var count = Math.Min(room.Length, bytes.Length);
            bytes[..count].CopyTo(room);
            _currentLength += count;
            _length += count;
            bytes = bytes[count..];
        }
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => EnsureCapacity(sizeHint).AsMemory(_currentLength);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => EnsureCapacity(sizeHint).AsSpan(_currentLength);

    /// <summary>Returns the written bytes as a sequence of read-only segments (no copy).</summary>
    /// <returns>The segments in write order.</returns>
    public IEnumerable<ReadOnlyMemory<byte>> GetSegments()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < _segments.Count; i++)
        {
            yield return _segments[i].AsMemory(0, _segmentLengths[i]);
        }

        if (_current is not null && _currentLength > 0)
        {
            yield return _current.AsMemory(0, _currentLength);
        }
    }

    /// <summary>Copies the written bytes to <paramref name="destination"/>, segment by segment.</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when every segment is written.</returns>
    public override async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var segment in GetSegments())
        {
            await destination.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the written bytes and returns all segments but one to the pool, so the batch can be refilled.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ReturnSegments();
        _length = 0;
        RowCount = 0;
    }

    /// <summary>Returns every segment to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReturnSegments();
        if (_current is not null)
        {
            _pool.Return(_current);
            _current = null;
        }
    }

    private protected override void ThrowIfUnusable() => ObjectDisposedException.ThrowIf(_disposed, this);

    private byte[] EnsureCapacity(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _currentLength >= needed)
        {
            return _current;
        }

        if (_current is not null && _currentLength > 0)
        {
            _segments.Add(_current);
            _segmentLengths.Add(_currentLength);
        }
        else if (_current is not null)
        {
            _pool.Return(_current);
        }

        _current = _pool.Rent(Math.Max(needed, _segmentSize));
        _currentLength = 0;
        return _current;
    }

    private void ReturnSegments()
    {
        foreach (var segment in _segments)
        {
            _pool.Return(segment);
        }

        _segments.Clear();
        _segmentLengths.Clear();
        _currentLength = 0;
    }
}
