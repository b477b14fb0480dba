using System.Globalization;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Fills a STRUCT column from a JSON load's value as StarRocks's <c>add_struct_column</c> does
/// (be/src/formats/json/struct_column.cpp): the value must be an object ("Expected value type [object], got [array]");
/// each declared field is looked up by its exact name (<c>find_field_unordered</c>), a missing field is NULL and other
/// members are ignored; each field is read as a nullable column with invalid values as NULL
/// (<c>add_nullable_column(…, invalid_as_null = true)</c>), so a field that does not fit its type becomes NULL instead of
/// failing the row. The value is stored as a JSON object of the declared fields in declared order.
/// </summary>
public static class JsonStructReader
{
    /// <summary>Reads <paramref name="token"/> (a JSON value) for the STRUCT column <paramref name="column"/>.</summary>
    /// <param name="column">The STRUCT column (or field).</param>
    /// <param name="token">The JSON value as received.</param>
    /// <param name="value">The value for MariaDB: the struct as JSON text.</param>
    /// <param name="error">Why the row is refused.</param>
    public static bool TryRead(ColumnSchema column, string token, out object? value, out string? error)
    {
        value = null;
        error = null;
        using var document = JsonDocument.Parse(token);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"Expected value type [object], got [{SimdjsonTypeName(root.ValueKind)}]";
            return false;
        }

        var output = new StringBuilder("{");
        foreach (var (name, type) in Fields(column.Type))
        {
            if (output.Length > 1)
                output.Append(',');
            output.Append(JsonSerializer.Serialize(name)).Append(':');
            if (!root.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
            {
                output.Append("null");
                continue;
            }
            var fieldColumn = CsvCollectionReader.ElementSchema(type, BaseName(type)) with { Name = $"{column.Name}.{name}" };
            var text = field.ValueKind switch
            {
                JsonValueKind.String => field.GetString(),
                JsonValueKind.True => "1",
                JsonValueKind.False => "0",
                _ => field.GetRawText(),
            };
            output.Append(ValueConverter.TryConvertJsonField(fieldColumn, text, field.GetRawText(), out var converted, out _)
                ? ToJson(fieldColumn.BaseType, converted)
                : "null");
        }
        value = output.Append('}').ToString();
        return true;
    }

    /// <summary>The declared fields of <c>STRUCT&lt;name type, …&gt;</c> (names unquoted), split at top-level commas.</summary>
    private static List<(string Name, string Type)> Fields(string structType)
    {
        var open = structType.IndexOf('<');
        var inner = structType[(open + 1)..structType.LastIndexOf('>')];
        var fields = new List<(string, string)>();
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
                var field = inner[start..i].Trim();
                var space = field.IndexOfAny([' ', '\t']);
                fields.Add((field[..space].Trim('`'), field[(space + 1)..].Trim()));
                start = i + 1;
            }
        }
        return fields;
    }

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
        byte[] bytes => JsonSerializer.Serialize(Encoding.UTF8.GetString(bytes)),
        string text when baseType is "LARGEINT" or "JSON" or "ARRAY" or "MAP" or "STRUCT" || baseType.StartsWith("DECIMAL", StringComparison.Ordinal) => text,
        string text => JsonSerializer.Serialize(text),
        _ => JsonSerializer.Serialize(converted.ToString()),
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
