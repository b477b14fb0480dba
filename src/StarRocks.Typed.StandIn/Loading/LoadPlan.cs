using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// How one load maps its source fields onto a table: the source field names (CSV positions or JSON keys), the columns
/// written (with the source index or constant feeding each) and where <c>__op</c> comes from.
/// </summary>
public sealed class LoadPlan
{
    /// <summary>The name of StarRocks's load-time operation column.</summary>
    public const string OpColumn = "__op";

    private LoadPlan(TableSchema table, IReadOnlyList<string> sourceFields, IReadOnlyList<ColumnSchema> columns,
        IReadOnlyList<ColumnTarget> feeds, ColumnTarget? op, bool partialUpdate)
    {
        Table = table;
        SourceFields = sourceFields;
        Columns = columns;
        Feeds = feeds;
        Op = op;
        PartialUpdate = partialUpdate;
    }

    /// <summary>The target table.</summary>
    public TableSchema Table { get; }
    /// <summary>The source field names, in CSV order.</summary>
    public IReadOnlyList<string> SourceFields { get; }
    /// <summary>The columns written, in the order of <see cref="Feeds"/>.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }
    /// <summary>What feeds each written column.</summary>
    public IReadOnlyList<ColumnTarget> Feeds { get; }
    /// <summary>What feeds <c>__op</c>, or null (everything upserts).</summary>
    public ColumnTarget? Op { get; }
    /// <summary>Only <see cref="Columns"/> are updated on existing rows (Primary Key partial update).</summary>
    public bool PartialUpdate { get; }
    /// <summary>When the load was planned: <c>now()</c> in its expressions.</summary>
    public DateTime PlannedAt { get; } = DateTime.Now;

    /// <summary>Builds the plan of a load into <paramref name="table"/>; returns null with an error for a load StarRocks would refuse.</summary>
    public static LoadPlan? Create(TableSchema table, LoadOptions options, out string? error)
    {
        error = null;
        IReadOnlyList<string> sourceFields;
        List<ColumnTarget> targets;
        if (options.Columns is { } mapping)
        {
            sourceFields = mapping.SourceFields;
            targets = [.. mapping.Targets];
        }
        else
        {
            var names = table.Columns.Select(c => c.Name).ToList();
            if (options.Format == LoadFormat.Json && options.JsonPaths is null)
                names.Add(OpColumn); // JSON auto-projects the __op key (StarRocks PR #1547)
            sourceFields = names;
            targets = [.. names.Select((name, index) => new ColumnTarget(name, index))];
        }
        if (options.JsonPaths is { } paths && paths.Count != sourceFields.Count)
        {
            error = $"jsonpaths has {paths.Count} paths but {sourceFields.Count} columns are mapped";
            return null;
        }

        ColumnTarget? op = targets.LastOrDefault(t => string.Equals(t.Column, OpColumn, StringComparison.OrdinalIgnoreCase));
        var columns = new List<ColumnSchema>();
        var feeds = new List<ColumnTarget>();
        foreach (var target in targets.Where(t => t != op))
        {
            var column = table.FindColumn(target.Column);
            if (column is null)
            {
                // a plain name that is no table column is a temporary source field; a mapping must target a column
                if (target.SourceIndex < 0 || !string.Equals(sourceFields[target.SourceIndex], target.Column, StringComparison.Ordinal))
                {
                    error = $"Mapping column is not in table. column: {target.Column}"; // Load.initColumns
                    return null;
                }
                continue; // a source field that only feeds expressions
            }
            if ((SetColumnError(column, target) ?? CsvTypeError(column, target, options)) is { } setError)
            {
                error = setError;
                return null;
            }
            columns.Add(column);
            feeds.Add(target);
        }

        if (options.PartialUpdate)
        {
            if (table.Kind != TableKind.Primary)
            {
                error = "Only primary key table support partial update";
                return null;
            }
            var missingKey = table.KeyColumns.FirstOrDefault(k => !columns.Any(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase)));
            if (missingKey is not null)
            {
                error = $"partial update must include all primary key columns, missing '{missingKey}'";
                return null;
            }
        }
        else
        {
            foreach (var column in table.Columns.Where(c => !columns.Contains(c)))
            {
                // Load.initColumns (fe/fe-core/src/main/java/com/starrocks/load/Load.java): a load that is no partial
                // update must feed every NOT NULL column without a default that is neither AUTO_INCREMENT nor generated.
                if (column is { Default: null, Nullable: false, AutoIncrement: false, Generated: false })
                {
                    error = $"Column has no default value. column: {column.Name}";
                    return null;
                }
                if (column.AutoIncrement)
                    continue; // MariaDB's AUTO_INCREMENT assigns it
                columns.Add(column);
                feeds.Add(new ColumnTarget(column.Name, -1, column.Default));
            }
        }

