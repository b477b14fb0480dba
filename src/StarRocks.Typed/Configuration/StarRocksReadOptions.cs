using System.Globalization;
using Microsoft.Extensions.Configuration;
using StarRocks.Typed.Source;

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

    /// <summary>
    /// <c>scan.params.keep-alive-min</c>: the connector's scanner keep-alive (default 10). Accepted for compatibility; a
    /// MySQL-protocol scan keeps no scanner context between fetches, so it has no effect here.
    /// </summary>
    public int ScanKeepAliveMinutes { get; set; } = 10;

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
        return Apply(section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Key.Replace(':', '.'), p.Value!)));
    }

    /// <summary>Applies <c>scan.*</c> and <c>lookup.*</c> options spelled as in the connectors; other keys are ignored.</summary>
    /// <param name="connectorOptions">Option names (any case) and values.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public StarRocksReadOptions Apply(IEnumerable<KeyValuePair<string, string>> connectorOptions)
    {
        ArgumentNullException.ThrowIfNull(connectorOptions);
        foreach (var (rawName, value) in connectorOptions)
        {
            var name = rawName.Trim().ToLowerInvariant();
            switch (name)
            {
                case "scan.connect.timeout-ms": ScanConnectTimeout = TimeSpan.FromMilliseconds(ParseLong(name, value)); break;
                case "scan.params.query-timeout-s": ScanQueryTimeoutSeconds = ParseInt(name, value); break;
                case "scan.params.mem-limit-byte": ScanMemLimitBytes = ParseLong(name, value); break;
                case "scan.params.keep-alive-min": ScanKeepAliveMinutes = ParseInt(name, value); break;
                case "scan.max-retries": ScanMaxRetries = ParseInt(name, value); break;
                case "scan.split.count": ScanSplitCount = ParseInt(name, value); break;
                case "scan.split.max-connections": ScanMaxConnections = ParseInt(name, value); break;
                case "lookup.cache.enabled": LookupCacheEnabled = ParseBool(name, value); break;
                case "lookup.cache.max-rows": LookupCacheMaxRows = ParseInt(name, value); break;
                case "lookup.cache.ttl-ms": LookupCacheTtl = TimeSpan.FromMilliseconds(ParseLong(name, value)); break;
                case "lookup.cache.miss-ttl-ms": LookupCacheMissTtl = TimeSpan.FromMilliseconds(ParseLong(name, value)); break;
                case "lookup.max-retries": LookupMaxRetries = ParseInt(name, value); break;
                case "lookup.batch.window-ms": LookupBatchWindow = TimeSpan.FromMilliseconds(ParseLong(name, value)); break;
                case "lookup.batch.max-keys": LookupBatchMaxKeys = ParseInt(name, value); break;
                case "lookup.preload": LookupPreload = ParseBool(name, value); break;
            }
        }

        return this;
    }

    /// <summary>Returns one message per out-of-range option, named as users spell it.</summary>
    /// <returns>The messages; empty when the options are valid.</returns>
    public IReadOnlyList<string> GetFailures()
    {
        var failures = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add(message);
            }
        }

        Require(ScanConnectTimeout > TimeSpan.Zero, "scan.connect.timeout-ms must be positive.");
        Require(ScanQueryTimeoutSeconds > 0, "scan.params.query-timeout-s must be positive.");
        Require(ScanMemLimitBytes > 0, "scan.params.mem-limit-byte must be positive.");
        Require(ScanKeepAliveMinutes > 0, "scan.params.keep-alive-min must be positive.");
        Require(ScanMaxRetries >= 0, "scan.max-retries must be 0 or more.");
        Require(ScanSplitCount is >= 1 and <= 1024, "scan.split.count must be 1–1024.");
        Require(ScanMaxConnections is >= 1 and <= 64, "scan.split.max-connections must be 1–64.");
        Require(LookupCacheMaxRows > 0, "lookup.cache.max-rows must be positive.");
        Require(LookupCacheTtl > TimeSpan.Zero, "lookup.cache.ttl-ms must be positive.");
        Require(LookupCacheMissTtl >= TimeSpan.Zero, "lookup.cache.miss-ttl-ms must be 0 or more.");
        Require(LookupMaxRetries >= 0, "lookup.max-retries must be 0 or more.");
        Require(LookupBatchWindow >= TimeSpan.Zero && LookupBatchWindow <= TimeSpan.FromSeconds(1), "lookup.batch.window-ms must be 0–1000.");
        Require(LookupBatchMaxKeys is >= 1 and <= StarRocksSqlText.ExprChildrenLimit, "lookup.batch.max-keys must be 1–10000 (StarRocks's expr_children_limit).");
        return failures;
    }

    private static long ParseLong(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{option} must be an integer (was '{value}').");

    private static int ParseInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{option} must be an integer (was '{value}').");

    private static bool ParseBool(string option, string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new FormatException($"{option} must be true or false (was '{value}').");
}
