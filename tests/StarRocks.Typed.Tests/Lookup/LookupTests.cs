using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Lookup;
using StarRocks.Typed.Tests.Loading;
using StarRocks.Typed.Tests.Sink;
using StarRocks.Typed.Tests.Source;

namespace StarRocks.Typed.Tests.Lookup;

[Collection(SinkStandInCollection.Name)]
public sealed class LookupTests(SinkStandInFixture fixture)
{
    private readonly ManualTimeProvider _time = new();

    private async Task<ReadTestContext> StartAsync(Action<StarRocksReadOptions>? reads = null, ManualTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var context = await ReadTestContext.StartAsync(fixture, o =>
        {
            o.LookupCacheTtl = TimeSpan.FromSeconds(10);
            o.LookupCacheMissTtl = TimeSpan.FromSeconds(2);
            reads?.Invoke(o);
        }, time ?? _time, services);
        await context.ExecuteOnMariaDbAsync("INSERT INTO `{db}`.`customers` VALUES " +
            string.Join(", ", Enumerable.Range(1, 200).Select(i => $"({i}, 'customer {i}', '{(i % 2 == 0 ? "gold" : "basic")}')")));
        await context.ExecuteOnMariaDbAsync("INSERT INTO `{db}`.`prices` VALUES (timestamp('2026-11-01'), 7, 1.50), (timestamp('2026-11-02'), 7, 2.25)");
        return context;
    }

    [Fact]
    public async Task Hit_miss_and_ttl_expiry()
    {
        await using var context = await StartAsync();
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();

        Assert.Equal(new LookupCustomer { CustomerId = 5, Name = "customer 5", Tier = "basic" }, await lookup.GetAsync(5));
        var hit = lookup.GetAsync(5);
        Assert.True(hit.IsCompletedSuccessfully);
        Assert.Single(context.StatementsOn("customers"));

        await context.ExecuteOnMariaDbAsync("UPDATE `{db}`.`customers` SET name = 'renamed' WHERE customer_id = 5");
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("customer 5", (await lookup.GetAsync(5))!.Name);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("renamed", (await lookup.GetAsync(5))!.Name);
        Assert.Equal(2, context.StatementsOn("customers").Count);
    }

    [Fact]
    public async Task Misses_are_cached_for_the_miss_ttl()
    {
        await using var context = await StartAsync();
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();

        Assert.Null(await lookup.GetAsync(9999));
        await context.ExecuteOnMariaDbAsync("INSERT INTO `{db}`.`customers` VALUES (9999, 'late', NULL)");
        Assert.Null(await lookup.GetAsync(9999));
        Assert.Single(context.StatementsOn("customers"));

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("late", (await lookup.GetAsync(9999))!.Name);
    }

    [Fact]
    public async Task Invalidation_forgets_one_key_or_all()
    {
        await using var context = await StartAsync();
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();
        await lookup.GetManyAsync([1, 2]);
        await context.ExecuteOnMariaDbAsync("UPDATE `{db}`.`customers` SET tier = 'new' WHERE customer_id IN (1, 2)");

        lookup.Invalidate(1);
        Assert.Equal("new", (await lookup.GetAsync(1))!.Tier);
        Assert.Equal("gold", (await lookup.GetAsync(2))!.Tier);
        lookup.InvalidateAll();
        Assert.Equal("new", (await lookup.GetAsync(2))!.Tier);
        Assert.Equal(3, context.StatementsOn("customers").Count);
    }

