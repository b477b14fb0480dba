namespace StarRocks.Typed.Samples.Orders.Models;

/// <summary>The customer dimension, used to enrich orders.</summary>
[StarRocksTable("shop", "customers", Kind = StarRocksTableKind.PrimaryKey)]
[StarRocksHashDistribution(nameof(CustomerId))]
[StarRocksProperty("replication_num", "1")]
public sealed partial record Customer
{
    [StarRocksKey(0)] public required long CustomerId { get; init; }
    [StarRocksColumn(Length = 100)] public required string Name { get; init; }
    [StarRocksColumn(Length = 200)] public string? City { get; init; }
    [StarRocksColumn(Length = 16)] public required string Tier { get; init; }
    public required DateOnly Since { get; init; }
}
