using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>The <c>[StarRocksColumn]</c> settings that shape a type mapping, and the member and column names to report.</summary>
internal sealed record ColumnTypeOptions(
    string MemberName, string ColumnName, int Length, bool FixedLength, int Precision, int Scale, bool EnumAsName, bool Json, int UnicodeCharMaxBytes,
    int MaxBytes = 0, bool SnakeCase = true, ImmutableArray<ITypeSymbol> EnclosingStructs = default);

/// <summary>A reason a member's type could not be mapped, reported on the member.</summary>
internal sealed record MappingProblem(DiagnosticDescriptor Descriptor, string[] Arguments);

/// <summary>Maps .NET types to StarRocks types (see docs/diagnostics.md and the README's type table).</summary>
internal static class TypeMapper
{
    public const int MaxCharBytes = 255;
    public const int MaxVarcharBytes = 1048576;
    public const int StringBytes = 65533; // STRING = VARCHAR(65533)
    public const int MaxDecimalPrecision = 38;
    public const int DefaultDecimalPrecision = 38;
    public const int DefaultDecimalScale = 9;

    private static readonly Regex SizedStringType = new(@"^\s*(CHAR|VARCHAR|VARBINARY)\s*\(\s*(-?\d+)\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Fully qualified, with nullable reference annotations (generated code must match them to compile warning-free).</summary>
    public static readonly SymbolDisplayFormat TypeNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Maps <paramref name="type"/>; returns null with <paramref name="problem"/> set when it cannot.</summary>
    public static ValueSpec? Map(ITypeSymbol type, ColumnTypeOptions options, out MappingProblem? problem)
    {
        problem = null;
        var memberName = options.MemberName;
        var isNullableValueType = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullableValueType = true;
            type = nullable.TypeArguments[0];
        }

        var typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat);
        var declaredTypeName = isNullableValueType ? typeName + "?" : type.ToDisplayString(TypeNameFormat);
        var isReference = type.IsReferenceType;

        ValueSpec Scalar(ValueKind kind, string starRocksType) => new(kind, typeName, declaredTypeName, isNullableValueType, isReference, starRocksType);
        ValueSpec Collection(ValueKind kind, string starRocksType, CollectionShape shape, ValueSpec element, ValueSpec? key = null) =>
            new(kind, typeName, declaredTypeName, isNullableValueType, isReference, starRocksType, Shape: shape, Element: element, Key: key);

