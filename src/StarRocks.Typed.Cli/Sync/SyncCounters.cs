namespace StarRocks.Typed.Cli.Sync;

/// <summary>The running counts of a sync, updated by readers and writers from many threads.</summary>
internal sealed class SyncCounters
{
    private readonly List<SplitProgress> _splits = [];
    private long _rowsWritten;
    private long _rowsFiltered;
    private long _rowsFailed;
    private long _loads;

    /// <summary>The read splits, in plan order.</summary>
    public IReadOnlyList<SplitProgress> Splits
    {
        get
        {
            lock (_splits)
                return [.. _splits];
        }
    }

    /// <summary>Rows read, over every split.</summary>
    public long RowsRead => Splits.Sum(s => s.Rows);

    /// <summary>Characters read, over every split.</summary>
    public long BytesRead => Splits.Sum(s => s.Bytes);

    /// <summary>Rows the writer wrote (StarRocks: loaded).</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    /// <summary>Rows StarRocks filtered out of loads that succeeded (within <c>max_filter_ratio</c>).</summary>
    public long RowsFiltered => Interlocked.Read(ref _rowsFiltered);

    /// <summary>Rows of batches StarRocks rejected (dirty data under <c>batchDirtyData</c>, or the batch that stopped the job).</summary>
    public long RowsFailed => Interlocked.Read(ref _rowsFailed);

    /// <summary>Stream Loads (or file flushes) done.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>The first rejected rows StarRocks listed at an <c>ErrorURL</c>, when a batch had any.</summary>
    public string? RejectedRows { get; private set; }

    /// <summary>Adds a split to follow.</summary>
    public SplitProgress AddSplit(string name, long? estimatedRows)
    {
        var split = new SplitProgress(name, estimatedRows);
        lock (_splits)
            _splits.Add(split);
        return split;
    }

    /// <summary>Counts a batch that was written.</summary>
    public void Written(long rows, long filtered)
    {
        Interlocked.Add(ref _rowsWritten, rows);
        Interlocked.Add(ref _rowsFiltered, filtered);
        Interlocked.Increment(ref _loads);
    }

    /// <summary>Counts a batch that StarRocks rejected, with the start of its rejected-rows log.</summary>
    public void Failed(long rows, string? rejectedRows)
    {
        Interlocked.Add(ref _rowsFailed, rows);
        if (rejectedRows is not null)
            NoteRejectedRows(rejectedRows);
    }

    /// <summary>Keeps <paramref name="rejectedRows"/> (the rejected rows, or where StarRocks lists them) unless an earlier batch's are kept.</summary>
    public void NoteRejectedRows(string rejectedRows)
    {
        lock (_splits)
            RejectedRows ??= rejectedRows;
    }
}

/// <summary>The progress of one read split.</summary>
/// <param name="name">What the split reads (table and key range, or file).</param>
/// <param name="estimatedRows">How many rows it should read, when known (for the ETA).</param>
internal sealed class SplitProgress(string name, long? estimatedRows)
{
    private long _rows;
    private long _bytes;

    /// <summary>What the split reads.</summary>
    public string Name { get; } = name;

    /// <summary>How many rows it should read, when known.</summary>
    public long? EstimatedRows { get; } = estimatedRows;

    /// <summary>Rows read so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Characters read so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Whether the split has read its last row.</summary>
    public bool Done { get; private set; }

    /// <summary>Counts a chunk read.</summary>
    public void Read(RowChunk chunk)
    {
        Interlocked.Add(ref _rows, chunk.RowCount);
        Interlocked.Add(ref _bytes, chunk.Bytes);
    }

    /// <summary>Marks the split finished.</summary>
    public void Finish() => Done = true;
}
