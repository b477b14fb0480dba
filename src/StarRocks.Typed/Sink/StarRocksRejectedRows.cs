namespace StarRocks.Typed.Sink;

/// <summary>
/// Rows StarRocks filtered out of a successful load (<c>max_filter_ratio</c> &gt; 0), handed to
/// <see cref="Configuration.StarRocksOptions.OnRejectedRows"/>: a dead-letter record of one batch.
/// </summary>
/// <param name="Database">The database of the load.</param>
/// <param name="Table">The table of the load.</param>
/// <param name="Label">The label of the load (or of the transaction the batch was loaded into).</param>
/// <param name="FilteredRows"><c>NumberFilteredRows</c>: how many rows StarRocks rejected.</param>
/// <param name="Lines">
/// The lines of StarRocks's error log (<c>ErrorURL</c>), each naming the reason and the rejected row, e.g.
/// <c>Error: Value length is beyond the capacity. column=name, capacity=10. Row: [...]</c>. Empty when there is no
/// <c>ErrorURL</c> or it could not be fetched (StarRocks docs, <c>STREAM LOAD</c>: <c>ErrorURL</c> is where the
/// BE serves the rows filtered out of the load). The lines hold the rows' data: treat them like the data.
/// </param>
/// <param name="Truncated">The log was longer than the sink reads (1 MiB) and later lines are missing.</param>
/// <param name="ErrorUrl"><c>ErrorURL</c> as StarRocks answered it, if any (it expires on the BE after a while).</param>
public sealed record StarRocksRejectedRows(
    string Database,
    string Table,
    string Label,
    long FilteredRows,
    IReadOnlyList<string> Lines,
    bool Truncated,
    string? ErrorUrl);
