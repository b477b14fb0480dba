using System.Text;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// The Stream Load headers that describe exactly what <see cref="CsvRowWriter"/> / <see cref="JsonRowWriter"/> write
/// with a given format: <c>format</c>, separators, <c>enclose</c>/<c>escape</c>, <c>strip_outer_array</c>, and
/// <c>columns</c> (column order, <c>__op</c>, and the expressions that decode VARBINARY columns).
/// </summary>
public static class StarRocksHeaders
{
    /// <summary>The prefix of the temporary load column a VARBINARY column's base64 text is loaded into.</summary>
    public const string BinarySourcePrefix = "__sr_b64_";

    /// <summary>Headers for a CSV body written with <paramref name="format"/> for <paramref name="table"/>.</summary>
    /// <param name="format">The CSV format the writer used.</param>
    /// <param name="table">The table (its columns in table order, as the generated writer emits them).</param>
    /// <param name="withOperation">Whether rows end with the <c>__op</c> field (<see cref="CsvRowWriter.EndRow(StarRocksOperation)"/>).</param>
    /// <returns>Header names and values.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> ForCsv(CsvFormat format, StarRocksTableInfo table, bool withOperation = false)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(table);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("format", "CSV"),
            new("column_separator", format.ColumnSeparator),
            new("row_delimiter", format.RowDelimiter),
        };
        if (format.Enclose is { } enclose) headers.Add(new("enclose", ((char)enclose).ToString()));
        if (format.Escape is { } escape) headers.Add(new("escape", ((char)escape).ToString()));
        headers.Add(new("columns", Columns(table, withOperation)));
        return headers;
    }

    /// <summary>Headers for a JSON body written with <paramref name="format"/> for <paramref name="table"/>.</summary>
    /// <param name="format">The JSON format the writer used.</param>
    /// <param name="table">The table.</param>
    /// <param name="withOperation">Whether rows carry the <c>__op</c> member (<see cref="JsonRowWriter.EndRow(StarRocksOperation)"/>).</param>
    /// <returns>Header names and values.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> ForJson(JsonFormat format, StarRocksTableInfo table, bool withOperation = false)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(table);
        var headers = new List<KeyValuePair<string, string>> { new("format", "JSON") };
        if (format.Layout == JsonRowLayout.OuterArray)
        {
            headers.Add(new("strip_outer_array", "true"));
            headers.Add(new("ignore_json_size", "true"));
        }
        if (table.Columns.Any(IsBinary))
        {
            // Members are matched by position through jsonpaths so the binary member keeps its column name.
            var paths = table.Columns.Select(c => "\"$." + JsonStringEscaper.Escape(c.Name) + "\"");
            if (withOperation) paths = paths.Append("\"$.__op\"");
            headers.Add(new("jsonpaths", "[" + string.Join(",", paths) + "]"));
            headers.Add(new("columns", JsonColumns(table, withOperation)));
        }
        return headers;
    }

    /// <summary>
    /// The <c>columns</c> header of a CSV load: the columns in table order (backticked), then <c>__op</c> when asked.
    /// (VARBINARY needs no expression in CSV: StarRocks's CSV reader base64-decodes VARBINARY fields itself.)
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="withOperation">Whether the last field is <c>__op</c>.</param>
    /// <returns>The header value.</returns>
    public static string Columns(StarRocksTableInfo table, bool withOperation)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = table.Columns.Select(c => StarRocksSqlText.Quote(c.Name));
        if (withOperation) names = names.Append("__op");
        return string.Join(", ", names);
    }

    /// <summary>
    /// The <c>columns</c> header of a JSON load with VARBINARY columns: their base64 member is loaded into
    /// <c>__sr_b64_name</c> (matched by position through <c>jsonpaths</c>) and decoded with <c>name = from_base64(…)</c>.
    /// </summary>
    private static string JsonColumns(StarRocksTableInfo table, bool withOperation)
    {
        var names = table.Columns.Select(c => StarRocksSqlText.Quote(IsBinary(c) ? BinarySourcePrefix + c.Name : c.Name));
        if (withOperation) names = names.Append("__op");
        var decoders = table.Columns.Where(IsBinary)
            .Select(c => $"{StarRocksSqlText.Quote(c.Name)} = from_base64({StarRocksSqlText.Quote(BinarySourcePrefix + c.Name)})");
        return string.Join(", ", names.Concat(decoders));
    }

    private static bool IsBinary(StarRocksColumnInfo column)
        => column.StarRocksType.StartsWith("VARBINARY", StringComparison.OrdinalIgnoreCase)
        || column.StarRocksType.StartsWith("BINARY", StringComparison.OrdinalIgnoreCase);
}
