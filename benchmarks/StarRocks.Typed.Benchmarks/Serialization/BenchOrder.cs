namespace StarRocks.Typed.Benchmarks.Serialization;

/// <summary>The 12-column orders row of the sample (samples/…/Models/Order.cs); its writers are generated.</summary>
[StarRocksTable("bench", "orders", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial class BenchOrder
{
    [StarRocksKey(0)] public long OrderId { get; set; }
    [StarRocksKey(1)] public DateTime OrderDate { get; set; }
    public long CustomerId { get; set; }
    [StarRocksColumn(Length = 32)] public string Status { get; set; } = "";
    [StarRocksColumn(Precision = 18, Scale = 2)] public decimal Amount { get; set; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public decimal? Discount { get; set; }
    [StarRocksColumn(Length = 3, FixedLength = true)] public string Currency { get; set; } = "";
    public int ItemCount { get; set; }
    public double? Weight { get; set; }
    [StarRocksColumn(Length = 200)] public string? ShippingCity { get; set; }
    public DateTime? ShippedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// <paramref name="count"/> realistic orders (fixed seed): a third without discount, a fifth without weight, half not
    /// shipped, some non-ASCII cities. Timestamps always carry microseconds, so every writer prints six fractional digits.
    /// </summary>
    public static BenchOrder[] Create(int count)
    {
        var random = new Random(42);
        string[] statuses = ["created", "paid", "shipped", "delivered", "cancelled"];
        string[] cities = ["Berlin", "Amsterdam", "São Paulo", "Zürich", "New York", "Shanghai"];
        var start = new DateTime(2024, 1, 1);
        DateTime Timestamp() => start.AddSeconds(random.Next(0, 365 * 86400)).AddTicks(random.Next(1, 1_000_000) * 10);
        return [.. Enumerable.Range(0, count).Select(i => new BenchOrder
        {
            OrderId = 1_000_000 + i,
            OrderDate = Timestamp(),
            CustomerId = random.Next(1, 100_000),
            Status = statuses[random.Next(statuses.Length)],
            Amount = Math.Round((decimal)(random.NextDouble() * 1000), 2),
            Discount = i % 3 == 0 ? null : Math.Round((decimal)(random.NextDouble() * 50), 2),
            Currency = "EUR",
            ItemCount = random.Next(1, 20),
            Weight = i % 5 == 0 ? null : Math.Round(random.NextDouble() * 30, 3),
            ShippingCity = i % 7 == 0 ? null : cities[random.Next(cities.Length)],
            ShippedAt = i % 2 == 0 ? null : Timestamp(),
            Note = i % 4 == 0 ? "Please ring twice" : null,
        })];
    }
}
