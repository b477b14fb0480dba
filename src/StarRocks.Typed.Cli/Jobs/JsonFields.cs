using System.Globalization;
using System.Text.Json;

namespace StarRocks.Typed.Cli.Jobs;

/// <summary>
/// Reads the fields of one JSON object of a job script, recording each bad field with its JSON path in a shared error
/// list instead of stopping at the first. <see cref="RejectUnknown"/> reports every field no reader asked for.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<JobScriptError> _errors;

    private JsonFields(string path, List<JobScriptError> errors)
    {
        Path = path;
        _errors = errors;
    }

    /// <summary>The JSON path of this object.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="element"/> as an object; null (with an error recorded) when it is not one.</summary>
    public static JsonFields? Open(JsonElement element, string path, List<JobScriptError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be an object (was {Describe(element)})."));
            return null;
        }

        var fields = new JsonFields(path, errors);
        foreach (var property in element.EnumerateObject())
        {
            if (!fields._fields.TryAdd(property.Name, property.Value))
                errors.Add(new(Child(path, property.Name), "appears more than once."));
        }

        return fields;
    }

    /// <summary>The JSON path of field <paramref name="name"/> of the object at <paramref name="path"/>.</summary>
    public static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The JSON path of field <paramref name="name"/>.</summary>
    public string PathOf(string name) => Child(Path, name);

    /// <summary>Records an error against field <paramref name="name"/>.</summary>
    public void Fail(string name, string message) => _errors.Add(new(PathOf(name), message));

    /// <summary>Whether the object has field <paramref name="name"/> (marks it read).</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>The raw value of field <paramref name="name"/>, marking it read.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        return _fields.TryGetValue(name, out value);
    }

    /// <summary>A required non-empty string.</summary>
    public string? RequiredString(string name)
    {
        if (!TryGet(name, out _))
        {
            Fail(name, "is required.");
            return null;
        }

        return OptionalString(name);
    }

    /// <summary>An optional non-empty string; null when absent or invalid.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string (was {Describe(value)}).");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail(name, "must not be empty.");
            return null;
        }

        return text;
    }

    /// <summary>
    /// A list of non-empty strings; absent gives an empty list (an error too when <paramref name="required"/>).
    /// A single string is not accepted: the job-script form writes lists as JSON arrays.
    /// </summary>
    public IReadOnlyList<string> StringList(string name, bool required)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Fail(name, "is required.");
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array of strings (was {Describe(value)}).");
            return [];
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{PathOf(name)}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                _errors.Add(new(itemPath, $"must be a non-empty string (was {Describe(item)})."));
            else
                items.Add(item.GetString()!);
        }

        if (required && items.Count == 0 && index == 0)
            Fail(name, "must list at least one entry.");
        return items;
    }

    /// <summary>An optional integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long OptionalInt64(string name, long defaultValue, long min, long max)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return defaultValue;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Fail(name, $"must be a whole number (was {Describe(value)}).");
            return defaultValue;
        }

        if (number < min || number > max)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (was {number})."));
            return defaultValue;
        }

        return number;
    }

    /// <summary>An optional boolean.</summary>
    public bool OptionalBoolean(string name, bool defaultValue)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return defaultValue;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        Fail(name, $"must be true or false (was {Describe(value)}).");
        return defaultValue;
    }

    /// <summary>An optional nested object; null when absent or not an object.</summary>
    public JsonFields? OptionalObject(string name)
    {
        if (!TryGet(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return Open(value, PathOf(name), _errors);
    }

    /// <summary>A required nested object.</summary>
    public JsonFields? RequiredObject(string name)
    {
        if (!TryGet(name, out _))
        {
            Fail(name, "is required.");
            return null;
        }

        return OptionalObject(name);
    }

    /// <summary>The names of every field, for objects whose keys are data (data sources, Stream Load properties); marks them read.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> All()
    {
        foreach (var field in _fields)
        {
            _read.Add(field.Key);
            yield return field;
        }
    }

    /// <summary>Marks every field read: for an object that cannot be checked because what it belongs to is already an error.</summary>
    public void Skip() => _read.UnionWith(_fields.Keys);

    /// <summary>
    /// Records an error for every field nothing read: unknown parameters are errors, never ignored. The message lists
    /// the names that were asked for, which are the names this object accepts.
    /// </summary>
    public void RejectUnknown()
    {
        var unknown = _fields.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count == 0)
            return;
        var accepted = string.Join(", ", _read.Order(StringComparer.Ordinal));
        foreach (var name in unknown)
            Fail(name, $"is not a known parameter here (known: {accepted}).");
    }

    /// <summary>A short description of a JSON value for messages: its kind, never its content (it may be a secret).</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };
}
