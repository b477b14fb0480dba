using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// The parser's output: the table (null when it has errors), the diagnostics to report, and which table the type maps
/// to (null when the type is not partial), so that two models of one table can be reported.
/// </summary>
internal sealed record TableParseResult(TableSpec? Table, EquatableArray<DiagnosticInfo> Diagnostics, TableIdentity? Identity);

/// <summary>The <c>database.table</c> a model type creates, and where the type declares it.</summary>
internal sealed record TableIdentity(string Database, string Table, string TypeName, LocationInfo? Location);

/// <summary>Turns a <c>[StarRocksTable]</c> type symbol into an equatable <see cref="TableSpec"/> plus diagnostics.</summary>
internal sealed class TableParser
{
    private const string Namespace = "StarRocks.Typed.";
    private const string KeyAttribute = Namespace + "StarRocksKeyAttribute";
    private const string IgnoreAttribute = Namespace + "StarRocksIgnoreAttribute";
    private const string ColumnAttribute = Namespace + "StarRocksColumnAttribute";
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

    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly INamedTypeSymbol _type;
    private readonly AttributeData _tableAttribute;
    private readonly Compilation _compilation;

    private TableParser(INamedTypeSymbol type, AttributeData tableAttribute, Compilation compilation)
    {
        _type = type;
        _tableAttribute = tableAttribute;
        _compilation = compilation;
    }

