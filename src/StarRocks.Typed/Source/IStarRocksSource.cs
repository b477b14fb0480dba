namespace StarRocks.Typed.Source;

/// <summary>Reads a StarRocks table as typed rows over the MySQL protocol.</summary>
/// <typeparam name="T">The generated row type.</typeparam>
public interface IStarRocksSource<T>
{
    /// <summary>
    /// Streams the rows <paramref name="request"/> selects (all rows and columns when null), materialized by the generated
    /// reader. Split reads yield rows in no particular order; a failed slice is retried (<c>scan.max-retries</c>) and
    /// resumes after the rows it already yielded.
    /// </summary>
    /// <param name="request">Columns, filter, limit and split.</param>
    /// <param name="cancellationToken">Stops the read and its queries.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<T> ReadAsync(StarRocksReadRequest? request = null, CancellationToken cancellationToken = default);
}
