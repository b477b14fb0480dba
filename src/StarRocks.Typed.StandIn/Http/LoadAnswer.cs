using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Http;

/// <summary>
/// A StarRocks load answer with its capitalised JSON fields (STREAM_LOAD.md §Return value; transaction API answers
/// use the same names). Null fields are left out.
/// </summary>
internal sealed record LoadAnswer(string Status, string Message)
{
    public long? TxnId { get; init; }
    public string? Label { get; init; }
    public string? ExistingJobStatus { get; init; }
    public long? NumberTotalRows { get; init; }
    public long? NumberLoadedRows { get; init; }
    public long? NumberFilteredRows { get; init; }
    public long? NumberUnselectedRows { get; init; }
    public long? LoadBytes { get; init; }
    public long? LoadTimeMs { get; init; }
    public long? BeginTxnTimeMs { get; init; }
    public long? StreamLoadPlanTimeMs { get; init; }
    public long? ReadDataTimeMs { get; init; }
    public long? WriteDataTimeMs { get; init; }
    public long? CommitAndPublishTimeMs { get; init; }
    public string? ErrorUrl { get; init; }

    /// <summary>Writes the answer with HTTP 200.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        Observation.RequestFacts.Of(context).LoadStatus = Status;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        Number(json, "TxnId", TxnId);
        Text(json, "Label", Label);
        json.WriteString("Status", Status);
        Text(json, "ExistingJobStatus", ExistingJobStatus);
        json.WriteString("Message", Message);
        Number(json, "NumberTotalRows", NumberTotalRows);
        Number(json, "NumberLoadedRows", NumberLoadedRows);
        Number(json, "NumberFilteredRows", NumberFilteredRows);
        Number(json, "NumberUnselectedRows", NumberUnselectedRows);
        Number(json, "LoadBytes", LoadBytes);
        Number(json, "LoadTimeMs", LoadTimeMs);
        Number(json, "BeginTxnTimeMs", BeginTxnTimeMs);
        Number(json, "StreamLoadPlanTimeMs", StreamLoadPlanTimeMs);
        Number(json, "ReadDataTimeMs", ReadDataTimeMs);
        Number(json, "WriteDataTimeMs", WriteDataTimeMs);
        Number(json, "CommitAndPublishTimeMs", CommitAndPublishTimeMs);
        Text(json, "ErrorURL", ErrorUrl);
        json.WriteEndObject();
        await json.FlushAsync();
    }

    /// <summary>Writes the FE's lowercase <c>{"status":…,"msg":…}</c> form with <paramref name="httpStatus"/>.</summary>
    public static async Task WriteLowercaseAsync(HttpContext context, string status, string message, int httpStatus = StatusCodes.Status200OK,
        string? state = null, string? reason = null)
    {
        Observation.RequestFacts.Of(context).LoadStatus = status;
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        if (state is not null)
            json.WriteString("state", state);
        if (reason is not null)
            json.WriteString("reason", reason);
        json.WriteString("status", status);
        json.WriteString("msg", message);
        json.WriteEndObject();
        await json.FlushAsync();
    }

    /// <summary>
    /// Writes an FE failure in <c>RestBaseResult</c>'s form, <c>{"status":"FAILED","code":…,"msg":…,"message":…}</c>
    /// (<c>fe/fe-core/src/main/java/com/starrocks/http/rest/RestBaseResult.java</c>).
    /// </summary>
    public static async Task WriteRestResultAsync(HttpContext context, string code, string message)
    {
        Observation.RequestFacts.Of(context).LoadStatus = "FAILED";
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", "FAILED");
        json.WriteString("code", code);
        json.WriteString("msg", message);
        json.WriteString("message", message);
        json.WriteEndObject();
        await json.FlushAsync();
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
            json.WriteNumber(name, v);
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
