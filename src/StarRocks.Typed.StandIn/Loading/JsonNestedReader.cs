using System.Globalization;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Fills an ARRAY, MAP or STRUCT column from a JSON load's value as StarRocks's JSON scanner does
/// (<c>be/src/formats/json/nullable_column.cpp</c>, <c>map_column.cpp</c>, <c>struct_column.cpp</c>):
/// <list type="bullet">
/// <item>ARRAY: the value must be an array ("Failed to parse value as array"); each element is read as a nullable
/// column with invalid values as NULL (<c>add_nullable_column(…, invalid_as_null = true)</c>), so an element that does
/// not fit the element type (a string longer than its VARCHAR, a number out of range) becomes NULL, the array stays.</item>
/// <item>MAP: the value must be an object ("Expected value type [object], got [array]"); each key is read as a JSON
/// string of the key type and each value as a nullable column, both with invalid values as NULL. A key that becomes
/// NULL has no JSON object form here: the stand-in refuses the row rather than store something else.</item>
/// <item>STRUCT: the value must be an object; each declared field is looked up by its exact name
/// (<c>find_field_unordered</c>), a missing field is NULL and other members are ignored; fields as array elements.</item>
/// </list>
/// Values are stored as JSON text: arrays, objects of the map's keys, objects of the struct's declared fields in
/// declared order.
/// </summary>
public static class JsonNestedReader
{
    /// <summary>Reads <paramref name="token"/> (a JSON value) for the ARRAY, MAP or STRUCT column <paramref name="column"/>.</summary>
    /// <param name="column">The column (or field).</param>
    /// <param name="token">The JSON value as received.</param>
    /// <param name="value">The value for MariaDB: JSON text.</param>
    /// <param name="error">Why the row is refused.</param>
    public static bool TryRead(ColumnSchema column, string token, out object? value, out string? error)
    {
        using var document = JsonDocument.Parse(token);
        var output = new StringBuilder(token.Length + 8);
        var ok = TryRead(column.Name, column.Type, document.RootElement, output, out error);
        value = ok ? output.ToString() : null;
        return ok;
    }

    private static bool TryRead(string name, string type, JsonElement root, StringBuilder output, out string? error)
    {
        error = null;
        switch (BaseName(type))
        {
            case "ARRAY" when root.ValueKind != JsonValueKind.Array:
                error = $"Failed to parse value as array, column={name}";
                return false;
            case "ARRAY":
                var elementType = Arguments(type)[0];
                output.Append('[');
                foreach (var element in root.EnumerateArray())
                {
                    if (output[^1] != '[')
                        output.Append(',');
                    AppendNullable(name, elementType, element, output);
                }
                output.Append(']');
                return true;
            case "MAP" or "STRUCT" when root.ValueKind != JsonValueKind.Object:
                error = $"Expected value type [object], got [{SimdjsonTypeName(root.ValueKind)}]";
                return false;
            case "MAP":
                var arguments = Arguments(type);
                var (keyType, valueType) = (arguments[0], arguments[1]);
                output.Append('{');
                var entries = root.EnumerateObject().ToList();
                // of keys with the same text only the last is kept, as the CSV reader keeps them (MapConverter)
                foreach (var entry in entries.Where((e, i) => !entries.Skip(i + 1).Any(later => later.Name == e.Name)))
                {
                    var key = ConvertScalar(name, keyType, JsonSerializer.SerializeToElement(entry.Name));
                    if (key is null or "null")
                    {
                        error = $"MAP key '{entry.Name}' does not fit {keyType}, column={name}: a NULL key cannot be stored";
                        return false;
                    }
                    if (output[^1] != '{')
                        output.Append(',');
                    output.Append(key[0] == '"' ? key : JsonString(key)).Append(':');
                    AppendNullable(name, valueType, entry.Value, output);
                }
                output.Append('}');
                return true;
            default:
                output.Append('{');
                foreach (var (field, fieldType) in Fields(type))
                {
                    if (output[^1] != '{')
                        output.Append(',');
                    output.Append(JsonString(field)).Append(':');
                    if (root.TryGetProperty(field, out var member))
                        AppendNullable($"{name}.{field}", fieldType, member, output);
                    else
                        output.Append("null");
                }
                output.Append('}');
                return true;
        }
    }

