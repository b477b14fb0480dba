using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Observation;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Hosting;

/// <summary>The state every node of one stand-in shares: catalog, labels and transactions, faults, logs, topology.</summary>
internal sealed class StandInServices
{
    public required StandInOptions Options { get; init; }
    public required SchemaCatalog Catalog { get; init; }
    public required TransactionManager Transactions { get; init; }
    public required BasicCredentials Credentials { get; init; }
    public FaultInjector Faults { get; } = new();
    public RequestLog Requests { get; } = new();
    public ErrorLogStore ErrorLogs { get; } = new();
    public MergeCommitLog MergeCommits { get; } = new();

    /// <summary>The open merged transactions of Merge Commit loads.</summary>
    public MergedTransactions MergedTransactions => LazyInitializer.EnsureInitialized(ref _mergedTransactions,
        () => new MergedTransactions(Transactions, MergeCommits, ErrorUrl));

    private MergedTransactions? _mergedTransactions;

    /// <summary>The BE's <c>host:port</c> (redirect target).</summary>
    public string BeAddress { get; set; } = "";

    /// <summary>The leader FE's <c>host:port</c>: the first FE that is running.</summary>
    public Func<string?> LeaderAddress { get; set; } = () => null;

    /// <summary>Stores error-log lines and returns the <c>ErrorURL</c> the BE serves them at.</summary>
    public string ErrorUrl(IEnumerable<string> lines) => $"http://{BeAddress}/api/_load_error_log?file={ErrorLogs.Add(lines)}";
}
