using System.Runtime.CompilerServices;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// A text file read as one split of text columns: a subclass reads each row's values from the file
/// (<see cref="ReadRowsAsync"/>), this class packs them into chunks.
/// </summary>
internal abstract class TextFileRowReader(FileReader step) : IRowReader
{
    /// <summary>The reader step: the file, its columns and format settings.</summary>
    protected FileReader Step { get; } = step;

    /// <inheritdoc />
    public Task<ReadPlan> PlanAsync(int concurrency, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadPlan(
            new RowSchema(Step.Columns, [.. Step.Columns.Select(_ => ColumnKind.Text)]),
            [new ReadSplit(Step.Path, null, ReadAsync)]));

    /// <summary>The file's rows, each as its column values in the columns' order (null for NULL); the list may be reused between rows.</summary>
    protected abstract IAsyncEnumerable<IReadOnlyList<string?>> ReadRowsAsync(StreamReader input, CancellationToken cancellationToken);

    private async IAsyncEnumerable<RowChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var input = new StreamReader(Step.Path, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var chunk = new RowChunk(Step.Columns.Count);
        await foreach (var row in ReadRowsAsync(input, cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in row)
            {
                if (value is null)
                    chunk.AddNull();
                else
                    chunk.Add(value);
            }

            if (chunk.IsFull)
            {
                yield return chunk;
                chunk = new RowChunk(Step.Columns.Count);
            }
        }

        if (chunk.RowCount > 0)
            yield return chunk;
        else
            chunk.Dispose();
    }
}
