using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// Reads a JSON-lines file, one object per line, one split: each <c>column</c> is the member of that name; a missing
/// member or <c>null</c> is NULL, strings are taken as they are, numbers and booleans as their JSON text, objects and
/// arrays as their JSON.
/// </summary>
internal sealed class JsonLinesFileRowReader(FileReader step) : IRowReader
{
    /// <inheritdoc />
    public Task<ReadPlan> PlanAsync(int concurrency, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadPlan(
            new RowSchema(step.Columns, [.. step.Columns.Select(_ => ColumnKind.Text)]),
            [new ReadSplit(step.Path, null, ReadAsync)]));

    private async IAsyncEnumerable<RowChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var input = new StreamReader(step.Path, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var chunk = new RowChunk(step.Columns.Count);
        var lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            AddRow(line, lineNumber, chunk);
            if (chunk.IsFull)
            {
                yield return chunk;
                chunk = new RowChunk(step.Columns.Count);
            }
        }

        if (chunk.RowCount > 0)
            yield return chunk;
        else
            chunk.Dispose();
    }

    private void AddRow(string line, int lineNumber, RowChunk chunk)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SyncException(SyncExitCode.ReadFailed, string.Create(CultureInfo.InvariantCulture, $"{step.Path}, line {lineNumber}: not a JSON object."));
            foreach (var column in step.Columns)
            {
                if (document.RootElement.TryGetProperty(column, out var value) && Text(value) is { } text)
                    chunk.Add(text);
                else
                    chunk.AddNull();
            }
        }
        catch (JsonException e)
        {
            throw new SyncException(SyncExitCode.ReadFailed, string.Create(CultureInfo.InvariantCulture, $"{step.Path}, line {lineNumber}: not valid JSON ({e.Message})."));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
