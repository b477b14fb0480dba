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

    /// <summary>The BE's <c>host:port</c> (redirect target).</summary>
    public string BeAddress { get; set; } = "";

    /// <summary>The leader FE's <c>host:port</c>: the first FE that is running.</summary>
    public Func<string?> LeaderAddress { get; set; } = () => null;
}
