using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// StarRocks's MySQL-protocol endpoint (FE :9030): passes the protocol through to MariaDB and rewrites only what
/// differs (StarRocks DDL, ALTER forms, session variables, <c>information_schema.columns</c> type names).
/// Every client statement is recorded in <see cref="Log"/> with MariaDB's connection id.
/// </summary>
public sealed class MySqlProxy : IAsyncDisposable
{
    private readonly IPEndPoint _mariaDb;
    private readonly StatementHandler _handler;
    private readonly SchemaCatalog _catalog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ProxyConnection, Task> _connections = new();
    private Socket? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates a proxy to the MariaDB server at <paramref name="mariaDb"/>; DDL runs over <paramref name="catalog"/>'s connection.</summary>
    public MySqlProxy(IPEndPoint mariaDb, SchemaCatalog catalog, SqlLog log)
    {
        _mariaDb = mariaDb;
        _handler = new StatementHandler(catalog);
        _catalog = catalog;
        Log = log;
    }

    /// <summary>The statements clients sent.</summary>
    public SqlLog Log { get; }

    /// <summary>Where the proxy listens (valid after <see cref="StartAsync"/>).</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>
    /// Prepares the stand-in's state objects in MariaDB (catalog, schema-change history, columns view) and starts
    /// listening on <paramref name="listen"/> (port 0 picks a free port).
    /// </summary>
    public async Task StartAsync(IPEndPoint listen, CancellationToken cancellationToken = default)
    {
        await _handler.InitializeAsync(cancellationToken);
        var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(listen);
        listener.Listen(128);
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptAsync(listener, _stopping.Token);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var server = new Socket(_mariaDb.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_mariaDb, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }
        var connection = new ProxyConnection(client, server, _handler, _catalog, Log);
        var run = connection.RunAsync(cancellationToken);
        _connections[connection] = run;
        try
        {
            await run;
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            await connection.DisposeAsync();
        }
    }

    /// <summary>Stops listening and closes every client connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync();
        _listener?.Dispose();
        if (_acceptLoop is not null)
            await _acceptLoop;
        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }
}
