namespace StarRocks.Typed.Tests.Sink;

/// <summary>A PRIMARY KEY table: upserts, deletes (by row and by key) and partial updates.</summary>
[StarRocksTable("sink", "items", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record SinkItem
{
    [StarRocksKey(0)] public required long Id { get; init; }
    [StarRocksColumn(Length = 400)] public string? Name { get; init; }
    public int Qty { get; init; }
}

/// <summary>A DUPLICATE KEY table: every loaded row stays, so duplicates show.</summary>
[StarRocksTable("sink", "events")]
public sealed partial record SinkEvent
{
    public long Id { get; init; }
    [StarRocksColumn(Length = 100)] public string? Payload { get; init; }
}

/// <summary>A ticket's state, stored by name.</summary>
public enum SinkTicketState
{
    Open,
    InProgress,
    Closed,
}

/// <summary>A PRIMARY KEY table with a composite key whose first column is an enum stored by name: deletes by key.</summary>
[StarRocksTable("sink", "tickets", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record SinkTicket
{
    [StarRocksKey(0), StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public required SinkTicketState State { get; init; }
    [StarRocksKey(1)] public required long Id { get; init; }
    public int Qty { get; init; }
}

/// <summary>A PRIMARY KEY table keyed by an enum stored by name alone.</summary>
[StarRocksTable("sink", "ticket_states", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record SinkTicketStateRow
{
    [StarRocksKey(0), StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public required SinkTicketState State { get; init; }
    [StarRocksColumn(Length = 40)] public string? Label { get; init; }
}

/// <summary>A PRIMARY KEY table with a VARBINARY(4) column: CSV carries base64, JSON loads decode it with <c>from_base64</c> in the columns header.</summary>
[StarRocksTable("sink", "blobs", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record SinkBlob
{
    [StarRocksKey(0)] public required long Id { get; init; }
    [StarRocksColumn(Length = 4)] public byte[]? Data { get; init; }
}
