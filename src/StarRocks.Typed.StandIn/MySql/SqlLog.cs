using System.Collections.Concurrent;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>One statement a client sent over the MySQL protocol, as received (before any rewrite).</summary>
public sealed record SqlLogEntry(DateTimeOffset At, int ConnectionId, string Statement);

/// <summary>
/// Every statement clients sent to the stand-in's MySQL-protocol endpoint, in order, so that tests can
/// assert what a client ran and how many round trips it made.
/// </summary>
public sealed class SqlLog
{
    private readonly ConcurrentQueue<SqlLogEntry> _entries = new();

    /// <summary>The statements received so far.</summary>
    public IReadOnlyList<SqlLogEntry> Entries => _entries.ToArray();

    /// <summary>Appends a statement.</summary>
    public void Add(int connectionId, string statement) =>
        _entries.Enqueue(new SqlLogEntry(DateTimeOffset.UtcNow, connectionId, statement));

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _entries.Clear();
}
