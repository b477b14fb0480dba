namespace StarRocks.Typed.Samples.Orders.Models;

/// <summary>Per-day, per-city sales metrics, combined by StarRocks as rows arrive.</summary>
[StarRocksTable("shop", "daily_metrics", Kind = StarRocksTableKind.AggregateKey)]
[StarRocksHashDistribution(nameof(Day), nameof(City))]
[StarRocksProperty("replication_num", "1")]
public sealed partial record DailyMetric
{
    [StarRocksKey(0)] public required DateOnly Day { get; init; }
    [StarRocksKey(1), StarRocksColumn(Length = 200)] public required string City { get; init; }
    [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public required long Orders { get; init; }
    [StarRocksColumn(Aggregate = StarRocksAggregate.Sum, Precision = 20, Scale = 2)] public required decimal Revenue { get; init; }
    [StarRocksColumn(Aggregate = StarRocksAggregate.Max, Precision = 18, Scale = 2)] public required decimal LargestOrder { get; init; }
    [StarRocksColumn(Aggregate = StarRocksAggregate.Replace)] public required DateTime LastOrderAt { get; init; }
}
