namespace StarRocks.Typed.Samples.Orders.Models;

/// <summary>The orders fact table: one row per order, upserted as the order changes.</summary>
[StarRocksTable("shop", "orders", Kind = StarRocksTableKind.PrimaryKey, Comment = "Orders, one row per order")]
[StarRocksPartitionBy("date_trunc('day', order_date)")]
[StarRocksHashDistribution(nameof(OrderId), Buckets = 8)]
[StarRocksOrderBy(nameof(CustomerId))]
[StarRocksProperty("replication_num", "1")]
public sealed partial record Order
{
    [StarRocksKey(0)] public required long OrderId { get; init; }
    [StarRocksKey(1)] public required DateTime OrderDate { get; init; }
    public required long CustomerId { get; init; }
    [StarRocksColumn(Length = 32)] public required string Status { get; init; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public required decimal Amount { get; init; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public decimal? Discount { get; init; }
    [StarRocksColumn(Length = 3, FixedLength = true)] public required string Currency { get; init; }
    public required int ItemCount { get; init; }
    public double? Weight { get; init; }
    [StarRocksColumn(Length = 200)] public string? ShippingCity { get; init; }
    public DateTime? ShippedAt { get; init; }
    [StarRocksColumn(Comment = "Free text entered by the customer")] public string? Note { get; init; }
}
