using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Sink;

/// <summary>A batch could not be loaded: the sink is faulted and every later call throws this.</summary>
public sealed class StarRocksSinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The database.</param>
    /// <param name="table">The table.</param>
    /// <param name="rowsNotLoaded">Rows of the failed batch (and of the batches queued behind it) that were not loaded.</param>
    /// <param name="innerException">The load failure.</param>
    public StarRocksSinkException(string database, string table, long rowsNotLoaded, Exception innerException)
        : base($"Loading into {database}.{table} failed; {rowsNotLoaded} buffered row(s) were not loaded: {innerException.Message}", innerException)
    {
        Database = database;
        Table = table;
        RowsNotLoaded = rowsNotLoaded;
    }

    /// <summary>The database.</summary>
    public string Database { get; }

    /// <summary>The table.</summary>
    public string Table { get; }

    /// <summary>Rows that were buffered but not loaded.</summary>
    public long RowsNotLoaded { get; internal set; }

    /// <summary>StarRocks's message, when StarRocks answered.</summary>
    public string? StarRocksMessage => (InnerException as StarRocksLoadException)?.StarRocksMessage;

    /// <summary>The start of StarRocks's error log (the rejected rows), when rows were filtered.</summary>
    public string? RejectedRows => (InnerException as StarRocksLoadException)?.RejectedRows;
}
