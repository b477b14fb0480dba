using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace StarRocks.Typed.Configuration;

/// <summary>The delivery guarantee of the sink (<c>sink.semantic</c>).</summary>
public enum StarRocksSinkSemantic
{
    /// <summary><c>at-least-once</c>: batches are loaded as flush triggers fire; a retried batch keeps its label.</summary>
    AtLeastOnce,

    /// <summary><c>exactly-once</c>: rows stream into one transaction per table per checkpoint.</summary>
    ExactlyOnce,
}

/// <summary>
/// Everything the typed sink needs: the connection (<see cref="Connection"/>, shared with the loader) plus the sink's
/// buffering options. Bindable from configuration with the connector spellings (<see cref="Apply(IConfiguration)"/>);
/// validated by <see cref="StarRocksOptionsValidator"/>.
/// </summary>
public sealed class StarRocksOptions
{
    /// <summary>Smallest <c>sink.buffer-flush.max-bytes</c> (64 MB).</summary>
    public const long MinBufferBytes = 64L * 1024 * 1024;

    /// <summary>Largest <c>sink.buffer-flush.max-bytes</c> (10 GB).</summary>
    public const long MaxBufferBytes = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// <c>load-url</c>, <c>username</c>, <c>password</c>, <c>sink.label-prefix</c>, <c>sink.max-retries</c>, timeouts and
    /// <c>sink.properties.*</c> (Stream Load headers).
    /// </summary>
    public StarRocksConnectionOptions Connection { get; set; } = new();

    /// <summary><c>jdbc-url</c>: <c>jdbc:mysql://fe1:9030,fe2:9030[/db][?…]</c> (optional; SQL work uses the registered <c>DbDataSource</c>).</summary>
    public string? JdbcUrl { get; set; }

    /// <summary><c>database-name</c>: overrides the database of every table model when set.</summary>
    public string? Database { get; set; }

    /// <summary><c>sink.semantic</c>: <c>at-least-once</c> (default) or <c>exactly-once</c>.</summary>
    public StarRocksSinkSemantic Semantic { get; set; } = StarRocksSinkSemantic.AtLeastOnce;

    /// <summary><c>sink.buffer-flush.max-bytes</c>: 64 MB–10 GB (default 90 MB). Writers wait when twice this many bytes are buffered.</summary>
    public long BufferFlushMaxBytes { get; set; } = 94_371_840;

    /// <summary><c>sink.buffer-flush.max-rows</c>: rows of one table per batch, 64000–5000000 (default 500000).</summary>
    public int BufferFlushMaxRows { get; set; } = 500_000;

    /// <summary><c>sink.buffer-flush.interval-ms</c>: longest time rows wait before they are flushed, 1000–3600000 ms (default 300000).</summary>
    public TimeSpan BufferFlushInterval { get; set; } = TimeSpan.FromMilliseconds(300_000);

    /// <summary><c>sink.io.thread-count</c>: loads running in parallel across tables, 1–64 (default 2).</summary>
    public int IoThreadCount { get; set; } = 2;

    /// <summary>
    /// <c>sink.at-least-once.use-transaction-stream-load</c>: in at-least-once, stream the chunks of a flush interval into
    /// one transaction instead of one Stream Load per batch (default false).
    /// </summary>
    public bool UseTransactionStreamLoad { get; set; }

    /// <summary>
    /// <c>sink.exactly-once.journal-path</c>: the file that records prepared transactions between prepare and commit
    /// (default <c>starrocks-sink-{prefix}.journal</c> in the working directory).
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>
    /// <c>sink.exactly-once.enable-abort-lingering-txn</c>: on start, roll back the PREPARE/PREPARED transactions a crashed
    /// instance left behind with this sink's labels (default true).
    /// </summary>
    public bool AbortLingeringTransactions { get; set; } = true;

    /// <summary>
    /// <c>sink.exactly-once.check-num-lingering-txn</c>: how many labels per table the lingering-transaction check probes;
    /// -1 (default) probes until the first label that is not lingering (UNKNOWN or ABORTED).
    /// </summary>
    public int LingeringTransactionCheckCount { get; set; } = -1;

    /// <summary>
    /// <c>sink.merge-commit.max-concurrent-requests</c>: with Merge Commit, how many loads of one table may be in flight at
    /// once (default <see cref="int.MaxValue"/>); 0 sends them one after another, in order, which keeps the order of
    /// updates to a Primary Key table.
    /// </summary>
    public int MergeCommitMaxConcurrentRequests { get; set; } = int.MaxValue;

    /// <summary>
    /// <c>sink.merge-commit.chunk.size</c>: with Merge Commit, the most bytes one load carries (default 20 MB, or 500 MB
    /// when <see cref="MergeCommitMaxConcurrentRequests"/> is 0); <see langword="null"/> takes the default.
    /// </summary>
    public long? MergeCommitChunkSize { get; set; }

    /// <summary>The Merge Commit chunk size in effect (see <see cref="MergeCommitChunkSize"/>).</summary>
    public long EffectiveMergeCommitChunkSize =>
        MergeCommitChunkSize ?? (MergeCommitMaxConcurrentRequests == 0 ? 500L * 1024 * 1024 : 20L * 1024 * 1024);

