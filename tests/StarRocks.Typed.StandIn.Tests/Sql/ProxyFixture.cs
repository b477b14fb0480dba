using System.Net;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.MariaDb;
using StarRocks.Typed.StandIn.MySql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

/// <summary>
/// A private MariaDB (data directory under the temp folder, stopped and deleted on dispose) with a
/// <see cref="MySqlProxy"/> in front of it, shared by every proxy test of the run.
/// </summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"standin-sql-tests-{Environment.ProcessId}");
    private int _databases;

    public MariaDbServer MariaDb { get; private set; } = null!;
    public SchemaCatalog Catalog { get; private set; } = null!;
    public SqlLog Log { get; } = new();
    public MySqlProxy Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MariaDb = await MariaDbServer.StartAsync(_dataDirectory);
        Catalog = new SchemaCatalog(MariaDb.ConnectionString());
        Proxy = new MySqlProxy(MariaDb.EndPoint, Catalog, Log);
        await Proxy.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
    }

    /// <summary>A MySqlConnector connection string to the proxy.</summary>
    public string ConnectionString(string? database = null, bool pooling = true) =>
        new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)Proxy.LocalEndPoint.Port,
            UserID = "root",
            Password = "",
            Database = database ?? "",
            SslMode = MySqlSslMode.None,
            GuidFormat = MySqlGuidFormat.None,
            CharacterSet = "utf8mb4",
            AllowUserVariables = true,
            Pooling = pooling,
        }.ConnectionString;

    /// <summary>Creates a fresh database through the proxy and opens a connection to it.</summary>
    public async Task<MySqlConnection> OpenNewDatabaseAsync(string prefix)
    {
        string name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var setup = new MySqlConnection(ConnectionString()))
        {
            await setup.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE IF NOT EXISTS `{name}`", setup).ExecuteNonQueryAsync();
        }
        var connection = new MySqlConnection(ConnectionString(name));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Rows of <paramref name="sql"/> run on MariaDB directly (not through the proxy).</summary>
    public async Task<List<object?[]>> MariaDbRowsAsync(string sql)
    {
        await using var connection = new MySqlConnection(MariaDb.ConnectionString());
        await connection.OpenAsync();
        return await connection.RowsAsync(sql);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        MySqlConnection.ClearAllPools();
        await MariaDb.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProxyCollection : ICollectionFixture<ProxyFixture>
{
    public const string Name = "mysql-proxy";
}

/// <summary>Small helpers for running SQL in tests.</summary>
internal static class Sql
{
    public static async Task<int> ExecAsync(this MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<object?[]>> RowsAsync(this MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static async Task<MySqlException> FailsAsync(this MySqlConnection connection, string sql) =>
        await Assert.ThrowsAsync<MySqlException>(() => connection.ExecAsync(sql));
}
