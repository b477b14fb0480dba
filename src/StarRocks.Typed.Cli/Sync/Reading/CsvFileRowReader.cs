using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// Reads a delimited text file (RFC 4180: fields in double quotes may hold the delimiter, quotes doubled, line breaks),
/// one split. An unquoted <c>\N</c> is NULL, as in StarRocks's CSV; every line must have as many fields as <c>column</c>.
/// </summary>
internal sealed class CsvFileRowReader(FileReader step) : TextFileRowReader(step)
{
    /// <inheritdoc />
    protected override async IAsyncEnumerable<IReadOnlyList<string?>> ReadRowsAsync(StreamReader input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delimiter = Step.FieldDelimiter[0];
        var line = 0;
        var fields = new List<string?>();
        var field = new StringBuilder();
        while (await ReadRecordAsync(input, delimiter, fields, field, cancellationToken).ConfigureAwait(false) is var lines and > 0)
        {
            line += lines;
            if (line == lines && Step.SkipHeader)
                continue;
            if (fields is [null or ""] && Step.Columns.Count > 1)
                continue; // a blank line
            if (fields.Count != Step.Columns.Count)
            {
                throw new SyncException(SyncExitCode.ReadFailed, string.Create(CultureInfo.InvariantCulture,
                    $"{Step.Path}, line {line}: {fields.Count} fields, but the reader's column lists {Step.Columns.Count}."));
            }

            yield return fields;
        }
    }

    /// <summary>Reads one record into <paramref name="fields"/>; returns the lines it spanned (0 at the end of the file).</summary>
    private static async ValueTask<int> ReadRecordAsync(StreamReader input, char delimiter, List<string?> fields, StringBuilder field, CancellationToken cancellationToken)
    {
        fields.Clear();
        var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
            return 0;
        var lines = 1;
        var position = 0;
        while (true)
        {
            field.Clear();
            if (position < line.Length && line[position] == '"')
            {
                position++;
                while (true)
                {
                    var quote = line.IndexOf('"', position);
                    if (quote < 0)
                    {
                        field.Append(line, position, line.Length - position).Append('\n');
                        line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                               ?? throw new SyncException(SyncExitCode.ReadFailed, "a quoted field is not closed before the end of the file.");
                        lines++;
                        position = 0;
                        continue;
                    }

                    field.Append(line, position, quote - position);
                    position = quote + 1;
                    if (position < line.Length && line[position] == '"')
                    {
                        field.Append('"');
                        position++;
                        continue;
                    }

                    break;
                }

                fields.Add(field.ToString());
                var next = line.IndexOf(delimiter, position);
                if (next < 0)
                    return lines;
                position = next + 1;
            }
            else
            {
                var next = line.IndexOf(delimiter, position);
                var text = next < 0 ? line[position..] : line[position..next];
                fields.Add(text == "\\N" ? null : text);
                if (next < 0)
                    return lines;
                position = next + 1;
            }
        }
    }
}
