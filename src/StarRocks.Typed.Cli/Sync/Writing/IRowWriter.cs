using System.Text.Json;
using System.Threading.Channels;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync.Writing;

/// <summary>A job's destination: prepared before any row is read (<c>preSql</c>), fed from a channel, completed at the end (<c>postSql</c>, file moved into place).</summary>
internal interface IRowWriter : IAsyncDisposable
{
    /// <summary>Runs what comes before the first row.</summary>
    /// <exception cref="SyncException">A <c>preSql</c> statement failed.</exception>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Writes every chunk of <paramref name="rows"/> until the channel completes.</summary>
    /// <exception cref="SyncException">A batch failed, or StarRocks rejected one under <c>strategyOnError: exit</c>.</exception>
    Task WriteAsync(ChannelReader<RowChunk> rows, SyncCounters counters, CancellationToken cancellationToken);

    /// <summary>Runs what comes after the last row.</summary>
    /// <exception cref="SyncException">A <c>postSql</c> statement failed.</exception>
    Task CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>Creates the writer of a job's writer step.</summary>
internal static class RowWriters
{
    /// <summary>The writer for <paramref name="writer"/>, fed rows of <paramref name="schema"/>.</summary>
    public static IRowWriter Create(JobWriter writer, RowSchema schema, int concurrency) => writer switch
    {
        StarRocksWriter starRocks => new StarRocksRowWriter(starRocks, schema, concurrency),
        FileWriter file => new FileRowWriter(file, schema),
        _ => throw new ArgumentOutOfRangeException(nameof(writer), writer, "Unknown writer."),
    };
}

/// <summary>Writes a row as one JSON object, member names the column names.</summary>
internal static class JsonRow
{
    /// <summary>Writes row <paramref name="row"/> of <paramref name="chunk"/>: numbers bare, other values as strings, NULL as <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<JsonEncodedText> names, IReadOnlyList<ColumnKind> kinds, RowChunk chunk, int row)
    {
        json.WriteStartObject();
        for (var i = 0; i < chunk.Columns; i++)
        {
            var value = chunk.Value(row, i);
            if (chunk.IsNull(row, i))
                json.WriteNull(names[i]);
            else if (kinds[i] == ColumnKind.Number && IsJsonNumber(value))
            {
                json.WritePropertyName(names[i]);
                json.WriteRawValue(value, skipInputValidation: true);
            }
            else
                json.WriteString(names[i], value);
        }

        json.WriteEndObject();
    }

    private static bool IsJsonNumber(ReadOnlySpan<byte> text) =>
        text.Length > 0 && (char.IsAsciiDigit((char)text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit((char)text[1])))
        && !text.ContainsAnyExcept("0123456789.-+eE"u8);
}
