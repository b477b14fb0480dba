using StarRocks.Typed.Metadata;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Sink;

/// <summary>
/// What the rows of one batch look like and the Stream Load headers that announce them. A table's batch holds rows of
/// one shape; a row of another shape seals the batch first, so loads stay in write order.
/// </summary>
/// <param name="Headers">The headers describing the body.</param>
internal sealed record SinkRowShape(IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>The body format of a sink (from <c>sink.properties.*</c>) and the shapes of its batches for one table.</summary>
internal sealed class SinkRowFormat
{
    private const string SkippedColumnPrefix = "__sr_skip_";

    /// <summary>Creates the format of <paramref name="table"/>'s batches.</summary>
    /// <param name="table">The table.</param>
    /// <param name="json">Whether bodies are JSON (else CSV).</param>
    /// <param name="properties">The configured <c>sink.properties.*</c> (separators, delimiters).</param>
    public SinkRowFormat(StarRocksTableInfo table, bool json, IDictionary<string, string> properties)
    {
        // StarRocks has no CSV converter for STRUCT (be/src/formats/csv/converter.cpp: "Unsupported CSV type").
        if (!json && table.Columns.FirstOrDefault(c => c.StarRocksType.Contains("STRUCT<", StringComparison.OrdinalIgnoreCase)) is { } structColumn)
        {
            throw new NotSupportedException(
                $"Column '{structColumn.Name}' of {table.Database}.{table.Table} is {structColumn.StarRocksType}, and StarRocks cannot load a STRUCT from CSV; " +
                "set sink.properties.format=json.");
        }

        Table = table;
        IsJson = json;
        WithOperation = table.SupportsDelete;
        Csv = new CsvFormat
        {
            ColumnSeparator = properties.TryGetValue("column_separator", out var separator) ? separator : CsvFormat.Default.ColumnSeparator,
            RowDelimiter = properties.TryGetValue("row_delimiter", out var delimiter) ? delimiter : CsvFormat.Default.RowDelimiter,
        };
        Full = new SinkRowShape(json
            ? StarRocksHeaders.ForJson(JsonFormat.Default, table, WithOperation)
            : StarRocksHeaders.ForCsv(Csv, table, WithOperation));
        var keyColumns = string.Join(", ", table.KeyColumns.Select(c => StarRocksSqlText.Quote(c.Name)).Append("__op"));
        KeysOnly = new SinkRowShape(json
            ? [new("format", "JSON"), new("strip_outer_array", "true"), new("columns", keyColumns), new("partial_update", "true")]
            : WithColumns(StarRocksHeaders.ForCsv(Csv, table), keyColumns, partialUpdate: true));
    }

    /// <summary>The table.</summary>
    public StarRocksTableInfo Table { get; }

    /// <summary>Whether bodies are JSON (an outer array of objects, <c>strip_outer_array</c>).</summary>
    public bool IsJson { get; }

    /// <summary>Whether rows end with <c>__op</c> (PRIMARY KEY tables).</summary>
    public bool WithOperation { get; }

    /// <summary>The CSV dialect (separators from <c>sink.properties.column_separator</c>/<c>row_delimiter</c>).</summary>
    public CsvFormat Csv { get; }

    /// <summary>The JSON layout of one row: an object and a newline (the batch adds <c>[</c>, <c>,</c> and <c>]</c>).</summary>
    public JsonFormat JsonRow { get; } = new() { Layout = JsonRowLayout.NewlineDelimited };

    /// <summary>Whole rows (upserts and deletes through <c>__op</c>).</summary>
    public SinkRowShape Full { get; }

    /// <summary>Key columns and <c>__op</c> only: deletes by key, loaded as a partial update.</summary>
    public SinkRowShape KeysOnly { get; }

    /// <summary>
    /// Whole rows of which only <paramref name="included"/> columns are loaded (<c>partial_update: true</c>): CSV names the
    /// other fields with unused temporary names, JSON lists only the loaded members.
    /// </summary>
    /// <param name="included">Per column, whether it is loaded.</param>
    /// <returns>The shape.</returns>
    public SinkRowShape Partial(IReadOnlyList<bool> included)
    {
        if (!WithOperation)
        {
            throw new NotSupportedException($"{Table.Database}.{Table.Table} is not a PRIMARY KEY table; only PRIMARY KEY tables support partial updates.");
        }

        var names = Table.Columns.Select((c, i) => included[i] ? StarRocksSqlText.Quote(c.Name) : (IsJson ? null : SkippedColumnPrefix + i))
            .OfType<string>().Append("__op");
        var columns = string.Join(", ", names);
        if (IsJson)
        {
            if (StarRocksHeaders.ForJson(JsonFormat.Default, Table).Any(h => h.Key == "jsonpaths"))
            {
                throw new NotSupportedException($"Partial updates of {Table.Table} in JSON are not supported (binary columns); use CSV.");
            }

            return new SinkRowShape([new("format", "JSON"), new("strip_outer_array", "true"), new("columns", columns), new("partial_update", "true")]);
        }

        return new SinkRowShape(WithColumns(StarRocksHeaders.ForCsv(Csv, Table), columns, partialUpdate: true));
    }

    private static IReadOnlyList<KeyValuePair<string, string>> WithColumns(IReadOnlyList<KeyValuePair<string, string>> headers, string columns, bool partialUpdate)
    {
        var result = headers.Where(h => h.Key != "columns").Append(new("columns", columns)).ToList();
        if (partialUpdate)
        {
            result.Add(new("partial_update", "true"));
        }

        return result;
    }
}
