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
