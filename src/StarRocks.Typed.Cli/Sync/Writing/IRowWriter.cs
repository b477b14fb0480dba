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
    /// <summary>Writes <paramref name="row"/>: numbers bare, other values as strings, NULL as <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<JsonEncodedText> names, IReadOnlyList<ColumnKind> kinds, string?[] row)
    {
        json.WriteStartObject();
        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i];
            if (value is null)
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

    private static bool IsJsonNumber(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1 && char.IsAsciiDigit(text[1])))
        && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E');
}
