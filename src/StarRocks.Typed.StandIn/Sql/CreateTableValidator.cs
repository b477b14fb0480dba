using System.Globalization;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// StarRocks's analyzer rules for <c>CREATE TABLE</c> and column changes, in StarRocks's order (the first failure wins),
/// with StarRocks's messages. <see cref="Resolve"/> also fills in what StarRocks infers: the table kind and key columns
/// when no key clause is written, and the nullability of each column.
/// </summary>
public static class CreateTableValidator
{
    private const int MaxCharLength = 255;
    private const int MaxVarcharLength = 1048576;

    /// <summary>Checks <paramref name="statement"/> and returns it with the inferred kind and keys; throws <see cref="StarRocksSqlException"/>.</summary>
    public static CreateTableStatement Resolve(CreateTableStatement statement)
    {
        CheckColumnNames(statement.Columns);
        var resolved = ResolveKeys(statement);
        CheckKeys(resolved);
        CheckSortKeys(resolved);
        CheckPartition(resolved);
        CheckDistribution(resolved);
        var kind = resolved.Kind!.Value;
        var autoIncrement = resolved.Columns.Where(c => c.AutoIncrement).ToList();
        foreach (var column in resolved.Columns)
            CheckColumn(column, kind, IsKey(resolved, column.Name));
        if (autoIncrement.Count > 1)
            throw StarRocksSqlException.Analysis("More than one AUTO_INCREMENT column defined in CREATE TABLE Statement");
        CheckGeneratedColumns(resolved);
        CheckProperties(resolved.Properties);
        CheckBucketColumnsAreKeys(resolved);
        return resolved;
    }

    /// <summary>Whether StarRocks stores <paramref name="column"/> as nullable in a table of <paramref name="kind"/>.</summary>
    public static bool IsNullable(ColumnDefinition column, TableKind kind, bool isKey) =>
        column.Aggregate == AggregateFunction.ReplaceIfNotNull
        || (column.Nullable ?? !(kind == TableKind.Primary && isKey) && !column.AutoIncrement);

