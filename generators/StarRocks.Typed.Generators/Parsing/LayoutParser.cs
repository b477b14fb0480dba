using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Parsing.AttributeArguments;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// Reads a table type's layout attributes — distribution, partitioning, sort key, properties — against its columns
/// (column or member names), reporting unknown columns and malformed combinations into <paramref name="diagnostics"/>.
/// StarRocks's rules about the layout are checked afterwards by <see cref="TableValidator"/> and <see cref="LayoutValidator"/>.
/// </summary>
internal sealed class LayoutParser(ImmutableArray<AttributeData> layout, List<ParsedColumn> columns, List<DiagnosticInfo> diagnostics)
{
    private const string HashDistributionAttribute = Namespace + "StarRocksHashDistributionAttribute";
    private const string RandomDistributionAttribute = Namespace + "StarRocksRandomDistributionAttribute";
    private const string PartitionByAttribute = Namespace + "StarRocksPartitionByAttribute";
    private const string RangePartitionAttribute = Namespace + "StarRocksRangePartitionAttribute";
    private const string PartitionAttribute = Namespace + "StarRocksPartitionAttribute";
    private const string ListPartitionAttribute = Namespace + "StarRocksListPartitionAttribute";
    private const string PartitionValuesAttribute = Namespace + "StarRocksPartitionValuesAttribute";
    private const string OrderByAttribute = Namespace + "StarRocksOrderByAttribute";
    private const string PropertyAttribute = Namespace + "StarRocksPropertyAttribute";

