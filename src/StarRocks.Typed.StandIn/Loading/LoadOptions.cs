using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>The body format of a load (<c>format</c> header).</summary>
public enum LoadFormat
{
    /// <summary>Delimited text (the default).</summary>
    Csv,
    /// <summary>JSON objects.</summary>
    Json,
}

/// <summary>
/// The load parameters of one Stream Load or transaction load request, read from its headers
/// (STREAM_LOAD.md §data_desc/§opt_properties). <see cref="HeaderPolicy"/> says which headers are honoured.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>The body format.</summary>
    public LoadFormat Format { get; init; } = LoadFormat.Csv;
    /// <summary>CSV column separator bytes (default tab).</summary>
    public byte[] ColumnSeparator { get; init; } = "\t"u8.ToArray();
    /// <summary>CSV row delimiter bytes (default newline).</summary>
    public byte[] RowDelimiter { get; init; } = "\n"u8.ToArray();
    /// <summary>CSV enclosing quote byte, if any.</summary>
    public byte? Enclose { get; init; }
    /// <summary>CSV escape byte, if any.</summary>
    public byte? Escape { get; init; }
    /// <summary>Leading CSV rows to skip.</summary>
    public int SkipHeader { get; init; }
    /// <summary>CSV <c>trim_space</c>: spaces before a field, and after it in the plain path or after a closing quote (see <see cref="CsvStateMachine"/>).</summary>
    public bool TrimSpace { get; init; }
    /// <summary>The <c>columns</c> mapping, or null when absent.</summary>
    public ColumnMapping? Columns { get; init; }
    /// <summary>JSON: treat a top-level array as many rows.</summary>
    public bool StripOuterArray { get; init; }
    /// <summary>JSON matched mode: JsonPath per source field.</summary>
    public IReadOnlyList<string>? JsonPaths { get; init; }
    /// <summary>Primary Key partial update.</summary>
    public bool PartialUpdate { get; init; }
    /// <summary>Largest tolerated share of filtered rows (default 0).</summary>
    public double MaxFilterRatio { get; init; }
    /// <summary>Strict mode: a value that fails conversion filters its row instead of becoming NULL.</summary>
    public bool StrictMode { get; init; }
    /// <summary>Load timeout in seconds (default 600).</summary>
    public int TimeoutSeconds { get; init; } = 600;
    /// <summary>The body's codec (<c>compression</c> or <c>Content-Encoding</c>), or null for a plain body.</summary>
    public BodyCompression? Compression { get; init; }

    /// <summary>Reads the options from request headers; returns an error message for refused or malformed headers.</summary>
    public static LoadOptions Parse(IHeaderDictionary headers, out string? error)
    {
        error = HeaderPolicy.FindRefused(headers);
        var options = new LoadOptions();
        if (error is not null)
            return options;
        options = options with { Compression = BodyCompression.Parse(headers, out error) };
        if (error is not null)
            return options;
        try
        {
            var format = Header(headers, "format")?.Trim().ToLowerInvariant();
            options = options with
            {
                Format = format switch
                {
                    null or "" or "csv" => LoadFormat.Csv,
                    "json" => LoadFormat.Json,
                    _ => throw new FormatException($"Unknown data format {format}"),
                },
                ColumnSeparator = Delimiter(Header(headers, "column_separator")) ?? options.ColumnSeparator,
                RowDelimiter = Delimiter(Header(headers, "row_delimiter")) ?? options.RowDelimiter,
                Enclose = SingleByte(headers, "enclose"),
                Escape = SingleByte(headers, "escape"),
                SkipHeader = Header(headers, "skip_header") is { } skip ? int.Parse(skip, CultureInfo.InvariantCulture) : 0,
                TrimSpace = Flag(headers, "trim_space"),
                Columns = Header(headers, "columns") is { Length: > 0 } columns ? ColumnMapping.Parse(columns) : null,
                StripOuterArray = Flag(headers, "strip_outer_array"),
                JsonPaths = Header(headers, "jsonpaths") is { Length: > 0 } paths
                    ? System.Text.Json.JsonSerializer.Deserialize<string[]>(paths) ?? throw new FormatException("jsonpaths is not a JSON array")
                    : null,
                PartialUpdate = Flag(headers, "partial_update"),
                MaxFilterRatio = Header(headers, "max_filter_ratio") is { } ratio
                    ? double.Parse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : 0,
                StrictMode = Flag(headers, "strict_mode"),
                TimeoutSeconds = Header(headers, "timeout") is { } timeout ? int.Parse(timeout, CultureInfo.InvariantCulture) : 600,
            };
            if (options.MaxFilterRatio is < 0 or > 1)
                throw new FormatException("max_filter_ratio must be between 0 and 1");
            if (options.TimeoutSeconds is < 1 or > 259_200)
                throw new FormatException("timeout must be between 1 and 259200 seconds");
            if (options.ColumnSeparator.Length is 0 or > 50 || options.RowDelimiter.Length is 0 or > 50)
                throw new FormatException("column_separator and row_delimiter must be 1 to 50 bytes");
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or OverflowException)
        {
            error = exception.Message;
        }
        return options;
    }

    /// <summary>
    /// Decodes a separator header: <c>\t</c>, <c>\n</c>, or hex notation (<c>\x01</c>, <c>\x0D0A</c>), else the UTF-8 text.
    /// </summary>
    public static byte[]? Delimiter(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.StartsWith("\\x", StringComparison.OrdinalIgnoreCase) && text.Length > 2)
        {
            var hex = text[2..];
            if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
                throw new FormatException($"invalid hex delimiter {text}");
            return Convert.FromHexString(hex);
        }
        return text switch
        {
            "\\t" => "\t"u8.ToArray(),
            "\\n" => "\n"u8.ToArray(),
            "\\r\\n" => "\r\n"u8.ToArray(),
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    internal static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static bool Flag(IHeaderDictionary headers, string name) =>
        string.Equals(Header(headers, name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static byte? SingleByte(IHeaderDictionary headers, string name)
    {
        var bytes = Delimiter(Header(headers, name));
        return bytes switch
        {
            null => null,
            { Length: 1 } => bytes[0],
            _ => throw new FormatException($"{name} must be a single byte"),
        };
    }
}
