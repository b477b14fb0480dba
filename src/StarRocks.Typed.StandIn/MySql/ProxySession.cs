namespace StarRocks.Typed.StandIn.MySql;

/// <summary>What one client connection of the proxy remembers.</summary>
internal sealed class ProxySession(int connectionId)
{
    /// <summary>MariaDB's id of the backing connection (also used in the <see cref="SqlLog"/>).</summary>
    public int ConnectionId { get; } = connectionId;

    /// <summary>The current database (from the handshake, <c>USE</c> and COM_INIT_DB).</summary>
    public string? Database { get; set; }

    /// <summary>StarRocks-only session variables the client set (accepted, not forwarded).</summary>
    public Dictionary<string, string> StarRocksVariables { get; } = new(StringComparer.OrdinalIgnoreCase);
}
