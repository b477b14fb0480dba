namespace StarRocks.Typed.Samples.Orders.Models;

/// <summary>What happened to an order, kept as an append-only log.</summary>
[StarRocksTable("shop", "order_events")]
[StarRocksPartitionBy("date_trunc('day', occurred_at)")]
[StarRocksRandomDistribution]
[StarRocksProperty("replication_num", "1")]
public sealed partial record OrderEvent
{
    [StarRocksKey(0)] public required DateTime OccurredAt { get; init; }
    [StarRocksKey(1)] public required long OrderId { get; init; }
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public required OrderEventKind Kind { get; init; }
    public Guid? CorrelationId { get; init; }
    public string[]? Tags { get; init; }
    [StarRocksColumn(Json = true)] public string? Payload { get; init; }
}

/// <summary>Kinds of order events.</summary>
public enum OrderEventKind
{
    Created,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
}
