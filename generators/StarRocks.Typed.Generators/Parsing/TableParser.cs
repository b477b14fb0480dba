using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Parsing.AttributeArguments;

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
    private const string KeyAttribute = Namespace + "StarRocksKeyAttribute";
    private const string IgnoreAttribute = Namespace + "StarRocksIgnoreAttribute";
    private const string ColumnAttribute = Namespace + "StarRocksColumnAttribute";

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

    /// <summary>The prefix of the private members the generator adds (<c>__starRocksTable</c>, <c>__StarRocksStruct_…</c>, <c>__StarRocksBytes…</c>).</summary>
    private const string GeneratedPrefix = "__StarRocks";

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
                var generated = GeneratedMembers.TryGetValue(member.Name, out var parameters);
                if (!(generated || member.Name.StartsWith(GeneratedPrefix, StringComparison.OrdinalIgnoreCase))
                    || (isBase && member.DeclaredAccessibility == Accessibility.Private)
                    || (generated && member is IMethodSymbol method && parameters >= 0 && method.Parameters.Length != parameters))
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

        var layout = new LayoutParser(_type.GetAttributes(), columns, _diagnostics);
        var distribution = layout.ParseDistribution(kind, out var distributionColumns);
        var partition = layout.ParsePartition(out var partitionColumns, out var partitionValueLocations);
        var orderBy = layout.ParseOrderBy(out var orderByColumns);
        var properties = layout.ParseProperties(out var propertyLocations);

        var spec = new TableSpec
        {
            Namespace = _type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            Declarations = GetDeclarations(),
            TypeName = _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HintName = HintName(),
            IsAssemblyAccessible = IsAssemblyAccessible(_type),
            Database = database,
            Table = tableName,
            Kind = kind,
            Comment = Named<string?>(_tableAttribute, "Comment", null),
            Columns = columns.Select(c => c.Spec).ToEquatableArray(),
            Partition = partition,
            Distribution = distribution,
            OrderBy = orderBy.ToEquatableArray(),
            Properties = properties,
            ConstructorParameters = ChooseConstructor(columns),
            HasTableBase = HasTableBase(),
        };
        return new ParsedTable(spec, columns, tableAttributeLocation, distributionColumns, partitionColumns, orderByColumns, partitionValueLocations, propertyLocations);
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
                unicodeCharMaxBytes,
                Named(columnAttribute, "MaxBytes", 0),
                SnakeCase: snakeCase);
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

            var starRocksType = StarRocksType(value, typeOverride);
            columns.Add(new ParsedColumn(
                new ColumnSpec
                {
                    Name = name,
                    MemberName = member.Name,
                    Value = WithNestedLimits(value, SqlType.Parse(starRocksType, out _)),
                    StarRocksType = starRocksType,
                    IsNullable = isNullable,
                    KeyOrder = keyOrder,
                    Aggregate = (AggregateFunction)Named(columnAttribute, "Aggregate", 0),
                    Default = Named<string?>(columnAttribute, "Default", null),
                    Comment = Named<string?>(columnAttribute, "Comment", null),
                    IsSettable = isSettable,
                    MaxBytes = CheckedBytes(value, starRocksType),
                    Decimal = CheckedDecimal(value, starRocksType),
                },
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

    /// <summary>The byte length the writers check for a string, char or enum-name member's CHAR/VARCHAR/STRING column; 0 for other members.</summary>
    /// <summary>
    /// <paramref name="value"/> with <see cref="ValueSpec.MaxBytes"/> set on the strings, chars and enum names nested in
    /// it, from the column's StarRocks type (a <c>Type</c> override included), walked alongside.
    /// </summary>
    private static ValueSpec WithNestedLimits(ValueSpec value, SqlType? type) => (value.Kind, type?.Name) switch
    {
        (ValueKind.Array, "ARRAY") => value with { Element = Limited(value.Element!, type!.Arguments[0]) },
        (ValueKind.Map, "MAP") => value with { Key = Limited(value.Key!, type!.Arguments[0]), Element = Limited(value.Element!, type.Arguments[1]) },
        (ValueKind.Struct, "STRUCT") when type!.Arguments.Count == value.Fields.Count =>
            value with { Fields = value.Fields.Select((field, i) => field with { Value = Limited(field.Value, type.Arguments[i]) }).ToEquatableArray() },
        _ => value,
    };

    private static ValueSpec Limited(ValueSpec nested, SqlType type) =>
        WithNestedLimits(nested, type) with
        {
            MaxBytes = nested.Kind is ValueKind.String or ValueKind.Char or ValueKind.EnumName && type.IsString
                ? (int)Math.Min(TypeMapper.StringByteLength(type.ToString()), int.MaxValue)
                : 0,
            Digits = nested.Kind == ValueKind.Decimal && type.IsDecimal ? DigitsOf(type) : null,
        };

    private static int CheckedBytes(ValueSpec value, string starRocksType) =>
        value.Kind is ValueKind.String or ValueKind.Char or ValueKind.EnumName && SqlType.Parse(starRocksType, out _) is { IsString: true }
            ? (int)Math.Min(TypeMapper.StringByteLength(starRocksType), int.MaxValue)
            : 0;

    /// <summary>
    /// The precision and scale the writers check for a decimal member's DECIMAL column (unwritten: DECIMAL(10,0), and the
    /// variants' largest precision with scale 0, as the type override checker reads them); null for other members.
    /// </summary>
    private static DecimalDigits? CheckedDecimal(ValueSpec value, string starRocksType)
    {
        return value.Kind == ValueKind.Decimal && SqlType.Parse(starRocksType, out _) is { IsDecimal: true } type ? DigitsOf(type) : null;
    }

    private static DecimalDigits DigitsOf(SqlType type)
    {
        var defaultPrecision = type.Name switch { "DECIMAL" => 10, "DECIMAL32" => 9, "DECIMAL64" => 18, "DECIMALV2" => 27, _ => 38 };
        return new DecimalDigits((int)Math.Min(type.Precision ?? defaultPrecision, int.MaxValue), (int)Math.Min(type.Scale ?? 0, int.MaxValue));
    }

    /// <summary>
    /// A <c>[StarRocksColumn]</c> setting that has no effect on the member's type (checked on the innermost element of
    /// arrays and map values, where the settings apply), or null.
    /// </summary>
    private static string? InapplicableOption(ValueSpec value, ColumnTypeOptions options)
    {
        var scalar = value;
        while (scalar.Element is not null)
            scalar = scalar.Element;
        if (options.Length != 0 && scalar.Kind is not (ValueKind.String or ValueKind.Bytes or ValueKind.BytesMemory))
            return "Length applies to string, byte[] and ReadOnlyMemory<byte> members only";
        if (options.MaxBytes != 0 && scalar.Kind is not (ValueKind.String or ValueKind.Char))
            return "MaxBytes applies to string and char members only (byte[] and ReadOnlyMemory<byte> take their VARBINARY bytes in Length)";
        if (options.FixedLength && ((options.Length == 0 && options.MaxBytes == 0) || scalar.Kind != ValueKind.String))
            return "FixedLength applies to string members with a Length or MaxBytes only";
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
            // A getter the generated code cannot call (a base class's private get) makes the property write-only for it.
            case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property when _compilation.IsSymbolAccessibleWithin(getter, _type):
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

    private static bool IsAssemblyAccessible(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                return false;
        }

        return true;
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
        _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace("@", "").Replace('<', '_').Replace('>', '_');

    private static bool IsPartialNonGeneric(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType || current.IsFileLocal)
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

    private void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
