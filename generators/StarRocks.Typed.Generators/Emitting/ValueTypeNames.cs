using System;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Names of the runtime's per-type pieces the generated code calls (docs/serialization.md, "API the generated code calls"):
/// the row-writer method suffix, and the composed <c>ValueWriters</c>/<c>ValueReaders</c> types for collection values.
/// </summary>
internal static class ValueTypeNames
{
    private const string ValueWriters = "global::StarRocks.Typed.Serialization.ValueWriters";
    private const string ValueReaders = "global::StarRocks.Typed.Reading.ValueReaders";

    /// <summary>The scalar part of a row-writer method name (<c>Write{Suffix}</c>) or reader method (<c>Get{Suffix}</c> mostly).</summary>
    public static string ScalarSuffix(ValueKind kind) => kind switch
    {
        ValueKind.DateOnly => "Date",
        ValueKind.Bytes => "Binary",
        ValueKind.JsonElement => "Json",
        _ => kind.ToString(),
    };

    /// <summary>The <c>IValueWriter</c> type for <paramref name="value"/>, e.g. <c>ValueWriters.List&lt;int?, ValueWriters.Nullable&lt;int, ValueWriters.Int32&gt;&gt;</c>.</summary>
    public static string Writer(ValueSpec value) => Compose(ValueWriters, value, reading: false);

    /// <summary>The <c>IValueReader</c> type for <paramref name="value"/>.</summary>
    public static string Reader(ValueSpec value) => Compose(ValueReaders, value, reading: true);

    /// <summary>The type a composed reader produces (arrays for list interfaces, dictionaries for dictionary interfaces).</summary>
    public static string ReaderResultType(ValueSpec value) => value.Shape switch
    {
        CollectionShape.Array or CollectionShape.ReadOnlyList or CollectionShape.Enumerable => value.Element!.DeclaredTypeName + "[]?",
        CollectionShape.List => $"global::System.Collections.Generic.List<{value.Element!.DeclaredTypeName}>?",
        CollectionShape.ImmutableArray => $"global::System.Collections.Immutable.ImmutableArray<{value.Element!.DeclaredTypeName}>",
        CollectionShape.Dictionary or CollectionShape.ReadOnlyDictionary =>
            $"global::System.Collections.Generic.Dictionary<{value.Key!.DeclaredTypeName}, {value.Element!.DeclaredTypeName}>?",
        _ => throw new InvalidOperationException("Not a collection: " + value.Kind),
    };

    private static string Compose(string container, ValueSpec value, bool reading)
    {
        if (value.IsNullableValueType)
            return $"{container}.Nullable<{value.TypeName}, {Compose(container, value with { IsNullableValueType = false }, reading)}>";
        return value.Kind switch
        {
            ValueKind.EnumNumber or ValueKind.EnumName => $"{container}.{value.Kind}<{value.TypeName}>",
            ValueKind.JsonElement => container + ".Json",
            ValueKind.Array or ValueKind.Map => container + "." + Collection(value, reading),
            _ => container + "." + ScalarSuffix(value.Kind),
        };

        string Collection(ValueSpec collection, bool read)
        {
            var element = Compose(container, collection.Element!, read);
            var elementType = collection.Element!.DeclaredTypeName;
            return collection.Shape switch
            {
                CollectionShape.Array => $"Array<{elementType}, {element}>",
                CollectionShape.List => $"List<{elementType}, {element}>",
                CollectionShape.ReadOnlyList => read ? $"Array<{elementType}, {element}>" : $"ReadOnlyList<{elementType}, {element}>",
                CollectionShape.Enumerable => read ? $"Array<{elementType}, {element}>" : $"Enumerable<{elementType}, {element}>",
                CollectionShape.ImmutableArray => $"ImmutableArray<{elementType}, {element}>",
                _ => $"{(collection.Shape == CollectionShape.ReadOnlyDictionary && !read ? "ReadOnlyDictionary" : "Dictionary")}" +
                     $"<{collection.Key!.DeclaredTypeName}, {elementType}, {Compose(container, collection.Key, read)}, {element}>",
            };
        }
    }
}
