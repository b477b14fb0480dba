namespace StarRocks.Typed.Cli.Sync;

/// <summary>
/// Rows on their way from a reader to a writer. A row is one value per column, each already in StarRocks's load text
/// (what a CSV Stream Load field holds; <see langword="null"/> is SQL NULL).
/// </summary>
/// <param name="Rows">The rows.</param>
/// <param name="Bytes">How many characters the rows' values hold (progress only).</param>
internal sealed record RowChunk(IReadOnlyList<string?[]> Rows, long Bytes)
{
    /// <summary>How many rows a reader puts in one chunk.</summary>
    public const int Size = 1024;
}

/// <summary>What a column's load text is, for writers that write typed values (JSON).</summary>
internal enum ColumnKind
{
    /// <summary>Text: strings, dates, binary as base64.</summary>
    Text,

    /// <summary>A number: written bare in JSON.</summary>
    Number,
}

/// <summary>The columns a reader produces, in order.</summary>
/// <param name="Names">The column names.</param>
/// <param name="Kinds">The kind of each column's values.</param>
internal sealed record RowSchema(IReadOnlyList<string> Names, IReadOnlyList<ColumnKind> Kinds);
