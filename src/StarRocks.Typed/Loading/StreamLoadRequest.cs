namespace StarRocks.Typed.Loading;

/// <summary>One already-serialized body (a batch, a file) for one table, with the Stream Load headers that describe its bytes.</summary>
public sealed class StreamLoadRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="database">The target database.</param>
    /// <param name="table">The target table.</param>
    /// <param name="body">The serialized rows; the caller keeps ownership and disposes a batch after the load.</param>
    public StreamLoadRequest(string database, string table, LoadBody body)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(body);
        Database = database;
        Table = table;
        Body = body;
    }

    /// <summary>The target database.</summary>
    public string Database { get; }

    /// <summary>The target table.</summary>
    public string Table { get; }

    /// <summary>The serialized rows.</summary>
    public LoadBody Body { get; }

    /// <summary>
    /// Headers that describe the body (<c>format</c>, <c>columns</c>, <c>column_separator</c>, <c>strip_outer_array</c>, …).
    /// They override <c>sink.properties.*</c> of the same name.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>The label; generated as <c>{prefix}-{table}-{unique}</c> when <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Why <c>content-encoding</c> is not a load property: StarRocks reads it as another name for <c>compression</c> and
    /// refuses a load that sets both (<c>be/src/http/action/stream_load.cpp</c>, <c>_process_put</c>); the body is
    /// compressed only for <c>compression</c>.
    /// </summary>
    internal const string ContentEncodingRefusal =
        "sink.properties.content-encoding is not supported: set sink.properties.compression, which names the codec the body is compressed with.";

    /// <summary>Builds the header list sent with a load: configured properties, then the request's headers, then the label (if any).</summary>
    /// <param name="properties">The configured <c>sink.properties.*</c>.</param>
    /// <param name="headers">The headers describing the body.</param>
    /// <param name="label">The label of this attempt; <see langword="null"/> for none (Merge Commit).</param>
    /// <returns>Lower-cased header names with their values; later sources override earlier ones.</returns>
    /// <exception cref="ArgumentException">
    /// A name is not a header token, a value spans lines, <c>compression</c> names a codec that cannot be written, or
    /// <c>content-encoding</c> is set.
    /// </exception>
    internal static IReadOnlyList<KeyValuePair<string, string>> MergeHeaders(
        IEnumerable<KeyValuePair<string, string>>? properties, IEnumerable<KeyValuePair<string, string>>? headers, string? label)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in (properties ?? []).Concat(headers ?? []))
        {
            if (string.IsNullOrEmpty(name) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
            {
                throw new ArgumentException($"'{name}' is not a Stream Load header name.", nameof(headers));
            }

            if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ArgumentException($"The value of Stream Load header '{name}' must be a single line.", nameof(headers));
            }

            merged[name.ToLowerInvariant()] = value;
        }

        if (merged.ContainsKey("content-encoding"))
        {
            throw new ArgumentException(ContentEncodingRefusal, nameof(headers));
        }

        if (merged.TryGetValue(LoadCompression.HeaderName, out var compression) && !LoadCompression.TryParse(compression, out _, out var error))
        {
            throw new ArgumentException(error, nameof(headers));
        }

        if (label is not null)
        {
            merged["label"] = label;
        }

        return [.. merged];
    }
}
