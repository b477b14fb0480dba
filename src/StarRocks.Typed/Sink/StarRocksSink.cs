using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The sink of one table: serializes rows (or, for deletes by key, keys) with the generated writer, up to a chunk at a
/// time, into the calling thread's <see cref="SerializedRows"/> (no lock: concurrent writers serialize in parallel),
/// reserves their bytes in the shared budget (waiting when the sink is full), then appends them to the table's buffer.
/// Upserts and deletes allocate nothing per row beyond the pooled batch segments.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
internal sealed class StarRocksSink<T> : IStarRocksSink<T> where T : IStarRocksTable<T>
{
    private readonly TableBuffer _table;
    private readonly SinkBuffers _buffers;
    private readonly SinkRowFormat _format;
    private readonly Func<CancellationToken, Task> _checkpoint;
    private readonly Dictionary<StarRocksColumnSet<T>, SinkRowShape> _partialShapes = [];

    /// <summary>Creates the sink of <typeparamref name="T"/>'s table.</summary>
    /// <param name="table">The table's buffer.</param>
    /// <param name="buffers">The sink's shared buffers (the budget).</param>
    /// <param name="format">The body format of the table's batches.</param>
    /// <param name="checkpoint">The sink's checkpoint (exactly-once), or flush of every table (at-least-once).</param>
    public StarRocksSink(TableBuffer table, SinkBuffers buffers, SinkRowFormat format, Func<CancellationToken, Task> checkpoint)
    {
        (_table, _buffers, _format, _checkpoint) = (table, buffers, format, checkpoint);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default) =>
        Write(new ReadOnlySpan<T>(in row), _format.Full, StarRocksOperation.Upsert, cancellationToken);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var chunk = ArrayPool<T>.Shared.Rent(SerializedRows.MaxRows);
        try
        {
            using var rowsLeft = rows.GetEnumerator();
            int count;
            do
            {
                for (count = 0; count < SerializedRows.MaxRows && rowsLeft.MoveNext(); count++)
                {
                    chunk[count] = rowsLeft.Current;
                }

                await Write(chunk.AsSpan(0, count), _format.Full, StarRocksOperation.Upsert, cancellationToken).ConfigureAwait(false);
            }
            while (count == SerializedRows.MaxRows);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(chunk, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlySpan<T> rows) => Write(rows, _format.Full, StarRocksOperation.Upsert, CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask WritePartialAsync(T row, StarRocksColumnSet<T> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        SinkRowShape? shape;
        lock (_partialShapes)
        {
            if (!_partialShapes.TryGetValue(columns, out shape))
            {
                shape = _format.Partial(columns.Included);
                _partialShapes.Add(columns, shape);
            }
        }

        return Write(new ReadOnlySpan<T>(in row), shape, StarRocksOperation.Upsert, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(T row, CancellationToken cancellationToken = default)
    {
        ThrowIfNoDelete();
        return Write(new ReadOnlySpan<T>(in row), _format.Full, StarRocksOperation.Delete, cancellationToken);
    }

    /// <summary>Buffers the deletion of the row with <paramref name="key"/>: only the key columns and <c>__op</c>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TFields">Writes the key's columns (the generated key writers).</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the delete is buffered.</returns>
    internal ValueTask DeleteByKeyAsync<TKey, TFields>(TKey key, CancellationToken cancellationToken)
        where TFields : ISinkFields<TKey>
    {
        ThrowIfNoDelete();
        return Write<TKey, TFields>(new ReadOnlySpan<TKey>(in key), _format.KeysOnly, StarRocksOperation.Delete, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _table.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask CheckpointAsync(CancellationToken cancellationToken = default) => new(_checkpoint(cancellationToken));

    /// <summary>Flushes this table (throwing only a failure not reported before); the coordinator is disposed with the service provider.</summary>
    /// <returns>Completes when the buffered rows are loaded.</returns>
    public ValueTask DisposeAsync() => _table.FlushAsync(CancellationToken.None);

    private ValueTask Write(ReadOnlySpan<T> rows, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken) =>
        Write<T, RowFields<T>>(rows, shape, operation, cancellationToken);

    /// <summary>
    /// Serializes the values a chunk at a time into the thread's <see cref="SerializedRows"/> (no lock: concurrent writers
    /// serialize in parallel), reserves each chunk's bytes in the budget and appends it to the table's buffer. A value the writer
    /// refuses is thrown after the values before it are appended; nothing of it is buffered, nor any value after it.
    /// </summary>
    private ValueTask Write<TValue, TFields>(ReadOnlySpan<TValue> values, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken)
        where TFields : ISinkFields<TValue>
    {
        _table.ThrowIfFaulted();
        while (!values.IsEmpty)
        {
            var rows = SerializedRows.Rent(_buffers.Budget.Limit);
            int serialized = _format.IsJson
                ? Serialize<TValue, TFields, JsonRowWriter>(values, rows, operation, new JsonRowWriter(rows.Output, _format.JsonRow), out var refused)
                : Serialize<TValue, TFields, CsvRowWriter>(values, rows, operation, new CsvRowWriter(rows.Output, _format.Csv), out refused);
            values = values[serialized..];
            if (!TryAppend(shape, rows))
            {
                return AppendAfterWaitAsync<TValue, TFields>(rows, refused, refused is null ? values.ToArray() : [], shape, operation, cancellationToken);
            }

            refused?.Throw();
        }

        return default;
    }

    private async ValueTask AppendAfterWaitAsync<TValue, TFields>(SerializedRows rows, ExceptionDispatchInfo? refused, TValue[] valuesLeft, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken)
        where TFields : ISinkFields<TValue>
    {
        do
        {
            await _buffers.WaitForRoomAsync(_table.ReservedBytes(rows), cancellationToken).ConfigureAwait(false);
            _table.ThrowIfFaulted();
        }
        while (!TryAppend(shape, rows));

        refused?.Throw();
        await Write<TValue, TFields>(valuesLeft, shape, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends the rows to the table's buffer if the budget has room for them (then hands the chunk back to the thread).</summary>
    private bool TryAppend(SinkRowShape shape, SerializedRows rows)
    {
        if (rows.Count > 0)
        {
            if (!_buffers.Budget.TryReserve(_table.ReservedBytes(rows)))
            {
                return false;
            }

            _table.Append(shape, rows);
            _buffers.SealLargestIfFull();
        }

        SerializedRows.Return(rows);
        return true;
    }

    /// <summary>Serializes values into <paramref name="rows"/> until the chunk is full; returns how many it took (a refused value and the rest are not).</summary>
    private int Serialize<TValue, TFields, TWriter>(ReadOnlySpan<TValue> values, SerializedRows rows, StarRocksOperation operation, TWriter writer, out ExceptionDispatchInfo? refused)
        where TFields : ISinkFields<TValue>
        where TWriter : IRowWriter, allows ref struct
    {
        refused = null;
        try
        {
            do
            {
                writer.BeginRow();
                SinkFields.Write<TValue, TFields, TWriter>(values[rows.Count], ref writer);
                if (_format.WithOperation)
                {
                    writer.EndRow(operation);
                }
                else
                {
                    writer.EndRow();
                }

                rows.EndRow(writer.BytesWritten);
            }
            while (rows.Count < values.Length && !rows.IsFull(writer.BytesWritten));
        }
        catch (Exception e)
        {
            refused = ExceptionDispatchInfo.Capture(NameMember(e));
        }

        writer.Complete();
        return rows.Count;
    }

    /// <summary>A refused value's exception naming the member as well as the column (the row writers know only the column).</summary>
    private Exception NameMember(Exception e) =>
        e is StarRocksSerializationException { Member: null } refused
        && _format.Table.Columns.FirstOrDefault(c => c.Name == refused.Column) is { } column
            ? refused.WithMember(column.MemberName)
            : e;

    private void ThrowIfNoDelete()
    {
        if (!_format.WithOperation)
        {
            throw new NotSupportedException($"{_format.Table.Database}.{_format.Table.Table} is not a PRIMARY KEY table; rows can only be deleted from PRIMARY KEY tables.");
        }
    }
}
