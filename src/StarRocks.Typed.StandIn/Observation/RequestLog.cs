using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Observation;

/// <summary>
/// One HTTP request a node received: which node, method, path and query, headers (with <c>Authorization</c>
/// redacted), how many body bytes the node read, the label, and the status it answered (0 when the connection was
/// reset or never answered).
/// </summary>
public sealed record RequestLogEntry(
    DateTimeOffset At,
    string Node,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    long BodyBytes,
    string? Label,
    int Status,
    string? LoadStatus);

/// <summary>Every HTTP request the stand-in's FEs and BE received, in order, so that tests can assert what a client sent and how many round trips it made.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();

    /// <summary>The requests received so far.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => _entries.ToArray();

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _entries.Clear();

    internal void Add(RequestLogEntry entry) => _entries.Enqueue(entry);

    internal static IReadOnlyDictionary<string, string> Redact(IHeaderDictionary headers) =>
        headers.ToDictionary(
            h => h.Key,
            h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "***" : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
}

/// <summary>Per-request facts the handlers report to the request log (body bytes read, load status).</summary>
internal sealed class RequestFacts
{
    public long BodyBytes;
    public string? LoadStatus;

    public static RequestFacts Of(HttpContext context) =>
        context.Features.Get<RequestFacts>() ?? throw new InvalidOperationException("request logging middleware missing");
}
