using System.Text;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Writes parsed loads into MariaDB in one transaction, by table kind: DUPLICATE inserts; PRIMARY and UNIQUE upsert
/// (<c>INSERT … ON DUPLICATE KEY UPDATE</c>) and PRIMARY deletes rows whose <c>__op</c> is 1; AGGREGATE combines each
/// value column by its aggregate. Rows go in large multi-row statements with the values rendered as SQL literals
/// (<see cref="SqlLiteralWriter"/>; the client's per-parameter binding cost more than MariaDB's own work), in load order.
/// </summary>
public sealed class TableWriter(string connectionString)
{
    /// <summary>Statement text size at which a statement is sent (well below MariaDB's 16 MB <c>max_allowed_packet</c>, even at 3 UTF-8 bytes per char).</summary>
    private const int MaxStatementChars = 2 * 1024 * 1024;

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
        var statements = new StatementTexts(load.Plan);
        if (statements.Undecided.Count > 0)
            await EnsureUpdatedRowsExistAsync(connection, transaction, load, statements, cancellationToken);
        await WriteRowsAsync(connection, transaction, load, statements, cancellationToken);
    }

    /// <summary>
    /// A partial update keeps an existing row's unlisted columns (docs/en/loading/Load_to_Primary_Key_tables.md); for a
    /// new row StarRocks fills them, and for the <see cref="StatementTexts.Undecided"/> columns the stand-in does not
    /// know with what, so it refuses such a load instead of guessing.
    /// </summary>
    private static async Task EnsureUpdatedRowsExistAsync(MySqlConnection connection, MySqlTransaction transaction, ParsedLoad load,
        StatementTexts statements, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var row in load.Rows)
        {
            if (row.Delete)
                continue;
            key.Clear().Append('(');
            AppendValues(key, row.Values, statements.KeyIndexes);
            keys.Add(key.Append(')').ToString());
        }
        foreach (var chunk in keys.Chunk(1000))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statements.CountPrefix + string.Join(", ", chunk) + ")";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) < chunk.Length)
            {
                var column = statements.Undecided[0];
                throw new InvalidOperationException(
                    $"The partial update inserts a new row and leaves out NOT NULL column '{column.Name}' ({column.Type}) without a " +
                    "default; the stand-in does not know the value StarRocks fills in for this type. Load whole rows for new keys, or give the column a default.");
            }
        }
    }

    private static async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteRowsAsync(MySqlConnection connection, MySqlTransaction transaction, ParsedLoad load,
        StatementTexts statements, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(MaxStatementChars + 64 * 1024);
        var rows = load.Rows;
        var start = 0;
        while (start < rows.Count)
        {
            // a run of rows with the same operation, cut to the statement size
            var delete = rows[start].Delete;
            sql.Clear().Append(delete ? statements.DeletePrefix : statements.InsertPrefix);
            var end = start;
            while (end < rows.Count && rows[end].Delete == delete && sql.Length < MaxStatementChars)
            {
                sql.Append(end == start ? "(" : ", (");
                if (delete)
                    AppendValues(sql, rows[end].Values, statements.KeyIndexes);
                else
                {
                    AppendValues(sql, rows[end].Values);
                    AppendFill(sql, statements.FillValues);
                }
                sql.Append(')');
                end++;
            }
            sql.Append(delete ? statements.DeleteSuffix : statements.InsertSuffix);
            await ExecuteAsync(connection, transaction, sql.ToString(), cancellationToken);
            start = end;
        }
    }

    private static void AppendValues(StringBuilder sql, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                sql.Append(", ");
            SqlLiteralWriter.Append(sql, values[i]);
        }
    }

    private static void AppendFill(StringBuilder sql, object?[] fill)
    {
        foreach (var value in fill)
        {
            sql.Append(", ");
            SqlLiteralWriter.Append(sql, value);
        }
    }

    private static void AppendValues(StringBuilder sql, object?[] values, int[] indexes)
    {
        for (var i = 0; i < indexes.Length; i++)
        {
            if (i > 0)
                sql.Append(", ");
            SqlLiteralWriter.Append(sql, values[indexes[i]]);
        }
    }

    /// <summary>The fixed parts of a load's statements: <c>prefix (row), (row) … suffix</c>.</summary>
    private sealed class StatementTexts
    {
        public StatementTexts(LoadPlan plan)
        {
            var table = plan.Table;
            var name = Quote(table.Database) + "." + Quote(table.Name);
            List<ColumnSchema> undecided = [];
            var fillColumns = plan.PartialUpdate ? PartialUpdateFill(plan, out undecided) : [];
            Undecided = undecided;
            FillValues = [.. fillColumns.Select(f => f.Value)];
            var inserted = plan.Columns.Concat(fillColumns.Select(f => f.Column)).Select(c => Quote(c.Name));
            InsertPrefix = $"INSERT INTO {name} ({string.Join(", ", inserted)}) VALUES ";
            InsertSuffix = table.Kind == TableKind.Duplicate ? "" : " ON DUPLICATE KEY UPDATE " + Updates(plan);
            KeyIndexes = [.. table.KeyColumns.Select(k => IndexOf(plan.Columns, k))];
            DeletePrefix = $"DELETE FROM {name} WHERE ({string.Join(", ", table.KeyColumns.Select(Quote))}) IN (";
            CountPrefix = $"SELECT COUNT(*) FROM {name} WHERE ({string.Join(", ", table.KeyColumns.Select(Quote))}) IN (";
        }

        /// <summary>NOT NULL columns without default, of a type whose fill value is unknown, that a partial update leaves out.</summary>
        public IReadOnlyList<ColumnSchema> Undecided { get; }
        public string CountPrefix { get; }

        public string InsertPrefix { get; }
        public string InsertSuffix { get; }
        public string DeletePrefix { get; }
        public string DeleteSuffix => ")";
        /// <summary>Where each key column sits in <see cref="LoadPlan.Columns"/>.</summary>
        public int[] KeyIndexes { get; }
        /// <summary>Values appended to every inserted row for columns a partial update does not list (never updated).</summary>
        public object?[] FillValues { get; }

        /// <summary>
        /// The columns a partial update leaves out that a new row still needs: their default, or for NOT NULL columns
        /// without one the type's zero value (the doc's example fills 0 into a NOT NULL INT). Existing rows keep their
        /// stored values since these columns are not in the update list.
        /// </summary>
        private static List<(ColumnSchema Column, object? Value)> PartialUpdateFill(LoadPlan plan, out List<ColumnSchema> undecided)
        {
            var fill = new List<(ColumnSchema, object?)>();
            undecided = [];
            foreach (var column in plan.Table.Columns.Where(c => !plan.Columns.Contains(c)))
            {
                var text = column.Default ?? (column.Nullable ? null : ValueConverter.ZeroText(column));
                if (text is not null && ValueConverter.TryConvert(column, text, out var value, out _))
                    fill.Add((column, value));
                else if (!column.Nullable)
                {
                    // MariaDB refuses an INSERT … ON DUPLICATE KEY UPDATE without every NOT NULL column even when each row
                    // becomes an update; the rows are checked to exist, so this value of the insert half is never stored
                    undecided.Add(column);
                    fill.Add((column, column.BaseType switch { "DATE" => "0001-01-01", "DATETIME" => "0001-01-01 00:00:00", _ => "" }));
                }
            }
            return fill;
        }

        private static string Updates(LoadPlan plan)
        {
            var table = plan.Table;
            var updates = plan.Columns.Where(c => !IsKey(table, c)).Select(c => $"{Quote(c.Name)} = {Combine(table.Kind, c)}").ToList();
            if (updates.Count == 0)
            {
                var key = Quote(plan.Columns[0].Name);
                updates.Add($"{key} = {key}");
            }
            return string.Join(", ", updates);
        }

        private static int IndexOf(IReadOnlyList<ColumnSchema> columns, string name)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                    return i;
            }
            return -1;
        }
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
            // VALUE(): MariaDB's name for VALUES() where a subquery would read VALUES as a table value constructor
            AggregateFunction.BitmapUnion or AggregateFunction.HllUnion => SetUnion(current, $"VALUE({current})"),
            _ => loaded,
        };
    }

    /// <summary>
    /// The union of two stored BITMAP/HLL sets (comma-separated unsigned members, see <see cref="SetValue"/>): the
    /// members of both, distinct, ascending; NULL only when both are NULL.
    /// </summary>
    private static string SetUnion(string current, string loaded) =>
        $"CASE WHEN {loaded} IS NULL THEN {current} WHEN {current} IS NULL THEN {loaded} ELSE " +
        $"(SELECT COALESCE(GROUP_CONCAT(DISTINCT m.v ORDER BY m.v SEPARATOR ','), '') FROM JSON_TABLE(" +
        $"CONCAT('[', CONCAT_WS(',', NULLIF(CAST({current} AS CHAR), ''), NULLIF(CAST({loaded} AS CHAR), '')), ']'), " +
        "'$[*]' COLUMNS (v DECIMAL(20,0) PATH '$')) AS m) END";

    private static bool IsKey(TableSchema table, ColumnSchema column) =>
        column.IsKey || table.KeyColumns.Contains(column.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Quotes a MariaDB identifier.</summary>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";
}
