// The enrichment sample: starts the StarRocks stand-in in-process, loads the customer dimension through the typed sink,
// then a hosted worker enriches incoming orders with their customer through IStarRocksLookup and prints them.
//
//   dotnet run --project samples/StarRocks.Typed.Samples.Enrichment
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Samples.Enrichment;
using StarRocks.Typed.Samples.Orders.Models;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

var standIn = await StarRocksStandIn.StartAsync(new StandInOptions());
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["StarRocks:load-url"] = standIn.FeHttp.ToString(),
        ["StarRocks:jdbc-url"] = $"jdbc:mysql://{standIn.MySql}",
        ["StarRocks:username"] = standIn.User,
        ["StarRocks:password"] = standIn.Password,
        ["StarRocks:lookup.cache.ttl-ms"] = "60000",
        ["StarRocks:lookup.cache.max-rows"] = "10000",
    });
    var section = builder.Configuration.GetSection("StarRocks");
    builder.Services.AddStarRocks(section)
        .AddSink<Customer>()
        .AddLookup<long, Customer>()
        .CheckSchemaOnStart<Customer>(failOnDrift: true);
    builder.Services.AddHostedService<EnrichmentWorker>();
    using var host = builder.Build();

    // The dimension: 100 customers, created from the generated DDL and loaded with the typed sink.
    await host.Services.GetRequiredService<IStarRocksSchema>().EnsureTableAsync<Customer>();
    var sink = host.Services.GetRequiredService<IStarRocksSink<Customer>>();
    for (var id = 1; id <= 100; id++)
    {
        await sink.WriteAsync(new Customer
        {
            CustomerId = id,
            Name = $"Customer {id}",
            City = (id % 3) switch { 1 => "Lisbon", 2 => "Osaka", _ => null },
            Tier = id % 10 == 0 ? "gold" : "standard",
            Since = new DateOnly(2020, 1, 1).AddDays(id),
        });
    }

    await sink.FlushAsync();
    await host.RunAsync();
}
finally
{
    await standIn.DisposeAsync();
    await MariaDbServer.StopSharedAsync();
}
