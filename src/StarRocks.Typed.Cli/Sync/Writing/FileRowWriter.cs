using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Writing;

/// <summary>
/// Writes a CSV or JSON-lines file. Rows go to a temporary file next to <c>path</c>, moved into place when the job
/// succeeds, so a failed job leaves no half-written file. CSV: RFC 4180 quoting (a field holding the delimiter, a quote
/// or a line break, or the text <c>\N</c>, is quoted), NULL as an unquoted <c>\N</c> as in StarRocks's CSV. JSON lines:
/// one object per row, numbers bare.
/// </summary>
internal sealed class FileRowWriter(FileWriter step, RowSchema schema) : IRowWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly string _temporary = $"{step.Path}.{Guid.NewGuid():N}.tmp";
    private readonly JsonEncodedText[] _names = [.. schema.Names.Select(n => JsonEncodedText.Encode(n, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
    private FileStream? _file;

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task WriteAsync(ChannelReader<RowChunk> rows, SyncCounters counters, CancellationToken cancellationToken)
    {
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        if (step.Format == FileFormat.Csv)
            await WriteCsvAsync(rows, counters, cancellationToken).ConfigureAwait(false);
        else
            await WriteJsonLinesAsync(rows, counters, cancellationToken).ConfigureAwait(false);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }

        File.Move(_temporary, step.Path, overwrite: true);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
            await _file.DisposeAsync().ConfigureAwait(false);
        File.Delete(_temporary); // nothing to delete once moved into place
    }

    private async Task WriteCsvAsync(ChannelReader<RowChunk> rows, SyncCounters counters, CancellationToken cancellationToken)
    {
        var text = new StreamWriter(_file!, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            var delimiter = step.FieldDelimiter[0];
            if (step.Header)
                await text.WriteLineAsync(string.Join(delimiter, schema.Names.Select(n => Field(n, delimiter)))).ConfigureAwait(false);
            await foreach (var chunk in rows.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    for (var i = 0; i < chunk.Columns; i++)
                    {
                        if (i > 0)
                            text.Write(delimiter);
                        text.Write(chunk.IsNull(row, i) ? @"\N" : Field(Encoding.UTF8.GetString(chunk.Value(row, i)), delimiter));
                    }

                    text.Write('\n');
                }

                counters.Written(chunk.RowCount, 0);
                chunk.Dispose();
            }
        }
    }

    private async Task WriteJsonLinesAsync(ChannelReader<RowChunk> rows, SyncCounters counters, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        await foreach (var chunk in rows.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            for (var row = 0; row < chunk.RowCount; row++)
            {
                json.Reset(buffer);
                JsonRow.Write(json, _names, schema.Kinds, chunk, row);
                json.Flush();
                buffer.Write("\n"u8);
            }

            await _file!.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            counters.Written(chunk.RowCount, 0);
            chunk.Dispose();
        }
    }

    private static string Field(string value, char delimiter) =>
        value.Contains(delimiter) || value.Contains('"') || value.Contains('\n') || value.Contains('\r') || value == @"\N"
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