    [Fact]
    public async Task Composite_keys_are_looked_up_by_value_tuple()
    {
        await using var context = await StartAsync();
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupPrice, (DateOnly Day, int Sku)>>();

        var found = await lookup.GetManyAsync([(new DateOnly(2026, 11, 2), 7), (new DateOnly(2026, 11, 3), 7), (new DateOnly(2026, 11, 1), 7)]);

        Assert.Equal(2, found.Count);
        Assert.Equal(2.25m, found[(new DateOnly(2026, 11, 2), 7)].Price);
        var statement = Assert.Single(context.StatementsOn("prices"));
        // StarRocks parses no row constructor before an IN list: per-column IN lists, then the key combinations. MySqlConnector
        // sends a DateOnly as timestamp('…'), a function StarRocks has (sql-functions/date-time-functions/timestamp.md).
        Assert.Equal(" WHERE `day` IN (timestamp('2026-11-02'), timestamp('2026-11-03'), timestamp('2026-11-01')) AND `sku` IN (7) AND (((`day` = timestamp('2026-11-02') AND `sku` = 7) OR (`day` = timestamp('2026-11-03') AND `sku` = 7)) OR (`day` = timestamp('2026-11-01') AND `sku` = 7))", statement[statement.IndexOf(" WHERE", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Composite_keys_beyond_expr_children_limit_are_split_into_statements_the_strict_proxy_accepts()
    {
        await using var context = await StartAsync(o => o.LookupBatchMaxKeys = 10_000);
        const int rows = 12_000;
        var firstDay = new DateOnly(2026, 1, 1);
        await InsertInChunksAsync(context, "prices", Enumerable.Range(0, rows).Select(i => $"('{firstDay.AddDays(i / 100):yyyy-MM-dd}', {i % 100}, {i}.25)"));
        await InsertInChunksAsync(context, "regional_prices", Enumerable.Range(0, rows).Select(i => $"('r{i % 3}', '{firstDay.AddDays(i / 300):yyyy-MM-dd}', {i % 100}, {i}.5)"));
        var prices = context.Services.GetRequiredService<IStarRocksLookup<LookupPrice, (DateOnly Day, int Sku)>>();
        var regional = context.Services.GetRequiredService<IStarRocksLookup<LookupRegionalPrice, (string Region, DateOnly Day, int Sku)>>();

        // 500 keys more than stored: the misses share day and sku values with stored rows but not the combination.
        var priceKeys = Enumerable.Range(0, rows + 500).Select(i => (firstDay.AddDays(i / 100), (i % 100) + (i >= rows ? 100 : 0))).ToArray();
        var regionalKeys = Enumerable.Range(0, rows + 500).Select(i => (i >= rows ? "r9" : $"r{i % 3}", firstDay.AddDays(i / 300), i % 100)).ToArray();
        var foundPrices = await prices.GetManyAsync(priceKeys);
        var foundRegional = await regional.GetManyAsync(regionalKeys);

        Assert.Equal(rows, foundPrices.Count);
        Assert.Equal(rows, foundRegional.Count);
        Assert.All(Enumerable.Range(0, rows), i => Assert.Equal(i + 0.25m, foundPrices[priceKeys[i]].Price));
        Assert.All(Enumerable.Range(0, rows), i => Assert.Equal(i + 0.5m, foundRegional[regionalKeys[i]].Price));
        Assert.Equal(2, context.StatementsOn("prices").Count);
        Assert.Equal(2, context.StatementsOn("regional_prices").Count);
    }

    private static async Task InsertInChunksAsync(ReadTestContext context, string table, IEnumerable<string> rows)
    {
        foreach (var chunk in rows.Chunk(2_000))
        {
            await context.ExecuteOnMariaDbAsync($"INSERT INTO `{{db}}`.`{table}` VALUES {string.Join(", ", chunk)}");
        }
    }

    [Fact]
    public async Task Concurrent_misses_are_coalesced_into_at_most_two_round_trips()
    {
        // A 50 ms window: the 1000 thread-pool lookups must not outlast it on a loaded 2-core machine (2 ms did, rarely).
        await using var context = await StartAsync(o => o.LookupBatchWindow = TimeSpan.FromMilliseconds(50));
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();

        var lookups = Enumerable.Range(0, 1000).Select(i => Task.Run(async () => await lookup.GetAsync(i % 100 + 1))).ToArray();
        var rows = await Task.WhenAll(lookups);

        Assert.All(rows.Select((row, i) => (row, i)), x => Assert.Equal(x.i % 100 + 1, x.row!.CustomerId));
        Assert.InRange(context.StatementsOn("customers").Count, 1, 2);
    }

    [Fact]
    public async Task Disabled_cache_queries_every_time()
    {
        await using var context = await StartAsync(o => o.LookupCacheEnabled = false);
        var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();

        await lookup.GetAsync(1);
        await lookup.GetAsync(1);

        Assert.Equal(2, context.StatementsOn("customers").Count);
    }

    [Fact]
    public async Task Preload_holds_the_whole_table_and_reloads_it_every_ttl_on_a_timer_not_on_access()
    {
        var time = new ManualTimeProvider(manualTimers: true);
        var logs = new CollectingLoggerFactory();
        var context = await StartAsync(o => o.LookupPreload = true, time, services => services.AddSingleton<ILoggerFactory>(logs));
        await using (context)
        {
            var lookup = context.Services.GetRequiredService<IStarRocksLookup<LookupCustomer, long>>();
            Assert.Equal("customer 7", (await lookup.GetAsync(7))!.Name);
            Assert.Null(await lookup.GetAsync(5000));
            Assert.Equal(200, (await lookup.GetManyAsync(Enumerable.Range(1, 300).Select(i => (long)i))).Count);
            Assert.Single(context.StatementsOn("customers"));

            // A changed and an added row appear after the TTL, reloaded by the timer: no access is made until the query ran.
            await context.ExecuteOnMariaDbAsync("UPDATE `{db}`.`customers` SET name = 'renamed' WHERE customer_id = 7");
            await context.ExecuteOnMariaDbAsync("INSERT INTO `{db}`.`customers` VALUES (5000, 'new', NULL)");
            time.Advance(TimeSpan.FromSeconds(9));
            Assert.Single(context.StatementsOn("customers"));
            time.Advance(TimeSpan.FromSeconds(2));
            await WaitUntilAsync(() => Task.FromResult(context.StatementsOn("customers").Count == 2));
            await WaitUntilAsync(async () => (await lookup.GetAsync(7))?.Name == "renamed");
            Assert.Equal("new", (await lookup.GetAsync(5000))!.Name);
            Assert.Equal(2, context.StatementsOn("customers").Count); // accesses never query

            // A failed reload is logged; the previous rows stay in use until a reload succeeds.
            await context.ExecuteOnMariaDbAsync("RENAME TABLE `{db}`.`customers` TO `{db}`.`customers_away`");
            time.Advance(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => Task.FromResult(logs.Messages.Any(m => m.Contains("Preloading customers failed", StringComparison.Ordinal))));
            Assert.Equal("renamed", (await lookup.GetAsync(7))!.Name);
            await context.ExecuteOnMariaDbAsync("RENAME TABLE `{db}`.`customers_away` TO `{db}`.`customers`");
            await context.ExecuteOnMariaDbAsync("DELETE FROM `{db}`.`customers` WHERE customer_id = 5000");
            time.Advance(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(async () => await lookup.GetAsync(5000) is null);
        }

        // Disposing the lookup (with the container) stops the timer: time passing queries nothing.
        var queries = context.StatementsOn("customers").Count;
        Assert.Equal(0, time.ActiveTimers);
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(300);
        Assert.Equal(queries, context.StatementsOn("customers").Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 250; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("The condition did not become true within 5 s.");
    }
}
