using System.Text;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// Writes the MariaDB DDL that stores a StarRocks table. Same database, table and column names; utf8mb4 / utf8mb4_bin;
/// PRIMARY, UNIQUE and AGGREGATE tables get a MariaDB PRIMARY KEY over the key columns (DUPLICATE tables no unique
/// index). InnoDB limits an index to 3072 bytes: when the string key columns do not fit, each gets an equal prefix
/// (so keys equal over that prefix collide — StarRocks's own primary-key limit is 128 bytes, so real tables fit).
/// Partitioning, distribution, ORDER BY and PROPERTIES have no MariaDB counterpart and are only recorded as given.
/// </summary>
public static class MariaDbDdlEmitter
{
    /// <summary>Longest StarRocks CHAR/VARCHAR (bytes) kept as a MariaDB VARCHAR; longer strings become TEXT/MEDIUMTEXT.</summary>
    public const int MaxInlineStringLength = 255;

    private const int IndexBudgetBytes = 3072;

    /// <summary><c>CREATE TABLE</c> for <paramref name="statement"/> (resolved by <see cref="CreateTableValidator"/>) in <paramref name="database"/>.</summary>
    public static string CreateTable(CreateTableStatement statement, string database)
    {
        var schema = StarRocksSchemaMapper.ToSchema(statement, database);
        var lines = new List<string>();
        for (int i = 0; i < statement.Columns.Count; i++)
            lines.Add(Column(statement.Columns[i], schema.Columns[i]));
        if (PrimaryKey(schema) is { } primaryKey)
            lines.Add(primaryKey);
        foreach (var column in statement.Columns.Where(c => c.AutoIncrement && !schema.KeyColumns.Contains(c.Name)))
            lines.Add($"KEY ({Quote(column.Name)})");
        var sql = new StringBuilder("CREATE TABLE ");
        if (statement.IfNotExists)
            sql.Append("IF NOT EXISTS ");
        sql.Append(Quote(database)).Append('.').Append(Quote(statement.Table.Name)).Append(" (\n  ");
        sql.Append(string.Join(",\n  ", lines));
        sql.Append("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        if (statement.Comment is not null)
            sql.Append(" COMMENT=").Append(Literal(statement.Comment));
        return sql.ToString();
    }

    /// <summary>
    /// <c>ALTER TABLE</c> applying <paramref name="statement"/>'s column changes; <paramref name="before"/>/<paramref name="after"/>
    /// are the recorded schemas (null for a table the stand-in has no record of), used to rebuild the PRIMARY KEY when the
    /// key columns change. Null when nothing changes in MariaDB.
    /// </summary>
    public static string? AlterTable(AlterTableStatement statement, string database, TableSchema? before, TableSchema? after)
    {
        var clauses = new List<string>();
        foreach (var action in statement.Actions)
        {
            switch (action)
            {
                case AddColumnsAction add:
                    var position = add.Position;
                    foreach (var column in add.Columns)
                    {
                        var recorded = after?.FindColumn(column.Name);
                        bool isKey = recorded?.IsKey ?? column.KeyMarked;
                        var kind = after?.Kind ?? TableKind.Duplicate;
                        var defaultPosition = position ?? (isKey && after is not null ? AfterLastKey(after, column.Name) : null);
                        clauses.Add($"ADD COLUMN {Column(column, recorded ?? StarRocksSchemaMapper.ToColumn(column, kind, isKey))}{Position(defaultPosition)}");
                        position = new ColumnPosition(false, column.Name);
                    }
                    break;
                case DropColumnAction drop:
                    clauses.Add($"DROP COLUMN {Quote(drop.Name)}");
                    break;
                case ModifyColumnAction modify:
                    var modified = after?.FindColumn(modify.Column.Name);
                    var definition = modified is not null && modify.Column.Aggregate is null
                        ? modify.Column with { Aggregate = modified.Aggregate == AggregateFunction.None ? null : modified.Aggregate }
                        : modify.Column;
                    clauses.Add($"MODIFY COLUMN {Column(definition, modified ?? StarRocksSchemaMapper.ToColumn(modify.Column, TableKind.Duplicate, false))}{Position(modify.Position)}");
                    break;
                case RenameColumnAction rename:
                    clauses.Add($"RENAME COLUMN {Quote(rename.From)} TO {Quote(rename.To)}");
                    break;
            }
        }
        if (before is not null && after is not null)
        {
            string? current = PrimaryKey(Renamed(before, statement)), wanted = PrimaryKey(after);
            if (current != wanted)
            {
                if (PrimaryKey(before) is not null)
                    clauses.Add("DROP PRIMARY KEY");
                if (wanted is not null)
                    clauses.Add("ADD " + wanted);
            }
        }
        return clauses.Count == 0
            ? null
            : $"ALTER TABLE {Quote(database)}.{Quote(statement.Table.Name)} {string.Join(", ", clauses)}";
    }

    private static ColumnPosition? AfterLastKey(TableSchema after, string name)
    {
        int index = after.Columns.ToList().FindIndex(c => c.Name == name);
        return index == 0 ? new ColumnPosition(true, null) : new ColumnPosition(false, after.Columns[index - 1].Name);
    }

    private static TableSchema Renamed(TableSchema before, AlterTableStatement statement) =>
        statement.Actions.OfType<RenameColumnAction>().Aggregate(before, (schema, rename) =>
            schema with
            {
                Columns = schema.Columns.Select(c => string.Equals(c.Name, rename.From, StringComparison.OrdinalIgnoreCase) ? c with { Name = rename.To } : c).ToList(),
                KeyColumns = schema.KeyColumns.Select(k => string.Equals(k, rename.From, StringComparison.OrdinalIgnoreCase) ? rename.To : k).ToList(),
            });

    /// <summary>
    /// The MariaDB column type storing StarRocks <paramref name="type"/>. FLOAT is stored as DOUBLE (MariaDB's FLOAT
    /// keeps about 6 significant digits in text and refuses some float values) and CHAR as VARCHAR (MariaDB's CHAR drops
    /// trailing spaces, StarRocks keeps them); the proxy describes both with StarRocks's types in result sets.
    /// </summary>
    public static string ColumnType(StarRocksType type) => type.Name switch
    {
        "BOOLEAN" => "TINYINT(1)",
        "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "DOUBLE" or "DATE" => type.Name,
        "FLOAT" => "DOUBLE",
        "LARGEINT" => "DECIMAL(39,0)",
        "DATETIME" => "DATETIME(6)",
        "CHAR" => $"VARCHAR({type.Length ?? 1})",
        "VARCHAR" => StringType(type.Length ?? 1),
        "VARBINARY" => type.Length is > 0 and <= MaxInlineStringLength ? $"VARBINARY({type.Length})" : "LONGBLOB",
        "JSON" or "ARRAY" or "MAP" or "STRUCT" => "LONGTEXT",
        "BITMAP" or "HLL" or "PERCENTILE" => "LONGBLOB",
        _ when type.IsDecimal => $"DECIMAL({type.Precision},{type.Scale ?? 0})",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No MariaDB type for this StarRocks type."),
    };

    private static string StringType(int bytes) =>
        bytes <= MaxInlineStringLength ? $"VARCHAR({bytes})" : bytes <= 65535 ? "TEXT" : "MEDIUMTEXT";

    /// <summary>
    /// The PRIMARY KEY clause for <paramref name="schema"/> (null for DUPLICATE tables), with prefixes on string key columns
    /// when they do not fit InnoDB's 3072-byte index limit (or are TEXT).
    /// </summary>
    public static string? PrimaryKey(TableSchema schema)
    {
        if (schema.Kind == TableKind.Duplicate || schema.KeyColumns.Count == 0)
            return null;
        var keys = schema.KeyColumns.Select(k => schema.FindColumn(k)!).ToList();
        var strings = keys.Where(IsStringColumn).ToList();
        int fixedBytes = keys.Except(strings).Sum(c => c.BaseType is "VARBINARY" ? c.Length : 17);
        int stringBytes = strings.Sum(c => c.Length * 4);
        int? prefix = null;
        if (strings.Count > 0 && (fixedBytes + stringBytes > IndexBudgetBytes || strings.Any(c => c.Length > MaxInlineStringLength)))
            prefix = Math.Max(1, (IndexBudgetBytes - fixedBytes) / 4 / strings.Count);
        var parts = keys.Select(c =>
            IsStringColumn(c) && prefix is { } p && (c.Length > p || c.Length > MaxInlineStringLength)
                ? $"{Quote(c.Name)}({p})"
                : Quote(c.Name));
        return $"PRIMARY KEY ({string.Join(", ", parts)})";
    }

    private static bool IsStringColumn(ColumnSchema column) => column.BaseType is "CHAR" or "VARCHAR";

    private static string Column(ColumnDefinition column, ColumnSchema recorded)
    {
        var sql = new StringBuilder();
        sql.Append(Quote(column.Name)).Append(' ').Append(ColumnType(column.Type));
        if (column.GeneratedExpression is not null)
            sql.Append(" AS (").Append(column.GeneratedExpression).Append(") PERSISTENT");
        else
        {
            sql.Append(recorded.Nullable ? " NULL" : " NOT NULL");
            if (column.AutoIncrement)
                sql.Append(" AUTO_INCREMENT");
            if (column.Default is { } value)
                sql.Append(" DEFAULT ").Append(Default(value, column.Type));
        }
        if (column.Comment is not null)
            sql.Append(" COMMENT ").Append(Literal(column.Comment));
        return sql.ToString();
    }

    private static string Default(DefaultValue value, StarRocksType type) => value.Kind switch
    {
        DefaultKind.Null => "NULL",
        DefaultKind.CurrentTimestamp => type.Name == "DATETIME" ? "CURRENT_TIMESTAMP(6)" : "CURRENT_TIMESTAMP",
        DefaultKind.Expression => value.Text.StartsWith('(') ? value.Text : $"({value.Text})",
        _ when type.Name == "BOOLEAN" => value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "1"
            : value.Text.Equals("false", StringComparison.OrdinalIgnoreCase) ? "0" : Literal(value.Text),
        _ => Literal(value.Text),
    };

    private static string Position(ColumnPosition? position) =>
        position is null ? "" : position.First ? " FIRST" : $" AFTER {Quote(position.After!)}";

    /// <summary>A backquoted MariaDB identifier.</summary>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``") + "`";

    /// <summary>A single-quoted MariaDB string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
