using System.Text.Json;
using System.Text.Json.Nodes;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Transactions;

/// <summary>
/// Keeps the staged rows of PREPARED transactions in MariaDB (<c>__standin.prepared</c>), so that a prepared
/// transaction survives a restart of the stand-in as it survives a StarRocks cluster restart, and can be committed later.
/// </summary>
internal sealed class PreparedTransactionStore(string connectionString, SchemaCatalog catalog)
{
    private const string Table = $"`{SchemaCatalog.StateDatabase}`.`prepared`";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Table} (db VARCHAR(256) NOT NULL, label VARCHAR(128) NOT NULL, payload LONGTEXT NOT NULL, PRIMARY KEY (db, label))";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the staged rows of <paramref name="transaction"/> (called when it becomes PREPARED).</summary>
    public async Task SaveAsync(LoadTransaction transaction)
    {
        var loads = new JsonArray();
        foreach (var load in transaction.Loads)
        {
            var rows = new JsonArray();
            foreach (var row in load.Rows)
                rows.Add(new JsonObject { ["d"] = row.Delete, ["v"] = new JsonArray(row.Values.Select(Encode).ToArray()) });
            loads.Add(new JsonObject
            {
                ["table"] = load.Plan.Table.Name,
                ["columns"] = new JsonArray(load.Plan.Columns.Select(c => (JsonNode?)c.Name).ToArray()),
                ["partial"] = load.Plan.PartialUpdate,
                ["rows"] = rows,
            });
        }
        await ExecuteAsync($"REPLACE INTO {Table} (db, label, payload) VALUES (@db, @label, @payload)", transaction,
            new JsonObject { ["loads"] = loads }.ToJsonString());
    }

    /// <summary>Forgets the staged rows of <paramref name="transaction"/> (after commit or abort).</summary>
    public Task DeleteAsync(LoadTransaction transaction) => ExecuteAsync($"DELETE FROM {Table} WHERE db = @db AND label = @label", transaction, null);

    /// <summary>The staged loads recorded for <paramref name="database"/>/<paramref name="label"/>, or null.</summary>
    public async Task<List<ParsedLoad>?> LoadAsync(string database, string label, CancellationToken cancellationToken)
    {
        string? payload;
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT payload FROM {Table} WHERE db = @db AND label = @label";
            command.Parameters.AddWithValue("@db", database);
            command.Parameters.AddWithValue("@label", label);
            payload = await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        if (payload is null)
            return null;
        var loads = new List<ParsedLoad>();
        foreach (var load in JsonNode.Parse(payload)!["loads"]!.AsArray())
        {
            var schema = await catalog.GetAsync(database, load!["table"]!.GetValue<string>(), cancellationToken);
            if (schema is null)
                return null;
            var columns = load["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            var plan = LoadPlan.ForColumns(schema, columns, load["partial"]!.GetValue<bool>());
            var parsed = new ParsedLoad { Plan = plan };
            foreach (var row in load["rows"]!.AsArray())
                parsed.Rows.Add(new LoadedRow(row!["v"]!.AsArray().Select(Decode).ToArray(), row["d"]!.GetValue<bool>()));
            parsed.TotalRows = parsed.Rows.Count;
            loads.Add(parsed);
        }
        return loads;
    }

    private static JsonNode? Encode(object? value) => value switch
    {
        null => null,
        byte[] bytes => new JsonObject { ["b64"] = Convert.ToBase64String(bytes) },
        string text => text,
        long number => number,
        sbyte number => (long)number,
        double number => number,
        _ => throw new InvalidOperationException($"unexpected staged value {value.GetType()}"),
    };

    private static object? Decode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject binary => Convert.FromBase64String(binary["b64"]!.GetValue<string>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value => value.GetValue<double>(),
        _ => throw new InvalidOperationException($"unexpected staged value {node}"),
    };

    private async Task ExecuteAsync(string sql, LoadTransaction transaction, string? payload)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@db", transaction.Database);
        command.Parameters.AddWithValue("@label", transaction.Label);
        if (payload is not null)
            command.Parameters.AddWithValue("@payload", payload);
        await command.ExecuteNonQueryAsync();
    }
}
