using System.Text;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// Turns validated StarRocks DDL into the <see cref="TableSchema"/> the stand-in records, applies <c>ALTER TABLE</c>
/// column changes to a recorded schema (with StarRocks's schema-change rules), and rebuilds StarRocks DDL from a schema.
/// </summary>
public static class StarRocksSchemaMapper
{
    /// <summary>The schema of a table created by <paramref name="statement"/> (already resolved by <see cref="CreateTableValidator"/>).</summary>
    public static TableSchema ToSchema(CreateTableStatement statement, string database)
    {
        var kind = statement.Kind!.Value;
        var columns = statement.Columns
            .Select(c => ToColumn(c, kind, statement.KeyColumns.Contains(c.Name, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var keys = statement.KeyColumns
            .Select(k => columns.First(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase)).Name)
            .ToList();
        return new TableSchema(database, statement.Table.Name, kind, columns, keys);
    }

    /// <summary>The recorded form of one column.</summary>
    public static ColumnSchema ToColumn(ColumnDefinition column, TableKind kind, bool isKey)
    {
        var type = column.Type;
        int length = type.Name == "VARBINARY" ? type.Length ?? 1048576 : type.Length ?? 0;
        return new ColumnSchema(
            column.Name,
            type.ToString(),
            type.Name,
            CreateTableValidator.IsNullable(column, kind, isKey),
            isKey,
            kind == TableKind.Aggregate ? column.Aggregate ?? AggregateFunction.None : AggregateFunction.None,
            length,
            type.Precision ?? 0,
            type.Scale ?? 0,
            column.Default is { Kind: not DefaultKind.Null } d ? d.Text : null,
            column.Comment,
            column.AutoIncrement,
            column.GeneratedExpression is not null);
    }

    /// <summary>Whether a column added by <c>ALTER TABLE ... ADD COLUMN</c> becomes a key column.</summary>
    public static bool IsNewKeyColumn(ColumnDefinition column, TableKind kind) =>
        column.KeyMarked || (kind == TableKind.Aggregate && column.Aggregate is null);

    /// <summary>
    /// <paramref name="schema"/> after <paramref name="action"/>, refusing what StarRocks's schema-change handler refuses.
    /// </summary>
    public static TableSchema Apply(TableSchema schema, AlterAction action) => action switch
    {
        AddColumnsAction add => add.Columns.Aggregate((Schema: schema, Position: add.Position),
            (state, column) => (AddColumn(state.Schema, column, state.Position), new ColumnPosition(false, column.Name))).Schema,
        DropColumnAction drop => DropColumn(schema, drop.Name),
        ModifyColumnAction modify => ModifyColumn(schema, modify.Column, modify.Position),
        RenameColumnAction rename => RenameColumn(schema, rename.From, rename.To),
        _ => schema,
    };

    private static TableSchema AddColumn(TableSchema schema, ColumnDefinition column, ColumnPosition? position)
    {
        CreateTableValidator.CheckColumnName(column.Name);
        if (schema.FindColumn(column.Name) is not null)
            throw StarRocksSqlException.Execution($"Can not add column which already exists in base table: {column.Name}");
        bool isKey = IsNewKeyColumn(column, schema.Kind);
        if (isKey && schema.Kind == TableKind.Primary)
            throw StarRocksSqlException.Execution($"Can not add key column: {column.Name} for primary key table");
        if (isKey && column.Aggregate is not null)
            throw StarRocksSqlException.Execution($"Can not assign aggregation method on key column: {column.Name}");
        if (!isKey && schema.Kind == TableKind.Aggregate && column.Aggregate is null)
            throw StarRocksSqlException.Analysis($"AGG_KEYS table should specify aggregate type for non-key column[{column.Name}]");
        if (!isKey && schema.Kind != TableKind.Aggregate && column.Aggregate is not null and not AggregateFunction.Replace)
            throw StarRocksSqlException.Analysis(
                $"{CreateTableValidator.ModelName(schema.Kind)} table should not specify aggregate type for non-key column[{column.Name}]");
        CreateTableValidator.CheckColumn(column, schema.Kind, isKey);
        var columns = schema.Columns.ToList();
        int index = InsertIndex(schema, columns, position, isKey);
        columns.Insert(index, ToColumn(column, schema.Kind, isKey));
        CheckKeyOrder(columns);
        return schema with { Columns = columns, KeyColumns = columns.Where(c => c.IsKey).Select(c => c.Name).ToList() };
    }

    private static int InsertIndex(TableSchema schema, List<ColumnSchema> columns, ColumnPosition? position, bool isKey)
    {
        if (position is null)
            return isKey ? columns.FindLastIndex(c => c.IsKey) + 1 : columns.Count;
        if (position.First)
            return 0;
        var after = schema.FindColumn(position.After!)
            ?? throw StarRocksSqlException.Execution($"Column[{position.After}] does not exists");
        return columns.IndexOf(after) + 1;
    }

    private static void CheckKeyOrder(List<ColumnSchema> columns)
    {
        int lastKey = columns.FindLastIndex(c => c.IsKey);
        if (columns.Take(lastKey + 1).Any(c => !c.IsKey))
            throw StarRocksSqlException.Execution("Invalid column order. value should be after key.");
    }

    private static TableSchema DropColumn(TableSchema schema, string name)
    {
        var column = RequireColumn(schema, name);
        if (column.IsKey)
        {
            switch (schema.Kind)
            {
                case TableKind.Primary:
                    throw StarRocksSqlException.Execution("Can not drop key column in primary data model table");
                case TableKind.Unique:
                    throw StarRocksSqlException.Execution("Can not drop key column in Unique data model table");
                case TableKind.Aggregate when schema.Columns.Any(c => c.Aggregate is AggregateFunction.Replace or AggregateFunction.ReplaceIfNotNull):
                    throw StarRocksSqlException.Execution("Can not drop key column when table has value column with REPLACE aggregation method");
            }
        }
        if (schema.Columns.Count == 1)
            throw StarRocksSqlException.Execution("Can not drop the last column of a table");
        var columns = schema.Columns.Where(c => c != column).ToList();
        return schema with { Columns = columns, KeyColumns = schema.KeyColumns.Where(k => k != column.Name).ToList() };
    }

    private static TableSchema ModifyColumn(TableSchema schema, ColumnDefinition definition, ColumnPosition? position)
    {
        var existing = RequireColumn(schema, definition.Name);
        if (existing.IsKey && schema.Kind == TableKind.Primary)
            throw StarRocksSqlException.Execution($"Can not modify key column: {existing.Name} for primary key table");
        if (existing.IsKey && definition.Aggregate is not null)
            throw StarRocksSqlException.Execution($"Can not assign aggregation method on key column: {existing.Name}");
        if (!existing.IsKey && schema.Kind == TableKind.Aggregate && definition.Aggregate is null)
            definition = definition with { Aggregate = existing.Aggregate };
        CreateTableValidator.CheckColumn(definition, schema.Kind, existing.IsKey);
        var columns = schema.Columns.ToList();
        int index = columns.IndexOf(existing);
        columns.RemoveAt(index);
        var replacement = ToColumn(definition with { Name = existing.Name }, schema.Kind, existing.IsKey);
        CheckSchemaChangeAllowed(existing, replacement);
        columns.Insert(position is null ? index : InsertIndex(schema with { Columns = columns }, columns, position, existing.IsKey), replacement);
        CheckKeyOrder(columns);
        return schema with { Columns = columns };
    }

    /// <summary>
    /// StarRocks's checks of a MODIFY COLUMN, in its order and with its messages (StarRocks repo
    /// <c>fe/fe-core/src/main/java/com/starrocks/catalog/Column.java</c>, <c>checkSchemaChangeAllowed</c>): the type
    /// change must be one StarRocks converts (<see cref="IsTypeChangeAllowed"/>), the aggregation, a NULL column's
    /// nullability and the default stay, strings do not get shorter.
    /// </summary>
    private static void CheckSchemaChangeAllowed(ColumnSchema from, ColumnSchema to)
    {
        if (!IsTypeChangeAllowed(from, to))
            throw StarRocksSqlException.Execution($"Can not change {from.Type} to {to.Type}");
        if (from.Aggregate != to.Aggregate)
            throw StarRocksSqlException.Execution("Can not change aggregation type");
        if (from.Nullable && !to.Nullable)
            throw StarRocksSqlException.Execution("Can not change from nullable to non-nullable");
        if (from.Default != to.Default)
            throw StarRocksSqlException.Execution("Can not change default value");
        if ((from.BaseType, to.BaseType) is ("VARCHAR", "VARCHAR") or ("CHAR", "VARCHAR") or ("CHAR", "CHAR") && from.Length > to.Length)
            throw StarRocksSqlException.Execution("Cannot shorten string length");
    }

    /// <summary>
    /// The type changes StarRocks makes (StarRocks repo <c>fe/fe-core/src/main/java/com/starrocks/catalog/SchemaChangeTypeCompatibility.java</c>):
    /// the same type; integers to wider integers, DOUBLE and VARCHAR (INT also to DATE); FLOAT to DOUBLE; numbers, JSON
    /// and CHAR to VARCHAR; VARCHAR to numbers, DATE, JSON and DECIMAL; DATE ⇄ DATETIME; DECIMAL to a DECIMAL with no
    /// smaller scale and integer part, or to a VARCHAR holding it.
    /// </summary>
    private static bool IsTypeChangeAllowed(ColumnSchema from, ColumnSchema to)
    {
        bool fromDecimal = from.BaseType.StartsWith("DECIMAL", StringComparison.Ordinal);
        bool toDecimal = to.BaseType.StartsWith("DECIMAL", StringComparison.Ordinal);
        if (fromDecimal)
            return toDecimal
                ? from.Scale <= to.Scale && from.Precision - from.Scale <= to.Precision - to.Scale
                : to.BaseType == "VARCHAR" && from.Precision + 2 <= to.Length;
        if (toDecimal)
            return from.BaseType == "VARCHAR";
        if (from.BaseType == to.BaseType)
            return true;
        string[] integers = ["TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT"];
        int fromRank = Array.IndexOf(integers, from.BaseType), toRank = Array.IndexOf(integers, to.BaseType);
        return (from.BaseType, to.BaseType) switch
        {
            _ when fromRank >= 0 && toRank > fromRank => true,
            (not "LARGEINT", "DOUBLE") when fromRank >= 0 => true,
            (_, "VARCHAR") when fromRank >= 0 => true,
            ("INT", "DATE") => true,
            ("FLOAT", "DOUBLE" or "VARCHAR") or ("DOUBLE", "VARCHAR") or ("CHAR", "VARCHAR") or ("JSON", "VARCHAR") => true,
            ("VARCHAR", "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "LARGEINT" or "FLOAT" or "DOUBLE" or "DATE" or "JSON") => true,
            ("DATETIME", "DATE") or ("DATE", "DATETIME") => true,
            _ => false,
        };
    }

    private static TableSchema RenameColumn(TableSchema schema, string from, string to)
    {
        var existing = RequireColumn(schema, from);
        CreateTableValidator.CheckColumnName(to);
        if (schema.FindColumn(to) is not null)
            throw StarRocksSqlException.Execution($"Column[{to}] already exists");
        var columns = schema.Columns.Select(c => c == existing ? c with { Name = to } : c).ToList();
        var keys = schema.KeyColumns.Select(k => string.Equals(k, existing.Name, StringComparison.OrdinalIgnoreCase) ? to : k).ToList();
        return schema with { Columns = columns, KeyColumns = keys };
    }

    private static ColumnSchema RequireColumn(TableSchema schema, string name) =>
        schema.FindColumn(name) ?? throw StarRocksSqlException.Execution($"Column[{name}] does not exists");

    /// <summary>StarRocks DDL for <paramref name="schema"/>, in the shape <c>SHOW CREATE TABLE</c> answers.</summary>
    public static string ToCreateTableSql(TableSchema schema)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE `").Append(schema.Name).Append("` (\n");
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            var c = schema.Columns[i];
            sql.Append("  `").Append(c.Name).Append("` ").Append(c.Type);
            if (c.Aggregate != AggregateFunction.None)
                sql.Append(' ').Append(CreateTableValidator.AggregateName(c.Aggregate));
            sql.Append(c.Nullable ? " NULL" : " NOT NULL");
            if (c.Default is not null)
                sql.Append(c.Default == "CURRENT_TIMESTAMP" ? " DEFAULT CURRENT_TIMESTAMP" : $" DEFAULT \"{Escape(c.Default)}\"");
            sql.Append(" COMMENT \"").Append(Escape(c.Comment ?? "")).Append('"');
            sql.Append(i + 1 < schema.Columns.Count ? ",\n" : "\n");
        }
        string keys = string.Join(", ", schema.KeyColumns.Select(k => $"`{k}`"));
        sql.Append(") ENGINE=OLAP\n").Append(CreateTableValidator.SqlModelName(schema.Kind)).Append('(').Append(keys).Append(")\n");
        sql.Append(schema.Kind == TableKind.Duplicate ? "DISTRIBUTED BY RANDOM\n" : $"DISTRIBUTED BY HASH({keys})\n");
        sql.Append("PROPERTIES (\n\"replication_num\" = \"1\"\n);");
        return sql.ToString();
    }

    /// <summary>
    /// The rows StarRocks's <c>DESC t</c> answers: Field, Type, Null (YES/NO), Key (true/false), Default, Extra
    /// (the aggregate of AGGREGATE KEY value columns).
    /// </summary>
    public static IReadOnlyList<string?[]> DescribeRows(TableSchema schema) =>
        schema.Columns.Select(c => new[]
        {
            c.Name, c.Type, c.Nullable ? "YES" : "NO", c.IsKey ? "true" : "false", c.Default,
            c.Aggregate == AggregateFunction.None ? "" : CreateTableValidator.AggregateName(c.Aggregate),
        }).ToList();

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