    /// <summary>The pipeline transform for <c>ForAttributeWithMetadataName</c>.</summary>
    public static TableParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parser = new TableParser((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], context.SemanticModel.Compilation);
        var table = parser.ParseTable(cancellationToken);
        if (table is not null)
            parser._diagnostics.AddRange(TableValidator.Validate(table));
        return new TableParseResult(parser.HasErrors ? null : table?.Spec, parser._diagnostics.ToEquatableArray(), parser._identity);
    }

    private bool HasErrors => _diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    private TableIdentity? _identity;

    /// <summary>
    /// The static members <see cref="Emitting.TableEmitter"/> adds to every table type, with the parameter count of the
    /// methods (-1 for the property, the constant and the field): a user member of the same name would not compile.
    /// </summary>
    private static readonly Dictionary<string, int> GeneratedMembers = new(StringComparer.Ordinal)
    {
        ["Table"] = -1,
        ["CreateTableSql"] = -1,
        [Emitting.TableEmitter.TableInfoField] = -1,
        ["WriteCsv"] = 2,
        ["WriteJson"] = 2,
        ["Read"] = 2,
        ["GetKey"] = 1,
        ["WriteKeyCsv"] = 2,
        ["WriteKeyJson"] = 2,
    };

    /// <summary>
    /// Reports members of the type, or of a base class up to the nearest <c>[StarRocksTable]</c> base (whose generated
    /// members are hidden on purpose), that the generated members would clash with: same name, and for methods the same
    /// parameter count (an overload of another arity compiles).
    /// </summary>
    private void ReportGeneratedNameCollisions()
    {
        for (var type = _type; type is not null && type.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); type = type.BaseType)
        {
            var isBase = !SymbolEqualityComparer.Default.Equals(type, _type);
            if (isBase && IsTable(type))
                return;
            foreach (var member in type.GetMembers())
            {
                if (!GeneratedMembers.TryGetValue(member.Name, out var parameters)
                    || (isBase && member.DeclaredAccessibility == Accessibility.Private)
                    || (member is IMethodSymbol method && parameters >= 0 && method.Parameters.Length != parameters))
                    continue;
                var location = isBase ? _type.Locations.FirstOrDefault() : member.Locations.FirstOrDefault();
                Report(DiagnosticDescriptors.ReservedMemberName, LocationInfo.From(location), isBase ? type.Name + "." + member.Name : member.Name, member.Name);
            }
        }
    }

    private ParsedTable? ParseTable(CancellationToken cancellationToken)
    {
        var tableAttributeLocation = LocationInfo.From(_tableAttribute.ApplicationSyntaxReference);
        if (!IsPartialNonGeneric(_type, cancellationToken))
        {
            Report(DiagnosticDescriptors.TypeMustBePartial, LocationInfo.From(_type.Locations.FirstOrDefault()), _type.ToDisplayString());
            return null;
        }

        var database = _tableAttribute.ConstructorArguments[0].Value as string ?? "";
        var tableName = _tableAttribute.ConstructorArguments[1].Value as string ?? "";
        _identity = new TableIdentity(database, tableName, _type.ToDisplayString(), LocationInfo.From(_type.Locations.FirstOrDefault()));
        if (NameRules.CheckDatabaseName(database) is { } databaseProblem)
            Report(DiagnosticDescriptors.InvalidName, tableAttributeLocation, databaseProblem);
        if (NameRules.CheckTableName(tableName) is { } tableProblem)
            Report(DiagnosticDescriptors.InvalidName, tableAttributeLocation, tableProblem);
        ReportGeneratedNameCollisions();
        var kind = (TableKind)Named(_tableAttribute, "Kind", (int)TableKind.DuplicateKey);
        var snakeCase = Named(_tableAttribute, "Naming", 0) == 0;
        var unicodeCharMaxBytes = Named(_tableAttribute, "UnicodeCharMaxBytes", 3);
        if (unicodeCharMaxBytes < 1)
        {
            Report(DiagnosticDescriptors.InvalidColumnOption, tableAttributeLocation, _type.Name, "UnicodeCharMaxBytes must be at least 1");
            unicodeCharMaxBytes = 3;
        }

        var declared = ParseMembers(snakeCase, unicodeCharMaxBytes, cancellationToken);
        if (declared.Count == 0 && !HasErrors)
        {
            Report(DiagnosticDescriptors.NoColumns, LocationInfo.From(_type.Locations.FirstOrDefault()), _type.Name);
            return null;
        }

        var keys = OrderKeys(declared);
        var columns = keys.Concat(declared.Where(c => !c.Spec.IsKey)).ToList();

        var layout = _type.GetAttributes();
        var distribution = ParseDistribution(layout, columns, kind, out var distributionColumns);
        var partition = ParsePartition(layout, columns, out var partitionColumns, out var partitionValueLocations);
        var orderBy = ParseColumnList(layout, OrderByAttribute, "ORDER BY", columns, out var orderByColumns);

        var propertyAttributes = layout.Where(a => Is(a, PropertyAttribute)).ToList();
        var properties = propertyAttributes
            .Select(a => new PropertySpec(a.ConstructorArguments[0].Value as string ?? "", a.ConstructorArguments[1].Value as string ?? ""))
            .ToEquatableArray();

        var spec = new TableSpec(
            _type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            GetDeclarations(),
            _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HintName(),
            database,
            tableName,
            kind,
            Named<string?>(_tableAttribute, "Comment", null),
            columns.Select(c => c.Spec).ToEquatableArray(),
            partition,
            distribution,
            orderBy.ToEquatableArray(),
            properties,
            ChooseConstructor(columns),
            HasTableBase());
        return new ParsedTable(spec, columns, tableAttributeLocation, distributionColumns, partitionColumns, orderByColumns, partitionValueLocations,
            propertyAttributes.Select(a => LocationInfo.From(a.ApplicationSyntaxReference)).ToList());
    }

    private List<ParsedColumn> ParseMembers(bool snakeCase, int unicodeCharMaxBytes, CancellationToken cancellationToken)
    {
        var columns = new List<ParsedColumn>();
        foreach (var member in DeclaredAndInheritedMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsColumnCandidate(member, out var memberType, out var isSettable))
                continue;
            var attributes = MemberAttributes(member);
            if (attributes.Any(a => Is(a, IgnoreAttribute)))
                continue;

            var memberLocation = LocationInfo.From(member.Locations.FirstOrDefault());
            var keyAttribute = attributes.FirstOrDefault(a => Is(a, KeyAttribute));
            var columnAttribute = attributes.FirstOrDefault(a => Is(a, ColumnAttribute));
            var columnAttributeLocation = LocationInfo.From(columnAttribute?.ApplicationSyntaxReference);

            var name = Named<string?>(columnAttribute, "Name", null)
                ?? (columnAttribute?.ConstructorArguments.FirstOrDefault().Value as string)
                ?? (snakeCase ? ColumnNaming.ToSnakeCase(member.Name) : member.Name);
            var options = new ColumnTypeOptions(
                member.Name,
                name,
                Named(columnAttribute, "Length", 0),
                Named(columnAttribute, "FixedLength", false),
                Named(columnAttribute, "Precision", 0),
                Named(columnAttribute, "Scale", -1),
                Named(columnAttribute, "EnumFormat", 0) == 1,
                Named(columnAttribute, "Json", false),
                unicodeCharMaxBytes);
            var value = TypeMapper.Map(memberType, options, out var problem);
            if (value is null)
            {
                // The compiler already reports unknown types.
                if (memberType.TypeKind == TypeKind.Error)
                    continue;
                Report(problem!.Descriptor, columnAttributeLocation ?? memberLocation, problem.Arguments);
                continue;
            }

            if (InapplicableOption(value, options) is { } inapplicable)
                Report(DiagnosticDescriptors.InvalidColumnOption, columnAttributeLocation ?? memberLocation, member.Name, inapplicable);

            var typeOverride = Named<string?>(columnAttribute, "Type", null)?.Trim();
            var nullability = Named(columnAttribute, "Nullability", 0);
            var isNullable = nullability switch
            {
                1 => true,
                2 => false,
                _ => value.IsNullableValueType || (value.IsReference && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated),
            };
            var keyOrder = keyAttribute?.ConstructorArguments.FirstOrDefault().Value is int order ? order : -1;

            columns.Add(new ParsedColumn(
                new ColumnSpec(
                    name,
                    member.Name,
                    value,
                    StarRocksType(value, typeOverride),
                    isNullable,
                    keyOrder,
                    (AggregateFunction)Named(columnAttribute, "Aggregate", 0),
                    Named<string?>(columnAttribute, "Default", null),
                    Named<string?>(columnAttribute, "Comment", null),
                    isSettable),
                memberLocation,
                LocationInfo.From(keyAttribute?.ApplicationSyntaxReference),
                columnAttributeLocation));
        }

        return columns;
    }

    /// <summary>
    /// The column type: the mapped type, or the <c>Type</c> override in StarRocks's canonical spelling (aliases resolved),
    /// or verbatim when it does not parse (the validator reports it).
    /// </summary>
    private static string StarRocksType(ValueSpec value, string? typeOverride) =>
        string.IsNullOrEmpty(typeOverride) ? value.StarRocksType : SqlType.Parse(typeOverride!, out _)?.ToString() ?? typeOverride!;

    /// <summary>
    /// A <c>[StarRocksColumn]</c> setting that has no effect on the member's type (checked on the innermost element of
    /// arrays and map values, where the settings apply), or null.
    /// </summary>
    private static string? InapplicableOption(ValueSpec value, ColumnTypeOptions options)
    {
        var scalar = value;
        while (scalar.Element is not null)
            scalar = scalar.Element;
        if (options.Length != 0 && scalar.Kind is not (ValueKind.String or ValueKind.Bytes))
            return "Length applies to string and byte[] members only";
        if (options.FixedLength && (options.Length == 0 || scalar.Kind != ValueKind.String))
            return "FixedLength applies to string members with a Length only";
        if ((options.Precision != 0 || options.Scale >= 0) && scalar.Kind != ValueKind.Decimal)
            return "Precision and Scale apply to decimal members only";
        if (options.EnumAsName && scalar.Kind != ValueKind.EnumName)
            return "EnumFormat applies to enum members only";
        return null;
    }

    /// <summary>Key columns sorted by order; reports duplicate or missing orders on the offending key attribute.</summary>
    private List<ParsedColumn> OrderKeys(List<ParsedColumn> declared)
    {
        var keys = declared.Where(c => c.Spec.IsKey).OrderBy(c => c.Spec.KeyOrder).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Spec.KeyOrder != i)
            {
                Report(DiagnosticDescriptors.InvalidKeyOrder, keys[i].KeyLocation ?? keys[i].MemberLocation,
                    keys[i].Spec.KeyOrder.ToString(), keys[i].Spec.MemberName);
                break;
            }
        }

        return keys;
    }

    /// <summary>
    /// The instance properties and fields of the type and its base classes: base members first (the most basic class
    /// first), each class's in declaration order. A member that a derived class overrides or hides keeps its first
    /// position but is the most derived declaration (so its attributes, e.g. <c>[StarRocksIgnore]</c>, count).
    /// </summary>
    private List<ISymbol> DeclaredAndInheritedMembers()
    {
        var levels = new List<INamedTypeSymbol>();
        for (var type = _type; type is not null && type.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); type = type.BaseType)
            levels.Insert(0, type);

        static bool IsInstanceData(ISymbol member) =>
            !member.IsStatic && !member.IsImplicitlyDeclared && member is IPropertySymbol { IsIndexer: false } or IFieldSymbol;

        var mostDerived = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            foreach (var member in levels[i].GetMembers().Where(IsInstanceData))
            {
                if (!mostDerived.ContainsKey(member.Name))
                    mostDerived.Add(member.Name, member);
            }
        }

        var placed = new HashSet<string>(StringComparer.Ordinal);
        return levels.SelectMany(level => level.GetMembers().Where(IsInstanceData))
            .Where(member => placed.Add(member.Name))
            .Select(member => mostDerived[member.Name])
            .ToList();
    }

    /// <summary>
    /// The member's attributes; an override also gets each attribute class it does not declare itself from the nearest
    /// overridden property that does (so <c>[StarRocksKey]</c> on an abstract base property holds for its override).
    /// </summary>
    private static List<AttributeData> MemberAttributes(ISymbol member)
    {
        var attributes = member.GetAttributes().ToList();
        for (var overridden = (member as IPropertySymbol)?.OverriddenProperty; overridden is not null; overridden = overridden.OverriddenProperty)
        {
            foreach (var attribute in overridden.GetAttributes())
            {
                if (!attributes.Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass)))
                    attributes.Add(attribute);
            }
        }

        return attributes;
    }

    /// <summary>
    /// Whether <paramref name="member"/> is a column candidate (public instance data), its type, and whether the reader can
    /// assign it: a setter (or writable field) the generated code in the table type can reach (a base class's private or
    /// other-assembly internal setter it cannot).
    /// </summary>
    private bool IsColumnCandidate(ISymbol member, out ITypeSymbol type, out bool isSettable)
    {
        type = null!;
        isSettable = false;
        if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared)
            return false;
        switch (member)
        {
            case IPropertySymbol { IsIndexer: false, GetMethod: not null } property:
                type = property.Type;
                isSettable = property.SetMethod is { } setter && _compilation.IsSymbolAccessibleWithin(setter, _type);
                return true;
            case IFieldSymbol { IsConst: false } field:
                type = field.Type;
                isSettable = !field.IsReadOnly;
                return true;
            default:
                return false;
        }
    }

    private DistributionSpec? ParseDistribution(ImmutableArray<AttributeData> layout, List<ParsedColumn> columns, TableKind kind, out LayoutColumns? usedColumns)
    {
        usedColumns = null;
        if (layout.FirstOrDefault(a => Is(a, RandomDistributionAttribute)) is { } random)
        {
            usedColumns = new LayoutColumns("DISTRIBUTED BY RANDOM", [], LocationInfo.From(random.ApplicationSyntaxReference));
            return new DistributionSpec(true, EquatableArray<string>.Empty, Named(random, "Buckets", 0));
        }

        if (layout.FirstOrDefault(a => Is(a, HashDistributionAttribute)) is { } hash)
        {
            var resolved = ResolveColumns(StringArray(hash.ConstructorArguments[0]), columns, "DISTRIBUTED BY HASH", hash, out usedColumns);
            return new DistributionSpec(false, resolved.ToEquatableArray(), Named(hash, "Buckets", 0));
        }

        // AGGREGATE/UNIQUE tables have no default distribution in StarRocks; key tables default to HASH(key columns).
        return kind == TableKind.DuplicateKey
            ? null
            : new DistributionSpec(false, columns.Where(c => c.Spec.IsKey).Select(c => c.Spec.Name).ToEquatableArray(), 0);
    }

    private PartitionSpec? ParsePartition(
        ImmutableArray<AttributeData> layout, List<ParsedColumn> columns, out LayoutColumns? usedColumns, out IReadOnlyList<LocationInfo?> valueLocations)
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
            var referenced = ExpressionColumns(text, columns);
            if (referenced.Count == 0)
                Report(DiagnosticDescriptors.UnknownColumn, location, text, "PARTITION BY");
            usedColumns = new LayoutColumns("Partition", referenced, location);
            return new PartitionSpec(text.Trim(), null, EquatableArray<RangeBoundSpec>.Empty, null, null, null, EquatableArray<string>.Empty, EquatableArray<ListPartitionSpec>.Empty);
        }

        if (list is not null || lists.Count > 0)
            return ParseListPartition(list, lists, bounds, columns, location, out usedColumns, out valueLocations);

        if (range is null)
        {
            if (bounds.Count > 0)
                Report(DiagnosticDescriptors.InvalidPartitioning, location, "[StarRocksPartition] needs [StarRocksRangePartition] on the same type");
            return null;
        }

        var column = ResolveColumns([range.ConstructorArguments[0].Value as string ?? ""], columns, "PARTITION BY RANGE", range, out var partitionColumns);
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
        AttributeData? list, List<AttributeData> lists, List<AttributeData> bounds, List<ParsedColumn> columns, LocationInfo? location,
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

        var resolved = ResolveColumns(StringArray(list.ConstructorArguments[0]), columns, "PARTITION BY LIST", list, out var partitionColumns);
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

    private List<string> ParseColumnList(ImmutableArray<AttributeData> layout, string attributeName, string clause, List<ParsedColumn> columns, out LayoutColumns? usedColumns)
    {
        usedColumns = null;
        return layout.FirstOrDefault(a => Is(a, attributeName)) is { } attribute
            ? ResolveColumns(StringArray(attribute.ConstructorArguments[0]), columns, clause, attribute, out usedColumns)
            : [];
    }

    /// <summary>Maps column or member names to column names; reports unknown names on the attribute.</summary>
    private List<string> ResolveColumns(IReadOnlyList<string> names, List<ParsedColumn> columns, string clause, AttributeData attribute, out LayoutColumns? usedColumns)
    {
        var location = LocationInfo.From(attribute.ApplicationSyntaxReference);
        var resolved = new List<string>();
        foreach (var name in names)
        {
            var column = columns.FirstOrDefault(c => string.Equals(c.Spec.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? columns.FirstOrDefault(c => c.Spec.MemberName == name);
            if (column is null)
                Report(DiagnosticDescriptors.UnknownColumn, location, name, clause);
            else
                resolved.Add(column.Spec.Name);
        }

        if (names.Count == 0)
        {
            if (clause == "DISTRIBUTED BY HASH")
                Report(DiagnosticDescriptors.InvalidDistribution, location, "Number of hash column is zero. [StarRocksHashDistribution] needs at least one column, or use [StarRocksRandomDistribution]");
            else
                Report(DiagnosticDescriptors.UnknownColumn, location, "", clause);
        }
        usedColumns = new LayoutColumns(clause, resolved, location);
        return resolved;
    }

    /// <summary>The table's columns that a partition expression mentions (string literals and function names are skipped).</summary>
    private static List<string> ExpressionColumns(string expression, List<ParsedColumn> columns)
    {
        var withoutLiterals = SqlStringLiteral.Replace(expression, " ");
        return SqlIdentifier.Matches(withoutLiterals).Cast<Match>()
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value)
            .Select(id => columns.FirstOrDefault(c => string.Equals(c.Spec.Name, id, StringComparison.OrdinalIgnoreCase))?.Spec.Name)
            .OfType<string>()
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// The members to pass to the constructor when reading: none for a parameterless constructor (or a struct), else the
    /// parameters of the single constructor whose parameters all match column members by name. Reports when neither exists.
    /// </summary>
    private EquatableArray<string> ChooseConstructor(List<ParsedColumn> columns)
    {
        var constructors = _type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList();
        if (_type.IsAbstract || _type.IsStatic)
            constructors.Clear();
        else if (_type.IsValueType || constructors.Any(c => c.Parameters.Length == 0))
            return EquatableArray<string>.Empty;

        // Records also declare a copy constructor; it never matches columns.
        var candidates = constructors
            .Select(c => c.Parameters.Select(p => columns.FirstOrDefault(col => string.Equals(col.Spec.MemberName, p.Name, StringComparison.OrdinalIgnoreCase))?.Spec.MemberName).ToList())
            .Where(members => members.All(m => m is not null))
            .ToList();
        if (candidates.Count == 1)
            return candidates[0].Select(m => m!).ToEquatableArray();

        Report(DiagnosticDescriptors.NoUsableConstructor, LocationInfo.From(_type.Locations.FirstOrDefault()), _type.Name);
        return EquatableArray<string>.Empty;
    }

    /// <summary>Whether a base class carries <c>[StarRocksTable]</c> (then both get the same generated static members).</summary>
    private bool HasTableBase()
    {
        for (var type = _type.BaseType; type is not null; type = type.BaseType)
        {
            if (IsTable(type))
                return true;
        }

        return false;
    }

    private static bool IsTable(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Namespace + "StarRocksTableAttribute");

    private EquatableArray<TypeDeclarationSpec> GetDeclarations()
    {
        var declarations = new List<TypeDeclarationSpec>();
        for (var type = _type; type is not null; type = type.ContainingType)
            declarations.Insert(0, new TypeDeclarationSpec(Keyword(type), type.Name));
        return declarations.ToEquatableArray();
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.IsValueType) switch
    {
        (true, true) => "record struct",
        (true, false) => "record",
        (false, true) => "struct",
        _ => type.TypeKind == TypeKind.Interface ? "interface" : "class",
    };

    private string HintName() =>
        _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace('<', '_').Replace('>', '_');

    private static bool IsPartialNonGeneric(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
                return false;
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                    || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    return false;
            }
        }

        return true;
    }

    private static bool Is(AttributeData attribute, string fullName) => attribute.AttributeClass?.ToDisplayString() == fullName;

    private static T Named<T>(AttributeData? attribute, string name, T fallback)
    {
        if (attribute is null)
            return fallback;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
                return value;
        }

        return fallback;
    }

    private static IReadOnlyList<string> StringArray(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array
            ? constant.Values.Select(v => v.Value as string ?? "").ToList()
            : [constant.Value as string ?? ""];

    /// <summary>A <c>params string?[]</c> argument; null elements stay null (a lone <c>null</c> argument binds as a null array: one NULL).</summary>
    private static IReadOnlyList<string?> NullableStringArray(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array
            ? constant.IsNull ? [null] : constant.Values.Select(v => v.Value as string).ToList()
            : [constant.Value as string];

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
