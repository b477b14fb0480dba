using Microsoft.Extensions.Configuration;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// Options of typed sources (<c>scan.*</c>, spelled and defaulted as in the StarRocks Flink connector) and of lookups
/// (<c>lookup.*</c>). Bind with <see cref="Apply(IConfiguration)"/>; check with <see cref="GetFailures"/>.
/// </summary>
public sealed class StarRocksReadOptions
{
    /// <summary><c>scan.connect.timeout-ms</c>: longest wait for a connection (default 1000 ms).</summary>
    public TimeSpan ScanConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary><c>scan.params.query-timeout-s</c>: StarRocks's <c>query_timeout</c> for every scan query (default 600 s).</summary>
    public int ScanQueryTimeoutSeconds { get; set; } = 600;

    /// <summary><c>scan.params.mem-limit-byte</c>: StarRocks's <c>query_mem_limit</c> for every scan query (default 1 GB).</summary>
    public long ScanMemLimitBytes { get; set; } = 1L << 30;

    /// <summary><c>scan.max-retries</c>: retries of a failed scan slice (default 1); a retried slice resumes after the rows already yielded.</summary>
    public int ScanMaxRetries { get; set; } = 1;

    /// <summary><c>scan.split.count</c>: slices of a split read (<c>splitPk</c>) when the request sets none (default 4).</summary>
    public int ScanSplitCount { get; set; } = 4;

    /// <summary><c>scan.split.max-connections</c>: slices read at once (default 4).</summary>
    public int ScanMaxConnections { get; set; } = 4;

    /// <summary><c>lookup.cache.enabled</c>: cache looked-up rows (default true).</summary>
    public bool LookupCacheEnabled { get; set; } = true;

    /// <summary><c>lookup.cache.max-rows</c>: cached keys per lookup before entries are evicted (default 100000).</summary>
    public int LookupCacheMaxRows { get; set; } = 100_000;

    /// <summary><c>lookup.cache.ttl-ms</c>: how long a found row is served from the cache (default 5000 ms).</summary>
    public TimeSpan LookupCacheTtl { get; set; } = TimeSpan.FromMilliseconds(5000);

    /// <summary><c>lookup.cache.miss-ttl-ms</c>: how long a key without row is remembered as missing (default 1000 ms).</summary>
    public TimeSpan LookupCacheMissTtl { get; set; } = TimeSpan.FromMilliseconds(1000);

    /// <summary><c>lookup.max-retries</c>: retries of a failed lookup query (default 1).</summary>
    public int LookupMaxRetries { get; set; } = 1;

    /// <summary><c>lookup.batch.window-ms</c>: how long misses are gathered into one query (default 2 ms).</summary>
    public TimeSpan LookupBatchWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary><c>lookup.batch.max-keys</c>: keys per lookup query (default 1000; at most StarRocks's <c>expr_children_limit</c>, 10000, the longest <c>IN</c> list it parses).</summary>
    public int LookupBatchMaxKeys { get; set; } = 1000;

    /// <summary><c>lookup.preload</c>: load the whole (small) dimension and reload it every TTL instead of querying per key (default false).</summary>
    public bool LookupPreload { get; set; }

    /// <summary>Applies a configuration section whose keys are the connector spellings (<c>scan.max-retries</c>, <c>lookup.cache.ttl-ms</c>, …).</summary>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>; nested sections join with <c>.</c>.</param>
    /// <returns>This instance.</returns>
    public StarRocksReadOptions Apply(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Apply(ConnectorOptions.Pairs(section));
    }

    /// <summary>Applies <c>scan.*</c> and <c>lookup.*</c> options spelled as in the connectors; other keys are ignored.</summary>
    /// <param name="connectorOptions">Option names (any case) and values.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public StarRocksReadOptions Apply(IEnumerable<KeyValuePair<string, string>> connectorOptions)
    {
        ArgumentNullException.ThrowIfNull(connectorOptions);
        ConnectorOptions.Apply(this, Options, connectorOptions);
        return this;
    }

    /// <summary>Returns one message per out-of-range option, named as users spell it.</summary>
    /// <returns>The messages; empty when the options are valid.</returns>
    public IReadOnlyList<string> GetFailures()
    {
        var failures = new List<string>();
        ConnectorOptions.Check(this, Options, failures);
        return failures;
    }

    /// <summary>The read options: name, parser and range of each.</summary>
    internal static IReadOnlyList<ConnectorOption<StarRocksReadOptions>> Options { get; } =
    [
        ConnectorOption<StarRocksReadOptions>.Milliseconds("scan.connect.timeout-ms", o => o.ScanConnectTimeout, (o, v) => o.ScanConnectTimeout = v, 1),
        ConnectorOption<StarRocksReadOptions>.Int32("scan.params.query-timeout-s", o => o.ScanQueryTimeoutSeconds, (o, v) => o.ScanQueryTimeoutSeconds = v, 1),
        ConnectorOption<StarRocksReadOptions>.Int64("scan.params.mem-limit-byte", o => o.ScanMemLimitBytes, (o, v) => o.ScanMemLimitBytes = v, 1),
        ConnectorOption<StarRocksReadOptions>.Int32("scan.max-retries", o => o.ScanMaxRetries, (o, v) => o.ScanMaxRetries = v, 0),
        ConnectorOption<StarRocksReadOptions>.Int32("scan.split.count", o => o.ScanSplitCount, (o, v) => o.ScanSplitCount = v, 1, 1024),
        ConnectorOption<StarRocksReadOptions>.Int32("scan.split.max-connections", o => o.ScanMaxConnections, (o, v) => o.ScanMaxConnections = v, 1, 64),
        ConnectorOption<StarRocksReadOptions>.Flag("lookup.cache.enabled", (o, v) => o.LookupCacheEnabled = v),
        ConnectorOption<StarRocksReadOptions>.Int32("lookup.cache.max-rows", o => o.LookupCacheMaxRows, (o, v) => o.LookupCacheMaxRows = v, 1),
        ConnectorOption<StarRocksReadOptions>.Milliseconds("lookup.cache.ttl-ms", o => o.LookupCacheTtl, (o, v) => o.LookupCacheTtl = v, 1),
        ConnectorOption<StarRocksReadOptions>.Milliseconds("lookup.cache.miss-ttl-ms", o => o.LookupCacheMissTtl, (o, v) => o.LookupCacheMissTtl = v, 0),
        ConnectorOption<StarRocksReadOptions>.Int32("lookup.max-retries", o => o.LookupMaxRetries, (o, v) => o.LookupMaxRetries = v, 0),
        ConnectorOption<StarRocksReadOptions>.Milliseconds("lookup.batch.window-ms", o => o.LookupBatchWindow, (o, v) => o.LookupBatchWindow = v, 0, 1_000),
        ConnectorOption<StarRocksReadOptions>.Int32("lookup.batch.max-keys", o => o.LookupBatchMaxKeys, (o, v) => o.LookupBatchMaxKeys = v, 1, StarRocksSqlText.ExprChildrenLimit), // StarRocks's expr_children_limit
        ConnectorOption<StarRocksReadOptions>.Flag("lookup.preload", (o, v) => o.LookupPreload = v),
    ];
}
