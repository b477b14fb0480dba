using StarRocks.Typed.Generators.Helpers;

namespace StarRocks.Typed.Generators.Model;

/// <summary>The .NET shapes a column value can have; each maps to one StarRocks type and one writer/reader call.</summary>
internal enum ValueKind
{
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Int128,
    UInt128,
    BigInteger,
    Half,
    Single,
    Double,
    Decimal,
    String,
    /// <summary>A <c>char</c>, as a one-character string.</summary>
    Char,
    DateOnly,
    DateTime,
    DateTimeOffset,
    Bytes,
    /// <summary>A <c>ReadOnlyMemory&lt;byte&gt;</c> (VARBINARY, like <see cref="Bytes"/>).</summary>
    BytesMemory,
    Guid,
    /// <summary>A <c>TimeOnly</c> as VARCHAR text <c>HH:mm:ss[.fffffff]</c> (StarRocks has no TIME type).</summary>
    TimeOnly,
    /// <summary>A <c>TimeSpan</c> as VARCHAR text <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    TimeSpan,
    /// <summary>An enum stored as its underlying integer.</summary>
    EnumNumber,
    /// <summary>An enum stored as its member name.</summary>
    EnumName,
    /// <summary>A <c>System.Text.Json.JsonElement</c>.</summary>
    JsonElement,
    /// <summary>A <c>System.Text.Json.JsonDocument</c> (its root element).</summary>
    JsonDocument,
    /// <summary>A <c>System.Text.Json.Nodes.JsonNode</c>, <c>JsonObject</c> or <c>JsonArray</c> (written as its JSON text).</summary>
    JsonNode,
    /// <summary>A string holding JSON text (<c>[StarRocksColumn(Json = true)]</c>).</summary>
    JsonText,
    /// <summary>An array or list of <see cref="ValueSpec.Element"/>.</summary>
    Array,
    /// <summary>A dictionary of <see cref="ValueSpec.Key"/> to <see cref="ValueSpec.Element"/>.</summary>
    Map,
    /// <summary>A record, class or struct of the user's, as a STRUCT of its <see cref="ValueSpec.Fields"/>.</summary>
    Struct,
}

/// <summary>The collection interface or type a member is declared as; picks the runtime value writer and reader.</summary>
internal enum CollectionShape
{
    None,
    /// <summary><c>T[]</c>.</summary>
    Array,
    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,
    /// <summary><c>IReadOnlyList&lt;T&gt;</c>.</summary>
    ReadOnlyList,
    /// <summary><c>IEnumerable&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> (read back as arrays).</summary>
    Enumerable,
    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,
    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,
    /// <summary><c>ISet&lt;T&gt;</c>, <c>IReadOnlySet&lt;T&gt;</c> (written as sequences, read back as a <c>HashSet&lt;T&gt;</c>).</summary>
    Set,
    /// <summary><c>Dictionary&lt;K,V&gt;</c>.</summary>
    Dictionary,
    /// <summary><c>IDictionary&lt;K,V&gt;</c> (written as key/value pairs, read back as a dictionary).</summary>
    DictionaryInterface,
    /// <summary><c>ImmutableDictionary&lt;K,V&gt;</c>.</summary>
    ImmutableDictionary,
    /// <summary><c>IReadOnlyDictionary&lt;K,V&gt;</c> (read back as a dictionary).</summary>
    ReadOnlyDictionary,
}

/// <summary>A mapped .NET value type (of a column, or of an array element or map key/value).</summary>
/// <param name="Kind">The value shape.</param>
/// <param name="TypeName">The fully qualified C# type, without a top-level nullable annotation, e.g. <c>int</c>, <c>global::Shop.Status</c>.</param>
/// <param name="DeclaredTypeName">The C# type as declared, with its annotation, e.g. <c>int?</c>, <c>string?</c>.</param>
/// <param name="IsNullableValueType">Whether the member is <c>Nullable&lt;T&gt;</c> of <see cref="TypeName"/>.</param>
/// <param name="IsReference">Whether the type is a reference type (may hold null at run time).</param>
/// <param name="StarRocksType">The StarRocks type, e.g. <c>INT</c>, <c>ARRAY&lt;VARCHAR(30)&gt;</c>.</param>
/// <param name="Shape">For arrays and maps: the declared collection type.</param>
/// <param name="Element">For arrays: the element; for maps: the value.</param>
/// <param name="Key">For maps: the key.</param>
/// <param name="Fields">For structs: the fields, in declaration order.</param>
/// <param name="ConstructorParameters">For structs: the fields (member names) the reader passes to the constructor, in its order; the others are set by an initializer.</param>
/// <param name="MaxBytes">
/// For a string, char or enum name nested in a column (ARRAY element, MAP key or value, STRUCT field): the bytes its
/// CHAR/VARCHAR/STRING holds, which its value writer checks; 0 otherwise (a column's own limit is <see cref="ColumnSpec.MaxBytes"/>).
/// </param>
/// <param name="Digits">For a decimal nested in a column: its DECIMAL's precision and scale, which its value writer checks (a column's own are <see cref="ColumnSpec.Decimal"/>).</param>
internal sealed record ValueSpec(
    ValueKind Kind,
    string TypeName,
    string DeclaredTypeName,
    bool IsNullableValueType,
    bool IsReference,
    string StarRocksType,
    CollectionShape Shape = CollectionShape.None,
    ValueSpec? Element = null,
    ValueSpec? Key = null,
    EquatableArray<StructField> Fields = default,
    EquatableArray<string> ConstructorParameters = default,
    int MaxBytes = 0,
    DecimalDigits? Digits = null);

/// <summary>One field of a STRUCT: its name in StarRocks, the property it comes from, and its value.</summary>
/// <param name="Name">The field name (by the table's naming policy).</param>
/// <param name="MemberName">The C# property.</param>
/// <param name="Value">The field's mapped value.</param>
/// <param name="IsSettable">Whether the reader can set the property in an object initializer.</param>
internal sealed record StructField(string Name, string MemberName, ValueSpec Value, bool IsSettable);
