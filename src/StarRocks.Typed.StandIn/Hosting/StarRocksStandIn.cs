using System.Net;
using MySqlConnector;
using StarRocks.Typed.StandIn.Be;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Fe;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.MariaDb;
using StarRocks.Typed.StandIn.MySql;
using StarRocks.Typed.StandIn.Observation;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Hosting;

/// <summary>
/// A running StarRocks stand-in: one or more FE HTTP endpoints, one BE HTTP endpoint and the MySQL-protocol endpoint,
/// over a MariaDB instance, sharing one state (catalog, labels, transactions). Start it with <see cref="StartAsync"/>.
/// </summary>
public sealed class StarRocksStandIn : IAsyncDisposable
{
    private readonly StandInServices _services;
    private readonly List<HttpNode> _frontends = [];
    private readonly HttpNode _backend;
    private readonly MariaDbServer _mariaDb;
    private readonly bool _ownsMariaDb;
    private readonly MySqlProxy? _proxy;
    private readonly Timer _expiry;

    private StarRocksStandIn(StandInServices services, HttpNode backend, MariaDbServer mariaDb, bool ownsMariaDb, MySqlProxy? proxy, SqlLog sqlLog)
    {
        _services = services;
        _backend = backend;
        _mariaDb = mariaDb;
        _ownsMariaDb = ownsMariaDb;
        _proxy = proxy;
        SqlLog = sqlLog;
        _expiry = new Timer(_ => services.Transactions.ExpireDue(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        services.LeaderAddress = () => _frontends.FirstOrDefault(f => f.IsRunning)?.Address;
    }

    /// <summary>The first FE's HTTP endpoint (StarRocks FE :8030).</summary>
    public IPEndPoint FeHttp => _frontends[0].EndPoint;
    /// <summary>Every FE started (index 0 is the first; the leader is the first one running).</summary>
    public IReadOnlyList<HttpNode> Frontends => _frontends;
    /// <summary>The BE's HTTP endpoint (StarRocks BE :8040).</summary>
    public IPEndPoint BeHttp => _backend.EndPoint;
    /// <summary>The BE node (stop it to make the BE unreachable).</summary>
    public HttpNode Backend => _backend;
    /// <summary>The MySQL-protocol endpoint (StarRocks FE :9030), or null when the proxy was not started.</summary>
    public IPEndPoint? MySql => _proxy?.LocalEndPoint;
    /// <summary>The StarRocks user.</summary>
    public string User => _services.Options.User;
    /// <summary>Its password.</summary>
    public string Password => _services.Options.Password;
    /// <summary>Faults to inject into coming requests.</summary>
    public FaultInjector Faults => _services.Faults;
    /// <summary>Every HTTP request the FEs and the BE received.</summary>
    public RequestLog Requests => _services.Requests;
    /// <summary>Every merged transaction of Merge Commit loads, once its window closed.</summary>
    public MergeCommitLog MergeCommits => _services.MergeCommits;
    /// <summary>Every statement received on the MySQL-protocol endpoint.</summary>
    public SqlLog SqlLog { get; }
    /// <summary>The table definitions the stand-in knows.</summary>
    public SchemaCatalog Catalog => _services.Catalog;
    /// <summary>Labels and load transactions.</summary>
    public TransactionManager Transactions => _services.Transactions;
    /// <summary>The MariaDB instance behind the stand-in.</summary>
    public MariaDbServer MariaDb => _mariaDb;

    /// <summary>A MariaDB connection string (administrative user) for checking table contents directly.</summary>
    public string MariaDbConnectionString(string? database = null) => _mariaDb.ConnectionString(database);

    /// <summary>
    /// A MySqlConnector connection string for the MySQL-protocol endpoint as the stand-in's StarRocks user (utf8mb4, no TLS);
    /// throws when the proxy was not started.
    /// </summary>
    public string MySqlConnectionString(string? database = null)
    {
        var endPoint = MySql ?? throw new InvalidOperationException("The MySQL-protocol proxy was not started (StandInOptions.StartMySqlProxy).");
        return new MySqlConnectionStringBuilder
        {
            Server = endPoint.Address.ToString(),
            Port = (uint)endPoint.Port,
            UserID = User,
            Password = Password,
            Database = database ?? "",
            SslMode = MySqlSslMode.None,
            GuidFormat = MySqlGuidFormat.None,
            CharacterSet = "utf8mb4",
        }.ConnectionString;
    }

    /// <summary>Starts a stand-in: MariaDB (shared, given or private), the BE, one FE and the MySQL proxy.</summary>
    public static async Task<StarRocksStandIn> StartAsync(StandInOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new StandInOptions();
        var ownsMariaDb = options.MariaDb is null && options.MariaDbDataDirectory is not null;
        var mariaDb = options.MariaDb
            ?? (options.MariaDbDataDirectory is { } dataDirectory
                ? await MariaDbServer.StartAsync(dataDirectory, options.MariaDbPort, cancellationToken)
                : await MariaDbServer.GetSharedAsync(cancellationToken));
        var connectionString = mariaDb.ConnectionString();
        await EnsureUserAsync(connectionString, options.User, options.Password, cancellationToken);
        var catalog = new SchemaCatalog(connectionString);
        await catalog.InitializeAsync(cancellationToken);
        var transactions = new TransactionManager(connectionString, catalog);
        await transactions.InitializeAsync(cancellationToken);
        var services = new StandInServices
        {
            Options = options,
            Catalog = catalog,
            Transactions = transactions,
            Credentials = new BasicCredentials(options.User, options.Password),
        };
        var backend = new HttpNode("be", options.BeHttpPort, app => BackendRoutes.Map(app, services), services.Requests, BackendRoutes.HeaderValueEncoding);
        await backend.StartAsync(cancellationToken);
        services.BeAddress = backend.Address;

        var sqlLog = new SqlLog();
        MySqlProxy? proxy = null;
        try
        {
            if (options.StartMySqlProxy)
            {
                proxy = new MySqlProxy(mariaDb.EndPoint, catalog, sqlLog);
                await proxy.StartAsync(new IPEndPoint(IPAddress.Loopback, options.MySqlPort), cancellationToken);
            }
            var standIn = new StarRocksStandIn(services, backend, mariaDb, ownsMariaDb, proxy, sqlLog);
            await standIn.StartFeAsync(options.FeHttpPort, cancellationToken);
            return standIn;
        }
        catch
        {
            await backend.DisposeAsync();
            if (proxy is not null)
                await proxy.DisposeAsync();
            if (ownsMariaDb)
                await mariaDb.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more FE on <paramref name="port"/> (0 = free port), sharing the BE and the state.</summary>
    public async Task<HttpNode> StartFeAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        HttpNode? node = null;
        node = new HttpNode($"fe{_frontends.Count}", port, app => FrontendRoutes.Map(app, _services, () => node!.Address), _services.Requests,
            FrontendRoutes.HeaderValueEncoding);
        await node.StartAsync(cancellationToken);
        _frontends.Add(node);
        return node;
    }

    /// <summary>Stops FE <paramref name="index"/> (its port refuses connections until <see cref="RestartFeAsync"/>).</summary>
    public Task StopFeAsync(int index) => _frontends[index].StopAsync();

    /// <summary>Starts FE <paramref name="index"/> again on the same port.</summary>
    public Task RestartFeAsync(int index, CancellationToken cancellationToken = default) => _frontends[index].StartAsync(cancellationToken);

    /// <summary>Makes the BE unreachable (stops its listener).</summary>
    public Task StopBeAsync() => _backend.StopAsync();

    /// <summary>Makes the BE reachable again on the same port.</summary>
    public Task StartBeAsync(CancellationToken cancellationToken = default) => _backend.StartAsync(cancellationToken);

    /// <summary>Stops every node and the proxy; stops MariaDB only if this stand-in started a private instance.</summary>
    public async ValueTask DisposeAsync()
    {
        await _expiry.DisposeAsync();
        foreach (var frontend in _frontends)
            await frontend.DisposeAsync();
        await _backend.DisposeAsync();
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        if (_ownsMariaDb)
            await _mariaDb.DisposeAsync();
    }

    /// <summary>Creates the StarRocks user in MariaDB too, so that MySQL-protocol clients log in with the same credentials.</summary>
    private static async Task EnsureUserAsync(string connectionString, string user, string password, CancellationToken cancellationToken)
    {
        if (user == "root" && password.Length == 0)
            return; // root@127.0.0.1 without password exists from mariadb-install-db
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            await using var command = connection.CreateCommand();
            var account = $"'{user.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'@'{host}'";
            command.CommandText =
                $"CREATE USER IF NOT EXISTS {account} IDENTIFIED BY @password; ALTER USER {account} IDENTIFIED BY @password; GRANT ALL PRIVILEGES ON *.* TO {account} WITH GRANT OPTION";
            command.Parameters.AddWithValue("@password", password);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
