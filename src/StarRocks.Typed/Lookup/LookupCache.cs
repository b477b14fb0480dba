using System.Collections.Concurrent;

namespace StarRocks.Typed.Lookup;

/// <summary>A looked-up row (or a miss) and when it stops being served, in <see cref="TimeProvider"/> timestamps.</summary>
internal sealed class LookupEntry<T>(T? row, bool found, long expiresAt)
{
    public T? Row { get; } = row;

    public bool Found { get; } = found;

    public long ExpiresAt { get; } = expiresAt;
}

/// <summary>
/// A bounded key → entry cache: lock-free, allocation-free reads; when it grows past its size, expired entries go first,
/// then arbitrary ones until it is 10% under the limit.
/// </summary>
internal sealed class LookupCache<TKey, T>(int maxRows, TimeProvider time) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, LookupEntry<T>> _entries = new();
    private readonly Lock _evicting = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The live entry of <paramref name="key"/>, if any.</summary>
    public bool TryGet(TKey key, out LookupEntry<T> entry) =>
        _entries.TryGetValue(key, out entry!) && time.GetTimestamp() < entry.ExpiresAt;

    public void Set(TKey key, LookupEntry<T> entry)
    {
        if (!_entries.TryAdd(key, entry))
        {
            _entries[key] = entry;
        }
        else if (Interlocked.Increment(ref _count) > maxRows)
        {
            Evict();
        }
    }

    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    private void Evict()
    {
        lock (_evicting)
        {
            var now = time.GetTimestamp();
            var target = maxRows - Math.Max(1, maxRows / 10);
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    Remove(key);
                }
            }

            foreach (var key in _entries.Keys)
            {
                if (Count <= target)
                {
                    break;
                }

                Remove(key);
            }
        }
    }
}
