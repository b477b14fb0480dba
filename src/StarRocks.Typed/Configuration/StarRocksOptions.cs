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

    /// <summary>
    /// <c>jdbc-url</c>: <c>jdbc:mysql://fe1:9030,fe2:9030[/db][?…]</c>, the FEs' MySQL query port. When set and no data
    /// source is registered with <c>UseDataSource</c>, sources, lookups and schema checks use a MySqlConnector data
    /// source over these FEs (failover in the URL's order) with <c>username</c> and <c>password</c>.
    /// </summary>
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

    /// <summary>
    /// <c>sink.scan-frequency.ms</c>: how often the sink checks whether a table's batch is older than <c>interval-ms</c>
    /// and must be flushed, 1–60000 ms (default 50).
    /// </summary>
    public TimeSpan ScanFrequency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary><c>sink.io.thread-count</c>: loads running in parallel across tables, 1–64 (default 2).</summary>
    public int IoThreadCount { get; set; } = 2;

    /// <summary>
    /// <c>sink.at-least-once.use-transaction-stream-load</c>: in at-least-once, stream the chunks of a flush interval into
    /// one transaction instead of one Stream Load per batch (default false, where StarRocks's Flink connector defaults to
    /// true: an open transaction per table per interval counts against <c>max_running_txn_num_per_db</c>; see the sink's README).
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
    internal bool UncheckedBufferLimitsForTesting { get; set; }

    /// <summary>The body format: <c>sink.properties.format</c> (<c>csv</c>, the default, or <c>json</c>).</summary>
    public bool UsesJson => Connection.Properties.TryGetValue("format", out var format) && format.Equals("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies a configuration section whose keys are the connector spellings (<c>load-url</c>, <c>sink.buffer-flush.max-bytes</c>, …).</summary>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>; nested sections join with <c>.</c>.</param>
    /// <returns>This instance.</returns>
    public StarRocksOptions Apply(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Apply(ConnectorOptions.Pairs(section));
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
        var pairs = connectorOptions.ToList();
        Connection.ApplyConnectorOptions(pairs);
        ConnectorOptions.Apply(this, Options, pairs);
        return this;
    }

    /// <summary>The sink's own options (the connection's are <see cref="StarRocksConnectionOptions.Options"/>): name, parser and range of each.</summary>
    internal static IReadOnlyList<ConnectorOption<StarRocksOptions>> Options { get; } =
    [
        ConnectorOption<StarRocksOptions>.Text("jdbc-url", (o, v) => o.JdbcUrl = v),
        ConnectorOption<StarRocksOptions>.Text("database-name", (o, v) => o.Database = v),
        ConnectorOption<StarRocksOptions>.Choice("sink.semantic", (o, v) => o.Semantic = v,
            ("at-least-once", StarRocksSinkSemantic.AtLeastOnce), ("exactly-once", StarRocksSinkSemantic.ExactlyOnce)),
        ConnectorOption<StarRocksOptions>.Int64("sink.buffer-flush.max-bytes", o => o.BufferFlushMaxBytes, (o, v) => o.BufferFlushMaxBytes = v,
            MinBufferBytes, MaxBufferBytes, relaxedMin: o => o.UncheckedBufferLimitsForTesting ? 1 : MinBufferBytes),
        ConnectorOption<StarRocksOptions>.Int64("sink.buffer-flush.max-rows", o => o.BufferFlushMaxRows, (o, v) => o.BufferFlushMaxRows = (int)Math.Clamp(v, int.MinValue, int.MaxValue),
            64_000, 5_000_000, relaxedMin: o => o.UncheckedBufferLimitsForTesting ? 1 : 64_000),
        ConnectorOption<StarRocksOptions>.Milliseconds("sink.buffer-flush.interval-ms", o => o.BufferFlushInterval, (o, v) => o.BufferFlushInterval = v,
            1_000, 3_600_000, relaxedMin: o => o.UncheckedBufferLimitsForTesting ? 1 : 1_000),
        ConnectorOption<StarRocksOptions>.Milliseconds("sink.scan-frequency.ms", o => o.ScanFrequency, (o, v) => o.ScanFrequency = v, 1, 60_000),
        ConnectorOption<StarRocksOptions>.Int32("sink.io.thread-count", o => o.IoThreadCount, (o, v) => o.IoThreadCount = v, 1, 64),
        ConnectorOption<StarRocksOptions>.Flag("sink.at-least-once.use-transaction-stream-load", (o, v) => o.UseTransactionStreamLoad = v),
        ConnectorOption<StarRocksOptions>.Text("sink.exactly-once.journal-path", (o, v) => o.JournalPath = v),
        ConnectorOption<StarRocksOptions>.Flag("sink.exactly-once.enable-abort-lingering-txn", (o, v) => o.AbortLingeringTransactions = v),
        ConnectorOption<StarRocksOptions>.Int32("sink.merge-commit.max-concurrent-requests", o => o.MergeCommitMaxConcurrentRequests,
            (o, v) => o.MergeCommitMaxConcurrentRequests = v, 0), // 0: one load at a time, in order
        ConnectorOption<StarRocksOptions>.Int64("sink.merge-commit.chunk.size", o => o.EffectiveMergeCommitChunkSize, (o, v) => o.MergeCommitChunkSize = v,
            1, MaxBufferBytes),
        ConnectorOption<StarRocksOptions>.Int32("sink.exactly-once.check-num-lingering-txn", o => o.LingeringTransactionCheckCount, (o, v) => o.LingeringTransactionCheckCount = v, -1), // -1: until the first label that is not lingering
    ];
}
