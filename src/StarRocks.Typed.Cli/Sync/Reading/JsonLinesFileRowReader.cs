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
internal sealed class JsonLinesFileRowReader(FileReader step) : TextFileRowReader(step)
{
    /// <inheritdoc />
    protected override async IAsyncEnumerable<IReadOnlyList<string?>> ReadRowsAsync(StreamReader input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var values = new List<string?>(Step.Columns.Count);
        var lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            ReadRow(line, lineNumber, values);
            yield return values;
        }
    }

    private void ReadRow(string line, int lineNumber, List<string?> values)
    {
        values.Clear();
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SyncException(SyncExitCode.ReadFailed, string.Create(CultureInfo.InvariantCulture, $"{Step.Path}, line {lineNumber}: not a JSON object."));
            foreach (var column in Step.Columns)
            {
                values.Add(document.RootElement.TryGetProperty(column, out var value) ? Text(value) : null);
            }
        }
        catch (JsonException e)
        {
            throw new SyncException(SyncExitCode.ReadFailed, string.Create(CultureInfo.InvariantCulture, $"{Step.Path}, line {lineNumber}: not valid JSON ({e.Message})."));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
