using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Lookup;
using StarRocks.Typed.Samples.Orders.Models;

namespace StarRocks.Typed.Samples.Enrichment;

/// <summary>An order joined with its customer (null when the customer is unknown).</summary>
internal sealed record EnrichedOrder(Order Order, Customer? Customer);

/// <summary>
/// Consumes incoming orders (here: generated), enriches each with its customer through the lookup (cached, misses
/// coalesced into batched queries) and prints the enriched rows; stops the host when the stream ends.
/// </summary>
internal sealed class EnrichmentWorker(IStarRocksLookup<Customer, long> customers, IHostApplicationLifetime lifetime) : BackgroundService
{
    private const int OrderCount = 2_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enriched = 0;
        var unknown = 0;
        await foreach (var order in IncomingOrdersAsync(stoppingToken))
        {
            var row = new EnrichedOrder(order, await customers.GetAsync(order.CustomerId, stoppingToken));
            enriched++;
            unknown += row.Customer is null ? 1 : 0;
            if (enriched <= 10 || enriched % 500 == 0)
            {
                Console.WriteLine($"order {order.OrderId,5} {order.Amount,8:F2} {order.Currency} → customer {order.CustomerId,4}: " +
                    (row.Customer is { } c ? $"{c.Name} ({c.Tier}, {c.City ?? "-"})" : "unknown"));
            }
        }

        Console.WriteLine($"enriched {enriched:N0} orders, {unknown:N0} with an unknown customer");
        lifetime.StopApplication();
    }

    /// <summary>Orders as a message consumer would see them: 120 customer ids, of which 100 exist.</summary>
    private static async IAsyncEnumerable<Order> IncomingOrdersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var random = new Random(7);
        for (var i = 1; i <= OrderCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new Order
            {
                OrderId = i,
                OrderDate = new DateTime(2026, 11, 1).AddMinutes(i),
                CustomerId = random.Next(1, 121),
                Status = "created",
                Amount = Math.Round((decimal)(random.NextDouble() * 500), 2),
                Currency = "EUR",
                ItemCount = random.Next(1, 6),
            };
            if (i % 100 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
