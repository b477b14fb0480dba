using System.Collections.Generic;
using System.Linq;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Names of the runtime's per-type pieces the generated code calls (docs/serialization.md, "API the generated code calls"):
/// row-writer method suffixes, and composed <c>ValueWriters</c>/<c>ValueReaders</c> types with the value type each handles.
/// </summary>
internal static class ValueTypeNames
{
    private const string ValueWriters = "global::StarRocks.Typed.Generated.ValueWriters";
    private const string ValueReaders = "global::StarRocks.Typed.Generated.ValueReaders";

    /// <summary>The scalar part of a row-writer method (<c>Write{Suffix}</c>) and most reader methods (<c>Get{Suffix}</c>).</summary>
    public static string ScalarSuffix(ValueKind kind) => kind switch
    {
        ValueKind.DateOnly => "Date",
        ValueKind.Bytes => "Binary",
        ValueKind.JsonElement => "Json",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The composed <c>IValueWriter&lt;T&gt;</c> for <paramref name="value"/> and its <c>T</c>, e.g.
    /// <c>ValueWriters.List&lt;int?, ValueWriters.Nullable&lt;int, ValueWriters.Int32&gt;&gt;</c> and <c>List&lt;int?&gt;?</c>.
    /// </summary>
    public static (string ValueType, string Writer) Writer(ValueSpec value) => Compose(ValueWriters, value, reading: false);

    /// <summary>The composed <c>IValueReader&lt;T&gt;</c> for <paramref name="value"/> and its <c>T</c> (list interfaces read as arrays, dictionary interfaces as dictionaries).</summary>
    public static (string ValueType, string Reader) Reader(ValueSpec value) => Compose(ValueReaders, value, reading: true);

    /// <summary>
    /// Whether a map in <paramref name="value"/> has a reference-type key: the runtime's key writer/reader is
    /// <c>IValueWriter&lt;string?&gt;</c> but dictionary keys are <c>notnull</c>, so the generated statement needs
    /// <c>#pragma warning disable CS8631</c>.
    /// </summary>
    public static bool HasReferenceMapKey(ValueSpec? value) =>
        value is not null && ((value.Kind == ValueKind.Map && value.Key!.IsReference) || HasReferenceMapKey(value.Element)
            || value.Fields.Any(f => HasReferenceMapKey(f.Value)));

    /// <summary>The <c>IByteLength</c> the table's generated code declares for <paramref name="bytes"/>, e.g. <c>__StarRocksBytes60</c>.</summary>
    public static string LengthType(int bytes) => "__StarRocksBytes" + bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>IDecimalDigits</c> the table's generated code declares for <paramref name="digits"/>, e.g. <c>__StarRocksDecimal10_2</c>.</summary>
    public static string DigitsType(DecimalDigits digits) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "__StarRocksDecimal{0}_{1}", digits.Precision, digits.Scale);

    /// <summary>The values nested in <paramref name="value"/> (ARRAY elements, MAP keys and values, STRUCT fields), at every depth.</summary>
    public static IEnumerable<ValueSpec> Nested(ValueSpec? value) =>
        value is null
            ? []
            : new[] { value.Key, value.Element }.Concat(value.Fields.Select(f => f.Value))
                .SelectMany(nested => nested is null ? [] : Nested(nested).Append(nested));

    /// <summary>
    /// The value writer and reader the table's generated code declares for a STRUCT type (a nested type of the table,
    /// see <see cref="StructEmitter"/>), e.g. <c>__StarRocksStruct_Shop_Address</c>.
    /// </summary>
    public static string StructType(ValueSpec value)
    {
        var name = new System.Text.StringBuilder("__StarRocksStruct_");
        foreach (var c in value.TypeName.Replace("global::", ""))
            name.Append(char.IsLetterOrDigit(c) ? c : '_');
        return name.ToString();
    }

