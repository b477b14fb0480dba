// The CDC sample: replays a recorded Debezium change stream (JSON lines, as Kafka Connect's JsonConverter writes
// them: the MySQL connector's schema history and data change events of the `inventory` database) into the StarRocks
// stand-in through the CDC sink, then prints the tables it created and their rows.
//
//   dotnet run --project samples/StarRocks.Typed.Samples.Cdc [-- path/to/changes.jsonl]
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Samples.Orders;

var file = args.FirstOrDefault() ?? Path.Combine(AppContext.BaseDirectory, "inventory.jsonl");

await using var standIn = await StandInConnection.StartOrAttachAsync();
Console.WriteLine($"StarRocks stand-in: FE {standIn.FeHttp}, MySQL {standIn.MySql}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["StarRocks:load-url"] = standIn.FeHttp,
    ["StarRocks:jdbc-url"] = $"jdbc:mysql://{standIn.MySql}",
    ["StarRocks:username"] = standIn.User,
    ["StarRocks:password"] = standIn.Password,
    ["StarRocks:table.create.properties.fast_schema_evolution"] = "true",
});
builder.Services.AddStarRocks(builder.Configuration.GetSection("StarRocks")).AddCdcSink();

using var host = builder.Build();
await host.StartAsync();

// Debezium's JSON messages → the CDC sink: CREATE and ALTER create and change tables, rows load as JSON with __op.
var target = new DebeziumChangeStreamTarget(host.Services.GetRequiredService<ICdcEventSink>());
var messages = await ChangeStreamFile.ReplayAsync(file, target);
Console.WriteLine($"replayed {messages} messages from {Path.GetFileName(file)}");

var dataSource = host.Services.GetRequiredKeyedService<DbDataSource>(StarRocksBuilder.DataSourceKey);
await using (var tables = dataSource.CreateCommand(
    "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA = 'inventory' ORDER BY TABLE_NAME"))
await using (var reader = await tables.ExecuteReaderAsync())
{
    var names = new List<(string Database, string Table)>();
    while (await reader.ReadAsync())
        names.Add((reader.GetString(0), reader.GetString(1)));
    foreach (var (database, table) in names)
        Console.WriteLine($"{database}.{table}: {await dataSource.ScalarAsync($"SELECT COUNT(*) FROM `{database}`.`{table}`")} rows");
}

await host.StopAsync();