    private static readonly Regex SqlIdentifier = new("`([^`]+)`|[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant);
    private static readonly Regex SqlStringLiteral = new("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant);

    /// <summary>The <c>ORDER BY</c> columns (empty without <c>[StarRocksOrderBy]</c>).</summary>
    public List<string> ParseOrderBy(out LayoutColumns? usedColumns) => ParseColumnList(OrderByAttribute, "ORDER BY", out usedColumns);

    /// <summary>The <c>[StarRocksProperty]</c>s in declaration order, and where each is declared.</summary>
    public EquatableArray<PropertySpec> ParseProperties(out IReadOnlyList<LocationInfo?> locations)
    {
        var attributes = layout.Where(a => Is(a, PropertyAttribute)).ToList();
        locations = attributes.Select(a => LocationInfo.From(a.ApplicationSyntaxReference)).ToList();
        return attributes
            .Select(a => new PropertySpec(a.ConstructorArguments[0].Value as string ?? "", a.ConstructorArguments[1].Value as string ?? ""))
            .ToEquatableArray();
    }

    public DistributionSpec? ParseDistribution(TableKind kind, out LayoutColumns? usedColumns)
    {
        usedColumns = null;
        if (layout.FirstOrDefault(a => Is(a, RandomDistributionAttribute)) is { } random)
        {
            usedColumns = new LayoutColumns("DISTRIBUTED BY RANDOM", [], LocationInfo.From(random.ApplicationSyntaxReference));
            return new DistributionSpec(true, EquatableArray<string>.Empty, Named(random, "Buckets", 0));
        }

        if (layout.FirstOrDefault(a => Is(a, HashDistributionAttribute)) is { } hash)
        {
            var resolved = ResolveColumns(StringArray(hash.ConstructorArguments[0]), "DISTRIBUTED BY HASH", hash, out usedColumns);
            return new DistributionSpec(false, resolved.ToEquatableArray(), Named(hash, "Buckets", 0));
        }

        // AGGREGATE/UNIQUE tables have no default distribution in StarRocks; key tables default to HASH(key columns).
        return kind == TableKind.DuplicateKey
            ? null
            : new DistributionSpec(false, columns.Where(c => c.Spec.IsKey).Select(c => c.Spec.Name).ToEquatableArray(), 0);
    }

    public PartitionSpec? ParsePartition(out LayoutColumns? usedColumns, out IReadOnlyList<LocationInfo?> valueLocations)
    {
        usedColumns = null;
        valueLocations = [];
        var expression = layout.FirstOrDefault(a => Is(a, PartitionByAttribute));
        var range = layout.FirstOrDefault(a => Is(a, RangePartitionAttribute));
        var bounds = layout.Where(a => Is(a, PartitionAttribute)).ToList();
        var list = layout.FirstOrDefault(a => Is(a, ListPartitionAttribute));
        var lists = layout.Where(a => Is(a, PartitionValuesAttribute)).ToList();
        var location = LocationInfo.From((expression ?? range ?? list ?? bounds.FirstOrDefault() ?? lists.FirstOrDefault())?.ApplicationSyntaxReference);

        if (new[] { expression, range, list }.Count(a => a is not null) > 1)
        {
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "use only one of [StarRocksPartitionBy], [StarRocksRangePartition] and [StarRocksListPartition]");
            return null;
        }

        if (expression is not null && (bounds.Count > 0 || lists.Count > 0))
        {
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "use either [StarRocksPartitionBy] or [StarRocksRangePartition] with [StarRocksPartition]s, not both");
            return null;
        }

        if (expression is not null)
        {
            var text = expression.ConstructorArguments[0].Value as string ?? "";
            var referenced = ExpressionColumns(text);
            if (ExpressionShapeProblem(text) is { } shape)
                Report(DiagnosticDescriptors.InvalidPartitioning, location, $"[StarRocksPartitionBy(\"{text}\")] {shape}");
            else if (referenced.Count == 0)
                Report(DiagnosticDescriptors.UnknownColumn, location, text, "PARTITION BY");
            usedColumns = new LayoutColumns("Partition", referenced, location);
            return new PartitionSpec(text.Trim(), null, EquatableArray<RangeBoundSpec>.Empty, null, null, null, EquatableArray<string>.Empty, EquatableArray<ListPartitionSpec>.Empty);
        }

        if (list is not null || lists.Count > 0)
            return ParseListPartition(list, lists, bounds, location, out usedColumns, out valueLocations);

        if (range is null)
        {
            if (bounds.Count > 0)
                Report(DiagnosticDescriptors.InvalidPartitioning, location, "[StarRocksPartition] needs [StarRocksRangePartition] on the same type");
            return null;
        }

        var column = ResolveColumns([range.ConstructorArguments[0].Value as string ?? ""], "PARTITION BY RANGE", range, out var partitionColumns);
        usedColumns = partitionColumns! with { Clause = "Partition" };
        var start = Named<string?>(range, "Start", null);
        var end = Named<string?>(range, "End", null);
        var every = Named<string?>(range, "Every", null);
        var isBatch = start is not null || end is not null || every is not null;
        if (isBatch && (start is null || end is null || every is null))
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "batch range partitioning needs Start, End and Every");
        else if (isBatch == (bounds.Count > 0))
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "range partitioning needs either [StarRocksPartition]s or Start/End/Every, not both or neither");
        else if (DuplicateName(bounds) is { } duplicate)
            Report(DiagnosticDescriptors.InvalidPartitioning, location, $"Duplicated partition name: {duplicate}");

        valueLocations = bounds.Select(b => LocationInfo.From(b.ApplicationSyntaxReference)).ToList();
        var ranges = bounds.Select(b => new RangeBoundSpec(b.ConstructorArguments[0].Value as string ?? "", b.ConstructorArguments[1].Value as string ?? ""));
        return new PartitionSpec(null, column.FirstOrDefault() ?? "", ranges.ToEquatableArray(), start, end, every, EquatableArray<string>.Empty, EquatableArray<ListPartitionSpec>.Empty);
    }

    /// <summary><c>PARTITION BY LIST (columns)</c> with one explicit partition per <c>[StarRocksPartitionValues]</c>; the values are checked by the validator.</summary>
    private PartitionSpec? ParseListPartition(
        AttributeData? list, List<AttributeData> lists, List<AttributeData> bounds, LocationInfo? location,
        out LayoutColumns? usedColumns, out IReadOnlyList<LocationInfo?> valueLocations)
    {
        usedColumns = null;
        valueLocations = [];
        if (list is null)
        {
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "[StarRocksPartitionValues] needs [StarRocksListPartition] on the same type");
            return null;
        }

        if (bounds.Count > 0)
        {
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "[StarRocksPartition] is for range partitioning; list partitions are declared with [StarRocksPartitionValues]");
            return null;
        }

        var resolved = ResolveColumns(StringArray(list.ConstructorArguments[0]), "PARTITION BY LIST", list, out var partitionColumns);
        usedColumns = partitionColumns! with { Clause = "Partition" };
        if (lists.Count == 0)
            Report(DiagnosticDescriptors.InvalidPartitioning, location, "list partitioning needs at least one [StarRocksPartitionValues]");
        else if (DuplicateName(lists) is { } duplicate)
            Report(DiagnosticDescriptors.InvalidPartitioning, location, $"Duplicated partition name: {duplicate}");

        valueLocations = lists.Select(a => LocationInfo.From(a.ApplicationSyntaxReference)).ToList();
        var partitions = lists.Select(a => new ListPartitionSpec(
            a.ConstructorArguments[0].Value as string ?? "",
            NullableStringArray(a.ConstructorArguments[1]).Select(v => new ListValueSpec(v)).ToEquatableArray()));
        return new PartitionSpec(null, null, EquatableArray<RangeBoundSpec>.Empty, null, null, null, resolved.ToEquatableArray(), partitions.ToEquatableArray());
    }

    /// <summary>The first partition name (the attributes' first argument) declared twice, case-insensitively, or null.</summary>
    private static string? DuplicateName(List<AttributeData> partitions)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return partitions.Select(p => p.ConstructorArguments[0].Value as string ?? "").FirstOrDefault(name => !names.Add(name));
    }

    private List<string> ParseColumnList(string attributeName, string clause, out LayoutColumns? usedColumns)
    {
        usedColumns = null;
        return layout.FirstOrDefault(a => Is(a, attributeName)) is { } attribute
            ? ResolveColumns(StringArray(attribute.ConstructorArguments[0]), clause, attribute, out usedColumns)
            : [];
    }

    /// <summary>Maps column or member names to column names; reports unknown names on the attribute.</summary>
    private List<string> ResolveColumns(IReadOnlyList<string> names, string clause, AttributeData attribute, out LayoutColumns? usedColumns)
    {
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
        var resolved = new List<string>();
        foreach (var name in names)
        {
            var column = columns.FirstOrDefault(c => string.Equals(c.Spec.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? columns.FirstOrDefault(c => c.Spec.MemberName == name);
            if (column is null)
                Report(DiagnosticDescriptors.UnknownColumn, location, name, clause);
            else if (resolved.Contains(column.Spec.Name) && DuplicateProblem(clause, column.Spec) is { } duplicate)
                Report(duplicate.Descriptor, location, duplicate.Message);
            else
                resolved.Add(column.Spec.Name);
        }

        if (names.Count == 0)
        {
            // HashDistributionDesc's message; for the others StarRocks's grammar needs at least one identifier.
            if (clause == "DISTRIBUTED BY HASH")
                Report(DiagnosticDescriptors.InvalidDistribution, location, "Number of hash column is zero. [StarRocksHashDistribution] needs at least one column, or use [StarRocksRandomDistribution]");
            else if (clause == "ORDER BY")
                Report(DiagnosticDescriptors.InvalidSortKey, location, "[StarRocksOrderBy] needs at least one column: ORDER BY takes one or more columns");
            else
                Report(DiagnosticDescriptors.InvalidPartitioning, location, $"{clause} needs at least one column");
        }
        usedColumns = new LayoutColumns(clause, resolved, location);
        return resolved;
    }

    /// <summary>
    /// A column named twice: HashDistributionDesc.analyze's "Duplicated distribution column x"; a sort key that repeats
    /// a column is refused since StarRocks PR #43206 (it crashed BEs). Partition columns are checked with the partition.
    /// </summary>
    private static (DiagnosticDescriptor Descriptor, string Message)? DuplicateProblem(string clause, ColumnSpec column) => clause switch
    {
        "DISTRIBUTED BY HASH" => (DiagnosticDescriptors.InvalidDistribution, $"Duplicated distribution column {column.Name} (member '{column.MemberName}')"),
        "ORDER BY" => (DiagnosticDescriptors.InvalidSortKey, $"Duplicate sort key column {column.Name} (member '{column.MemberName}'): StarRocks refuses a sort key that repeats a column"),
        _ => null,
    };

    /// <summary>
    /// The expression is emitted verbatim after <c>PARTITION BY</c>, so it must be one expression list: parentheses
    /// balanced, string literals and quoted identifiers closed, no <c>;</c> outside them (StarRocks's grammar would
    /// refuse the statement, or run what follows).
    /// </summary>
    private static string? ExpressionShapeProblem(string expression)
    {
        var depth = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c is '\'' or '"' or '`')
            {
                var close = i + 1;
                while (close < expression.Length && expression[close] != c)
                    close += expression[close] == '\\' && c != '`' ? 2 : 1;
                if (close >= expression.Length)
                    return $"has an unclosed {c}";
                i = close;
            }
            else if (c == '(')
                depth++;
            else if (c == ')' && --depth < 0)
                return "closes a parenthesis it did not open";
            else if (c == ';')
                return "contains ';': it must be one partition expression";
        }

        return depth == 0 ? (expression.Trim().Length == 0 ? "is empty" : null) : "leaves a parenthesis open";
    }

    /// <summary>The table's columns that a partition expression mentions (string literals and function names are skipped).</summary>
    private List<string> ExpressionColumns(string expression)
    {
        var withoutLiterals = SqlStringLiteral.Replace(expression, " ");
        return SqlIdentifier.Matches(withoutLiterals).Cast<Match>()
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value)
            .Select(id => columns.FirstOrDefault(c => string.Equals(c.Spec.Name, id, StringComparison.OrdinalIgnoreCase))?.Spec.Name)
            .OfType<string>()
            .Distinct()
            .ToList();
    }

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
