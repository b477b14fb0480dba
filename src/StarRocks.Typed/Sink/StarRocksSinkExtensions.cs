namespace StarRocks.Typed.Sink;

/// <summary>Operations of <see cref="IStarRocksSink{T}"/> that need the row type's key.</summary>
public static class StarRocksSinkExtensions
{
    /// <summary>
    /// Buffers the deletion of the row with <paramref name="key"/> (PRIMARY KEY tables; <c>__op = 1</c>): the key member's
    /// value, or a value tuple of the key members in key order (what the generated <c>GetKey</c> returns). The key
    /// columns are written by the generated <c>WriteKeyCsv</c>/<c>WriteKeyJson</c>, exactly as whole rows write them.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TKey"/> is inferred from <paramref name="key"/> and must be the table's key type exactly: pass
    /// <c>4L</c> for a <c>long</c> key and <c>(state, 2L)</c> for a <c>(State, long)</c> key, or what <c>GetKey</c> returns.
    /// </remarks>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <typeparam name="TKey">Its key type.</typeparam>
    /// <param name="sink">A sink from <c>AddSink</c>/<c>AddSinks</c>.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the delete is buffered.</returns>
    /// <exception cref="NotSupportedException">
    /// The table is not a PRIMARY KEY table, or <paramref name="sink"/> is not a sink created by this library.
    /// </exception>
    public static ValueTask DeleteByKeyAsync<T, TKey>(this IStarRocksSink<T> sink, TKey key, CancellationToken cancellationToken = default)
        where T : IStarRocksKeyed<T, TKey>
    {
        ArgumentNullException.ThrowIfNull(sink);
        return sink is StarRocksSink<T> typed
            ? typed.DeleteByKeyAsync<TKey, KeyFields<T, TKey>>(key, cancellationToken)
            : throw new NotSupportedException($"{sink.GetType()} does not support deletes by key; use DeleteAsync(row).");
    }
}
