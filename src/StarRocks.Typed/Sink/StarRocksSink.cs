using System.Buffers;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The sink of one table: serializes each row with the generated writer into a reused scratch buffer, reserves its bytes
/// in the shared budget (waiting when the sink is full), then appends it to the table's region. Upserts allocate nothing
/// per row beyond the pooled batch segments.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
internal sealed class StarRocksSink<T> : IStarRocksSink<T> where T : IStarRocksTable<T>
{
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private readonly SinkCoordinator _coordinator;
    private readonly SinkRegion _region;
    private readonly SinkRowFormat _format;
    private readonly Dictionary<StarRocksColumnSet<T>, SinkRowShape> _partialShapes = [];
    private object?[]? _keyValues;

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
        lock (_gate)
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

    /// <inheritdoc />
    public ValueTask DeleteByKeyAsync<TKey>(TKey key, CancellationToken cancellationToken = default) where TKey : notnull
    {
        ThrowIfNoDelete();
        var values = KeyFieldWriter.Values(key, _format.Table);
        return Write(values, cancellationToken);

        async ValueTask Write(object?[] keyValues, CancellationToken token)
        {
            while (true)
            {
                _region.ThrowIfFaulted();
                long needed;
                lock (_gate)
                {
                    _keyValues = keyValues;
                    if (TryAppendLocked(default!, _format.KeysOnly, StarRocksOperation.Delete, out needed))
                    {
                        break;
                    }
                }

                await _coordinator.WaitForRoomAsync(needed, token).ConfigureAwait(false);
            }

            _coordinator.SealLargestIfFull();
        }
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _region.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask CheckpointAsync(CancellationToken cancellationToken = default) => new(_coordinator.CheckpointAsync(cancellationToken));

    /// <summary>Flushes this table (throwing only a failure not reported before); the coordinator is disposed with the service provider.</summary>
    /// <returns>Completes when the buffered rows are loaded.</returns>
    public ValueTask DisposeAsync() => _region.FlushOnDisposeAsync();

    private ValueTask Write(T row, SinkRowShape shape, StarRocksOperation operation, CancellationToken cancellationToken) =>
        TryWrite(row, shape, operation, out var needed) ? default : WriteAfterWaitAsync(row, shape, operation, needed, cancellationToken);

    private async ValueTask WriteAfterWaitAsync(T row, SinkRowShape shape, StarRocksOperation operation, long needed, CancellationToken cancellationToken)
    {
        do
        {
            await _coordinator.WaitForRoomAsync(needed, cancellationToken).ConfigureAwait(false);
        }
        while (!TryWrite(row, shape, operation, out needed));
    }

    private bool TryWrite(T row, SinkRowShape shape, StarRocksOperation operation, out long needed)
    {
        _region.ThrowIfFaulted();
        lock (_gate)
        {
            if (!TryAppendLocked(row, shape, operation, out needed))
            {
                return false;
            }
        }

        _coordinator.SealLargestIfFull();
        return true;
    }

    /// <summary>Serializes into the scratch buffer; appends to the region if the budget has room, else reports the bytes needed.</summary>
    private bool TryAppendLocked(T row, SinkRowShape shape, StarRocksOperation operation, out long needed)
    {
        _scratch.ResetWrittenCount();
        if (_format.IsJson)
        {
            SerializeJson(row, shape, operation);
        }
        else
        {
            SerializeCsv(row, shape, operation);
        }

        needed = _scratch.WrittenCount + (_format.IsJson ? 2 : 0);
        if (!_coordinator.Budget.TryReserve(needed))
        {
            return false;
        }

        _region.Append(shape, _scratch.WrittenSpan, needed);
        return true;
    }

    private void SerializeCsv(T row, SinkRowShape shape, StarRocksOperation operation)
    {
        var writer = new CsvRowWriter(_scratch, _format.Csv);
        writer.BeginRow();
        if (shape == _format.KeysOnly)
        {
            var keys = _format.Table.KeyColumns;
            for (var i = 0; i < keys.Length; i++)
            {
                KeyFieldWriter.WriteCsv(ref writer, _keyValues![i], keys[i].Name);
            }
        }
        else
        {
            T.WriteCsv(row, ref writer);
        }

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

    private void SerializeJson(T row, SinkRowShape shape, StarRocksOperation operation)
    {
        var writer = new JsonRowWriter(_scratch, _format.JsonRow);
        writer.BeginRow();
        if (shape == _format.KeysOnly)
        {
            var keys = _format.Table.KeyColumns;
            for (var i = 0; i < keys.Length; i++)
            {
                writer.WriteName(_format.KeyJsonNames[i]);
                KeyFieldWriter.WriteJson(ref writer, _keyValues![i], keys[i].Name);
            }
        }
        else
        {
            T.WriteJson(row, ref writer);
        }

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
