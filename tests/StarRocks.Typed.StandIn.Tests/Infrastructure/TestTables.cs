using System.Globalization;
using System.Text;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.StandIn.Tests.Infrastructure;

/// <summary>
/// Creates tables the way the MySQL proxy does (catalog entry + MariaDB table following the proxy contract), so these
/// tests do not depend on the proxy. Every test gets its own database.
/// </summary>
public static class TestTables
{
    private static int _counter;

    /// <summary>A fresh database name.</summary>
    public static string NewDatabase() =>
        $"t_{DateTime.UtcNow:HHmmss}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";

    /// <summary>A column; <paramref name="type"/> is StarRocks type text such as <c>VARCHAR(8)</c> or <c>DECIMAL(10,2)</c>.</summary>
    public static ColumnSchema Column(string name, string type, bool nullable = true, bool key = false,
        AggregateFunction aggregate = AggregateFunction.None, string? defaultValue = null)
    {
        var end = type.IndexOfAny(['(', '<']);
        var baseType = (end < 0 ? type : type[..end]).ToUpperInvariant();
        var args = end < 0 || type[end] == '<' ? [] : type[(end + 1)..^1].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var isDecimal = baseType.StartsWith("DECIMAL", StringComparison.Ordinal);
        return new ColumnSchema(name, type.ToUpperInvariant(), baseType, nullable && !key, key, aggregate,
            Length: !isDecimal && args.Length > 0 ? args[0] : 0,
            Precision: isDecimal && args.Length > 0 ? args[0] : 0,
            Scale: isDecimal && args.Length > 1 ? args[1] : 0,
            Default: defaultValue);
    }

    /// <summary>Creates <paramref name="table"/> in a new database and returns its schema.</summary>
    public static async Task<TableSchema> CreateAsync(StarRocksStandIn standIn, TableKind kind, params ColumnSchema[] columns)
    {
        var schema = new TableSchema(NewDatabase(), "t", kind, columns, columns.Where(c => c.IsKey).Select(c => c.Name).ToList());
        await using var connection = new MySqlConnection(standIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var ddl = new StringBuilder($"CREATE DATABASE `{schema.Database}`; CREATE TABLE `{schema.Database}`.`{schema.Name}` (");
        ddl.AppendJoin(", ", columns.Select(c => $"`{c.Name}` {MariaDbType(c)} {(c.Nullable ? "NULL" : "NOT NULL")}"));
        if (kind != TableKind.Duplicate)
            ddl.Append(", PRIMARY KEY (").AppendJoin(", ", schema.KeyColumns.Select(k => $"`{k}`")).Append(')');
        ddl.Append(") DEFAULT CHARSET=utf8mb4");
        command.CommandText = ddl.ToString();
        await command.ExecuteNonQueryAsync();
        await standIn.Catalog.SaveAsync(schema);
        return schema;
    }

    /// <summary>Rows of <c>SELECT …</c> as text (NULL → "NULL"), each row's values joined by '|'.</summary>
    public static async Task<List<string>> QueryAsync(StarRocksStandIn standIn, TableSchema table, string select = "*", string orderBy = "1")
    {
        await using var connection = new MySqlConnection(standIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM `{table.Database}`.`{table.Name}` ORDER BY {orderBy}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString()!,
                };
            rows.Add(string.Join('|', values));
        }
        return rows;
    }

    private static string MariaDbType(ColumnSchema c) => c.BaseType switch
    {
        "BOOLEAN" => "TINYINT(1)",
        "LARGEINT" => "DECIMAL(39,0)",
        "FLOAT" => "DOUBLE",
        "DECIMAL" => $"DECIMAL({c.Precision},{c.Scale})",
        "CHAR" or "VARCHAR" => $"VARCHAR({Math.Max(1, c.Length)})",
        "STRING" => "TEXT",
        "DATETIME" => "DATETIME(6)",
        "JSON" or "ARRAY" or "MAP" or "STRUCT" => "LONGTEXT",
        "VARBINARY" or "BINARY" or "BITMAP" or "HLL" => "LONGBLOB",
        _ => c.BaseType,
    };
}
