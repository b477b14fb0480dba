using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MySqlConnector;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.Cdc.Kafka;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.Tests.Sink;
using static StarRocks.Typed.Tests.Cdc.DebeziumMessages;
using static StarRocks.Typed.Tests.Cdc.DebeziumTableChangesTests;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>
/// Schemaless Debezium streams (JsonConverter schemas.enable=false) across restarts of the Kafka loop, over the mock
/// cluster and the stand-in: a process restart learns the schemas from the schema-change topic, and a restart after a
/// failure right after a schema change resumes after that change.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class KafkaRestartTests(SinkStandInFixture fixture)
{
    private const string DataTopic = "shop.shop.orders";
    private const string SchemaTopic = "shop";

    private static KafkaChangeStreamOptions Options(MockKafkaCluster kafka, string group, bool exactlyOnce, params string[] schemaChangeTopics) => new()
    {
        ExactlyOnce = exactlyOnce,
        Consumer = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000, HeartbeatIntervalMs = 500 },
        Topics = [DataTopic],
        SchemaChangeTopics = schemaChangeTopics,
        CheckpointInterval = TimeSpan.FromMilliseconds(200),
        MaxRestarts = 0, // any failure fails the test
        RestartDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Checkpoints every 5 messages (and after schema changes) only; a failure restarts the loop once.</summary>
    private static KafkaChangeStreamOptions EveryFiveMessages(MockKafkaCluster kafka, string group) => new()
    {
        Consumer = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000, HeartbeatIntervalMs = 500 },
        Topics = [DataTopic],
        CheckpointMessages = 5,
        CheckpointInterval = TimeSpan.FromMinutes(10),
        MaxRestarts = 1,
        RestartDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A schema-change topic record of <c>database.orders</c>.</summary>
    private static string SchemaChange(string database, string type, string ddl, params string[] columns)
        => SchemaChangeTopic(ddl, Change(type, string.Join(",", columns), id: $"\\\"{database}\\\".\\\"orders\\\""));

    /// <summary>A schemaless data change event of <c>database.orders</c>.</summary>
    private static string Row(string database, string op, string? before, string? after)
        => Payload(op, before, after, MySqlSource.Replace("\"db\":\"shop\"", $"\"db\":\"{database}\"", StringComparison.Ordinal));

    private static async Task Until(Func<Task<bool>> done, Task run, string what, Func<string>? progress = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            if (run.IsCompleted)
            {
                await run; // its failure
                Assert.Fail($"the loop stopped before {what}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within 60 s: {what} ({progress?.Invoke()})");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> Succeeds(Func<Task<bool>> query)
    {
        try
        {
            return await query();
        }
        catch (MySqlException) // the table is not created yet
        {
            return false;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // resuming from the checkpoint journal's offsets
    public async Task After_a_process_restart_schemaless_rows_load_with_the_schemas_learned_from_the_schema_change_topic(bool exactlyOnce)
    {
        var harness = new CdcSinkHarness(fixture, CdcSinkHarness.NewDatabase("cdc_learn"));
        var journal = SinkStandInFixture.NewJournalPath();
        Action<StarRocks.Typed.Configuration.StarRocksOptions>? semantic = exactlyOnce ? o => SinkStandInFixture.ExactlyOnce(o, journal) : null;
        var db = harness.Database;
        using var kafka = new MockKafkaCluster();
        string[] created = [Column("id", "BIGINT", 1, optional: false), Column("name", "VARCHAR", 2, length: 20), Column("note", "VARCHAR", 3, length: 20), Column("created", "DATETIME", 4, length: 6)];
        string[] added = [.. created, Column("qty", "INT", 5)];
        string[] dropped = [Column("id", "BIGINT", 1, optional: false), Column("name", "VARCHAR", 2, length: 20), Column("created", "DATETIME", 3, length: 6), Column("qty", "INT", 4)];
        await kafka.ProduceAsync(SchemaTopic, 0,
        [
            SchemaChange(db, "CREATE", "CREATE TABLE orders (...)", created),
            SchemaChange(db, "ALTER", "ALTER TABLE orders ADD qty INT", added),
            SchemaChange(db, "ALTER", "ALTER TABLE orders DROP note", dropped),
        ]);
        await kafka.ProduceAsync(DataTopic, 0, [""]); // a tombstone: the mock cluster creates the topic on first use
        string[] columns = ["id|bigint", "name|varchar(60)", "created|datetime", "qty|int"];
        const string Select = "id, name, DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s'), qty";

        // First life: the schema changes are applied, then rows of the last schema are loaded; stopping commits both topics.
        var (services, sink) = harness.Start(semantic);
        await using (services)
        {
            using var stop = new CancellationTokenSource();
            var run = new KafkaChangeStreamConsumer(new DebeziumChangeStreamTarget(sink), Options(kafka, "cdc", exactlyOnce, SchemaTopic)).RunAsync(stop.Token);
            List<string> live = [];
            await Until(() => Succeeds(async () => (live = await harness.ColumnsAsync("orders")).SequenceEqual(columns)), run, "the schema changes are applied", () => string.Join(", ", live));
            await kafka.ProduceAsync(DataTopic, 0,
            [
                Row(db, "c", null, """{"id":1,"name":"a","created":1704067201000000,"qty":1}"""),
                Row(db, "c", null, """{"id":2,"name":"b","created":1704067202000000,"qty":2}"""),
                Row(db, "c", null, """{"id":3,"name":"c","created":1704067203000000,"qty":3}"""),
            ]);
            await Until(async () => (await harness.RowsAsync("orders", "id")).Count == 3, run, "the first rows are loaded");
            stop.Cancel();
            await run;
        }

        Assert.Equal(3, kafka.Committed("cdc", SchemaTopic, 1)[0]);
        Assert.Equal(4, kafka.Committed("cdc", DataTopic, 1)[0]);
        await kafka.ProduceAsync(DataTopic, 0,
        [
            Row(db, "c", null, """{"id":4,"name":"d","created":1704067204000000,"qty":4}"""),
            Row(db, "u", """{"id":1,"name":"a","created":1704067201000000,"qty":1}""", """{"id":1,"name":"a2","created":1704067201000000,"qty":10}"""),
            Row(db, "d", """{"id":2,"name":"b","created":1704067202000000,"qty":2}""", null),
        ]);

        // A restart without SchemaChangeTopics: the decoder knows no schema, and says which option teaches it one.
        (services, sink) = harness.Start(semantic);
        await using (services)
        {
            var error = await Assert.ThrowsAsync<DebeziumEventException>(() => new KafkaChangeStreamConsumer(new DebeziumChangeStreamTarget(sink), Options(kafka, "cdc", exactlyOnce)).RunAsync(CancellationToken.None));
            Assert.Contains($"Table {db}.orders: the event has no schema part", error.Message);
            Assert.Contains("SchemaChangeTopics", error.Message);
        }

        Assert.Equal(4, kafka.Committed("cdc", DataTopic, 1)[0]);
        Assert.Equal(["1|a|2024-01-01 00:00:01|1", "2|b|2024-01-01 00:00:02|2", "3|c|2024-01-01 00:00:03|3"], await harness.RowsAsync("orders", Select));

        // A restart with it (a new decoder and sink, as in a new process): the CREATE, ADD and DROP are learned, not run
        // again (the CREATE names the dropped column, which a check against the table would refuse), and the rows load.
        (services, sink) = harness.Start(semantic);
        await using (services)
        {
            using var stop = new CancellationTokenSource();
            var run = new KafkaChangeStreamConsumer(new DebeziumChangeStreamTarget(sink), Options(kafka, "cdc", exactlyOnce, SchemaTopic)).RunAsync(stop.Token);
            await Until(async () => (await harness.RowsAsync("orders", "id")).SequenceEqual(["1", "3", "4"]), run, "the rows after the restart are loaded");
            stop.Cancel();
            await run;
        }

        Assert.Equal(columns, await harness.ColumnsAsync("orders"));
        Assert.Equal(
            ["1|a2|2024-01-01 00:00:01|10", "3|c|2024-01-01 00:00:03|3", "4|d|2024-01-01 00:00:04|4"],
            await harness.RowsAsync("orders", Select));
        Assert.Equal(3, kafka.Committed("cdc", SchemaTopic, 1)[0]);
        Assert.Equal(7, kafka.Committed("cdc", DataTopic, 1)[0]);
    }

    [Fact]
    public async Task A_rename_is_committed_at_once_so_a_failure_right_after_it_replays_only_rows_of_the_new_schema()
    {
        var harness = new CdcSinkHarness(fixture, CdcSinkHarness.NewDatabase("cdc_rename"));
        var db = harness.Database;
        using var kafka = new MockKafkaCluster();
        fixture.StandIn.Faults.Clear();
        string[] before = [Column("id", "BIGINT", 1, optional: false), Column("name", "VARCHAR", 2, length: 20), Column("note", "VARCHAR", 3, length: 20)];
        string[] after = [Column("id", "BIGINT", 1, optional: false), Column("name", "VARCHAR", 2, length: 20), Column("remark", "VARCHAR", 3, length: 20)];
        // The source's schema changes in the data topic's own order (a schema-change record between the rows).
        await kafka.ProduceAsync(DataTopic, 0,
        [
            SchemaChange(db, "CREATE", "CREATE TABLE orders (...)", before),
            Row(db, "c", null, """{"id":1,"name":"a","note":"a"}"""),
            Row(db, "c", null, """{"id":2,"name":"b","note":"b"}"""),
            SchemaChange(db, "ALTER", "ALTER TABLE orders RENAME COLUMN note TO remark", after),
        ]);

        var log = new FakeLogger<KafkaChangeStreamConsumer>();
        var (services, sink) = harness.Start();
        await using (services)
        {
            using var stop = new CancellationTokenSource();
            var run = new KafkaChangeStreamConsumer(new DebeziumChangeStreamTarget(sink), EveryFiveMessages(kafka, "cdc"), log).RunAsync(stop.Token);

            // Four messages, fewer than a checkpoint's five: only the schema changes checkpointed, the rename's included.
            long committed = 0;
            await Until(async () => (committed = kafka.Committed("cdc", DataTopic, 1)[0]) == 4, run, "the rename is committed", () => $"committed {committed}");
            Assert.Equal(["id|bigint", "name|varchar(60)", "remark|varchar(60)"], await harness.ColumnsAsync("orders"));
            Assert.Equal(["1|a|a", "2|b|b"], await harness.RowsAsync("orders", "id, name, remark"));

            // The next load fails: the loop restarts from the committed offsets, after the rename.
            fixture.StandIn.Faults.FailNextLoad(FaultInjector.TooManyFilteredRows);
            await kafka.ProduceAsync(DataTopic, 0,
            [
                Row(db, "c", null, """{"id":3,"name":"c","remark":"c"}"""),
                Row(db, "u", """{"id":1,"name":"a","remark":"a"}""", """{"id":1,"name":"a","remark":"a2"}"""),
                Row(db, "c", null, """{"id":4,"name":"d","remark":"d"}"""),
                Row(db, "d", """{"id":2,"name":"b","remark":"b"}""", null),
                Row(db, "c", null, """{"id":5,"name":"e","remark":"e"}"""),
            ]);
            await Until(async () => fixture.StandIn.Faults.Pending.Count == 0 && (await harness.RowsAsync("orders", "id")).SequenceEqual(["1", "3", "4", "5"]), run, "the rows after the rename are loaded");
            stop.Cancel();
            await run;
        }

        Assert.Equal(["id|bigint", "name|varchar(60)", "remark|varchar(60)"], await harness.ColumnsAsync("orders"));
        Assert.Equal(["1|a|a2", "3|c|c", "4|d|d", "5|e|e"], await harness.RowsAsync("orders", "id, name, remark"));
        Assert.Equal(9, kafka.Committed("cdc", DataTopic, 1)[0]);
        var restart = Assert.Single(log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(FaultInjector.TooManyFilteredRows, restart.Exception!.ToString());
    }
}
