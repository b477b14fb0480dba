using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>A job's source of rows: it plans its splits first (columns, key ranges), then each split is read on its own.</summary>
internal interface IRowReader
{
    /// <summary>Finds the columns and splits the read into at most <paramref name="concurrency"/> parts per table.</summary>
    /// <exception cref="SyncException">The source cannot be read as the job asks (exit code <see cref="SyncExitCode.InvalidJob"/> or <see cref="SyncExitCode.ReadFailed"/>).</exception>
    Task<ReadPlan> PlanAsync(int concurrency, CancellationToken cancellationToken);
}

/// <summary>What a reader will read.</summary>
/// <param name="Schema">The columns every split produces.</param>
/// <param name="Splits">The parts, each read by one task.</param>
internal sealed record ReadPlan(RowSchema Schema, IReadOnlyList<ReadSplit> Splits);

/// <summary>One part of a read.</summary>
/// <param name="Name">What it reads, for progress lines.</param>
/// <param name="EstimatedRows">How many rows it should read, when known.</param>
/// <param name="Read">Reads the part's rows in chunks.</param>
internal sealed record ReadSplit(string Name, long? EstimatedRows, Func<CancellationToken, IAsyncEnumerable<RowChunk>> Read);

/// <summary>Creates the reader of a job's reader step.</summary>
internal static class RowReaders
{
    /// <summary>The reader for <paramref name="reader"/>.</summary>
    public static IRowReader Create(JobReader reader) => reader switch
    {
        DatabaseReader database => new DatabaseRowReader(database),
        FileReader { Format: FileFormat.Csv } csv => new CsvFileRowReader(csv),
        FileReader json => new JsonLinesFileRowReader(json),
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, "Unknown reader."),
    };
}
