using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// Checks a parsed table against the StarRocks analyzer's CREATE TABLE rules
/// (fe/fe-core/src/main/java/com/starrocks/sql/analyzer/CreateTableAnalyzer.java, sql/ast/ColumnDef.java, analysis/KeysDesc.java,
/// the partition descriptors), so invalid DDL fails the build instead of the server.
/// </summary>
internal static class TableValidator
{
    /// <summary>PRIMARY KEY column types, also the sort key types of PRIMARY KEY tables (KeysDesc, analyzeSortKeys).</summary>
    internal static readonly HashSet<string> PrimaryKeyTypes = new(StringComparer.Ordinal)
    {
        "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "VARCHAR", "STRING", "DATE", "DATETIME",
    };

    /// <summary>Types that cannot be keys or bucket a table (Type.canDistributedBy).</summary>
    internal static readonly HashSet<string> NonKeyTypes = new(StringComparer.Ordinal)
    {
        "FLOAT", "DOUBLE", "ARRAY", "MAP", "STRUCT", "JSON", "HLL", "BITMAP", "PERCENTILE", "VARBINARY",
    };

    /// <summary>Types StarRocks refuses as partition columns: FLOAT/DOUBLE and complex types.</summary>
    private static readonly HashSet<string> NonPartitionTypes = new(StringComparer.Ordinal)
    {
        "FLOAT", "DOUBLE", "ARRAY", "MAP", "STRUCT", "JSON", "HLL", "BITMAP", "PERCENTILE",
    };

    public static IEnumerable<DiagnosticInfo> Validate(ParsedTable table)
    {
        var kind = table.Spec.Kind;
        var keys = table.Columns.Where(c => c.Spec.IsKey).ToList();

        if (kind != TableKind.DuplicateKey && keys.Count == 0)
            yield return Create(DiagnosticDescriptors.MissingKey, table.TableAttributeLocation, kind.KeyClause(), table.Spec.Table);

        if (kind == TableKind.DuplicateKey && keys.Count == 0 && table.Columns.Count > 0
            && NonKeyTypes.Contains(TypeMapper.BaseTypeName(table.Columns[0].Spec.StarRocksType)))
        {
            var first = table.Columns[0];
            yield return Create(DiagnosticDescriptors.FirstColumnNotSortable, first.MemberLocation, first.Spec.StarRocksType, first.Spec.MemberName);
        }

        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in table.Columns)
        {
            foreach (var diagnostic in ValidateColumn(column, kind, seenNames))
                yield return diagnostic;
        }

        foreach (var diagnostic in ValidateLayout(table, keys))
            yield return diagnostic;
        foreach (var diagnostic in ValidatePartitionColumns(table))
            yield return diagnostic;
        foreach (var diagnostic in LayoutValidator.Validate(table))
            yield return diagnostic;

        if (kind == TableKind.PrimaryKey && PrimaryKeyBound(keys) is { Bytes: > PrimaryKeyLimitSize } bound)
        {
            yield return Create(DiagnosticDescriptors.PrimaryKeyTooLarge, table.TableAttributeLocation,
                table.Spec.Table, bound.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), bound.Parts, PrimaryKeyLimitSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>StarRocks BE's default <c>primary_key_limit_size</c>: the largest encoded primary key a load accepts.</summary>
    private const long PrimaryKeyLimitSize = 128;

    /// <summary>
    /// The largest encoded primary key (be/src/storage/primary_key_encoder.cpp): fixed-size columns take their size
    /// (BOOLEAN/TINYINT 1, SMALLINT 2, INT/DATE 4, BIGINT/DATETIME 8, LARGEINT 16); a VARCHAR(n) takes n bytes, plus a
    /// 2-byte terminator when it is not the last of several key columns (NUL bytes in the text, escaped, would add one
    /// byte each). STRING is VARCHAR(65533). Null when a key type is not one of these (another diagnostic reports it).
    /// </summary>
    private static (long Bytes, string Parts)? PrimaryKeyBound(List<ParsedColumn> keys)
    {
        long total = 0;
        var parts = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var spec = keys[i].Spec;
            var baseType = TypeMapper.BaseTypeName(spec.StarRocksType);
            long? size = baseType switch
            {
                "BOOLEAN" or "TINYINT" => 1,
                "SMALLINT" => 2,
                "INT" or "DATE" => 4,
                "BIGINT" or "DATETIME" => 8,
                "LARGEINT" => 16,
                "STRING" or "VARCHAR" => TypeMapper.StringByteLength(spec.StarRocksType),
                _ => null,
            };
            if (size is not { } bytes)
                return null;
            if (baseType is "VARCHAR" or "STRING" && keys.Count > 1 && i < keys.Count - 1)
                bytes += 2;
            total += bytes;
            parts.Add($"{spec.Name} {spec.StarRocksType}: {bytes}");
        }

        return (total, string.Join(", ", parts));
    }

