using System.Text;
using MySql.Data.MySqlClient;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Writes parsed loads into MariaDB in one transaction, by table kind: DUPLICATE inserts; PRIMARY and UNIQUE upsert
/// (<c>INSERT … ON DUPLICATE KEY UPDATE</c>) and PRIMARY deletes rows whose <c>__op</c> is 1; AGGREGATE combines each
/// value column by its aggregate. Rows go in multi-row parameterised statements, in load order.
/// </summary>
public sealed class TableWriter(string connectionString)
{
    private const int MaxParametersPerStatement = 20_000;

    /// <summary>Applies <paramref name="loads"/> atomically, in order.</summary>
    public async Task ApplyAsync(IReadOnlyList<ParsedLoad> loads, CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var load in loads)
            await ApplyAsync(connection, transaction, load, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ApplyAsync(MySqlConnection connection, MySqlTransaction transaction, ParsedLoad load, CancellationToken cancellationToken)
    {
        var plan = load.Plan;
        var rowsPerStatement = Math.Max(1, MaxParametersPerStatement / Math.Max(1, plan.Columns.Count));
        var start = 0;
        while (start < load.Rows.Count)
        {
            // a run of rows with the same operation, cut to the statement size
            var delete = load.Rows[start].Delete;
            var end = start;
            while (end < load.Rows.Count && load.Rows[end].Delete == delete && end - start < rowsPerStatement)
                end++;
            var batch = load.Rows.GetRange(start, end - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = delete ? DeleteSql(plan, batch, command) : UpsertSql(plan, batch, command);
            await command.ExecuteNonQueryAsync(cancellationToken);
            start = end;
        }
    }

    private static string UpsertSql(LoadPlan plan, List<LoadedRow> rows, MySqlCommand command)
    {
        var table = plan.Table;
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table.Database)).Append('.').Append(Quote(table.Name)).Append(" (");
        sql.AppendJoin(", ", plan.Columns.Select(c => Quote(c.Name))).Append(") VALUES ");
        var parameter = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < plan.Columns.Count; c++)
            {
                var name = "@p" + parameter++;
                sql.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.AddWithValue(name, rows[r].Values[c] ?? DBNull.Value);
            }
            sql.Append(')');
        }
        if (table.Kind == TableKind.Duplicate)
            return sql.ToString();
        var updates = plan.Columns.Where(c => !IsKey(table, c)).Select(c => $"{Quote(c.Name)} = {Combine(table.Kind, c)}").ToList();
        if (updates.Count == 0)
        {
            var key = Quote(plan.Columns[0].Name);
            updates.Add($"{key} = {key}");
        }
        return sql.Append(" ON DUPLICATE KEY UPDATE ").AppendJoin(", ", updates).ToString();
    }

    private static string Combine(TableKind kind, ColumnSchema column)
    {
        var current = Quote(column.Name);
        var loaded = $"VALUES({current})";
        if (kind != TableKind.Aggregate)
            return loaded;
        return column.Aggregate switch
        {
            AggregateFunction.Sum => $"CASE WHEN {loaded} IS NULL THEN {current} WHEN {current} IS NULL THEN {loaded} ELSE {current} + {loaded} END",
            AggregateFunction.Max => $"CASE WHEN {loaded} IS NULL THEN {current} WHEN {current} IS NULL THEN {loaded} ELSE GREATEST({current}, {loaded}) END",
            AggregateFunction.Min => $"CASE WHEN {loaded} IS NULL THEN {current} WHEN {current} IS NULL THEN {loaded} ELSE LEAST({current}, {loaded}) END",
            AggregateFunction.ReplaceIfNotNull => $"COALESCE({loaded}, {current})",
            _ => loaded,
        };
    }

    private static string DeleteSql(LoadPlan plan, List<LoadedRow> rows, MySqlCommand command)
    {
        var table = plan.Table;
        var keyIndexes = table.KeyColumns
            .Select(k => plan.Columns.ToList().FindIndex(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var sql = new StringBuilder("DELETE FROM ").Append(Quote(table.Database)).Append('.').Append(Quote(table.Name)).Append(" WHERE (");
        sql.AppendJoin(", ", table.KeyColumns.Select(Quote)).Append(") IN (");
        var parameter = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var k = 0; k < keyIndexes.Count; k++)
            {
                var name = "@p" + parameter++;
                sql.Append(k == 0 ? "" : ", ").Append(name);
                command.Parameters.AddWithValue(name, rows[r].Values[keyIndexes[k]] ?? DBNull.Value);
            }
            sql.Append(')');
        }
        return sql.Append(')').ToString();
    }

    private static bool IsKey(TableSchema table, ColumnSchema column) =>
        column.IsKey || table.KeyColumns.Contains(column.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Quotes a MariaDB identifier.</summary>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";
}
