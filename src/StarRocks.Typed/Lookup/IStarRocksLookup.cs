namespace StarRocks.Typed.Lookup;

/// <summary>
/// Looks up dimension rows by key, with a cache (<c>lookup.cache.*</c>), negative caching, and misses coalesced into
/// batched <c>IN</c> queries.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
/// <typeparam name="TKey">The key: the key member's type, or a value tuple of the key members in key order (the order of <see cref="IStarRocksKeyed{TSelf, TKey}"/>).</typeparam>
public interface IStarRocksLookup<T, TKey> where TKey : notnull
{
    /// <summary>The row with <paramref name="key"/>, or <see langword="default"/> when there is none. Completes synchronously on a cache hit.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting (the shared query still completes for other callers).</param>
    /// <returns>The row or default.</returns>
    ValueTask<T?> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The rows of <paramref name="keys"/> that exist, by key; cached keys are not queried, the others in batched queries.</summary>
    /// <param name="keys">The keys (duplicates allowed).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The found rows by key; keys without row are absent.</returns>
    Task<IReadOnlyDictionary<TKey, T>> GetManyAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached row (or miss) of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    void Invalidate(TKey key);

    /// <summary>Forgets every cached row and miss.</summary>
    void InvalidateAll();
}
