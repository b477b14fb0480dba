using System.Buffers;

namespace StarRocks.Typed.Sink;

/// <summary>
/// Up to a chunk of rows serialized by one writer call (at most <see cref="MaxRows"/> rows, about <see cref="MaxBytes"/>
/// bytes or a sixteenth of the budget if that is less), with where each row ends: a write reserves their bytes in the
/// budget and appends them to the region once, not row by row. Each thread keeps one instance; a writer that waits for
/// buffer room takes it along and hands it back after.
/// </summary>
internal sealed class SerializedRows
{
    /// <summary>A chunk ends after this many rows.</summary>
    public const int MaxRows = 1024;

    /// <summary>A chunk ends after the row that reaches this many bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private int _maxBytes = MaxBytes;

    [ThreadStatic] private static SerializedRows? t_cached;

    private readonly int[] _ends = new int[MaxRows];

    /// <summary>Where the writers serialize to.</summary>
    public ArrayBufferWriter<byte> Output { get; } = new(MaxBytes + 4096);

    /// <summary>Rows ended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the chunk takes no more rows.</summary>
    /// <param name="bytesWritten">The writer's byte count.</param>
    /// <returns>True at <see cref="MaxRows"/> rows or the chunk's byte limit.</returns>
    public bool IsFull(long bytesWritten) => Count == MaxRows || bytesWritten >= _maxBytes;

    /// <summary>Records the end of a row.</summary>
    /// <param name="bytesWritten">The writer's byte count after the row.</param>
    public void EndRow(long bytesWritten) => _ends[Count++] = checked((int)bytesWritten);

    /// <summary>The bytes of rows <paramref name="from"/> to <paramref name="to"/> (exclusive; a row cut short by an exception is not one).</summary>
    /// <param name="from">The first row.</param>
    /// <param name="to">The row after the last.</param>
    /// <returns>The rows' bytes.</returns>
    public ReadOnlySpan<byte> Rows(int from, int to) => Output.WrittenSpan[EndOf(from)..EndOf(to)];

    /// <summary>The calling thread's instance (or a new one when a waiting writer has it), emptied.</summary>
    /// <param name="budgetLimit">The sink's memory budget: a chunk takes at most a sixteenth of it.</param>
    /// <returns>An empty chunk.</returns>
    public static SerializedRows Rent(long budgetLimit)
    {
        var rows = t_cached ?? new SerializedRows();
        t_cached = null;
        rows._maxBytes = (int)Math.Clamp(budgetLimit / 16, 1, MaxBytes);
        rows.Output.ResetWrittenCount();
        rows.Count = 0;
        return rows;
    }

    /// <summary>Keeps <paramref name="rows"/> for the calling thread's next <see cref="Rent"/>.</summary>
    /// <param name="rows">A chunk whose rows are appended.</param>
    public static void Return(SerializedRows rows) => t_cached = rows;

    private int EndOf(int rows) => rows == 0 ? 0 : _ends[rows - 1];
}