    /// <summary>
    /// Partition columns of RANGE and LIST partitioning (StarRocks, PartitionDescAnalyzer): not repeated, of a type that can
    /// partition; LIST values: one per column in each tuple, NULL only for nullable columns, no value twice.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> ValidatePartitionColumns(ParsedTable table)
    {
        if (table.Spec.Partition is not { Expression: null } partition || table.Partition is not { } layout)
            yield break;

        var names = partition.IsList ? partition.Lists.Select(l => l.Name) : partition.Ranges.Select(r => r.Name);
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            if (NameRules.CheckPartitionName(name) is { } nameProblem)
                yield return Create(DiagnosticDescriptors.InvalidName, PartitionLocation(table, i), nameProblem);
        }

        if (partition.RangeColumn is { } batchColumn && table.Columns.FirstOrDefault(c => c.Spec.Name == batchColumn) is { } batch
            && BatchRangeProblem(partition, batch.Spec) is { } batchProblem)
            yield return Create(DiagnosticDescriptors.InvalidPartitioning, layout.Location, batchProblem);

        // RANGE bounds are parsed as the partition column's type (PartitionKey), like LIST values below.
        if (partition.RangeColumn is { } rangeColumn && table.Columns.FirstOrDefault(c => c.Spec.Name == rangeColumn) is { } range)
        {
            for (var i = 0; i < partition.Ranges.Count; i++)
            {
                var bound = partition.Ranges[i];
                if (bound.LessThan != "MAXVALUE" && LiteralChecker.CheckPartitionValue(bound.LessThan, range.Spec) is { } boundProblem)
                    yield return Create(DiagnosticDescriptors.InvalidPartitioning, PartitionLocation(table, i), $"partition '{bound.Name}' VALUES LESS THAN (\"{bound.LessThan}\"): {boundProblem}");
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in layout.Columns)
        {
            if (!seen.Add(name))
                yield return Create(DiagnosticDescriptors.InvalidPartitionColumn, layout.Location, $"Duplicated partition column {name}");
            else if (table.Columns.FirstOrDefault(c => c.Spec.Name == name) is { } column
                && NonPartitionTypes.Contains(TypeMapper.BaseTypeName(column.Spec.StarRocksType)))
                yield return Create(DiagnosticDescriptors.InvalidPartitionColumn, layout.Location, $"Invalid partition column '{name}': invalid data type {column.Spec.StarRocksType} (member '{column.Spec.MemberName}')");
        }

        if (!partition.IsList || seen.Count != layout.Columns.Count || layout.Columns.Count != partition.ListColumns.Count)
            yield break;

        var width = partition.ListColumns.Count;
        var partitionColumns = partition.ListColumns.Select(name => table.Columns.First(c => c.Spec.Name == name).Spec).ToList();
        var tuples = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < partition.Lists.Count; i++)
        {
            var list = partition.Lists[i];
            var location = PartitionLocation(table, i);
            if (list.Values.Count == 0 || list.Values.Count % width != 0)
            {
                yield return Create(DiagnosticDescriptors.InvalidListPartitionValues, location, list.Name,
                    $"{list.Values.Count} value(s) cannot be grouped into tuples of the {width} partition column(s); give {width} value(s) per tuple, in partition column order");
                continue;
            }

            for (var start = 0; start < list.Values.Count; start += width)
            {
                var tuple = Enumerable.Range(start, width).Select(j => list.Values[j].Text).ToList();
                var notNull = Enumerable.Range(0, width).Where(j => tuple[j] is null && !partitionColumns[j].IsNullable).DefaultIfEmpty(-1).First();
                if (notNull >= 0)
                {
                    yield return Create(DiagnosticDescriptors.InvalidListPartitionValues, location, list.Name,
                        $"Partition column[{partitionColumns[notNull].Name}] could not be null but contains null value in partition[{list.Name}]");
                    break;
                }

                var malformed = Enumerable.Range(0, width)
                    .Select(j => tuple[j] is { } v ? LiteralChecker.CheckPartitionValue(v, partitionColumns[j]) : null)
                    .FirstOrDefault(problem => problem is not null);
                if (malformed is not null)
                {
                    yield return Create(DiagnosticDescriptors.InvalidListPartitionValues, location, list.Name, malformed);
                    break;
                }

                // StarRocks's own wording: "Duplicated value v" (one column), "Duplicate values ("a","b") not allow" (several).
                var key = string.Join("\u0001", tuple.Select(v => v ?? "\u0000NULL"));
                if (!tuples.Add(key))
                {
                    var duplicate = width == 1
                        ? $"Duplicated value {tuple[0] ?? "NULL"}"
                        : "Duplicate values (" + string.Join(",", tuple.Select(v => v is null ? "NULL" : "\"" + v + "\"")) + ") not allow";
                    yield return Create(DiagnosticDescriptors.InvalidListPartitionValues, location, list.Name, duplicate + " (each value may be in one partition only)");
                    break;
                }
            }
        }
    }

    private static readonly Regex Interval = new(@"^\s*INTERVAL\s+(\d+)\s+([A-Za-z]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex WholeNumber = new(@"^\s*-?\d+\s*$", RegexOptions.CultureInvariant);
    private static readonly string[] BatchDateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyyMMdd"];

    /// <summary>
    /// <c>START (…) END (…) EVERY (…)</c> as StarRocks expands it (sql/ast/MultiRangePartitionDesc.java, with its messages):
    /// over a DATE/DATETIME column EVERY is <c>INTERVAL n HOUR|DAY|WEEK|MONTH|YEAR</c> and START/END are dates; over an
    /// integer column EVERY is a number and START/END are integers; START comes before END. EVERY is the only
    /// attribute text emitted verbatim, so it must be exactly one of these forms.
    /// </summary>
    private static string? BatchRangeProblem(PartitionSpec partition, ColumnSpec column)
    {
        if (partition is not { Start: { } start, End: { } end, Every: { } every })
            return null;
        var type = TypeMapper.BaseTypeName(column.StarRocksType);
        var interval = Interval.Match(every);
        if (type is "DATE" or "DATETIME")
        {
            if (!interval.Success)
                return $"Every = \"{every}\": over the {type} column '{column.Name}' EVERY is INTERVAL n HOUR, DAY, WEEK, MONTH or YEAR";
            var unit = interval.Groups[2].Value.ToUpperInvariant();
            if (unit is not ("HOUR" or "DAY" or "WEEK" or "MONTH" or "YEAR"))
                return $"Batch build partition does not support time interval type: {interval.Groups[2].Value}";
            if (!int.TryParse(interval.Groups[1].Value, out var step) || step < 1)
                return $"Every = \"{every}\": the interval must be at least 1";
            if (unit == "HOUR" && type == "DATE")
                return $"Every = \"{every}\": HOUR partitions need a DATETIME column, '{column.Name}' is DATE";
            if (!TryParseBatchDate(start, out var from) || !TryParseBatchDate(end, out var to))
                return "Batch build partition EVERY is date type but START or END does not type match.";
            return from < to ? null : "Batch build partition start date should less than end date.";
        }

        if (type is "TINYINT" or "SMALLINT" or "INT" or "BIGINT")
        {
            if (interval.Success)
                return "Batch build partition EVERY is date type but START or END does not type match.";
            if (!WholeNumber.IsMatch(every) || !long.TryParse(every.Trim(), out var step) || step < 1)
                return $"Every = \"{every}\": over the integer column '{column.Name}' EVERY is a positive whole number";
            if (!long.TryParse(start.Trim(), out var from) || !long.TryParse(end.Trim(), out var to))
                return "Batch build partition EVERY is number type but START or END does not type match.";
            return from < to ? null : "Batch build partition start value should less then end value.";
        }

        return $"Unsupported batch partition build type:{column.StarRocksType}.";
    }

    private static bool TryParseBatchDate(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), BatchDateFormats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out value);

    private static LocationInfo? PartitionLocation(ParsedTable table, int index) =>
        index < table.PartitionValueLocations.Count ? table.PartitionValueLocations[index] : table.Partition?.Location;

    private static IEnumerable<DiagnosticInfo> ValidateColumn(ParsedColumn column, TableKind kind, HashSet<string> seenNames)
    {
        var spec = column.Spec;
        var location = column.ColumnAttributeLocation ?? column.MemberLocation;
        var baseType = TypeMapper.BaseTypeName(spec.StarRocksType);

        if (NameRules.CheckColumnName(spec.Name) is { } nameProblem)
            yield return Create(DiagnosticDescriptors.InvalidName, location, $"Member '{spec.MemberName}': {nameProblem}");
        else if (IsReservedName(spec.Name))
            yield return Create(DiagnosticDescriptors.ReservedColumnName, location, spec.Name, spec.MemberName);
        if (!seenNames.Add(spec.Name))
            yield return Create(DiagnosticDescriptors.DuplicateColumnName, location, spec.Name, spec.MemberName);

        if (TypeOverrideChecker.Check(spec) is { } problem)
            yield return new DiagnosticInfo(problem.Descriptor, location, new(problem.Arguments));
        else if (LiteralChecker.CheckDefault(spec) is { } defaultProblem)
            yield return Create(DiagnosticDescriptors.InvalidDefaultValue, location, spec.MemberName, spec.Default!, defaultProblem, spec.Name);

        if (spec.IsKey)
        {
            var keyLocation = column.KeyLocation ?? column.MemberLocation;
            if (kind == TableKind.PrimaryKey && spec.IsNullable)
                yield return Create(DiagnosticDescriptors.NullablePrimaryKey, keyLocation, spec.Name, spec.MemberName);
            if (kind == TableKind.PrimaryKey && !PrimaryKeyTypes.Contains(baseType))
                yield return Create(DiagnosticDescriptors.InvalidPrimaryKeyType, keyLocation, spec.Name, spec.StarRocksType, spec.MemberName);
            else if (NonKeyTypes.Contains(baseType))
                yield return Create(DiagnosticDescriptors.InvalidKeyType, keyLocation, spec.Name, spec.StarRocksType, spec.MemberName);
            if (spec.Aggregate != AggregateFunction.None)
                yield return Create(DiagnosticDescriptors.UnexpectedAggregate, location, $"Key column[{spec.Name}] should not specify aggregate type.", spec.MemberName);
        }
        else if (kind == TableKind.AggregateKey && spec.Aggregate == AggregateFunction.None)
        {
            yield return Create(DiagnosticDescriptors.MissingAggregate, location, spec.Name, spec.MemberName);
        }
        else if (kind != TableKind.AggregateKey && spec.Aggregate != AggregateFunction.None)
        {
            yield return Create(DiagnosticDescriptors.UnexpectedAggregate, location,
                $"{kind.KeysTypeName()} table should not specify aggregate type for non-key column[{spec.Name}]: only value columns of AGGREGATE KEY tables take one", spec.MemberName);
        }
        else if (kind == TableKind.AggregateKey && AggregateProblem(spec) is { } aggregateProblem)
        {
            yield return Create(DiagnosticDescriptors.InvalidAggregate, location, spec.Aggregate.Sql()!, spec.Name, spec.MemberName, spec.StarRocksType, aggregateProblem);
        }
        else if (kind == TableKind.DuplicateKey && SqlType.Parse(spec.StarRocksType, out _) is { IsMetricOnly: true })
        {
            yield return Create(DiagnosticDescriptors.AggregateOnlyType, location,
                $"No aggregate function specified for '{spec.Name}' (member '{spec.MemberName}', type {spec.StarRocksType}): HLL, BITMAP and PERCENTILE columns hold aggregate states; use an AGGREGATE KEY table with HllUnion or BitmapUnion, or a UNIQUE or PRIMARY KEY table");
        }
    }

    private static IEnumerable<DiagnosticInfo> ValidateLayout(ParsedTable table, List<ParsedColumn> keys)
    {
        var kind = table.Spec.Kind;
        var keyNames = keys.Select(k => k.Spec.Name).ToList();

        if (table.Spec.Distribution is { IsRandom: true } && kind != TableKind.DuplicateKey)
            yield return Create(DiagnosticDescriptors.RandomDistributionNotDuplicate, table.Distribution?.Location, kind.KeyClause());

        if (kind == TableKind.DuplicateKey)
            yield break;

        foreach (var layout in new[] { table.Distribution, table.Partition })
        {
            if (layout is null)
                continue;
            foreach (var column in layout.Columns.Where(c => !keyNames.Contains(c)))
            {
                var member = table.Columns.FirstOrDefault(c => c.Spec.Name == column)?.Spec.MemberName ?? column;
                yield return Create(DiagnosticDescriptors.LayoutColumnNotKey, layout.Location, layout.Clause.StartsWith("DISTRIBUTED")
                    ? $"Distribution column[{column}] is not key column (member '{member}'): in a {kind.KeyClause()} table bucketing columns must be key columns"
                    : $"The partition column could not be aggregated column and unique table's partition column must be key column: '{column}' (member '{member}') is not a key column of this {kind.KeyClause()} table");
            }
        }

        if (kind is TableKind.AggregateKey or TableKind.UniqueKey && table.OrderBy is { } orderBy && !orderBy.Columns.SequenceEqual(keyNames))
            yield return Create(DiagnosticDescriptors.SortKeyNotKey, orderBy.Location, kind.KeyClause());
    }

    /// <summary>
    /// Whether <paramref name="column"/>'s aggregate function fits its type (AggregateType's compatibility map, checked
    /// by ColumnDef.analyze): the reason it does not, or null. SUM on a DECIMAL is widened to DECIMAL128 by StarRocks first.
    /// </summary>
    private static string? AggregateProblem(ColumnSpec column)
    {
        if (SqlType.Parse(column.StarRocksType, out _) is not { } type)
            return null;
        var fits = column.Aggregate switch
        {
            AggregateFunction.Sum => type.Name is "INT" or "BIGINT" or "LARGEINT" or "FLOAT" or "DOUBLE" || type.IsDecimal,
            AggregateFunction.Min or AggregateFunction.Max => type.IsInteger || type.IsDecimal || type.IsString || type.Name is "FLOAT" or "DOUBLE" or "DATE" or "DATETIME",
            AggregateFunction.ReplaceIfNotNull => !type.IsMetricOnly,
            AggregateFunction.HllUnion => type.Name == "HLL",
            AggregateFunction.BitmapUnion => type.Name == "BITMAP",
            _ => true,
        };
        if (fits)
            return null;
        return column.Aggregate switch
        {
            AggregateFunction.Sum => "SUM takes INT, BIGINT, LARGEINT, FLOAT, DOUBLE or DECIMAL columns (not TINYINT or SMALLINT: use an int or long member)",
            AggregateFunction.Min or AggregateFunction.Max => "MIN and MAX take numbers, DECIMAL, DATE, DATETIME, CHAR and VARCHAR columns",
            AggregateFunction.ReplaceIfNotNull => "REPLACE_IF_NOT_NULL takes any column but HLL, BITMAP and PERCENTILE",
            AggregateFunction.HllUnion => "HLL_UNION takes an HLL column (Type = \"HLL\")",
            _ => "BITMAP_UNION takes a BITMAP column (Type = \"BITMAP\")",
        };
    }

    /// <summary>
    /// Names StarRocks reserves (FeNameFormat): <c>__op</c> and <c>__row</c> (load-time virtual columns), <c>___count___</c>,
    /// and the schema-change and generated-partition-column prefixes.
    /// </summary>
    private static bool IsReservedName(string name) =>
        string.Equals(name, "__op", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "__row", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("__starrocks_shadow_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("__generated_partition_column_", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "___count___", StringComparison.OrdinalIgnoreCase);

    private static DiagnosticInfo Create(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        DiagnosticInfo.Create(descriptor, location, arguments);
}
