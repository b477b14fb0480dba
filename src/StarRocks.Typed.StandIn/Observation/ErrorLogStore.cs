using System.Collections.Concurrent;

namespace StarRocks.Typed.StandIn.Observation;

/// <summary>The rejected-row logs the BE serves at <c>/api/_load_error_log?file=…</c> (the <c>ErrorURL</c> of a load).</summary>
public sealed class ErrorLogStore
{
    private readonly ConcurrentDictionary<string, string> _files = new();

    /// <summary>Stores <paramref name="lines"/> and returns the file name.</summary>
    public string Add(IEnumerable<string> lines)
    {
        var name = $"error_log_{Guid.NewGuid():N}"[..26] + "_" + Guid.NewGuid().ToString("N")[..16];
        _files[name] = string.Join('\n', lines) + "\n";
        return name;
    }

    /// <summary>The content of <paramref name="file"/>, or null.</summary>
    public string? Get(string file) => _files.TryGetValue(file, out var text) ? text : null;
}