        if (options.Json && type.SpecialType != SpecialType.System_String)
            return Fail(out problem, DiagnosticDescriptors.InvalidColumnOption, memberName, "Json = true applies to string members only");

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Scalar(ValueKind.Boolean, "BOOLEAN");
            case SpecialType.System_SByte: return Scalar(ValueKind.SByte, "TINYINT");
            case SpecialType.System_Byte: return Scalar(ValueKind.Byte, "SMALLINT");
            case SpecialType.System_Int16: return Scalar(ValueKind.Int16, "SMALLINT");
            case SpecialType.System_UInt16: return Scalar(ValueKind.UInt16, "INT");
            case SpecialType.System_Int32: return Scalar(ValueKind.Int32, "INT");
            case SpecialType.System_UInt32: return Scalar(ValueKind.UInt32, "BIGINT");
            case SpecialType.System_Int64: return Scalar(ValueKind.Int64, "BIGINT");
            case SpecialType.System_UInt64: return Scalar(ValueKind.UInt64, "LARGEINT");
            case SpecialType.System_Single: return Scalar(ValueKind.Single, "FLOAT");
            case SpecialType.System_Double: return Scalar(ValueKind.Double, "DOUBLE");
            case SpecialType.System_Char:
                // One character: CHAR(1 × unicode-char.max-bytes), as [StarRocksColumn(Length = 1, FixedLength = true)] on a string.
                // MaxBytes gives the bytes directly: CHAR(MaxBytes).
                return MapString(options with { Length = options.MaxBytes == 0 ? 1 : 0, FixedLength = true }, out problem) is { } charType ? Scalar(ValueKind.Char, charType) : null;
            case SpecialType.System_DateTime: return Scalar(ValueKind.DateTime, "DATETIME");
            case SpecialType.System_Decimal:
                return MapDecimal(options, out problem) is { } decimalType ? Scalar(ValueKind.Decimal, decimalType) : null;
            case SpecialType.System_String:
                if (options.Json)
                    return Scalar(ValueKind.JsonText, "JSON");
                return MapString(options, out problem) is { } stringType ? Scalar(ValueKind.String, stringType) : null;
        }

        ValueSpec? Binary(ValueKind kind, out MappingProblem? problem)
        {
            // A bare VARBINARY is not reliably the maximum across versions: always spell the length (bytes).
            var bytes = options.Length != 0 ? options.Length : MaxVarcharBytes;
            return CheckStringLength(options.MemberName, options.ColumnName, "VARBINARY", bytes, out problem) ? Scalar(kind, $"VARBINARY({bytes})") : null;
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
                return Binary(ValueKind.Bytes, out problem);
            return MapArray(array, array.ElementType, CollectionShape.Array, Collection, options, out problem);
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlyingType } enumType)
        {
            if (!options.EnumAsName)
            {
                var underlying = Map(underlyingType, options, out problem);
                return underlying is null ? null : Scalar(ValueKind.EnumNumber, underlying.StarRocksType);
            }

            return Scalar(ValueKind.EnumName, $"VARCHAR({EnumNameBytes(enumType)})");
        }

        if (type is INamedTypeSymbol named)
        {
            switch (FullMetadataName(named))
            {
                case "System.Int128": return Scalar(ValueKind.Int128, "LARGEINT");
                case "System.UInt128": return Scalar(ValueKind.UInt128, "LARGEINT"); // range-checked when written
                case "System.Numerics.BigInteger": return Scalar(ValueKind.BigInteger, "LARGEINT"); // range-checked when written
                case "System.Half": return Scalar(ValueKind.Half, "FLOAT");
                case "System.DateOnly": return Scalar(ValueKind.DateOnly, "DATE");
                case "System.DateTimeOffset": return Scalar(ValueKind.DateTimeOffset, "DATETIME");
                case "System.Guid": return Scalar(ValueKind.Guid, "VARCHAR(36)");
                case "System.ReadOnlyMemory`1" when named.TypeArguments[0].SpecialType == SpecialType.System_Byte:
                    return Binary(ValueKind.BytesMemory, out problem);
                // StarRocks has no TIME type; its CDC pipeline connector stores TIME as VARCHAR text (docs/serialization.md).
                case "System.TimeOnly": return Scalar(ValueKind.TimeOnly, "VARCHAR(16)");
                case "System.TimeSpan": return Scalar(ValueKind.TimeSpan, "VARCHAR(26)");
                case "System.Text.Json.JsonElement": return Scalar(ValueKind.JsonElement, "JSON");
                case "System.Text.Json.JsonDocument": return Scalar(ValueKind.JsonDocument, "JSON");
                case "System.Text.Json.Nodes.JsonNode":
                case "System.Text.Json.Nodes.JsonObject":
                case "System.Text.Json.Nodes.JsonArray":
                    return Scalar(ValueKind.JsonNode, "JSON");
                case "System.Collections.Immutable.ImmutableArray`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.ImmutableArray, Collection, options, out problem);
                case "System.Collections.Generic.List`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.List, Collection, options, out problem);
                case "System.Collections.Generic.IReadOnlyList`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.ReadOnlyList, Collection, options, out problem);
                case "System.Collections.Generic.IList`1":
                case "System.Collections.Generic.ICollection`1":
                case "System.Collections.Generic.IReadOnlyCollection`1":
                case "System.Collections.Generic.IEnumerable`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.Enumerable, Collection, options, out problem);
                case "System.Collections.Generic.HashSet`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.HashSet, Collection, options, out problem);
                case "System.Collections.Generic.ISet`1":
                case "System.Collections.Generic.IReadOnlySet`1":
                    return MapArray(named, named.TypeArguments[0], CollectionShape.Set, Collection, options, out problem);
                case "System.Collections.Generic.Dictionary`2":
                    return MapMap(named, CollectionShape.Dictionary, Collection, options, out problem);
                case "System.Collections.Generic.IDictionary`2":
                    return MapMap(named, CollectionShape.DictionaryInterface, Collection, options, out problem);
                case "System.Collections.Immutable.ImmutableDictionary`2":
                    return MapMap(named, CollectionShape.ImmutableDictionary, Collection, options, out problem);
                case "System.Collections.Generic.IReadOnlyDictionary`2":
                    return MapMap(named, CollectionShape.ReadOnlyDictionary, Collection, options, out problem);
            }
        }

        // a generic type of the user's is mapped as constructed (Box<int>: its properties with int substituted)
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false, IsUnboundGenericType: false } userType
            && !IsFrameworkType(userType) && !userType.TypeArguments.Any(a => a is ITypeParameterSymbol))
            return MapStruct(userType, typeName, declaredTypeName, isNullableValueType, options, out problem);

        return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, memberName, type.ToDisplayString(), UnmappedReason);
    }

    private const int MaxGenericNesting = 8;

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
            root = root.ContainingNamespace;
        return root is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }

    /// <summary>
    /// A record, class or struct of the user's → <c>STRUCT&lt;name type, …&gt;</c> of its public readable instance
    /// properties, named by the table's naming policy and mapped like columns (StarRocks docs, STRUCT). A type that
    /// contains itself is refused (SRT038): a STRUCT type is finite.
    /// </summary>
    private static ValueSpec? MapStruct(
        INamedTypeSymbol type, string typeName, string declaredTypeName, bool isNullableValueType, ColumnTypeOptions options, out MappingProblem? problem)
    {
        type = (INamedTypeSymbol)type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var display = type.ToDisplayString();
        var enclosing = options.EnclosingStructs.IsDefault ? ImmutableArray<ITypeSymbol>.Empty : options.EnclosingStructs;
        // A generic type that holds a bigger constructed form of itself (Wrap<T> holding Wrap<List<T>>) never repeats
        // exactly but never ends either: its definition nested MaxGenericNesting times counts as containing itself.
        if (enclosing.Contains(type, SymbolEqualityComparer.Default)
            || (type.IsGenericType && enclosing.Count(t => SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition)) >= MaxGenericNesting))
        {
            var chain = string.Join(" → ", enclosing.SkipWhile(t => !SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition)).Append(type).Select(t => t.Name));
            return Fail(out problem, DiagnosticDescriptors.RecursiveStruct, options.MemberName, options.ColumnName, display, chain);
        }

        var properties = StructProperties(type);
        if (properties.Count == 0)
        {
            return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, options.MemberName, display,
                "a record, class or struct maps to STRUCT through its public readable properties, and this type has none");
        }

        // A field takes no [StarRocksColumn] settings: strings are STRING, decimals DECIMAL(38,9), enums numbers.
        var fieldOptions = new ColumnTypeOptions(options.MemberName, options.ColumnName, 0, false, 0, -1, false, false, options.UnicodeCharMaxBytes,
            SnakeCase: options.SnakeCase, EnclosingStructs: enclosing.Add(type));
        var fields = new List<StructField>();
        foreach (var property in properties)
        {
            var value = MapElement(property.Type, fieldOptions, out problem, type, $"property '{property.Name}'");
            if (value is null)
                return null;
            var name = options.SnakeCase ? ColumnNaming.ToSnakeCase(property.Name) : property.Name;
            fields.Add(new StructField(name, property.Name, value, property.SetMethod is { DeclaredAccessibility: Accessibility.Public }));
        }

        if (StructConstructor(type, properties) is not { } constructor)
        {
            return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, options.MemberName, display,
                "a STRUCT is read back through a public parameterless constructor or one whose parameters are all properties (a positional record), and this type has neither");
        }

        problem = null;
        var starRocksType = "STRUCT<" + string.Join(", ", fields.Select(f => $"{f.Name} {f.Value.StarRocksType}")) + ">";
        return new ValueSpec(ValueKind.Struct, typeName, declaredTypeName, isNullableValueType, type.IsReferenceType, starRocksType,
            Fields: fields.ToEquatableArray(), ConstructorParameters: constructor.ToEquatableArray());
    }

    /// <summary>Public readable instance properties (not indexers, not <c>[StarRocksIgnore]</c>), the type's own after its bases', each name once.</summary>
    private static List<IPropertySymbol> StructProperties(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
            chain.Insert(0, t);
        var properties = new List<IPropertySymbol>();
        foreach (var t in chain)
        {
            foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
                    || property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "StarRocks.Typed.StarRocksIgnoreAttribute"))
                    continue;
                properties.RemoveAll(p => p.Name == property.Name);
                properties.Add(property);
            }
        }

        return properties;
    }

    /// <summary>
    /// The properties a reader passes to a constructor: the public constructor with the most parameters that all name
    /// a property (case-insensitively) of the same type, e.g. a positional record's; empty for a parameterless one (or a
    /// struct); null when the type has neither.
    /// </summary>
    private static List<string>? StructConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties)
    {
        var best = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c, type))
            .Select(c => c.Parameters.Select(p => properties.FirstOrDefault(q =>
                string.Equals(q.Name, p.Name, System.StringComparison.OrdinalIgnoreCase) && SymbolEqualityComparer.Default.Equals(q.Type, p.Type))).ToList())
            .Where(matched => matched.All(p => p is not null))
            .OrderByDescending(matched => matched.Count)
            .FirstOrDefault();
        return best?.Select(p => p!.Name).ToList() ?? (type.IsValueType ? [] : null);
    }

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    /// <summary>
    /// The VARCHAR length an enum stored by name needs: its longest name in UTF-8 (aliases included: the runtime may
    /// write any of them). A <c>[Flags]</c> enum's value is written as .NET's <c>Enum.ToString()</c> writes it, the
    /// names of its flags joined by <c>", "</c> (<c>"Read, Write"</c>); every combination fits the sum of the longest
    /// name of each distinct non-zero value plus the separators. Values without a name are written as their number,
    /// which the writers refuse when it does not fit.
    /// </summary>
    private static int EnumNameBytes(INamedTypeSymbol enumType)
    {
        var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
        var longest = members.Select(f => Encoding.UTF8.GetByteCount(f.Name)).DefaultIfEmpty(1).Max();
        if (!enumType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute"))
            return longest;
        var flags = members
            .GroupBy(f => f.ConstantValue)
            .Where(g => System.Convert.ToDecimal(g.Key, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(g => g.Max(f => Encoding.UTF8.GetByteCount(f.Name)))
            .ToList();
        var combined = flags.Sum() + 2 * System.Math.Max(0, flags.Count - 1);
        return System.Math.Max(longest, System.Math.Min(combined, MaxVarcharBytes));
    }

    /// <summary>What SRT011 says when a type is not one the mapper knows.</summary>
    private const string UnmappedReason =
        "a column holds bool, an integer (Int128, UInt128 and BigInteger included), Half, float, double, decimal, string, char, DateOnly, DateTime, DateTimeOffset, TimeOnly, TimeSpan, Guid, byte[], ReadOnlyMemory<byte>, an enum, JsonElement, JsonDocument, JsonNode, JsonObject, JsonArray, "
        + "or an array, List, IReadOnlyList, IEnumerable, ImmutableArray, HashSet, ISet, IReadOnlySet (ARRAY) "
        + "or Dictionary, IDictionary, IReadOnlyDictionary, ImmutableDictionary (MAP) of those, "
        + "or a record, class or struct of your own with public readable properties (STRUCT)";

    /// <summary>The StarRocks type name without arguments, upper case: <c>VARCHAR(10)</c> → <c>VARCHAR</c>, <c>ARRAY&lt;INT&gt;</c> → <c>ARRAY</c>.</summary>
    public static string BaseTypeName(string starRocksType)
    {
        var end = starRocksType.IndexOfAny(['(', '<', ' ']);
        return (end < 0 ? starRocksType : starRocksType.Substring(0, end)).Trim().ToUpperInvariant();
    }

    private static string? MapDecimal(ColumnTypeOptions options, out MappingProblem? problem)
    {
        problem = null;
        var precision = options.Precision != 0 ? options.Precision : DefaultDecimalPrecision;
        var scale = options.Scale >= 0 ? options.Scale : options.Precision != 0 ? 0 : DefaultDecimalScale;
        return CheckDecimal(options.MemberName, options.ColumnName, precision, scale, out problem) ? $"DECIMAL({precision},{scale})" : null;
    }

    /// <summary>
    /// StarRocks's DECIMAL limits (ScalarType, in TypeDef analysis): precision 1–38, scale 0–precision. DECIMAL(p,s) is
    /// DECIMAL64 up to precision 18 and DECIMAL128 above, as StarRocks names it in its messages.
    /// </summary>
    public static bool CheckDecimal(string memberName, string columnName, int precision, int scale, out MappingProblem? problem)
    {
        problem = null;
        var name = precision <= 18 ? "DECIMAL64" : "DECIMAL128";
        if (precision is < 1 or > MaxDecimalPrecision)
            Fail(out problem, DiagnosticDescriptors.DecimalOutOfRange, memberName, columnName, $"Precision of DECIMAL128 must between 1 and {MaxDecimalPrecision}, precision was set to: {precision}.");
        else if (scale < 0 || scale > precision)
            Fail(out problem, DiagnosticDescriptors.DecimalOutOfRange, memberName, columnName, $"Scale of {name} must between 0 and {precision},  scale was set to: {scale}.");
        return problem is null;
    }

    /// <summary>
    /// CHAR/VARCHAR(n) or STRING: n is <c>MaxBytes</c> as written, or <c>Length</c> characters × unicode-char.max-bytes;
    /// neither: STRING.
    /// </summary>
    private static string? MapString(ColumnTypeOptions options, out MappingProblem? problem)
    {
        problem = null;
        if (options.Length != 0 && options.MaxBytes != 0)
        {
            problem = new MappingProblem(DiagnosticDescriptors.InvalidColumnOption,
                [options.MemberName, "set Length (characters, multiplied by unicode-char.max-bytes) or MaxBytes (bytes, as written), not both"]);
            return null;
        }
        if (options.Length == 0 && options.MaxBytes == 0)
            return "STRING";
        var bytes = options.MaxBytes != 0 ? options.MaxBytes : (long)options.Length * options.UnicodeCharMaxBytes;
        var useChar = options.FixedLength && bytes <= MaxCharBytes;
        return CheckStringLength(options.MemberName, options.ColumnName, useChar ? "CHAR" : "VARCHAR", bytes, out problem)
            ? $"{(useChar ? "CHAR" : "VARCHAR")}({bytes})"
            : null;
    }

    /// <summary>
    /// The length a CHAR/VARCHAR/VARBINARY(n) type declares: its base type and n (<see cref="long.MaxValue"/> when n does
    /// not fit a long); null for a type without one.
    /// </summary>
    public static (string BaseType, long Bytes)? DeclaredStringLength(string starRocksType)
    {
        var sized = SizedStringType.Match(starRocksType);
        if (!sized.Success)
            return null;
        return (sized.Groups[1].Value.ToUpperInvariant(), long.TryParse(sized.Groups[2].Value, out var bytes) ? bytes : long.MaxValue);
    }

    /// <summary>The bytes a string column holds: its declared length; STRING 65533; CHAR/VARCHAR without a length 1, as StarRocks sets it.</summary>
    public static long StringByteLength(string starRocksType) =>
        DeclaredStringLength(starRocksType)?.Bytes ?? (BaseTypeName(starRocksType) == "STRING" ? StringBytes : 1);

    /// <summary>StarRocks's string limits: CHAR 1–255 bytes, VARCHAR/VARBINARY 1–1048576 bytes.</summary>
    public static bool CheckStringLength(string memberName, string columnName, string baseType, long bytes, out MappingProblem? problem)
    {
        problem = null;
        if (bytes < 1)
        {
            Fail(out problem, DiagnosticDescriptors.StringLengthOutOfRange, memberName, columnName, $"{baseType} size must be at least 1 byte: {bytes}");
            return false;
        }

        if (baseType == "CHAR" && bytes > MaxCharBytes)
        {
            Fail(out problem, DiagnosticDescriptors.StringLengthOutOfRange, memberName, columnName, $"Char size must be <= {MaxCharBytes}: {bytes}");
            return false;
        }

        if (baseType != "CHAR" && bytes > MaxVarcharBytes)
        {
            Fail(out problem, DiagnosticDescriptors.StringLengthOutOfRange, memberName, columnName, $"Varchar size must be <= {MaxVarcharBytes}: {bytes}");
            return false;
        }

        return true;
    }

    private delegate ValueSpec CollectionFactory(ValueKind kind, string starRocksType, CollectionShape shape, ValueSpec element, ValueSpec? key = null);

    private static ValueSpec? MapArray(
        ITypeSymbol collection, ITypeSymbol elementType, CollectionShape shape, CollectionFactory create, ColumnTypeOptions options, out MappingProblem? problem)
    {
        var element = MapElement(elementType, options, out problem, collection);
        return element is null ? null : create(ValueKind.Array, $"ARRAY<{element.StarRocksType}>", shape, element);
    }

    private static ValueSpec? MapMap(
        INamedTypeSymbol dictionary, CollectionShape shape, CollectionFactory create, ColumnTypeOptions options, out MappingProblem? problem)
    {
        var key = MapElement(dictionary.TypeArguments[0], options, out problem, dictionary, "key");
        if (key is null)
            return null;
        // StarRocks (TypeDef analysis): "Invalid map.key's type" for complex and JSON keys.
        if (key.Kind is ValueKind.Array or ValueKind.Map or ValueKind.Struct or ValueKind.JsonElement or ValueKind.JsonText or ValueKind.JsonDocument or ValueKind.JsonNode)
        {
            return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, options.MemberName, dictionary.ToDisplayString(),
                $"Invalid map.key's type: {key.StarRocksType}. A MAP key must be a scalar type (a number, string, date, bool, Guid or enum)");
        }

        var value = MapElement(dictionary.TypeArguments[1], options, out problem, dictionary, "value");
        return value is null ? null : create(ValueKind.Map, $"MAP<{key.StarRocksType},{value.StarRocksType}>", shape, value, key);
    }

    /// <summary>
    /// Maps an array element or map key/value. Binary values are refused: this library's CSV and JSON writers and readers
    /// have no text form for VARBINARY inside an ARRAY or MAP. A problem names the whole member type.
    /// </summary>
    private static ValueSpec? MapElement(
        ITypeSymbol type, ColumnTypeOptions options, out MappingProblem? problem, ITypeSymbol collection, string part = "element")
    {
        var element = Map(type, options, out problem);
        if (element?.Kind is ValueKind.Bytes or ValueKind.BytesMemory)
        {
            return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, options.MemberName, collection!.ToDisplayString(),
                $"the {part} type byte[] would be VARBINARY inside an ARRAY, MAP or STRUCT, which this library cannot write or read in CSV or JSON loads; "
                + "an ARRAY element, MAP value or STRUCT field can be any other mapped type (numbers, strings, dates, bool, Guid, enums, JsonElement, nested arrays, maps and structs)");
        }

        if (element?.Kind is ValueKind.JsonDocument or ValueKind.JsonNode)
        {
            return Fail(out problem, DiagnosticDescriptors.UnsupportedMemberType, options.MemberName, collection!.ToDisplayString(),
                $"the {part} type {type.ToDisplayString()} is JSON, which this library writes inside an ARRAY, MAP or STRUCT only as a JsonElement; use JsonElement");
        }

        if (element is null && problem is { Descriptor.Id: "SRT011" } && problem.Arguments[1] == type.ToDisplayString())
        {
            problem = new MappingProblem(problem.Descriptor, [options.MemberName, collection!.ToDisplayString(), $"its {part} type '{type.ToDisplayString()}' has none ({problem.Arguments[2]})"]);
        }

        return element;
    }

    private static string FullMetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : "";
        return type.ContainingType is null ? ns + type.MetadataName : type.ToDisplayString();
    }

    private static ValueSpec? Fail(out MappingProblem? problem, DiagnosticDescriptor descriptor, params string[] arguments)
    {
        problem = new MappingProblem(descriptor, arguments);
        return null;
    }
}
