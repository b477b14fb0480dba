using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MySqlConnector;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.Cdc.Kafka;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>
/// The CDC sample's recorded Debezium stream (MySQL schema history, snapshot reads, inserts, updates, deletes with their
/// tombstones, an ALTER TABLE ADD COLUMN in the middle of the data) through the file replay, the Debezium decoder and
/// the CDC sink into the stand-in, replayed twice with a restart in between.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class DebeziumReplayTests(SinkStandInFixture fixture)
{
    private static readonly string[] Customers =
    [
        "1001|Sally|Thomas|sally.thomas@acme.com|+1-555-0101",
        "1002|George|Bailey|gbailey@foobar.com|NULL",
        "1004|Anne Marie|Kretchmar|annek@noanswer.org|NULL",
        "1005|Sarah|Connor|sarah@cyberdyne.com|NULL",
        "1006|Kyle|Reese|kyle@resistance.org|+1-555-0100",
    ];

    private static readonly string[] Orders =
    [
        "10001|2016-01-16|1001|1|102|19.99|created",
        "10002|2016-01-17|1002|2|105|45.50|shipped",
        "10004|2016-02-21|1003|1|107|125.99|created",
        "10005|2016-04-09|1006|3|109|-5.00|cancelled",
    ];

    [Fact]
    public async Task The_recorded_stream_replayed_twice_leaves_the_source_final_state_column_for_column()
    {
        var harness = new CdcSinkHarness(fixture, CdcSinkHarness.NewDatabase("cdc_debezium"));
        var recorded = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Cdc", "inventory.jsonl"));
        var stream = Encoding.UTF8.GetBytes(recorded.Replace("inventory", harness.Database, StringComparison.Ordinal));

        for (var run = 0; run < 2; run++)
        {
            var (services, sink) = harness.Start();
            await using (services)
            {
                var replayed = await ChangeStreamFile.ReplayAsync(new MemoryStream(stream), new DebeziumChangeStreamTarget(sink));
                Assert.Equal(recorded.Count(c => c == '\n'), replayed);
            }

            Assert.Equal(
                ["id|int", "first_name|varchar(765)", "last_name|varchar(765)", "email|varchar(765)", "phone|varchar(96)"],
                await harness.ColumnsAsync("customers"));
            Assert.Equal(Customers, await harness.RowsAsync("customers", "id, first_name, last_name, email, phone"));
            Assert.Equal(Orders, await harness.RowsAsync("orders", "order_number, DATE_FORMAT(order_date, '%Y-%m-%d'), purchaser, quantity, product_id, amount, status"));
        }
    }

    [Fact]
    public async Task The_recorded_stream_from_a_Kafka_topic_lands_through_the_hosted_consumer_and_its_offsets_are_committed_on_stop()
    {
        var harness = new CdcSinkHarness(fixture, CdcSinkHarness.NewDatabase("cdc_kafka"));
        var recorded = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Cdc", "inventory.jsonl"));
        var messages = recorded.Replace("inventory", harness.Database, StringComparison.Ordinal).Split('\n')[..^1];
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("dbserver1.inventory", partition: 0, messages);

        await using var services = new ServiceCollection().AddLogging()
            .AddStarRocks(fixture.Options(harness.Database))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .AddCdcSink()
            .AddKafkaChangeStream(new KafkaChangeStreamOptions
            {
                Consumer = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "cdc", AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000 },
                Topics = ["dbserver1.inventory"],
                CheckpointInterval = TimeSpan.FromMilliseconds(200),
            })
            .Services.BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        // Until both tables hold the source's final state: the orders' count alone is already final after the snapshot
        // (a delete and an insert follow), and the checkpoint before the ADD COLUMN loads those orders before it runs.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !await FinalStateAsync(harness))
        {
            await Task.Delay(100);
        }

        for (var i = hosted.Count - 1; i >= 0; i--)
        {
            await hosted[i].StopAsync(CancellationToken.None);
        }

        Assert.Equal(Customers, await harness.RowsAsync("customers", "id, first_name, last_name, email, phone"));
        Assert.Equal(Orders, await harness.RowsAsync("orders", "order_number, DATE_FORMAT(order_date, '%Y-%m-%d'), purchaser, quantity, product_id, amount, status"));
        Assert.Equal(messages.Length, kafka.Committed("cdc", "dbserver1.inventory", 1)[0]);
    }

    private static async Task<bool> FinalStateAsync(CdcSinkHarness harness)
    {
        try
        {
            return (await harness.RowsAsync("customers", "id, first_name, last_name, email, phone")).SequenceEqual(Customers)
                && (await harness.RowsAsync("orders", "order_number, DATE_FORMAT(order_date, '%Y-%m-%d'), purchaser, quantity, product_id, amount, status")).SequenceEqual(Orders);
        }
        catch (MySqlException) // a table or the added column is not there yet
        {
            return false;
        }
    }
}
