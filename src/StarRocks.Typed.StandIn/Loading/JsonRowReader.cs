using System.Globalization;
using System.Text.Json;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Splits a JSON body into records as StarRocks does: one object, several objects separated by whitespace/newlines,
/// or (with <c>strip_outer_array</c>) a top-level array of objects. Fields are looked up by key (the source field
/// names) or, in matched mode, by <c>jsonpaths</c>. Each field keeps both its JSON value as received (for columns
/// StarRocks fills from the JSON value, see <see cref="ValueConverter.TryConvertJsonField"/>) and the text StarRocks
/// reads into a string slot (<c>be/src/formats/json/binary_column.cpp</c>, <c>add_binary_column</c>): a string's
/// content, a number's token, a boolean as <c>1</c>/<c>0</c>, an object or array minified (the whole record of the
/// <c>$</c> path as received, <c>add_binary_column_from_json_object</c>).
/// </summary>
public static class JsonRowReader
{
    /// <summary>Reads every record of <paramref name="body"/>; returns null with an error when the body is not valid JSON.</summary>
    public static List<SourceRow>? Read(ReadOnlySpan<byte> body, LoadOptions options, IReadOnlyList<string> sourceFields, out string? error)
    {
        error = null;
        var rows = new List<SourceRow>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    if (!options.StripOuterArray)
                    {
                        error = "JSON data is an array, strip_outer_array must be set true";
                        return null;
                    }
                    foreach (var element in root.EnumerateArray())
                        rows.Add(Row(element, options, sourceFields));
                }
                else
                {
                    rows.Add(Row(root, options, sourceFields));
                }
            }
        }
        catch (JsonException exception)
        {
            error = $"Failed to parse json: {exception.Message}";
            return null;
        }
        return rows;
    }

    private static SourceRow Row(JsonElement element, LoadOptions options, IReadOnlyList<string> sourceFields)
    {
        var raw = element.GetRawText();
        if (element.ValueKind != JsonValueKind.Object)
            return new SourceRow(null, raw, "JSON value is not an object");
        var fields = new string?[sourceFields.Count];
        var tokens = new string?[sourceFields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var wholeRecord = options.JsonPaths is { } p && p[i].Trim() == "$";
            var found = options.JsonPaths is { } paths
                ? TryPath(element, paths[i], out var value)
                : TryKey(element, sourceFields[i], out value);
            if (!found || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue;
            tokens[i] = value.GetRawText();
            fields[i] = Text(value, tokens[i]!, wholeRecord);
        }
        return new SourceRow(fields, raw, JsonTokens: tokens);
    }

    private static bool TryKey(JsonElement element, string key, out JsonElement value)
    {
        if (element.TryGetProperty(key, out value))
            return true;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        return false;
    }

    /// <summary>Evaluates a simple JsonPath: <c>$</c>, <c>$.a.b</c>, <c>$.a[0]</c>, <c>$['a']</c>.</summary>
    private static bool TryPath(JsonElement element, string path, out JsonElement value)
    {
        value = element;
        var p = path.Trim();
        if (!p.StartsWith('$'))
            return false;
        var i = 1;
        while (i < p.Length)
        {
            if (p[i] == '.')
            {
                var end = i + 1;
                while (end < p.Length && p[end] != '.' && p[end] != '[')
                    end++;
                if (value.ValueKind != JsonValueKind.Object || !TryKey(value, p[(i + 1)..end], out value))
                    return false;
                i = end;
            }
            else if (p[i] == '[')
            {
                var close = p.IndexOf(']', i);
                if (close < 0)
                    return false;
                var inner = p[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"')
                {
                    if (value.ValueKind != JsonValueKind.Object || !TryKey(value, inner[1..^1], out value))
                        return false;
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
                        return false;
                    value = value[index];
                }
                else
                    return false;
                i = close + 1;
            }
            else
                return false;
        }
        return true;
    }

    /// <summary>The text StarRocks puts into a string slot for <paramref name="value"/> (<paramref name="token"/> is its raw JSON).</summary>
    internal static string Text(JsonElement value, string token, bool wholeRecord = false) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        JsonValueKind.Object or JsonValueKind.Array when !wholeRecord => Minify(token),
        _ => token,
    };

    /// <summary>
    /// <paramref name="json"/> without the whitespace between its tokens, as <c>simdjson::minify</c> writes it: string
    /// tokens (escapes included) are kept byte for byte.
    /// </summary>
    public static string Minify(string json)
    {
        var builder = new System.Text.StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                    builder.Append(json[++i]);
                else if (c == '"')
                    inString = false;
            }
            else if (c is not (' ' or '\t' or '\n' or '\r'))
            {
                builder.Append(c);
                inString = c == '"';
            }
        }
        return builder.ToString();
    }
}
