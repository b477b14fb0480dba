namespace StarRocks.Typed.Cdc;

/// <summary>
/// The CDC sink's own options, spelled as StarRocks's Flink CDC pipeline sink spells them (Flink CDC,
/// <c>StarRocksDataSinkOptions</c>); its loads use the sink options of <c>AddStarRocks</c> (every <c>sink.*</c> option).
/// </summary>
public sealed class StarRocksCdcOptions
{
    /// <summary>Largest <c>unicode-char.max-bytes</c>: UTF-8 takes at most 4 bytes per character.</summary>
    public const int MaxUnicodeCharBytes = 4;

    /// <summary><c>table.create.num-buckets</c>: BUCKETS of created tables, 1 or more; null (default) lets StarRocks choose (2.5.7 and later).</summary>
    public int? TableCreateNumBuckets { get; set; }

    /// <summary><c>table.create.properties.*</c>: PROPERTIES of created tables, e.g. <c>replication_num</c>, <c>fast_schema_evolution</c>.</summary>
    public IDictionary<string, string> TableCreateProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>table.schema-change.timeout</c> (whole seconds): how long a schema change may take (default 30 min).</summary>
    public TimeSpan SchemaChangeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// <c>unicode-char.max-bytes</c>: bytes per source character when CHAR/VARCHAR lengths (characters) become StarRocks
    /// lengths (bytes), 1–4 (default 3; 4 for MySQL's utf8mb4 text outside the Basic Multilingual Plane).
    /// </summary>
    public int UnicodeCharMaxBytes { get; set; } = 3;
}
