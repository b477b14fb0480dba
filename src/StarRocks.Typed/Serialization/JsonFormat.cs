namespace StarRocks.Typed.Serialization;

/// <summary>How <see cref="JsonRowWriter"/> lays rows out in a Stream Load body.</summary>
public enum JsonRowLayout
{
    /// <summary>
    /// One JSON array per body, <c>[{…},{…}]</c>, loaded with <c>strip_outer_array: true</c> (what StarRocks's own
    /// connectors send). The default.
    /// </summary>
    OuterArray,

    /// <summary>One object per line, <c>{…}\n{…}\n</c> (NDJSON), loaded without <c>strip_outer_array</c>.</summary>
    NewlineDelimited,
}

/// <summary>The JSON layout written by <see cref="JsonRowWriter"/> and announced by <see cref="StarRocksHeaders"/>.</summary>
public sealed class JsonFormat : StarRocksFormat
{
    /// <summary>Outer array, UTC.</summary>
    public static JsonFormat Default { get; } = new();

    /// <summary>How rows are laid out. Default <see cref="JsonRowLayout.OuterArray"/>.</summary>
    public JsonRowLayout Layout { get; init; } = JsonRowLayout.OuterArray;
}