    /// <summary>An element, map value or field: <c>add_nullable_column(…, invalid_as_null = true)</c>, NULL when it does not fit.</summary>
    private static void AppendNullable(string name, string type, JsonElement value, StringBuilder output)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            output.Append("null");
            return;
        }
        if (BaseName(type) is "ARRAY" or "MAP" or "STRUCT")
        {
            var mark = output.Length;
            if (!TryRead(name, type, value, output, out _))
            {
                output.Length = mark;
                output.Append("null");
            }
            return;
        }
        output.Append(ConvertScalar(name, type, value) ?? "null");
    }

    /// <summary>
    /// A scalar element as JSON, read as a top-level field of its type is (<see cref="ValueConverter.TryConvertJsonField"/>
    /// with the string-slot text of <see cref="JsonRowReader"/>: an object or array minified), or null when it does not fit.
    /// </summary>
    private static string? ConvertScalar(string name, string type, JsonElement value)
    {
        var column = CsvCollectionReader.ElementSchema(type, BaseName(type)) with { Name = name };
        var token = value.GetRawText();
        return ValueConverter.TryConvertJsonField(column, JsonRowReader.Text(value, token), token, out var converted, out _)
            ? ToJson(column.BaseType, converted)
            : null;
    }

    /// <summary><paramref name="text"/> as a JSON string, escaped as the CSV collection reader stores strings (<see cref="JsonSerializer"/>'s default encoder).</summary>
    private static string JsonString(string text) => JsonSerializer.Serialize(text);

    /// <summary>The argument types of <c>ARRAY&lt;t&gt;</c> or <c>MAP&lt;k,v&gt;</c>, split at top-level commas.</summary>
    private static List<string> Arguments(string type)
    {
        var inner = type[(type.IndexOf('<') + 1)..type.LastIndexOf('>')];
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= inner.Length; i++)
        {
            if (i < inner.Length && inner[i] is '<' or '(')
                depth++;
            else if (i < inner.Length && inner[i] is '>' or ')')
                depth--;
            else if (i == inner.Length || (inner[i] == ',' && depth == 0))
            {
                arguments.Add(inner[start..i].Trim());
                start = i + 1;
            }
        }
        return arguments;
    }

    /// <summary>The declared fields of <c>STRUCT&lt;name type, …&gt;</c> (names unquoted), split at top-level commas.</summary>
    private static IEnumerable<(string Name, string Type)> Fields(string structType) =>
        Arguments(structType).Select(field =>
        {
            var space = field.IndexOfAny([' ', '\t']);
            return (field[..space].Trim('`'), field[(space + 1)..].Trim());
        });

    private static string BaseName(string type)
    {
        var end = type.IndexOfAny(['(', '<']);
        return (end < 0 ? type : type[..end]).Trim().ToUpperInvariant();
    }

    /// <summary>A converted field as JSON: numbers and nested JSON as they are, text (strings, dates) quoted, BOOLEAN as true/false.</summary>
    private static string ToJson(string baseType, object? converted) => converted switch
    {
        null => "null",
        sbyte flag when baseType is "BOOLEAN" => flag != 0 ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        byte[] bytes => JsonString(Encoding.UTF8.GetString(bytes)),
        string text when baseType is "LARGEINT" or "JSON" or "ARRAY" or "MAP" or "STRUCT" || baseType.StartsWith("DECIMAL", StringComparison.Ordinal) => text,
        string text => JsonString(text),
        _ => JsonString(converted.ToString()!),
    };

    /// <summary>The names simdjson prints for a value's type (<c>ondemand::json_type</c>).</summary>
    private static string SimdjsonTypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
