using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.StandIn.Hosting;

/// <summary>How to start a <see cref="StarRocksStandIn"/>. Ports 0 pick free ports.</summary>
public sealed record StandInOptions
{
    /// <summary>The StarRocks user clients authenticate as (Basic auth, and the MySQL-protocol user).</summary>
    public string User { get; init; } = "root";
    /// <summary>Its password (empty by default, as StarRocks's root).</summary>
    public string Password { get; init; } = "";
    /// <summary>Port of the first FE HTTP endpoint (StarRocks: 8030).</summary>
    public int FeHttpPort { get; init; }
    /// <summary>Port of the BE HTTP endpoint (StarRocks: 8040).</summary>
    public int BeHttpPort { get; init; }
    /// <summary>Port of the MySQL-protocol endpoint (StarRocks: 9030).</summary>
    public int MySqlPort { get; init; }
    /// <summary>Start the MySQL-protocol proxy (default true).</summary>
    public bool StartMySqlProxy { get; init; } = true;
    /// <summary>
    /// A MariaDB instance to use (not owned: left running on dispose). When null the stand-in uses
    /// <see cref="MariaDbDataDirectory"/>, or the process-wide shared instance (<see cref="MariaDbServer.GetSharedAsync"/>).
    /// </summary>
    public MariaDbServer? MariaDb { get; init; }
    /// <summary>Data directory of a private MariaDB instance the stand-in starts (or reuses) and owns.</summary>
    public string? MariaDbDataDirectory { get; init; }
    /// <summary>Port of that private MariaDB instance (0 = free port).</summary>
    public int MariaDbPort { get; init; }
    /// <summary>
    /// Storage off: the BE reads each load body and counts rows by their delimiter without parsing values or writing
    /// (for client throughput benchmarks). Labels are still checked and recorded.
    /// </summary>
    public bool StorageOff { get; init; }
}
