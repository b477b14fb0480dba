// The orders sample, end to end: starts the StarRocks stand-in (or uses the one standin.sh started), creates the
// sample tables from their generated DDL, writes orders through the typed sink, upserts and deletes some, and reads
// the counts back over the MySQL protocol.
//
//   dotnet run --project samples/StarRocks.Typed.Samples.Orders [-- --rows 1000000]
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Samples.Orders;
using StarRocks.Typed.Samples.Orders.Models;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;

var rowCount = SampleArguments.RowCount(args, defaultRows: 1_000_000);

await using var standIn = await StandInConnection.StartOrAttachAsync();
Console.WriteLine($"StarRocks stand-in: FE {standIn.FeHttp}, MySQL {standIn.MySql}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["StarRocks:load-url"] = standIn.FeHttp,
    ["StarRocks:jdbc-url"] = $"jdbc:mysql://{standIn.MySql}",
    ["StarRocks:username"] = standIn.User,
    ["StarRocks:password"] = standIn.Password,
});
builder.Services.AddStarRocks(builder.Configuration.GetSection("StarRocks")) // jdbc-url gives the schema its data source
    .AddSinks(StarRocksTables.Visit);

using var host = builder.Build();
await host.StartAsync();

var schema = host.Services.GetRequiredService<IStarRocksSchema>();
foreach (var table in StarRocksTables.All)
{
    await schema.EnsureTableAsync(table);
    Console.WriteLine($"created {table.Database}.{table.Table} ({table.Kind}, {table.Columns.Length} columns)");
}

var data = new SampleData(seed: 42);
var customers = host.Services.GetRequiredService<IStarRocksSink<Customer>>();
await customers.WriteAsync(data.Customers(1_000));
await customers.FlushAsync();

// Write the orders: the sink buffers, serializes with the generated CSV writer and loads with Stream Load.
var orders = host.Services.GetRequiredService<IStarRocksSink<Order>>();
var clock = Stopwatch.StartNew();
await orders.WriteAsync(data.Orders(rowCount));
await orders.FlushAsync();
clock.Stop();
Console.WriteLine($"wrote {rowCount:N0} orders in {clock.Elapsed.TotalSeconds:F1} s = {rowCount / clock.Elapsed.TotalSeconds:N0} rows/s");

// Upsert some (they ship) and delete others by key, mixed in one batch through __op.
var shipped = Math.Min(10_000, rowCount / 2);
var deleted = Math.Min(1_000, rowCount / 4);
foreach (var order in data.Orders(shipped))
    await orders.WriteAsync(order with { Status = "shipped", ShippedAt = order.OrderDate.AddDays(1) });
foreach (var order in data.Orders(rowCount).Skip(rowCount - deleted))
    await orders.DeleteByKeyAsync(Order.GetKey(order));
await orders.FlushAsync();

var events = host.Services.GetRequiredService<IStarRocksSink<OrderEvent>>();
await events.WriteAsync(data.Events(5_000));
var metrics = host.Services.GetRequiredService<IStarRocksSink<DailyMetric>>();
await metrics.WriteAsync(data.Metrics(2_000));
await metrics.WriteAsync(data.Metrics(2_000)); // the same keys again: AGGREGATE KEY sums them
await events.FlushAsync();
await metrics.FlushAsync();

// Count through the data source AddStarRocks built from jdbc-url.
var dataSource = host.Services.GetRequiredKeyedService<DbDataSource>(StarRocksBuilder.DataSourceKey);
Console.WriteLine($"orders:        {await dataSource.ScalarAsync("SELECT COUNT(*) FROM `shop`.`orders`"):N0} (expected {rowCount - deleted:N0})");
Console.WriteLine($"shipped:       {await dataSource.ScalarAsync("SELECT COUNT(*) FROM `shop`.`orders` WHERE `status` = 'shipped'"):N0} (expected {shipped:N0})");
Console.WriteLine($"customers:     {await dataSource.ScalarAsync("SELECT COUNT(*) FROM `shop`.`customers`"):N0}");
Console.WriteLine($"order events:  {await dataSource.ScalarAsync("SELECT COUNT(*) FROM `shop`.`order_events`"):N0}");
Console.WriteLine($"metric orders: {await dataSource.ScalarAsync("SELECT SUM(`orders`) FROM `shop`.`daily_metrics`"):N0} (2 × {data.MetricOrders:N0})");

await host.StopAsync();
