using System.Buffers;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The sink of one table: serializes each row (or, for deletes by key, each key) with the generated writer into the
/// calling thread's row buffer (no lock: concurrent writers serialize in parallel), reserves its bytes in the shared
/// budget (waiting when the sink is full), then appends it to the table's region. Upserts and deletes allocate nothing
/// per row beyond the pooled batch segments.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
internal sealed class StarRocksSink<T> : IStarRocksSink<T> where T : IStarRocksTable<T>
{
    private readonly SinkCoordinator _coordinator;
    private readonly SinkRegion _region;
    private readonly SinkRowFormat _format;
    private readonly Dictionary<StarRocksColumnSet<T>, SinkRowShape> _partialShapes = [];

    public StarRocksSink(SinkCoordinator coordinator)
    {
        _coordinator = coordinator;
        var table = T.Table;
        _format = new SinkRowFormat(table, coordinator.Options.UsesJson, coordinator.Options.Connection.Properties);
        _region = coordinator.CreateRegion(coordinator.Options.Database ?? table.Database, table.Table);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default) =>
        Write(row, _format.Full, StarRocksOperation.Upsert, cancellationToken);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            await Write(row, _format.Full, StarRocksOperation.Upsert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlySpan<T> rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (!TryWrite(rows[i], _format.Full, StarRocksOperation.Upsert, out _))
            {
                return WriteAsync((IEnumerable<T>)rows[i..].ToArray());
            }
        }

        return default;
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await Write(row, _format.Full, StarRocksOperation.Upsert, cancellationToken).ConfigureAwait(false);
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

        return Write(row, shape, StarRocksOperation.Upsert, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(T row, CancellationToken cancellationToken = default)
    {
        ThrowIfNoDelete();
        return Write(row, _format.Full, StarRocksOperation.Delete, cancellationToken);
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
        return Write<TKey, TFields>(key, _format.KeysOnly, StarRocksOperation.Delete, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _region.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask CheckpointAsync(CancellationToken cancellationToken = default) => new(_coordinator.CheckpointAsync(cancellationToken));

    /// <summary>Flushes this table (throwing only a failure not reported before); the coordinator is disposed with the service provider.</summary>
    /// <returns>Completes when the buffered rows are loaded.</returns>
    public ValueTask DisposeAsync() => _region.FlushOnDisposeAsync();

    private ValueTask Write(T row, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken) =>
        Write<T, RowFields<T>>(row, shape, operation, cancellationToken);

    private ValueTask Write<TValue, TFields>(TValue value, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken)
        where TFields : ISinkFields<TValue> =>
        TryWrite<TValue, TFields>(value, shape, operation, out var needed)
            ? default
            : WriteAfterWaitAsync<TValue, TFields>(value, shape, operation, needed, cancellationToken);

    private async ValueTask WriteAfterWaitAsync<TValue, TFields>(TValue value, SinkRowShape shape, StarRocksOperation operation, long needed, CancellationToken cancellationToken)
        where TFields : ISinkFields<TValue>
    {
        do
        {
            await _coordinator.WaitForRoomAsync(needed, cancellationToken).ConfigureAwait(false);
        }
        while (!TryWrite<TValue, TFields>(value, shape, operation, out needed));
    }

    private bool TryWrite(T row, SinkRowShape shape, StarRocksOperation operation, out long needed) =>
        TryWrite<T, RowFields<T>>(row, shape, operation, out needed);

    private bool TryWrite<TValue, TFields>(TValue value, SinkRowShape shape, StarRocksOperation operation, out long needed)
        where TFields : ISinkFields<TValue>
    {
        _region.ThrowIfFaulted();
        if (!TryAppend<TValue, TFields>(value, shape, operation, out needed))
        {
            return false;
        }

        _coordinator.SealLargestIfFull();
        return true;
    }

    /// <summary>Serializes into the thread's row buffer; appends to the region if the budget has room, else reports the bytes needed.</summary>
    private bool TryAppend<TValue, TFields>(TValue value, SinkRowShape shape, StarRocksOperation operation, out long needed)
        where TFields : ISinkFields<TValue>
    {
        var buffer = ScratchBuffer.RentForRow();
        if (_format.IsJson)
        {
            SerializeJson<TValue, TFields>(buffer, value, operation);
        }
        else
        {
            SerializeCsv<TValue, TFields>(buffer, value, operation);
        }

        needed = buffer.WrittenCount + (_format.IsJson ? 2 : 0);
        if (!_coordinator.Budget.TryReserve(needed))
        {
            return false;
        }

        _region.Append(shape, buffer.WrittenSpan, needed);
        return true;
    }

    private void SerializeCsv<TValue, TFields>(IBufferWriter<byte> buffer, TValue value, StarRocksOperation operation)
        where TFields : ISinkFields<TValue>
    {
        var writer = new CsvRowWriter(buffer, _format.Csv);
        writer.BeginRow();
        TFields.WriteCsv(value, ref writer);
        if (_format.WithOperation)
        {
            writer.EndRow(operation);
        }
        else
        {
            writer.EndRow();
        }

        writer.Complete();
    }

    private void SerializeJson<TValue, TFields>(IBufferWriter<byte> buffer, TValue value, StarRocksOperation operation)
        where TFields : ISinkFields<TValue>
    {
        var writer = new JsonRowWriter(buffer, _format.JsonRow);
        writer.BeginRow();
        TFields.WriteJson(value, ref writer);
        if (_format.WithOperation)
        {
            writer.EndRow(operation);
        }
        else
        {
            writer.EndRow();
        }

        writer.Complete();
    }

    private void ThrowIfNoDelete()
    {
        if (!_format.WithOperation)
        {
            throw new NotSupportedException($"{_format.Table.Database}.{_format.Table.Table} is not a PRIMARY KEY table; rows can only be deleted from PRIMARY KEY tables.");
        }
    }
}