    /// <summary>
    /// Type arguments are spelled the way the runtime's writers and readers declare them: reference types annotated
    /// nullable (<c>IValueWriter&lt;string?&gt;</c>), so the constraints hold without nullability warnings.
    /// </summary>
    private static (string ValueType, string Composed) Compose(string container, ValueSpec value, bool reading)
    {
        if (value.IsNullableValueType)
        {
            var inner = Compose(container, value with { IsNullableValueType = false }, reading);
            return (inner.ValueType + "?", $"{container}.Nullable<{inner.ValueType}, {inner.Composed}>");
        }

        switch (value.Kind)
        {
            case ValueKind.Struct:
                return (value.IsReference ? value.TypeName + "?" : value.TypeName, StructType(value));
            case ValueKind.String or ValueKind.Char when !reading && value.MaxBytes > 0:
                return (value.IsReference ? value.TypeName + "?" : value.TypeName, $"{container}.{value.Kind}<{LengthType(value.MaxBytes)}>");
            case ValueKind.Decimal when !reading && value.Digits is { } digits:
                return (value.TypeName, $"{container}.Decimal<{DigitsType(digits)}>");
            case ValueKind.EnumName when !reading && value.MaxBytes > 0:
                return (value.TypeName, $"{container}.EnumName<{value.TypeName}, {LengthType(value.MaxBytes)}>");
            case ValueKind.EnumNumber or ValueKind.EnumName:
                return (value.TypeName, $"{container}.{value.Kind}<{value.TypeName}>");
            case ValueKind.Array:
            {
                var (elementType, element) = Compose(container, value.Element!, reading);
                var (shape, typeName) = (value.Shape, reading) switch
                {
                    (CollectionShape.List, _) => ("List", $"global::System.Collections.Generic.List<{elementType}>?"),
                    (CollectionShape.ImmutableArray, _) => ("ImmutableArray", $"global::System.Collections.Immutable.ImmutableArray<{elementType}>"),
                    (CollectionShape.ReadOnlyList, false) => ("ReadOnlyList", $"global::System.Collections.Generic.IReadOnlyList<{elementType}>?"),
                    (CollectionShape.Enumerable or CollectionShape.Set, false) => ("Enumerable", $"global::System.Collections.Generic.IEnumerable<{elementType}>?"),
                    (CollectionShape.HashSet or CollectionShape.Set, _) => ("HashSet", $"global::System.Collections.Generic.HashSet<{elementType}>?"),
                    _ => ("Array", elementType + "[]?"),
                };
                return (typeName, $"{container}.{shape}<{elementType}, {element}>");
            }

            case ValueKind.Map:
            {
                var (keyType, key) = Compose(container, value.Key!, reading);
                keyType = keyType.TrimEnd('?'); // dictionary keys are notnull
                var (elementType, element) = Compose(container, value.Element!, reading);
                var pair = $"{keyType}, {elementType}";
                var (shape, typeName) = (value.Shape, reading) switch
                {
                    (CollectionShape.ReadOnlyDictionary, false) => ("ReadOnlyDictionary", $"global::System.Collections.Generic.IReadOnlyDictionary<{pair}>?"),
                    (CollectionShape.DictionaryInterface, false) => ("KeyValuePairs", $"global::System.Collections.Generic.IEnumerable<global::System.Collections.Generic.KeyValuePair<{pair}>>?"),
                    (CollectionShape.ImmutableDictionary, false) => ("ReadOnlyDictionary", $"global::System.Collections.Generic.IReadOnlyDictionary<{pair}>?"),
                    (CollectionShape.ImmutableDictionary, true) => ("ImmutableDictionary", $"global::System.Collections.Immutable.ImmutableDictionary<{pair}>?"),
                    _ => ("Dictionary", $"global::System.Collections.Generic.Dictionary<{pair}>?"),
                };
                return (typeName, $"{container}.{shape}<{pair}, {key}, {element}>");
            }

            default:
                var name = value.Kind switch
                {
                    ValueKind.Bytes => "Binary",
                    ValueKind.JsonElement => "Json",
                    _ => value.Kind.ToString(),
                };
                return (value.IsReference ? value.TypeName + "?" : value.TypeName, container + "." + name);
        }
    }
}
