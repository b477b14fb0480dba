using System.Text;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>A row ready to write: values in <see cref="LoadPlan.Columns"/> order, and whether it deletes.</summary>
public readonly record struct LoadedRow(object?[] Values, bool Delete);

/// <summary>The outcome of parsing and checking a load body: the rows to write, the counts StarRocks reports, and the error-log lines of filtered rows.</summary>
public sealed class ParsedLoad
{
    /// <summary>The plan the rows follow.</summary>
    public required LoadPlan Plan { get; init; }
    /// <summary>Rows that passed every check.</summary>
    public List<LoadedRow> Rows { get; } = [];
    /// <summary>One line per filtered row.</summary>
    public List<string> ErrorLines { get; } = [];
    /// <summary>Records read.</summary>
    public long TotalRows { get; set; }
    /// <summary>Records filtered out for bad data.</summary>
    public long FilteredRows => ErrorLines.Count;
    /// <summary>Body bytes.</summary>
    public long LoadBytes { get; init; }

    /// <summary>
    /// Parses <paramref name="body"/> into <paramref name="plan"/>'s rows. Returns null with an error when the body as a
    /// whole is unreadable (e.g. malformed JSON).
    /// </summary>
    public static ParsedLoad? Parse(ReadOnlySpan<byte> body, LoadPlan plan, LoadOptions options, out string? error)
    {
        error = null;
        var parsed = new ParsedLoad { Plan = plan, LoadBytes = body.Length };
        if (options.Compression is { } compression)
        {
            // LoadBytes stays what arrived, as StarRocks counts received bytes
            var plain = compression.Decompress(body, out error);
            if (plain is null)
                return null;
            body = plain;
        }
        if (options.Format == LoadFormat.Csv && CsvRowReader.IsPlain(options))
        {
            // the common case row by row, without keeping each row's text
            var reader = new CsvRowReader.PlainRows(body, options);
            while (reader.MoveNext(out var fields, out var raw))
            {
                var rowError = Convert(fields, plan, options, out var loaded)
                    ?? (System.Text.Unicode.Utf8.IsValid(raw) ? null : CsvRowReader.InvalidUtf8);
                parsed.Add(rowError, loaded, rowError is null ? null : Encoding.UTF8.GetString(raw));
            }
            return parsed;
        }
        var sourceRows = options.Format == LoadFormat.Json
            ? JsonRowReader.Read(body, options, plan.SourceFields, out error)
            : CsvRowReader.Read(body, options);
        if (sourceRows is null)
            return null;
        foreach (var row in sourceRows)
        {
            var loaded = default(LoadedRow);
            var rowError = row.Error ?? Convert(row.Fields, plan, options, out loaded, row.JsonTokens);
            parsed.Add(rowError, loaded, row.Raw);
        }
        return parsed;
    }

    private static bool TryEvaluate(ColumnExpression expression, ReadOnlySpan<string?> fields, LoadPlan plan, out object? result, out string? error)
    {
        try
        {
            result = expression.Evaluate(new ExpressionContext(fields.ToArray(), plan.PlannedAt));
            error = null;
            return true;
        }
        catch (ExpressionException e)
        {
            result = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Counts a read row and keeps it, or its error-log line when <paramref name="rowError"/> filters it.</summary>
    private void Add(string? rowError, LoadedRow loaded, string? raw)
    {
        TotalRows++;
        if (rowError is null)
            Rows.Add(loaded);
        else
            ErrorLines.Add($"Error: {rowError}. Row: {raw}");
    }

    private static string? Convert(ReadOnlySpan<string?> fields, LoadPlan plan, LoadOptions options, out LoadedRow loaded, string?[]? jsonTokens = null)
    {
        loaded = default;
        if (options.Format == LoadFormat.Csv && fields.Length != plan.SourceFields.Count)
            return $"Value count does not match column count. Expect {plan.SourceFields.Count}, but got {fields.Length}";
        var delete = false;
        if (plan.Op is { } op)
        {
            string? opText;
            if (op.Expression is { } opExpression)
            {
                if (!TryEvaluate(opExpression, fields, plan, out var opValue, out var opError))
                    return opError;
                opText = ExpressionValues.ToText(opValue);
            }
            else if (op.SourceIndex >= 0 && jsonTokens?[op.SourceIndex] is "true" or "false")
                opText = jsonTokens[op.SourceIndex]; // __op is a TINYINT slot: a JSON boolean is no number (add_numeric_column)
            else
                opText = op.SourceIndex >= 0 ? fields[op.SourceIndex] : op.Constant;
            if (LoadPlan.IsDelete(opText) is not { } isDelete)
                return $"Invalid __op value '{opText}'";
            if (isDelete && plan.Table.Kind != TableKind.Primary)
                return "__op delete is only supported by primary key tables";
            delete = isDelete;
        }
        var values = new object?[plan.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var column = plan.Columns[i];
            var feed = plan.Feeds[i];
            object? value;
            string? error;
            bool converted;
            if (feed.Expression is { } expression)
            {
                if (!TryEvaluate(expression, fields, plan, out var result, out var expressionError))
                    return $"{expressionError} for column '{column.Name}'";
                converted = ValueConverter.TryConvertComputed(column, result, out value, out error);
            }
            else if (jsonTokens is not null && feed.SourceIndex >= 0)
                converted = ValueConverter.TryConvertJsonField(column, fields[feed.SourceIndex], jsonTokens[feed.SourceIndex], out value, out error);
            else
                converted = ValueConverter.TryConvert(column, feed.SourceIndex >= 0 ? fields[feed.SourceIndex] : feed.Constant, out value, out error, csv: options.Format == LoadFormat.Csv, strictMode: options.StrictMode);
            if (!converted)
            {
                // StarRocks's non-strict mode turns a failed cast into NULL; lengths are checked by the table sink regardless
                if (options.StrictMode || ValueConverter.IsLengthChecked(column))
                    return $"{error} for column '{column.Name}'";
                value = null;
            }
            if (value is null && !column.Nullable && !delete)
                return $"NULL value in non-nullable column '{column.Name}'";
            values[i] = value;
        }
        loaded = new LoadedRow(values, delete);
        return null;
    }
}
