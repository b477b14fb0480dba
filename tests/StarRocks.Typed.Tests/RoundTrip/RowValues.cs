using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StarRocks.Typed.Metadata;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>
/// Rows compared column by column through a canonical text of each value: exact for numbers (shortest round-trip text,
/// decimals without trailing zeros), instants for <see cref="DateTimeOffset"/>, JSON by content (object members in any
/// order), collections element by element, strings with their control characters made visible.
/// </summary>
public static class RowValues
{
    /// <summary>The columns of <typeparamref name="T"/> whose values differ between the rows, one line each.</summary>
    public static IReadOnlyList<string> Differences<T>(T written, T read) where T : IStarRocksTable<T>
    {
        var differences = new List<string>();
        foreach (var column in T.Table.Columns)
        {
            var member = typeof(T).GetProperty(column.MemberName) ?? throw new InvalidOperationException($"no member {column.MemberName}");
            var isJson = column.StarRocksType == "JSON";
            var expected = Describe(member.GetValue(written), isJson);
            var actual = Describe(member.GetValue(read), isJson);
            if (expected != actual)
                differences.Add($"{column.Name} ({column.StarRocksType}): wrote {expected}, read {actual}");
        }
        return differences;
    }

    private static string Describe(object? value, bool isJson) => value switch
    {
        null => "NULL",
        string text when isJson => CanonicalJson(JsonNode.Parse(text)),
        JsonElement { ValueKind: JsonValueKind.Undefined } => "NULL",
        JsonElement element => CanonicalJson(JsonNode.Parse(element.GetRawText())),
        JsonDocument document => CanonicalJson(JsonNode.Parse(document.RootElement.GetRawText())),
        JsonNode node => CanonicalJson(node),
        string text => JsonSerializer.Serialize(text),
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        ReadOnlyMemory<byte> memory => "0x" + Convert.ToHexString(memory.Span),
        float single => single.ToString("R", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############################", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff 'UTC'", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum member => $"{member} ({Convert.ToInt64(member, CultureInfo.InvariantCulture)})",
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>()
            .Select(key => (Key: Describe(key, false), Value: Describe(map[key], false)))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => $"{entry.Key}: {entry.Value}")) + "}",
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(element => Describe(element, false))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The JSON with object members sorted by name, compact.</summary>
    private static string CanonicalJson(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject members => "{" + string.Join(",", members.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => JsonSerializer.Serialize(m.Key) + ":" + CanonicalJson(m.Value))) + "}",
        JsonArray elements => "[" + string.Join(",", elements.Select(CanonicalJson)) + "]",
        _ => node.ToJsonString(),
    };

    /// <summary>Throws unless <paramref name="column"/> is one of <typeparamref name="T"/>'s columns (keeps the expectations honest).</summary>
    public static StarRocksColumnInfo Column<T>(string column) where T : IStarRocksTable<T> =>
        T.Table.Columns.Single(c => c.Name == column);
}
