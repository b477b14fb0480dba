using StarRocks.Typed.Samples.Orders.Models;

namespace StarRocks.Typed.Samples.Orders;

/// <summary>Deterministic, realistic rows for the sample tables: the same seed yields the same rows.</summary>
internal sealed class SampleData(int seed)
{
    private static readonly string[] Cities = ["Berlin", "São Paulo", "Zürich", "東京", "Kraków", "Reykjavík", "New York", "Lagos"];
    private static readonly string[] Statuses = ["created", "paid", "packed"];
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The sum of <see cref="DailyMetric.Orders"/> over one call of <see cref="Metrics"/>.</summary>
    public long MetricOrders { get; private set; }

    public IEnumerable<Customer> Customers(int count)
    {
        var random = new Random(seed);
        for (var id = 1; id <= count; id++)
        {
            yield return new Customer
            {
                CustomerId = id,
                Name = $"Customer \"{id}\"\tof {Cities[id % Cities.Length]}",
                City = id % 10 == 0 ? null : Cities[random.Next(Cities.Length)],
                Tier = id % 7 == 0 ? "gold" : "standard",
                Since = DateOnly.FromDateTime(Start).AddDays(-random.Next(3650)),
            };
        }
    }

    public IEnumerable<Order> Orders(int count)
    {
        var random = new Random(seed);
        for (long id = 1; id <= count; id++)
        {
            var amount = Math.Round((decimal)random.NextDouble() * 500m + 1m, 2);
            yield return new Order
            {
                OrderId = id,
                OrderDate = Start.AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 30) / 10 * 10),
                CustomerId = 1 + random.Next(1_000),
                Status = Statuses[random.Next(Statuses.Length)],
                Amount = amount,
                Discount = id % 5 == 0 ? Math.Round(amount * 0.1m, 2) : null,
                Currency = "EUR",
                ItemCount = 1 + random.Next(12),
                Weight = id % 3 == 0 ? null : Math.Round(random.NextDouble() * 20, 3),
                ShippingCity = Cities[random.Next(Cities.Length)],
                ShippedAt = null,
                Note = id % 50 == 0 ? "leave at the door, ring twice\nthanks" : null,
            };
        }
    }

    public IEnumerable<OrderEvent> Events(int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return new OrderEvent
            {
                OccurredAt = Start.AddSeconds(random.Next(30 * 86_400)),
                OrderId = 1 + random.Next(100_000),
                Kind = (OrderEventKind)random.Next(5),
                CorrelationId = i % 4 == 0 ? null : new Guid(random.Next(), 0, 0, new byte[8]),
                Tags = i % 3 == 0 ? ["web", "promo"] : null,
                Payload = i % 2 == 0 ? $$"""{"attempt":{{i % 3}},"source":"sample"}""" : null,
            };
        }
    }

    public IEnumerable<DailyMetric> Metrics(int count)
    {
        var random = new Random(seed);
        MetricOrders = 0;
        for (var i = 0; i < count; i++)
        {
            var orders = 1 + random.Next(100);
            MetricOrders += orders;
            yield return new DailyMetric
            {
                Day = DateOnly.FromDateTime(Start).AddDays(i % 30),
                City = Cities[(i / 30) % Cities.Length] + $" #{i / 240}",
                Orders = orders,
                Revenue = orders * 12.5m,
                LargestOrder = 99.99m,
                LastOrderAt = Start.AddDays(i % 30).AddHours(23),
            };
        }
    }
}
