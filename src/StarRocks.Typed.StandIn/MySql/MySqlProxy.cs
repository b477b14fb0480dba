using System.Net;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// StarRocks's MySQL-protocol endpoint (FE :9030): passes the protocol through to MariaDB and rewrites only what
/// differs (StarRocks DDL, ALTER forms, session variables, <c>information_schema.columns</c> type names).
/// </summary>
public sealed class MySqlProxy : IAsyncDisposable
{
    private readonly IPEndPoint _mariaDb;
    private readonly SchemaCatalog _catalog;

    /// <summary>Creates a proxy to the MariaDB server at <paramref name="mariaDb"/>.</summary>
    public MySqlProxy(IPEndPoint mariaDb, SchemaCatalog catalog, SqlLog log)
    {
        _mariaDb = mariaDb;
        _catalog = catalog;
        Log = log;
    }

    /// <summary>The statements clients sent.</summary>
    public SqlLog Log { get; }

    /// <summary>Where the proxy listens (valid after <see cref="StartAsync"/>).</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Starts listening on <paramref name="listen"/> (port 0 picks a free port).</summary>
    public Task StartAsync(IPEndPoint listen, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException($"MySQL proxy to {_mariaDb} over {_catalog} is not built yet; listen {listen}");

    /// <summary>Stops listening and closes every client connection.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