    /// <summary>
    /// Called after a successful load from which StarRocks filtered rows (<c>sink.properties.max_filter_ratio</c> &gt; 0)
    /// with the table, label, filtered count and StarRocks's error-log lines (fetched from <c>ErrorURL</c> without
    /// credentials, at most 1 MiB and 10 s): a dead-letter hook. The table's uploader awaits it before the next batch
    /// (its token is cancelled after 30 s); an exception it throws is logged and does not fail the load. Not bindable
    /// from configuration; see <c>StarRocksBuilder.OnRejectedRows</c>.
    /// </summary>
    public Func<Sink.StarRocksRejectedRows, CancellationToken, ValueTask>? OnRejectedRows { get; set; }

    /// <summary>
    /// Testing only: skips the connector ranges of <c>sink.buffer-flush.max-bytes</c>, <c>max-rows</c> and <c>interval-ms</c>
    /// (other checks still apply), so tests can flush after a few kilobytes. Not bindable from configuration.
    /// </summary>
    public bool UncheckedBufferLimitsForTesting { get; set; }

    /// <summary>The body format: <c>sink.properties.format</c> (<c>csv</c>, the default, or <c>json</c>).</summary>
    public bool UsesJson => Connection.Properties.TryGetValue("format", out var format) && format.Equals("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies a configuration section whose keys are the connector spellings (<c>load-url</c>, <c>sink.buffer-flush.max-bytes</c>, …).</summary>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>; nested sections join with <c>.</c>.</param>
    /// <returns>This instance.</returns>
    public StarRocksOptions Apply(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var pairs = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Key.Replace(':', '.'), p.Value!));
        return Apply(pairs);
    }

    /// <summary>
    /// Applies options spelled as in the StarRocks connectors. Connection keys go to <see cref="Connection"/>
    /// (<see cref="StarRocksConnectionOptions.ApplyConnectorOptions"/>); unknown keys are ignored.
    /// </summary>
    /// <param name="connectorOptions">Option names (any case) and values.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="FormatException">A value has the wrong type; the message names the option.</exception>
    public StarRocksOptions Apply(IEnumerable<KeyValuePair<string, string>> connectorOptions)
    {
        ArgumentNullException.ThrowIfNull(connectorOptions);
        var list = connectorOptions.ToList();
        Connection.ApplyConnectorOptions(list);
        foreach (var (rawName, value) in list)
        {
            var name = rawName.Trim().ToLowerInvariant();
            switch (name)
            {
                case "jdbc-url": JdbcUrl = value; break;
                case "database-name": Database = value; break;
                case "sink.semantic": Semantic = ParseSemantic(value); break;
                case "sink.buffer-flush.max-bytes": BufferFlushMaxBytes = ParseLong(name, value); break;
                case "sink.buffer-flush.max-rows": BufferFlushMaxRows = (int)Math.Clamp(ParseLong(name, value), int.MinValue, int.MaxValue); break;
                case "sink.buffer-flush.interval-ms": BufferFlushInterval = TimeSpan.FromMilliseconds(ParseLong(name, value)); break;
                case "sink.io.thread-count": IoThreadCount = (int)Math.Clamp(ParseLong(name, value), int.MinValue, int.MaxValue); break;
                case "sink.at-least-once.use-transaction-stream-load": UseTransactionStreamLoad = ParseBool(name, value); break;
                case "sink.exactly-once.journal-path": JournalPath = value; break;
                case "sink.exactly-once.enable-abort-lingering-txn": AbortLingeringTransactions = ParseBool(name, value); break;
                case "sink.merge-commit.max-concurrent-requests": MergeCommitMaxConcurrentRequests = (int)Math.Clamp(ParseLong(name, value), int.MinValue, int.MaxValue); break;
                case "sink.merge-commit.chunk.size": MergeCommitChunkSize = ParseLong(name, value); break;
                case "sink.exactly-once.check-num-lingering-txn": LingeringTransactionCheckCount = (int)Math.Clamp(ParseLong(name, value), int.MinValue, int.MaxValue); break;
            }
        }

        return this;
    }

    /// <summary>The parsed <see cref="JdbcUrl"/> hosts (<c>host:port</c>), or an empty list when none is set.</summary>
    /// <returns>One entry per FE.</returns>
    /// <exception cref="FormatException">The URL is not <c>jdbc:mysql://host:port[,host:port…]</c>; the message names <c>jdbc-url</c>.</exception>
    public IReadOnlyList<string> GetJdbcHosts()
    {
        if (string.IsNullOrWhiteSpace(JdbcUrl))
        {
            return [];
        }

        const string scheme = "jdbc:mysql://";
        if (!JdbcUrl.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"jdbc-url must look like jdbc:mysql://fe1:9030,fe2:9030 (was '{JdbcUrl}').");
        }

        var authority = JdbcUrl[scheme.Length..].Split('/', '?')[0];
        var hosts = authority.Split(',', StringSplitOptions.TrimEntries);
        foreach (var host in hosts)
        {
            var colon = host.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new FormatException($"jdbc-url entry '{host}' is not host:port (was '{JdbcUrl}').");
            }
        }

        return hosts;
    }

    private static StarRocksSinkSemantic ParseSemantic(string value) => value.Trim().ToLowerInvariant() switch
    {
        "at-least-once" => StarRocksSinkSemantic.AtLeastOnce,
        "exactly-once" => StarRocksSinkSemantic.ExactlyOnce,
        _ => throw new FormatException($"sink.semantic must be at-least-once or exactly-once (was '{value}')."),
    };

    private static long ParseLong(string option, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{option} must be an integer (was '{value}').");

    private static bool ParseBool(string option, string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new FormatException($"{option} must be true or false (was '{value}').");
}
