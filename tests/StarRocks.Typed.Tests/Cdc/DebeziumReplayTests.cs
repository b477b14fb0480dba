using System.Text;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
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
}
