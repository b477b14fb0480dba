namespace StarRocks.Typed.Cli.Sync;

/// <summary>The exit codes of <c>sync</c> (and <c>load</c>): each says what failed.</summary>
internal enum SyncExitCode
{
    /// <summary>Every row read was written (rows StarRocks filtered within <c>max_filter_ratio</c>, and dirty batches under <c>batchDirtyData</c>, are counted in the summary).</summary>
    Ok = 0,

    /// <summary>The job file, its data sources or its columns are invalid; nothing was written.</summary>
    InvalidJob = 2,

    /// <summary>A <c>preSql</c> statement failed (nothing was loaded), or a <c>postSql</c> statement failed (everything was loaded).</summary>
    SqlFailed = 3,

    /// <summary>Reading the source failed.</summary>
    ReadFailed = 4,

    /// <summary>A load or a file write failed (connection, authentication, a missing table, retries exhausted).</summary>
    LoadFailed = 5,

    /// <summary>StarRocks rejected a batch for its rows (<c>too many filtered rows</c>) and <c>strategyOnError</c> is <c>exit</c>.</summary>
    RowsRejected = 6,

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    Cancelled = 130,
}

/// <summary>A failure that ends a sync, with the exit code that says what failed.</summary>
internal sealed class SyncException(SyncExitCode exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>What failed.</summary>
    public SyncExitCode ExitCode { get; } = exitCode;
}
