using System.Collections.Concurrent;
using System.Text.Json;
using MySqlConnector;

namespace StarRocks.Typed.StandIn.Catalog;

/// <summary>
/// The stand-in's record of StarRocks table definitions, kept in MariaDB (database <c>__standin</c>, table
/// <c>tables</c>) so that it survives a restart, with an in-memory cache in front. The MySQL-protocol proxy
/// writes it when it executes StarRocks DDL; the BE reads it to parse and apply loads.
/// </summary>
public sealed class SchemaCatalog
{
    /// <summary>The MariaDB database holding the stand-in's own state.</summary>
    public const string StateDatabase = "__standin";

    private readonly string _connectionString;
    private readonly ConcurrentDictionary<(string, string), TableSchema> _cache = new();

    /// <summary>Creates a catalog over the MariaDB instance reached by <paramref name="connectionString"/>.</summary>
    public SchemaCatalog(string connectionString) => _connectionString = connectionString;

    /// <summary>The connection string of the MariaDB instance holding the catalog (the stand-in's administrative connection).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Creates the state database and table when missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"CREATE DATABASE IF NOT EXISTS `{StateDatabase}`", cancellationToken);
        await ExecuteAsync(connection,
            $"CREATE TABLE IF NOT EXISTS `{StateDatabase}`.`tables` (db VARCHAR(256) NOT NULL, name VARCHAR(1024) NOT NULL, definition LONGTEXT NOT NULL, PRIMARY KEY (db, name(255)))",
            cancellationToken);
    }

    /// <summary>The definition of <paramref name="database"/>.<paramref name="table"/>, or null when the stand-in has none.</summary>
    public async Task<TableSchema?> GetAsync(string database, string table, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(Key(database, table), out var cached))
            return cached;
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT definition FROM `{StateDatabase}`.`tables` WHERE db = @db AND name = @name";
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@name", table);
        if (await command.ExecuteScalarAsync(cancellationToken) is not string json)
            return null;
        var schema = JsonSerializer.Deserialize<TableSchema>(json)!;
        _cache[Key(database, table)] = schema;
        return schema;
    }

    /// <summary>Records (or replaces) a table definition.</summary>
    public async Task SaveAsync(TableSchema schema, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"REPLACE INTO `{StateDatabase}`.`tables` (db, name, definition) VALUES (@db, @name, @definition)";
        command.Parameters.AddWithValue("@db", schema.Database);
        command.Parameters.AddWithValue("@name", schema.Name);
        command.Parameters.AddWithValue("@definition", JsonSerializer.Serialize(schema));
        await command.ExecuteNonQueryAsync(cancellationToken);
        _cache[Key(schema.Database, schema.Name)] = schema;
    }

    /// <summary>Forgets a table definition (after <c>DROP TABLE</c>).</summary>
    public async Task DropAsync(string database, string table, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM `{StateDatabase}`.`tables` WHERE db = @db AND name = @name";
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@name", table);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _cache.TryRemove(Key(database, table), out _);
    }

    /// <summary>Forgets every table definition of <paramref name="database"/> (after <c>DROP DATABASE</c>).</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM `{StateDatabase}`.`tables` WHERE db = @db";
        command.Parameters.AddWithValue("@db", database);
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var key in _cache.Keys.Where(k => k.Item1 == database.ToLowerInvariant()))
            _cache.TryRemove(key, out _);
    }

    private static (string, string) Key(string database, string table) =>
        (database.ToLowerInvariant(), table.ToLowerInvariant());

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
