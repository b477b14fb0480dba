using System.Globalization;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Reads an ARRAY or MAP value from a CSV field (after the field's enclosure and escapes are removed) as StarRocks's CSV
/// converters do, and gives it as the JSON text the stand-in stores for collections (MAP keys as JSON strings, as a
/// JSON load stores them).
/// </summary>
/// <remarks>
/// Follows StarRocks's <c>be/src/formats/csv</c>: <c>DefaultArrayReader</c> (<c>array_reader.cpp</c>) — the value must be
/// <c>[…]</c>; elements are cut at <c>,</c> outside quotes and nested <c>[]</c>, a <c>"</c> toggling "in quote" (a doubled
/// quote toggles twice); <c>MapConverter</c> (<c>map_converter.cpp</c>) — the value must be <c>{…}</c>; keys end at
/// <c>:</c> and entries at <c>,</c> outside quotes and nested <c>{}</c>, an empty key or value fails, and of keys with the
/// same text only the last entry is kept. Elements, keys and values are read with <c>read_quoted_string</c>: the text
/// <c>null</c> is NULL (<c>NullableConverter</c>); strings must be enclosed in <c>"</c>, with <c>""</c> read as one
/// <c>"</c> and no backslash escapes (<c>StringConverter</c>); DATE/DATETIME must be enclosed too
/// (<c>DateConverter</c>/<c>DatetimeConverter</c>); numbers and booleans are read as the bare text. Nothing is trimmed.
/// </remarks>
public static class CsvCollectionReader
{
    /// <summary>Reads <paramref name="text"/> for the ARRAY/MAP type <paramref name="type"/> (e.g. <c>MAP&lt;VARCHAR(65533),INT&gt;</c>).</summary>
    /// <param name="type">The column's type.</param>
    /// <param name="text">The field.</param>
    /// <param name="invalidFieldAsNull">
    /// <c>Converter::Options::invalid_field_as_null</c>, which <c>CSVScanner</c> sets to <c>!strict_mode</c>: a MAP key or
    /// value that cannot be read is then NULL (<c>NullableConverter::read_quoted_string</c>), except inside an ARRAY,
    /// whose reader clears the option for its elements (<c>ArrayConverter::read_string</c>).
    /// </param>
    /// <param name="json">The value as JSON text.</param>
    /// <param name="error">Why the value cannot be read.</param>
    public static bool TryRead(string type, string text, bool invalidFieldAsNull, out string? json, out string? error)
    {
        var output = new StringBuilder(text.Length + 8);
        if (Read(type.Trim(), text, output, invalidFieldAsNull, topLevel: true))
        {
            json = output.ToString();
            error = null;
            return true;
        }
        json = null;
        error = $"Value '{text}' is not a valid {type} in CSV (StarRocks's CSV collection syntax, e.g. [1,null], {{\"k\":\"v\"}})";
        return false;
    }

    private static bool Read(string type, string s, StringBuilder output, bool invalidAsNull, bool topLevel = false)
    {
        // Elements, keys and values are nullable columns read with NullableConverter::read_quoted_string.
        if (!topLevel && s == "null")
        {
            output.Append("null");
            return true;
        }
        var (name, arguments) = SplitType(type);
        switch (name)
        {
            case "ARRAY":
                return ReadArray(arguments[0], s, output);
            case "MAP":
                return ReadMap(arguments[0], arguments[1], s, output, invalidAsNull);
            default:
                return ReadScalar(type, name, s, output, asKey: false);
        }
    }

    private static bool ReadArray(string elementType, string s, StringBuilder output)
    {
        if (s.Length < 2 || s[0] != '[' || s[^1] != ']')
            return false;
        var inner = s[1..^1];
        output.Append('[');
        if (inner.Length > 0)
        {
            var elements = new List<string>();
            var inQuote = false;
            var level = 0;
            var start = 0;
            for (var i = 0; i < inner.Length; i++)
            {
                var c = inner[i];
                if (c == '"')
                    inQuote = !inQuote;
                else if (!inQuote && c == '[')
                    level++;
                else if (!inQuote && c == ']')
                    level--;
                else if (!inQuote && level == 0 && c == ',')
                {
                    elements.Add(inner[start..i]);
                    start = i + 1;
                }
            }
            if (level != 0 || inQuote)
                return false;
            elements.Add(inner[start..]);
            for (var i = 0; i < elements.Count; i++)
            {
                if (i > 0)
                    output.Append(',');
                if (!Read(elementType, elements[i], output, invalidAsNull: false))
                    return false;
            }
        }
        output.Append(']');
        return true;
    }

    private static bool ReadMap(string keyType, string valueType, string s, StringBuilder output, bool invalidAsNull)
    {
        if (s.Length < 2 || s[0] != '{' || s[^1] != '}')
            return false;
        var inner = s[1..^1];
        var keys = new List<string>();
        var values = new List<string>();
        if (inner.Length > 0)
        {
            var inQuote = false;
            var level = 0;
            var last = 0;
            for (var i = 0; i < inner.Length; i++)
            {
                var c = inner[i];
                if (c == '"')
                    inQuote = !inQuote;
                else if (!inQuote && c == '{')
                    level++;
                else if (!inQuote && c == '}')
                    level--;
                else if (!inQuote && level == 0 && (c == ':' || c == ','))
                {
                    if (i == last)
                        return false;
                    (c == ':' ? keys : values).Add(inner[last..i]);
                    last = i + 1;
                }
            }
            if (inQuote || level != 0 || last == inner.Length)
                return false;
            values.Add(inner[last..]);
            if (keys.Count != values.Count)
                return false;
        }
        output.Append('{');
        var first = true;
        for (var i = 0; i < keys.Count; i++)
        {
            // A key whose text appears again later is dropped (MapConverter::read_string keeps the last one).
            if (keys.Skip(i + 1).Contains(keys[i], StringComparer.Ordinal))
                continue;
            if (!first)
                output.Append(',');
            first = false;
            // A NULL key (the text null, or an unreadable key with invalid_field_as_null) has no JSON object form: the
            // stand-in refuses the value rather than store something else.
            if (keys[i] == "null")
                return false;
            var (keyName, _) = SplitType(keyType);
            if (keyName is "ARRAY" or "MAP" || !ReadScalar(keyType, keyName, keys[i], output, asKey: true))
                return false;
            output.Append(':');
            var mark = output.Length;
            if (!Read(valueType, values[i], output, invalidAsNull))
            {
                if (!invalidAsNull)
                    return false;
                output.Length = mark;
                output.Append("null");
            }
        }
        output.Append('}');
        return true;
    }

    private static bool ReadScalar(string type, string name, string s, StringBuilder output, bool asKey)
    {
        var column = ElementSchema(type, name);
        var quoted = name is "CHAR" or "VARCHAR" or "STRING" or "TEXT" or "DATE" or "DATETIME" or "BINARY" or "VARBINARY";
        if (quoted)
        {
            if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
                return false;
            s = s[1..^1];
            if (name is not ("DATE" or "DATETIME"))
                s = CollapseDoubledQuotes(s);
        }
        if (!ValueConverter.TryConvert(column, s, out var value, out _))
            return false;
        string text = value switch
        {
            string str => str,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => s,
        };
        if (name is "BOOLEAN")
            text = value is sbyte b && b != 0 ? "true" : "false";
        if (quoted || asKey)
            output.Append(JsonSerializer.Serialize(text));
        else
            output.Append(text);
        return true;
    }

    /// <summary>StringConverter::read_quoted_string: each <c>"</c> is kept, and a <c>"</c> right after it is dropped.</summary>
    private static string CollapseDoubledQuotes(string s)
    {
        if (!s.Contains('"'))
            return s;
        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            result.Append(s[i]);
            if (s[i] == '"' && i + 1 < s.Length && s[i + 1] == '"')
                i++;
        }
        return result.ToString();
    }

    /// <summary>The schema of an ARRAY element, MAP key/value or STRUCT field of <paramref name="type"/> (base name <paramref name="name"/>).</summary>
    internal static ColumnSchema ElementSchema(string type, string name)
    {
        int length = 0, precision = 0, scale = 0;
        var open = type.IndexOf('(');
        if (open > 0 && type[^1] == ')')
        {
            var parts = type[(open + 1)..^1].Split(',');
            if (name.StartsWith("DECIMAL", StringComparison.Ordinal) || name == "NUMERIC")
            {
                precision = int.Parse(parts[0], CultureInfo.InvariantCulture);
                scale = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
            }
            else
                length = int.Parse(parts[0], CultureInfo.InvariantCulture);
        }
        return new ColumnSchema("element", type, name, Nullable: true, IsKey: false, Length: length, Precision: precision, Scale: scale);
    }

    /// <summary>The type's name and, for ARRAY/MAP, its argument types (split at the top-level comma).</summary>
    private static (string Name, string[] Arguments) SplitType(string type)
    {
        var angle = type.IndexOf('<');
        var paren = type.IndexOf('(');
        var end = angle >= 0 ? angle : paren >= 0 ? paren : type.Length;
        var name = type[..end].Trim().ToUpperInvariant();
        if (angle < 0 || type[^1] != '>')
            return (name, []);
        var inner = type[(angle + 1)..^1];
        var depth = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c is '<' or '(')
                depth++;
            else if (c is '>' or ')')
                depth--;
            else if (c == ',' && depth == 0)
                return (name, [inner[..i].Trim(), inner[(i + 1)..].Trim()]);
        }
        return (name, [inner.Trim()]);
    }
}