        if (op is not null && table.Kind != TableKind.Primary && op.SourceIndex < 0 && IsDelete(op.Constant) == true)
        {
            error = "__op delete is only supported by primary key tables";
            return null;
        }
        return new LoadPlan(table, sourceFields, columns, feeds, op, options.PartialUpdate);
    }

    /// <summary>The plan of rows already parsed for <paramref name="columnNames"/> (restoring staged transaction rows).</summary>
    public static LoadPlan ForColumns(TableSchema table, IReadOnlyList<string> columnNames, bool partialUpdate)
    {
        var columns = columnNames.Select(n => table.FindColumn(n) ?? throw new InvalidOperationException($"column {n} no longer exists")).ToList();
        return new LoadPlan(table, columnNames, columns, columns.Select((c, i) => new ColumnTarget(c.Name, i)).ToList(), null, partialUpdate);
    }

    /// <summary>
    /// BITMAP and HLL columns take only values of their type: <c>to_bitmap</c>, <c>bitmap_from_string</c>,
    /// <c>bitmap_empty</c>, <c>bitmap_hash</c> / <c>hll_hash</c>, <c>hll_empty</c>. PERCENTILE columns are not loaded.
    /// </summary>
    private static string? SetColumnError(ColumnSchema column, ColumnTarget target)
    {
        var type = column.BaseType.ToUpperInvariant();
        if (type == "PERCENTILE")
            return $"The StarRocks stand-in cannot load PERCENTILE column '{column.Name}'";
        if (type is not ("BITMAP" or "HLL") || target.Expression?.TypeName == type.ToLowerInvariant())
            return null;
        return $"The StarRocks stand-in loads {type} column '{column.Name}' only from {(type == "BITMAP" ? "to_bitmap(), bitmap_from_string(), bitmap_hash() or bitmap_empty()" : "hll_hash() or hll_empty()")}";
    }

    /// <summary>
    /// A CSV load reads each source field with the converter of its column's type, and StarRocks has no CSV converter for
    /// STRUCT (be/src/formats/csv/converter.cpp): <c>CSVScanner</c> fails the whole load with "Unsupported CSV type"
    /// before reading a row. A column fed through an expression reads its field as VARCHAR.
    /// </summary>
    private static string? CsvTypeError(ColumnSchema column, ColumnTarget target, LoadOptions options) =>
        options.Format == LoadFormat.Csv && target.SourceIndex >= 0 && target.Expression is null
        && column.BaseType.Equals("STRUCT", StringComparison.OrdinalIgnoreCase)
            ? $"Unsupported CSV type {column.Type}"
            : null;

    /// <summary>Reads an <c>__op</c> value: true = delete, false = upsert, null = invalid.</summary>
    public static bool? IsDelete(string? value)
    {
        if (value is null)
            return false;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text is "0" || text.Equals("upsert", StringComparison.OrdinalIgnoreCase))
            return false;
        if (text is "1" || text.Equals("delete", StringComparison.OrdinalIgnoreCase))
            return true;
        return null;
    }
}