    /// <summary>Checks one column's name against StarRocks's reserved and malformed names.</summary>
    public static void CheckColumnName(string name)
    {
        if (name.Length is 0 or > 1024 || name.StartsWith("__starrocks_shadow_", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("__generated_partition_column_", StringComparison.OrdinalIgnoreCase))
            throw StarRocksSqlException.Analysis($"Incorrect column name '{name}'", 1166);
        if (name.StartsWith("__op", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("__row", StringComparison.OrdinalIgnoreCase)
            || name.Equals("___count___", StringComparison.OrdinalIgnoreCase))
            throw StarRocksSqlException.Analysis($"Column name [{name}] is a system reserved name. Please choose a different one.");
    }

    /// <summary>The per-column checks (type limits, key types, aggregate, default) for a column of a table of <paramref name="kind"/>.</summary>
    public static void CheckColumn(ColumnDefinition column, TableKind kind, bool isKey)
    {
        CheckType(column.Type);
        if (isKey && !column.Type.CanBeKey)
            throw StarRocksSqlException.Analysis(column.Type.IsFloatingPoint
                ? $"Invalid data type of key column '{column.Name}': '{column.Type}', use decimal instead"
                : $"Invalid data type of key column '{column.Name}': '{column.Type}'");
        if (column.Aggregate is { } aggregate)
            CheckAggregate(column, aggregate);
        if (column.Default is { } defaultValue)
            CheckDefault(column, defaultValue, IsNullable(column, kind, isKey));
        if (column.AutoIncrement && column.Type.Name != "BIGINT")
            throw StarRocksSqlException.Analysis("The AUTO_INCREMENT column must be BIGINT");
    }

    private static void CheckColumnNames(IReadOnlyList<ColumnDefinition> columns)
    {
        if (columns.Count == 0)
            throw StarRocksSqlException.Analysis("A table must have at least 1 column", 1113);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            CheckColumnName(column.Name);
            if (!seen.Add(column.Name))
                throw StarRocksSqlException.Analysis($"Duplicate column name '{column.Name}'", 1060);
        }
        if (columns.Count > 10000)
            throw StarRocksSqlException.Analysis(
                "The number of columns in a table must be less than or equal to 10000, Please decrease the number of columns or increase frontend config 'max_column_number_per_table'.",
                1117);
    }

    private static CreateTableStatement ResolveKeys(CreateTableStatement statement)
    {
        if (statement.Kind is not null)
            return statement;
        if (statement.Columns.Any(c => c.Aggregate is not null))
            return statement with
            {
                Kind = TableKind.Aggregate,
                KeyColumns = statement.Columns.Where(c => c.Aggregate is null).Select(c => c.Name).ToList(),
            };
        var keys = new List<string>();
        int bytes = 0;
        foreach (var column in statement.Columns.Take(3))
        {
            if (!column.Type.CanBeKey)
                break;
            int size = KeyPrefixBytes(column.Type);
            if (keys.Count > 0 && bytes + size > 36)
                break;
            keys.Add(column.Name);
            bytes += size;
            if (column.Type.Name == "VARCHAR")
                break;
        }
        if (keys.Count == 0)
            throw StarRocksSqlException.Analysis($"Data type of first column cannot be {statement.Columns[0].Type.Name}");
        return statement with { Kind = TableKind.Duplicate, KeyColumns = keys };
    }

    private static int KeyPrefixBytes(StarRocksType type) => type.Name switch
    {
        "BOOLEAN" or "TINYINT" => 1,
        "SMALLINT" => 2,
        "INT" or "DATE" => 4,
        "BIGINT" or "DATETIME" => 8,
        "LARGEINT" => 16,
        "CHAR" or "VARCHAR" => type.Length ?? 1,
        _ when type.IsDecimal => 16,
        _ => 8,
    };

    private static void CheckKeys(CreateTableStatement table)
    {
        var kind = table.Kind!.Value;
        if (table.KeyColumns.Count == 0)
            throw StarRocksSqlException.Analysis("The number of key columns is 0.");
        if (table.KeyColumns.Count > table.Columns.Count)
            throw StarRocksSqlException.Analysis("The number of key columns should be less than the number of columns.");
        for (int i = 0; i < table.KeyColumns.Count; i++)
        {
            string key = table.KeyColumns[i];
            if (FindColumn(table, key) is null)
                throw StarRocksSqlException.Analysis($"Key column({key}) doesn't exist.");
            if (!string.Equals(table.Columns[i].Name, key, StringComparison.OrdinalIgnoreCase))
                throw StarRocksSqlException.Analysis(
                    "Key columns must be the first few columns of the schema and the order  of the key columns must be consistent with the order of the schema");
            var column = table.Columns[i];
            if (column.Aggregate is not null)
                throw StarRocksSqlException.Analysis($"Key column[{column.Name}] should not specify aggregate type.");
            if (kind == TableKind.Primary)
            {
                if (column.Nullable == true)
                    throw StarRocksSqlException.Analysis($"primary key column[{column.Name}] cannot be nullable");
                if (!column.Type.CanBePrimaryKey)
                    throw StarRocksSqlException.Analysis($"primary key column[{column.Name}] type not supported: {column.Type}");
            }
        }
        foreach (var column in table.Columns.Skip(table.KeyColumns.Count))
        {
            if (kind == TableKind.Aggregate && column.Aggregate is null)
                throw StarRocksSqlException.Analysis($"AGG_KEYS table should specify aggregate type for non-key column[{column.Name}]");
            if (kind != TableKind.Aggregate && column.Aggregate is not null and not AggregateFunction.Replace)
                throw StarRocksSqlException.Analysis($"{ModelName(kind)} table should not specify aggregate type for non-key column[{column.Name}]");
        }
    }

    private static void CheckSortKeys(CreateTableStatement table)
    {
        if (table.OrderBy.Count == 0)
            return;
        foreach (string name in table.OrderBy)
        {
            var column = FindColumn(table, name) ?? throw StarRocksSqlException.Analysis($"Unknown column '{name}' does not exist");
            if (table.Kind == TableKind.Primary && !column.Type.CanBePrimaryKey)
                throw StarRocksSqlException.Analysis($"sort key column[{column.Name}] type not supported: {column.Type}");
        }
        if (table.Kind is TableKind.Aggregate or TableKind.Unique
            && !table.OrderBy.SequenceEqual(table.KeyColumns, StringComparer.OrdinalIgnoreCase))
            throw StarRocksSqlException.Analysis(
                $"The sort columns of {(table.Kind == TableKind.Aggregate ? "AGGREGATE" : "UNIQUE")} KEY table must be same with key columns");
    }

    private static void CheckPartition(CreateTableStatement table)
    {
        if (table.Partition is not { } partition)
            return;
        if (partition.Kind == PartitionKind.Expression)
        {
            if (partition.Function is not ("date_trunc" or "time_slice"))
                throw StarRocksSqlException.Analysis("Only support date_trunc and time_slice as partition expression");
            if (partition.Unit is not ("minute" or "hour" or "day" or "month" or "year"))
                throw StarRocksSqlException.Analysis($"Unsupported partition granularity: {partition.Unit}. Only support minute, hour, day, month, year");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in partition.Columns)
        {
            var column = FindColumn(table, name)
                ?? throw StarRocksSqlException.Analysis($"Partition column[{name}] does not exist in column list.");
            if (!seen.Add(name))
                throw StarRocksSqlException.Analysis($"Duplicated partition column {name}");
            if (column.Type.IsFloatingPoint || column.Type.IsComplex || column.Type.IsSketch || column.Type.Name == "JSON")
                throw StarRocksSqlException.Analysis($"Invalid partition column '{column.Name}': invalid data type {column.Type}");
            if (partition.Kind == PartitionKind.Expression && column.Type.Name is not ("DATE" or "DATETIME"))
                throw StarRocksSqlException.Analysis($"Invalid partition column '{column.Name}': invalid data type {column.Type}");
            if (table.Kind != TableKind.Duplicate && !IsKey(table, name))
                throw StarRocksSqlException.Analysis(
                    "The partition column could not be aggregated column and unique table's partition column must be key column");
        }
    }

    private static void CheckDistribution(CreateTableStatement table)
    {
        var kind = table.Kind!.Value;
        if (table.Distribution is not { } distribution)
        {
            if (kind is TableKind.Aggregate or TableKind.Unique)
                throw StarRocksSqlException.Analysis($"Currently not support default distribution in {ModelName(kind)}");
            return;
        }
        if (distribution.Random)
        {
            if (kind != TableKind.Duplicate)
                throw StarRocksSqlException.Analysis($"{SqlModelName(kind)} must use hash distribution");
            return;
        }
        if (distribution.Columns.Count == 0)
            throw StarRocksSqlException.Analysis("Number of hash column is zero.");
        foreach (string name in distribution.Columns)
            if (FindColumn(table, name) is null)
                throw StarRocksSqlException.Analysis($"Distribution column({name}) doesn't exist.");
        if (table.Partition is not null && distribution.Buckets > 1024)
            throw StarRocksSqlException.Analysis(
                "The number of buckets is too large, the maximum is 1024. Please reduce the number of buckets or increase frontend config max_bucket_number_per_partition.",
                5510);
    }

    private static void CheckBucketColumnsAreKeys(CreateTableStatement table)
    {
        if (table.Distribution is not { Random: false } distribution)
            return;
        foreach (string name in distribution.Columns)
        {
            var column = FindColumn(table, name)!;
            if (table.Kind != TableKind.Duplicate && !IsKey(table, name))
                throw StarRocksSqlException.Execution($"Distribution column[{column.Name}] is not key column");
            if (!column.Type.CanBeKey)
                throw StarRocksSqlException.Execution($"{column.Type.Name} column can not be distribution column");
        }
    }

    private static void CheckType(StarRocksType type)
    {
        switch (type.Name)
        {
            case "CHAR" when type.Length > MaxCharLength:
                throw StarRocksSqlException.Analysis($"Char size must be <= {MaxCharLength}: {type.Length}");
            case "VARCHAR" or "VARBINARY" when type.Length > MaxVarcharLength:
                throw StarRocksSqlException.Analysis($"Varchar size must be <= {MaxVarcharLength}: {type.Length}");
            case "ARRAY" when type.Arguments![0].IsSketch:
                throw StarRocksSqlException.Analysis($"Invalid data type: {type}");
            case "MAP" when type.Arguments![0].IsComplex || type.Arguments[0].IsSketch || type.Arguments[0].Name == "JSON":
                throw StarRocksSqlException.Analysis($"Invalid map.key's type: {type.Arguments[0]}");
        }
        if (type.IsDecimal)
        {
            string name = type.Name == "DECIMAL" ? (type.Precision <= 18 ? "DECIMAL64" : "DECIMAL128") : type.Name;
            int max = name switch { "DECIMAL32" => 9, "DECIMAL64" => 18, _ => 38 };
            if (type.Name == "DECIMAL")
                max = 38;
            if (type.Precision < 1 || type.Precision > max)
                throw StarRocksSqlException.Analysis($"Precision of {name} must between 1 and {max}, precision was set to: {type.Precision}.");
            if (type.Scale < 0 || type.Scale > type.Precision)
                throw StarRocksSqlException.Analysis($"Scale of {name} must between 0 and {type.Precision},  scale was set to: {type.Scale}.");
        }
        foreach (var argument in type.Arguments ?? [])
            CheckType(argument);
    }

    private static void CheckAggregate(ColumnDefinition column, AggregateFunction aggregate)
    {
        var type = column.Type;
        bool valid = aggregate switch
        {
            AggregateFunction.Sum => type.IsInteger || type.IsDecimal || type.IsFloatingPoint || type.Name == "BOOLEAN",
            AggregateFunction.Max or AggregateFunction.Min => !type.IsComplex && !type.IsSketch && type.Name is not ("JSON" or "VARBINARY"),
            AggregateFunction.HllUnion => type.Name == "HLL",
            AggregateFunction.BitmapUnion => type.Name == "BITMAP",
            _ => !type.IsSketch,
        };
        if (!valid)
            throw StarRocksSqlException.Analysis($"Invalid aggregate function '{AggregateName(aggregate)}' for '{column.Name}'");
    }

    private static void CheckDefault(ColumnDefinition column, DefaultValue value, bool nullable)
    {
        var type = column.Type;
        if (type.IsSketch || (value.Kind == DefaultKind.Null && !nullable))
            throw StarRocksSqlException.Analysis($"Invalid default value for '{column.Name}'");
        if (value.Kind == DefaultKind.Null)
            return;
        if (type.IsComplex || type.Name == "JSON")
            throw StarRocksSqlException.Analysis($"Default value for complex type '{type}' not supported");
        if (value.Kind == DefaultKind.CurrentTimestamp)
        {
            if (type.Name != "DATETIME")
                throw StarRocksSqlException.Analysis($"Invalid default value for '{column.Name}'");
            return;
        }
        if (value.Kind != DefaultKind.Literal)
            return;
        string text = value.Text;
        bool ok = type.Name switch
        {
            "CHAR" or "VARCHAR" => System.Text.Encoding.UTF8.GetByteCount(text) <= type.Length
                ? true
                : throw StarRocksSqlException.Analysis($"Default value is too long: {text}"),
            "BOOLEAN" => text is "0" or "1" || bool.TryParse(text, out _),
            "TINYINT" => sbyte.TryParse(text, CultureInfo.InvariantCulture, out _),
            "SMALLINT" => short.TryParse(text, CultureInfo.InvariantCulture, out _),
            "INT" => int.TryParse(text, CultureInfo.InvariantCulture, out _),
            "BIGINT" => long.TryParse(text, CultureInfo.InvariantCulture, out _),
            "LARGEINT" => Int128.TryParse(text, CultureInfo.InvariantCulture, out _),
            "FLOAT" or "DOUBLE" => double.TryParse(text, CultureInfo.InvariantCulture, out _),
            "DATE" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "DATETIME" => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ when type.IsDecimal => decimal.TryParse(text, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
            throw StarRocksSqlException.Analysis($"Invalid default value for '{column.Name}': Invalid number format: {text}");
    }

    private static void CheckGeneratedColumns(CreateTableStatement table)
    {
        bool seenGenerated = false;
        foreach (var column in table.Columns)
        {
            if (column.GeneratedExpression is null)
            {
                if (seenGenerated)
                    throw StarRocksSqlException.Analysis("All generated columns must be defined after ordinary columns");
                continue;
            }
            seenGenerated = true;
            if (table.Kind == TableKind.Aggregate)
                throw StarRocksSqlException.Analysis("Generated Column does not support AGG table");
        }
    }

    private static void CheckProperties(IReadOnlyDictionary<string, string> properties)
    {
        if (properties.TryGetValue("replication_num", out var replication)
            && (!int.TryParse(replication, CultureInfo.InvariantCulture, out int count) || count <= 0))
            throw StarRocksSqlException.Execution("Replication num should larger than 0");
    }

    /// <summary>The model name StarRocks uses in analyzer messages (<c>DUP_KEYS</c>, <c>AGG_KEYS</c>, ...).</summary>
    public static string ModelName(TableKind kind) => kind switch
    {
        TableKind.Duplicate => "DUP_KEYS",
        TableKind.Aggregate => "AGG_KEYS",
        TableKind.Unique => "UNIQUE_KEYS",
        _ => "PRIMARY_KEYS",
    };

    /// <summary>The key clause as written in SQL (<c>DUPLICATE KEY</c>, ...).</summary>
    public static string SqlModelName(TableKind kind) => kind switch
    {
        TableKind.Duplicate => "DUPLICATE KEY",
        TableKind.Aggregate => "AGGREGATE KEY",
        TableKind.Unique => "UNIQUE KEY",
        _ => "PRIMARY KEY",
    };

    /// <summary>The SQL name of an aggregate function (<c>SUM</c>, <c>REPLACE_IF_NOT_NULL</c>, ...).</summary>
    public static string AggregateName(AggregateFunction aggregate) => aggregate switch
    {
        AggregateFunction.ReplaceIfNotNull => "REPLACE_IF_NOT_NULL",
        AggregateFunction.HllUnion => "HLL_UNION",
        AggregateFunction.BitmapUnion => "BITMAP_UNION",
        _ => aggregate.ToString().ToUpperInvariant(),
    };

    private static ColumnDefinition? FindColumn(CreateTableStatement table, string name) =>
        table.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static bool IsKey(CreateTableStatement table, string name) =>
        table.KeyColumns.Contains(name, StringComparer.OrdinalIgnoreCase);
}
