using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// StarRocks's checks of the distribution (sql/ast/HashDistributionDesc.java, CreateTableAnalyzer), the sort key
/// (CreateTableAnalyzer.analyzeSortKeys) and the table properties the attributes can set
/// (common/util/PropertyAnalyzer.java), with StarRocks's messages. Key, partition and column rules are in
/// <see cref="TableValidator"/>.
/// </summary>
internal static class LayoutValidator
{
    /// <summary>StarRocks FE's default <c>max_bucket_number_per_partition</c>.</summary>
    private const int MaxBucketsPerPartition = 1024;

    /// <summary>bloom_filter_fpp's range (PropertyAnalyzer MIN_FPP/MAX_FPP), as Java prints the doubles.</summary>
    private const double MinFpp = 0.0001, MaxFpp = 0.05;

    public static IEnumerable<DiagnosticInfo> Validate(ParsedTable table) =>
        ValidateDistribution(table).Concat(ValidateSortKey(table)).Concat(ValidateProperties(table));

    private static IEnumerable<DiagnosticInfo> ValidateDistribution(ParsedTable table)
    {
        var location = table.Distribution?.Location;
        if (table.Spec.Distribution is { Buckets: < 0 } distribution)
        {
            var kind = distribution.IsRandom ? "random" : "hash";
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDistribution, location,
                $"Buckets = {distribution.Buckets}: Number of {kind} distribution is zero. BUCKETS takes a positive number, or 0 (the default) to let StarRocks choose");
        }

        // A FE setting (common/Config.java max_bucket_number_per_partition, error 5510 at execution): a warning, like SRT025.
        if (table.Spec.Partition is not null && table.Spec.Distribution is { Buckets: > MaxBucketsPerPartition } many)
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.TooManyBuckets, location,
                MaxBucketsPerPartition.ToString(CultureInfo.InvariantCulture), many.Buckets.ToString(CultureInfo.InvariantCulture), table.Spec.Table);
        }

        // Key tables bucket by key columns, whose types SRT006 checks; DUPLICATE KEY tables may bucket by any column.
        if (table.Spec.Kind == TableKind.DuplicateKey && table.Spec.Distribution is { IsRandom: false } hash)
        {
            foreach (var column in hash.Columns.Select(name => Column(table, name)).Where(c => TableValidator.NonKeyTypes.Contains(TypeMapper.BaseTypeName(c.StarRocksType))))
            {
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDistribution, location,
                    $"{column.StarRocksType} column can not be distribution column (column '{column.Name}', member '{column.MemberName}')");
            }
        }

        if (table.Spec.Distribution is null && table.Spec.Properties.Any(p => p.Name == "colocate_with"))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDistribution, PropertyLocation(table, "colocate_with"),
                "Colocate table must specify distribution column: add [StarRocksHashDistribution] to a table with the colocate_with property");
        }
    }

    private static IEnumerable<DiagnosticInfo> ValidateSortKey(ParsedTable table)
    {
        if (table.Spec.Kind != TableKind.PrimaryKey || table.OrderBy is not { } orderBy)
            yield break;
        foreach (var column in orderBy.Columns.Select(name => Column(table, name)).Where(c => !TableValidator.PrimaryKeyTypes.Contains(TypeMapper.BaseTypeName(c.StarRocksType))))
        {
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSortKey, orderBy.Location,
                $"sort key column[{column.Name}] type not supported: {column.StarRocksType} (member '{column.MemberName}'): a PRIMARY KEY table sorts by BOOLEAN, integer, VARCHAR/STRING, DATE or DATETIME columns");
        }
    }

    private static IEnumerable<DiagnosticInfo> ValidateProperties(ParsedTable table)
    {
        for (var i = 0; i < table.Spec.Properties.Count; i++)
        {
            var property = table.Spec.Properties[i];
            var location = i < table.PropertyLocations.Count ? table.PropertyLocations[i] : table.TableAttributeLocation;
            var problems = property.Name switch
            {
                "replication_num" => ReplicationNum(property.Value),
                "bloom_filter_columns" => BloomFilterColumns(table, property.Value),
                "bloom_filter_fpp" => BloomFilterFpp(property.Value),
                _ => [],
            };
            foreach (var problem in problems)
                yield return DiagnosticInfo.Create(DiagnosticDescriptors.InvalidProperty, location, $"\"{property.Name}\" = \"{property.Value}\": {problem}");
        }
    }

    /// <summary>A Java <c>short</c> above 0 (PropertyAnalyzer.analyzeReplicationNum).</summary>
    private static IEnumerable<string> ReplicationNum(string value)
    {
        if (!short.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var replicas))
            yield return "replication_num must be a whole number from 1 to 32767";
        else if (replicas <= 0)
            yield return "Replication num should larger than 0. (suggested 3)";
    }

    /// <summary>
    /// Comma-separated existing columns (case-insensitive), each once, of a type with a bloom filter (Type.supportBloomFilter:
    /// not FLOAT/DOUBLE, TINYINT, BOOLEAN, DECIMAL, JSON, HLL/BITMAP/PERCENTILE, VARBINARY or complex), and in AGGREGATE and
    /// UNIQUE KEY tables key columns only.
    /// </summary>
    private static IEnumerable<string> BloomFilterColumns(ParsedTable table, string value)
    {
        if (value.Length == 0)
            yield break;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in value.Split(',').Select(n => n.Trim()))
        {
            var column = table.Columns.Select(c => c.Spec).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                yield return $"Invalid bloom filter column '{name}': not exists";
                continue;
            }

            var type = SqlType.Parse(column.StarRocksType, out _);
            if (type is null || type.IsComplex || type.IsMetricOnly || type.IsDecimal || type.Name is "FLOAT" or "DOUBLE" or "TINYINT" or "BOOLEAN" or "JSON" or "VARBINARY")
                yield return $"Invalid bloom filter column '{name}': unsupported type {column.StarRocksType} (member '{column.MemberName}')";
            else if (!column.IsKey && table.Spec.Kind is TableKind.AggregateKey or TableKind.UniqueKey)
                yield return $"Bloom filter index only used in columns of DUP_KEYS/PRIMARY table or key columns of UNIQUE_KEYS/AGG_KEYS table. invalid column: {name}";
            else if (!seen.Add(name))
                yield return $"Duplicate bloom filter column '{name}'";
        }
    }

    private static IEnumerable<string> BloomFilterFpp(string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fpp))
            yield return "Bloom filter fpp is not Double";
        else if (fpp is < MinFpp or > MaxFpp)
            yield return "Bloom filter fpp should in [1.0E-4, 0.05]";
    }

    private static ColumnSpec Column(ParsedTable table, string name) => table.Columns.First(c => c.Spec.Name == name).Spec;

    private static LocationInfo? PropertyLocation(ParsedTable table, string name)
    {
        var index = table.Spec.Properties.Select((p, i) => (p, i)).FirstOrDefault(x => x.p.Name == name).i;
        return index < table.PropertyLocations.Count ? table.PropertyLocations[index] : table.TableAttributeLocation;
    }
}
