namespace StarRocks.Typed.Source;

/// <summary>What <see cref="IStarRocksSource{T}.ReadAsync"/> reads: columns, filter, limit and split.</summary>
public sealed record StarRocksReadRequest
{
    /// <summary>A request for every column and row.</summary>
    public static StarRocksReadRequest All { get; } = new();

    /// <summary>
    /// The members (C# member names or column names) to read; <see langword="null"/> reads every column. Members not
    /// selected keep their defaults.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Whether the key columns are read even when <see cref="Columns"/> does not name them (default true).</summary>
    public bool IncludeKeyColumns { get; init; } = true;

    /// <summary>
    /// A raw SQL condition appended as <c>WHERE (…)</c>, as the DataX reader's <c>where</c>. <b>Trusted input</b>: it is
    /// sent as written; pass values through <see cref="Parameters"/> (<c>@name</c> in the text).
    /// </summary>
    public string? Where { get; init; }

    /// <summary>Values of the <c>@name</c> placeholders of <see cref="Where"/>, bound as <c>DbParameter</c>s.</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>The most rows to yield; <see langword="null"/> for all.</summary>
    public long? Limit { get; init; }

    /// <summary>
    /// The integer column (member or column name) to split the read on, as DataX's <c>splitPk</c>: MIN/MAX give equal-width
    /// ranges, plus one slice for <c>IS NULL</c>, read concurrently. <see langword="null"/> reads in one query.
    /// </summary>
    public string? SplitColumn { get; init; }

    /// <summary>Slices of a split read; <see langword="null"/> uses <c>scan.split.count</c>.</summary>
    public int? SplitCount { get; init; }
}
