using System.Globalization;
using System.Text.Json;

namespace StarRocks.Typed.Loading;

/// <summary>Parses StarRocks's response JSON into a <see cref="StreamLoadResult"/>, matching field names case-insensitively.</summary>
internal static class StreamLoadResponseParser
{
    /// <summary>Parses <paramref name="json"/>; unknown fields are ignored.</summary>
    /// <param name="httpStatusCode">The HTTP status code of the response.</param>
    /// <param name="json">The response body.</param>
    /// <param name="result">The parsed result, or <see langword="null"/> when the body is empty or not a JSON object.</param>
    /// <returns><see langword="true"/> when the body was a JSON object.</returns>
    public static bool TryParse(int httpStatusCode, ReadOnlySpan<byte> json, out StreamLoadResult? result)
    {
        result = null;
        if (json.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            result = FromObject(httpStatusCode, document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static StreamLoadResult FromObject(int httpStatusCode, JsonElement root)
    {
        var result = new StreamLoadResult { HttpStatusCode = httpStatusCode };
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            result = property.Name.ToUpperInvariant() switch
            {
                "TXNID" => result with { TxnId = ReadInt64(value) },
                "LABEL" => result with { Label = ReadString(value) },
                "STATUS" => result with { Status = ReadString(value) },
                "MESSAGE" or "MSG" => result with { Message = result.Message ?? ReadString(value) },
                "EXISTINGJOBSTATUS" => result with { ExistingJobStatus = ReadString(value) },
                "NUMBERTOTALROWS" => result with { NumberTotalRows = ReadInt64(value) ?? 0 },
                "NUMBERLOADEDROWS" => result with { NumberLoadedRows = ReadInt64(value) ?? 0 },
                "NUMBERFILTEREDROWS" => result with { NumberFilteredRows = ReadInt64(value) ?? 0 },
                "NUMBERUNSELECTEDROWS" => result with { NumberUnselectedRows = ReadInt64(value) ?? 0 },
                "LOADBYTES" => result with { LoadBytes = ReadInt64(value) ?? 0 },
                "LOADTIMEMS" => result with { LoadTimeMs = ReadInt64(value) ?? 0 },
                "ERRORURL" => result with { ErrorUrl = ReadString(value) },
                "STATE" => result with { State = ReadString(value) },
                "REASON" => result with { Reason = ReadString(value) },
                _ => result,
            };
        }

        return result;
    }

    private static string? ReadString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static long? ReadInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
