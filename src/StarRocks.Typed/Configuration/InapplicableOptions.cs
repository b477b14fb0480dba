namespace StarRocks.Typed.Configuration;

/// <summary>
/// Options of StarRocks's Flink connector and Flink CDC sink that have no meaning for this library, each with the reason.
/// A configuration copied from a connector may carry them: they are accepted and named in a start-up warning, where any
/// other unknown key fails the start.
/// </summary>
internal static class InapplicableOptions
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["connector"] = "it names the Flink connector",
        ["type"] = "it names the Flink CDC sink",
        ["name"] = "it names the Flink CDC sink",
        ["table-name"] = "each table comes from its model's [StarRocksTable]",
        ["scan-url"] = "reads go through the FEs' MySQL protocol (jdbc-url), not the HTTP scan API",
        ["scan.params.keep-alive-min"] = "it keeps a BE Thrift scanner alive; a MySQL-protocol query keeps no scanner between fetches (scan.params.query-timeout-s bounds it)",
        ["sink.version"] = "the loader follows from sink.semantic and sink.at-least-once.use-transaction-stream-load",
        ["sink.parallelism"] = "writers are the application's own tasks; loads run on sink.io.thread-count slots",
        ["sink.use.new-sink-api"] = "it selects a Flink sink API",
        ["sink.buffer-flush.enqueue-timeout-ms"] = "writers wait for buffer room until their CancellationToken is cancelled",
        ["sink.exactly-once.enable-label-gen"] = "labels are always generated from sink.label-prefix",
        ["sink.ignore.update-before"] = "rows are upserts and deletes (__op), never Flink UPDATE_BEFORE records",
        ["sink.wrap-json-as-array"] = "rows are written by the generated JSON writer, never pre-serialized JSON arrays",
        ["sink.metric.histogram-window-size"] = "metrics are System.Diagnostics.Metrics instruments; the exporter aggregates them",
        ["sink.blackhole"] = "it is a Flink testing switch",
    };

    /// <summary>Why <paramref name="name"/> has no effect here, or null when it is not such an option.</summary>
    public static string? ReasonFor(string name) => Reasons.GetValueOrDefault(name);
}
