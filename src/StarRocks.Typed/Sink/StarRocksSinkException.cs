using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink;

/// <summary>
/// Every failure the sink surfaces: a batch that could not be loaded (thrown once, to the table's next call; the table
/// then loads again, see <see cref="RowsNotLoaded"/>), a checkpoint that failed, or a failed start (exactly-once
/// recovery, lingering-transaction check). Exactly-once: resume with <see cref="IStarRocksCheckpoints.RecoverAsync"/>. <see cref="Exception.InnerException"/> is the <see cref="StarRocksLoadException"/> (or other cause).
/// </summary>
public sealed class StarRocksSinkException : Exception
{
    private long _rowsNotLoaded;

    /// <summary>Creates the exception.</summary>
    /// <param name="database">The database.</param>
    /// <param name="table">The table.</param>
    /// <param name="rowsNotLoaded">Rows of the failed batch (and of the batches queued behind it) that were not loaded.</param>
    /// <param name="innerException">The load failure.</param>
    public StarRocksSinkException(string database, string table, long rowsNotLoaded, Exception innerException)
        : base(null, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        Database = database;
        Table = table;
        _rowsNotLoaded = rowsNotLoaded;
    }

    /// <summary>The database.</summary>
    public string Database { get; }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>
    /// Rows that were buffered but not loaded: the failed batch's, and those of the batches queued behind it before this
    /// was thrown (rows buffered later load normally). They are counted as the table's uploader reaches them, so this
    /// (and <see cref="Message"/>, computed from it) can grow after the exception was thrown; after <c>FlushAsync</c> it is final.
    /// </summary>
    public long RowsNotLoaded => Interlocked.Read(ref _rowsNotLoaded);

    /// <inheritdoc />
    public override string Message => RowsNotLoaded == 0
        ? $"Loading into {Database}.{Table} failed: {InnerException!.Message}"
        : $"Loading into {Database}.{Table} failed; {RowsNotLoaded} buffered row(s) were not loaded: {InnerException!.Message}";

    /// <summary>StarRocks's message, when StarRocks answered.</summary>
    public string? StarRocksMessage => (InnerException as StarRocksLoadException)?.StarRocksMessage;

    /// <summary>The start of StarRocks's error log (the rejected rows), when rows were filtered.</summary>
    public string? RejectedRows => (InnerException as StarRocksLoadException)?.RejectedRows;

    /// <summary>Counts rows queued behind the failure that were dropped.</summary>
    internal void AddRowsNotLoaded(long rows) => Interlocked.Add(ref _rowsNotLoaded, rows);
}
