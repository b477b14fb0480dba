using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Lookup;

/// <summary>
/// Per-key lookups: cache hits are answered synchronously; a miss joins the in-flight query of its key, or is queued and
/// sent, with the misses of the same <c>lookup.batch.window-ms</c>, in one parameterized query per
/// <c>lookup.batch.max-keys</c> keys (<see cref="LookupKeyFilter"/>). With
/// <c>lookup.preload</c>, the whole table is held instead: loaded on first use, then reloaded every TTL by a timer of the
/// injected <see cref="TimeProvider"/> (not by accesses); the previous rows are served until a reload completes, and kept
/// when it fails. Disposing the lookup (the DI container does) stops the timer.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
/// <typeparam name="TKey">Its key.</typeparam>
internal sealed class StarRocksLookup<T, TKey> : IStarRocksLookup<TKey, T>, IDisposable
    where T : IStarRocksKeyed<T, TKey>
    where TKey : notnull
{
    private readonly DbDataSource _dataSource;
    private readonly StarRocksReadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LookupCache<TKey, T> _cache;
    private readonly ConcurrentDictionary<TKey, Task<LookupEntry<T>>> _inFlight = new();
    private readonly Lock _queueGate = new();
    private readonly IStarRocksSource<T> _tableReader;
    private readonly string _queryPrefix;
    private readonly string[] _keyColumns;
    private readonly int[] _ordinals;
    private List<(TKey Key, TaskCompletionSource<LookupEntry<T>> Pending)> _queued = [];
    private bool _flushScheduled;
    private int _generation;
    private volatile PreloadedRows? _preloaded;
    private Task<PreloadedRows>? _preloading;
    private ITimer? _refreshTimer;
    private bool _disposed;

    public StarRocksLookup(DbDataSource dataSource, StarRocksReadOptions options, string? database, TimeProvider time, ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _time = time;
        _logger = logger;
        _cache = new LookupCache<TKey, T>(options.LookupCacheMaxRows, time);
        _tableReader = new StarRocksSource<T>(dataSource, options, database, logger);
        var table = T.Table;
        if (table.KeyColumns.Length == 0)
        {
            throw new InvalidOperationException($"{table.Database}.{table.Table} has no key columns to look up by.");
        }

        _keyColumns = table.KeyColumns.Select(c => StarRocksSqlText.Quote(c.Name)).ToArray();
        _ordinals = Enumerable.Range(0, table.Columns.Length).ToArray();
        _queryPrefix = QueryPrefix(table, database);
    }

    /// <summary>The lookup query up to its condition (<c>SELECT</c> every column, table order, <c>FROM</c> .. <c>WHERE</c>); <see cref="LookupKeyFilter"/> appends the condition.</summary>
    internal static string QueryPrefix(StarRocksTableInfo table, string? database) =>
        $"SELECT {string.Join(", ", table.Columns.Select(c => StarRocksSqlText.Quote(c.Name)))} FROM {StarRocksSqlText.QualifiedName(table, database)} WHERE ";

    public ValueTask<T?> GetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        if (_options.LookupPreload)
        {
            return _preloaded is { } rows
                ? new ValueTask<T?>(rows.Get(key))
                : new ValueTask<T?>(GetPreloadedAsync(key, cancellationToken));
        }

        if (_options.LookupCacheEnabled && _cache.TryGet(key, out var entry))
        {
            return new ValueTask<T?>(entry.Row);
        }

        return new ValueTask<T?>(FetchAsync(key, cancellationToken));
    }

    public async Task<IReadOnlyDictionary<TKey, T>> GetManyAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<TKey, T>();
        if (_options.LookupPreload)
        {
            foreach (var key in keys)
            {
                if (await GetAsync(key, cancellationToken).ConfigureAwait(false) is { } row)
                {
                    found[key] = row;
                }
            }

            return found;
        }

        var misses = new List<(TKey Key, Task<LookupEntry<T>> Entry)>();
        var distinct = keys.Distinct().ToList();
        lock (_queueGate) // the misses of one call go into the same batch, however late the window's flush runs
        {
            foreach (var key in distinct)
            {
                if (_options.LookupCacheEnabled && _cache.TryGet(key, out var entry))
                {
                    if (entry.Found)
                    {
                        found[key] = entry.Row!;
                    }
                }
                else
                {
                    misses.Add((key, Pending(key)));
                }
            }
        }

        foreach (var (key, pending) in misses)
        {
            var entry = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (entry.Found)
            {
                found[key] = entry.Row!;
            }
        }

        return found;
    }

    public void Invalidate(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(key);
        _preloaded = null;
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
        _preloaded = null;
    }

    private async Task<T?> FetchAsync(TKey key, CancellationToken cancellationToken) =>
        (await Pending(key).WaitAsync(cancellationToken).ConfigureAwait(false)).Row;

    /// <summary>The in-flight query of <paramref name="key"/>, or a new one queued for the next batch.</summary>
    private Task<LookupEntry<T>> Pending(TKey key)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var inFlight))
            {
                return inFlight;
            }

            var pending = new TaskCompletionSource<LookupEntry<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, pending.Task))
            {
                lock (_queueGate)
                {
                    _queued.Add((key, pending));
                    if (!_flushScheduled)
                    {
                        _flushScheduled = true;
                        _ = FlushAfterWindowAsync();
                    }
                }

                return pending.Task;
            }
        }
    }

    private async Task FlushAfterWindowAsync()
    {
        if (_options.LookupBatchWindow > TimeSpan.Zero)
        {
            await Task.Delay(_options.LookupBatchWindow, _time).ConfigureAwait(false);
        }
        else
        {
            await Task.Yield();
        }

        List<(TKey Key, TaskCompletionSource<LookupEntry<T>> Pending)> batch;
        lock (_queueGate)
        {
            batch = _queued;
            _queued = [];
            _flushScheduled = false;
        }

        await Task.WhenAll(batch.Chunk(_options.LookupBatchMaxKeys).Select(QueryAsync)).ConfigureAwait(false);
    }

    /// <summary>Runs one <c>IN</c> query for <paramref name="batch"/> (retried <c>lookup.max-retries</c> times) and settles its callers.</summary>
    private async Task QueryAsync((TKey Key, TaskCompletionSource<LookupEntry<T>> Pending)[] batch)
    {
        var generation = Volatile.Read(ref _generation);
        try
        {
            Dictionary<TKey, T> rows;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    rows = await QueryRowsAsync(batch).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (attempt < _options.LookupMaxRetries)
                {
                    ReadTelemetry.LookupRetry(_logger, T.Table.Table, e.Message, attempt + 1);
                }
            }

            var now = _time.GetTimestamp();
            var hitExpiry = now + Ticks(_options.LookupCacheTtl);
            var missExpiry = now + Ticks(_options.LookupCacheMissTtl);
            var cache = _options.LookupCacheEnabled && generation == Volatile.Read(ref _generation);
            foreach (var (key, pending) in batch)
            {
                var entry = rows.TryGetValue(key, out var row) ? new LookupEntry<T>(row, true, hitExpiry) : new LookupEntry<T>(default, false, missExpiry);
                if (cache)
                {
                    _cache.Set(key, entry);
                }

                _inFlight.TryRemove(key, out _);
                pending.TrySetResult(entry);
            }
        }
        catch (Exception e)
        {
            foreach (var (key, pending) in batch)
            {
                _inFlight.TryRemove(key, out _);
                pending.TrySetException(e);
            }
        }
    }

    private async Task<Dictionary<TKey, T>> QueryRowsAsync((TKey Key, TaskCompletionSource<LookupEntry<T>> Pending)[] batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(_queryPrefix);
        LookupKeyFilter.Append(sql, command, _keyColumns, Array.ConvertAll(batch, entry => StarRocksSqlText.KeyParts(entry.Key, _keyColumns.Length)));
        command.CommandText = sql.ToString();
        ReadTelemetry.LookupQuery(_logger, T.Table.Table, batch.Length);
        var rows = new Dictionary<TKey, T>(batch.Length);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var row = T.Read(reader, _ordinals);
            rows[T.GetKey(row)] = row;
        }

        return rows;
    }

    /// <summary>Stops the preload refresh timer.</summary>
    public void Dispose()
    {
        lock (_queueGate)
        {
            _disposed = true;
            _refreshTimer?.Dispose();
            _refreshTimer = null;
        }
    }

    /// <summary>No rows yet (first use, a failed first load, or after an invalidation): waits for the (re)load.</summary>
    private async Task<T?> GetPreloadedAsync(TKey key, CancellationToken cancellationToken) =>
        (await PreloadAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Get(key);

    /// <summary>The running (re)load of the whole table, or a new one; the first starts the refresh timer (every TTL).</summary>
    private Task<PreloadedRows> PreloadAsync()
    {
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_preloading is null || _preloading.IsCompleted)
            {
                _preloading = LoadTableAsync();
            }

            _refreshTimer ??= _time.CreateTimer(static state => ((StarRocksLookup<T, TKey>)state!).Refresh(), this, _options.LookupCacheTtl, _options.LookupCacheTtl);
            return _preloading;
        }
    }

    /// <summary>Timer tick: reloads the table in the background; a failure was logged by the load and the previous rows stay.</summary>
    private void Refresh()
    {
        try
        {
            PreloadAsync().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the tick was on its way.
        }
    }

    private async Task<PreloadedRows> LoadTableAsync()
    {
        try
        {
            var rows = new Dictionary<TKey, T>();
            await foreach (var row in _tableReader.ReadAsync().ConfigureAwait(false))
            {
                rows[T.GetKey(row)] = row;
            }

            var loaded = new PreloadedRows(rows);
            _preloaded = loaded;
            return loaded;
        }
        catch (Exception e)
        {
            ReadTelemetry.PreloadFailed(_logger, T.Table.Table, e.Message);
            throw;
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>The whole table by key.</summary>
    private sealed class PreloadedRows(Dictionary<TKey, T> rows)
    {
        public T? Get(TKey key) => rows.TryGetValue(key, out var row) ? row : default;
    }
}
