using System.Text;
using Confluent.Kafka;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.Cdc.Kafka;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>The consumer loop end to end over librdkafka's mock cluster.</summary>
public class KafkaChangeStreamConsumerTests
{
    private const int Partitions = MockKafkaCluster.DefaultPartitions;

    private static KafkaChangeStreamOptions Options(MockKafkaCluster kafka, string topic, string group, bool exactlyOnce = false, int maxRestarts = 3, string[]? schemaChangeTopics = null) => new()
    {
        SchemaChangeTopics = schemaChangeTopics ?? [],
        Consumer = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group, AutoOffsetReset = AutoOffsetReset.Earliest, SessionTimeoutMs = 6000, HeartbeatIntervalMs = 500 },
        Topics = [topic],
        CheckpointMessages = 25,
        CheckpointInterval = TimeSpan.FromMilliseconds(200),
        ExactlyOnce = exactlyOnce,
        MaxRestarts = maxRestarts,
        RestartDelay = TimeSpan.FromMilliseconds(50),
    };

    private static async Task RunUntil(KafkaChangeStreamConsumer loop, Func<bool> done, Func<string>? progress = null)
    {
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done() && !run.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(20);
        stop.Cancel();
        await run;
        Assert.True(done(), $"the loop did not get there within 60 s: {progress?.Invoke()}");
    }

    /// <summary>Loaded count of each partition, from the loaded values <c>topic/partition/i</c>.</summary>
    private static int[] LoadedPerPartition(RecordingTarget target)
        => [.. Enumerable.Range(0, Partitions).Select(p => target.Loaded.Distinct().Count(v => v.Split('/')[1] == p.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task Every_message_is_loaded_in_partition_order_and_the_stop_commits_exactly_what_was_loaded()
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("orders", Partitions, 0, 100);
        var target = new RecordingTarget();

        await RunUntil(new KafkaChangeStreamConsumer(target, Options(kafka, "orders", "g1")), () => target.WrittenCount == 400);

        for (int p = 0; p < Partitions; p++)
        {
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"orders/{p}/{i}"), target.Written.Where(v => v.StartsWith($"orders/{p}/", StringComparison.Ordinal)));
        }
        Assert.Equal(400, target.Loaded.Count);
        Assert.Equal([100L, 100L, 100L, 100L], kafka.Committed("g1", "orders", Partitions));
        Assert.Contains("""{"id":99}""", target.Keys);
    }

    [Fact]
    public async Task The_same_fault_twice_in_a_row_restarts_from_the_committed_offsets_and_loads_everything()
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("orders", Partitions, 0, 100);
        var target = new RecordingTarget { FailWrites = ["orders/1/57", "orders/1/57"] };

        await RunUntil(new KafkaChangeStreamConsumer(target, Options(kafka, "orders", "g2")), () => target.Loaded.Distinct().Count() == 400, () => $"{target.Failures} failures, {target.WrittenCount} written, {target.Loaded.Distinct().Count()} loaded");

        Assert.Equal(2, target.Failures);
        Assert.True(target.WrittenCount > 400, "the messages after the last commit are delivered again");
        Assert.Equal([100L, 100L, 100L, 100L], kafka.Committed("g2", "orders", Partitions));
    }

    [Fact]
    public async Task No_offset_is_committed_past_a_message_that_is_not_loaded()
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("orders", Partitions, 0, 100);
        var target = new RecordingTarget { SuccessfulCheckpoints = 1 };
        var loop = new KafkaChangeStreamConsumer(target, Options(kafka, "orders", "g3", maxRestarts: 1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync(CancellationToken.None));

        Assert.Equal("checkpoint failed", error.Message);
        Assert.Equal(2, target.Failures);
        int[] loaded = LoadedPerPartition(target);
        Assert.True(loaded.Sum() is > 0 and < 400, $"one checkpoint loaded part of the messages ({loaded.Sum()})");
        long[] committed = kafka.Committed("g3", "orders", Partitions);
        for (int p = 0; p < Partitions; p++)
        {
            Assert.Equal(loaded[p] == 0 ? Offset.Unset.Value : loaded[p], committed[p]);
        }
    }

    [Fact]
    public async Task Exactly_once_resumes_from_the_offsets_in_the_checkpoint_state()
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("orders", Partitions, 0, 50);
        var target = new RecordingTarget();

        await RunUntil(new KafkaChangeStreamConsumer(target, Options(kafka, "orders", "g4", exactlyOnce: true)), () => target.Loaded.Count == 200);
        Assert.Equal("""{"kafka":{"orders":{"0":50,"1":50,"2":50,"3":50}}}""", target.State);

        await kafka.ProduceAsync("orders", Partitions, 50, 60);
        target.ClearWritten();
        // A group without committed offsets (auto.offset.reset=earliest would replay all): the checkpoint state decides.
        await RunUntil(new KafkaChangeStreamConsumer(target, Options(kafka, "orders", "g4-new", exactlyOnce: true)), () => target.WrittenCount == 40);

        await Task.Delay(300);
        Assert.Equal(40, target.WrittenCount);
        Assert.All(target.Written, v => Assert.True(int.Parse(v.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture) >= 50, v));
        Assert.Equal("""{"kafka":{"orders":{"0":60,"1":60,"2":60,"3":60}}}""", target.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_start_learns_the_schema_change_topics_up_to_the_resume_offsets_and_consumes_the_rest(bool exactlyOnce)
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("schema", 0, ["s0", "s1", "s2"]);
        await kafka.ProduceAsync("schema", 2, ["s3"]);
        await kafka.ProduceAsync("orders", Partitions, 0, 10);
        var options = Options(kafka, "orders", $"g5-{exactlyOnce}", exactlyOnce, maxRestarts: 0, schemaChangeTopics: ["schema"]);
        var target = new RecordingTarget();

        // The first start resumes from nothing (auto.offset.reset=earliest): nothing to learn, everything consumed.
        await RunUntil(new KafkaChangeStreamConsumer(target, options), () => target.WrittenCount == 44);
        Assert.Empty(target.Learned);
        Assert.Equal(["s0", "s1", "s2"], target.Written.Where(v => v is "s0" or "s1" or "s2"));
        Assert.Equal([3L, Offset.Unset.Value, 1L, Offset.Unset.Value], kafka.Committed(options.Consumer.GroupId, "schema", Partitions));

        await kafka.ProduceAsync("schema", 0, ["s4"]);
        await kafka.ProduceAsync("orders", Partitions, 10, 12);
        target.ClearWritten();
        // Exactly-once: a group without committed offsets, so the checkpoint's offsets decide what is learned.
        var restarted = exactlyOnce ? Options(kafka, "orders", "g5-new", exactlyOnce, maxRestarts: 0, schemaChangeTopics: ["schema"]) : options;
        await RunUntil(new KafkaChangeStreamConsumer(target, restarted), () => target.WrittenCount == 9);

        // What was consumed before is learned, in partition order, and not written again; what came after is written.
        Assert.Equal(["s0", "s1", "s2"], target.Learned.Where(v => v is not "s3"));
        Assert.Equal(4, target.Learned.Count);
        Assert.Equal(["s4"], target.Written.Where(v => v.StartsWith('s')));
        Assert.Equal(8, target.Written.Count(v => v.StartsWith("orders/", StringComparison.Ordinal)));
        Assert.Equal([4L, Offset.Unset.Value, 1L, Offset.Unset.Value], kafka.Committed(restarted.Consumer.GroupId, "schema", Partitions));
    }

    [Fact]
    public void Options_are_validated_naming_the_option()
    {
        var target = new RecordingTarget();
        Assert.Contains("group.id", Assert.Throws<ArgumentException>(() => new KafkaChangeStreamConsumer(target, new KafkaChangeStreamOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = "localhost:9092" },
            Topics = ["t"],
        })).Message);
        Assert.Contains("Topics", Assert.Throws<ArgumentException>(() => new KafkaChangeStreamConsumer(target, new KafkaChangeStreamOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "g" },
        })).Message);
        Assert.Contains("SchemaChangeTopics", Assert.Throws<ArgumentException>(() => new KafkaChangeStreamConsumer(target, new KafkaChangeStreamOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "g" },
            Topics = ["t"],
            SchemaChangeTopics = [" "],
        })).Message);
        Assert.Equal("CheckpointMessages", Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaChangeStreamConsumer(target, new KafkaChangeStreamOptions
        {
            Consumer = new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "g" },
            Topics = ["t"],
            CheckpointMessages = 0,
        })).ParamName);
    }

    /// <summary>
    /// A target that counts a message as loaded when a checkpoint completes after it; a restart (RecoverAsync) drops what
    /// was written but not loaded, as the sink's exactly-once mode does.
    /// </summary>
    [Fact]
    public async Task Rows_written_before_a_message_of_a_schema_change_topic_are_loaded_and_committed_before_it()
    {
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("schema", 0, ["schema/0/0"]);
        await kafka.ProduceAsync("orders", Partitions, 0, 10);
        var target = new RecordingTarget();
        // No checkpoint by count or time: only the schema-change topic's messages and the stop make one.
        var options = Options(kafka, "orders", "g-before", schemaChangeTopics: ["schema"]);
        var loop = new KafkaChangeStreamConsumer(target, new KafkaChangeStreamOptions
        {
            Consumer = options.Consumer, Topics = options.Topics, SchemaChangeTopics = options.SchemaChangeTopics,
            CheckpointMessages = 100_000, CheckpointInterval = TimeSpan.FromHours(1), RestartDelay = options.RestartDelay,
        });
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (target.WrittenCount < 41 && DateTime.UtcNow < deadline) await Task.Delay(20);

        await kafka.ProduceAsync("schema", 0, ["schema/0/1"]);
        while (target.WrittenCount < 42 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var committedAtTheChange = kafka.Committed("g-before", "orders", Partitions);
        stop.Cancel();
        await run;

        Assert.Equal(42, target.WrittenCount);
        Assert.Equal([0, 0], target.PendingAtSchemaChanges); // the 40 rows were loaded before the second change was written
        Assert.Equal([10L, 10L, 10L, 10L], committedAtTheChange);
        Assert.Equal(42, target.Loaded.Count);
    }

    /// <summary>
    /// A change the Debezium decoder finds in a data event's schema part (a column added) is known only once that message
    /// is decoded: the loop checkpoints and commits the messages before it from the decoder's
    /// <see cref="IChangeStreamTarget.BeforeSchemaChange"/>, before the change is applied.
    /// </summary>
    [Fact]
    public async Task Messages_before_a_change_announced_by_a_schema_part_are_committed_before_the_change_is_applied()
    {
        const string Id = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}""";
        const string WithNote = Id + """,{"type":"string","optional":true,"field":"note"}""";
        using var kafka = new MockKafkaCluster();
        await kafka.ProduceAsync("orders", 0,
        [
            DebeziumMessages.WithSchema(Id, DebeziumMessages.Payload("c", null, """{"id":1,"name":"a"}""")),
            DebeziumMessages.WithSchema(Id, DebeziumMessages.Payload("c", null, """{"id":2,"name":"b"}""")),
            DebeziumMessages.WithSchema(WithNote, DebeziumMessages.Payload("c", null, """{"id":3,"name":"c","note":"n"}""")),
        ]);
        var sink = new CommitsAtSchemaChanges(kafka, "g-schema-part");
        var options = Options(kafka, "orders", "g-schema-part");
        var loop = new KafkaChangeStreamConsumer(new DebeziumChangeStreamTarget(sink), new KafkaChangeStreamOptions
        {
            Consumer = options.Consumer, Topics = options.Topics, RestartDelay = options.RestartDelay,
            CheckpointMessages = 100_000, CheckpointInterval = TimeSpan.FromHours(1), // only schema changes and the stop checkpoint
        });

        await RunUntil(loop, () => sink.Inner.Rows.Count() == 3, () => string.Join(" | ", sink.Inner.Calls));

        Assert.Equal(["CreateTableEvent 0", "TableSchemaChangedEvent 2"], sink.CommittedAtChanges);
        Assert.Equal([3L], kafka.Committed("g-schema-part", "orders", 1));
    }

    /// <summary>Records, as each schema change is applied, the group's committed offset of partition 0.</summary>
    private sealed class CommitsAtSchemaChanges(MockKafkaCluster kafka, string group) : ICdcEventSink
    {
        public RecordingCdcSink Inner { get; } = new();

        public List<string> CommittedAtChanges { get; } = [];

        public ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
        {
            long committed = kafka.Committed(group, "orders", 1)[0];
            CommittedAtChanges.Add($"{change.GetType().Name} {Math.Max(committed, 0)}");
            return Inner.ApplyAsync(change, cancellationToken);
        }

        public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken) => Inner.WriteRowAsync(table, kind, row, cancellationToken);

        public ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => Inner.LearnAsync(change, cancellationToken);

        public CdcTableSchema? FindSchema(CdcTableId table) => Inner.FindSchema(table);

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => Inner.CheckpointAsync(applicationState, cancellationToken);

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => Inner.RecoverAsync(cancellationToken);
    }

    private sealed class RecordingTarget : IChangeStreamTarget
    {
        private readonly Lock _lock = new();
        private readonly List<string> _written = [];
        private readonly List<string> _pending = [];
        private readonly List<string> _loaded = [];
        private readonly List<string> _keys = [];
        private readonly List<string> _learned = [];
        private readonly List<int> _pendingAtSchemaChanges = [];

        /// <summary>For each message of the <c>schema</c> topic, how many messages written before it were not yet checkpointed.</summary>
        public List<int> PendingAtSchemaChanges { get { lock (_lock) return [.. _pendingAtSchemaChanges]; } }

        /// <summary>Values whose write throws, once per entry.</summary>
        public List<string> FailWrites { get; init; } = [];

        /// <summary>Checkpoints that succeed before every further one throws (null: all succeed).</summary>
        public int? SuccessfulCheckpoints { get; init; }

        public int Failures { get; private set; }

        public string? State { get; private set; }

        public int WrittenCount { get { lock (_lock) return _written.Count; } }

        public List<string> Written { get { lock (_lock) return [.. _written]; } }

        public List<string> Loaded { get { lock (_lock) return [.. _loaded]; } }

        public List<string> Keys { get { lock (_lock) return [.. _keys]; } }

        public List<string> Learned { get { lock (_lock) return [.. _learned]; } }

        private int _checkpoints;

        public void ClearWritten()
        {
            lock (_lock) _written.Clear();
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
        {
            string text = Encoding.UTF8.GetString(value.Span);
            // A message of the schema topic changes a schema, as a Debezium schema-change record does.
            if (text.StartsWith("schema/", StringComparison.Ordinal) && BeforeSchemaChange is { } before) await before(cancellationToken);
            lock (_lock)
            {
                if (FailWrites.Remove(text))
                {
                    Failures++;
                    throw new InvalidOperationException($"write of {text} failed");
                }
                if (text.StartsWith("schema/", StringComparison.Ordinal)) _pendingAtSchemaChanges.Add(_pending.Count);
                _written.Add(text);
                _pending.Add(text);
                _keys.Add(Encoding.UTF8.GetString(key.Span));
            }
        }

        public long SchemaChanges => 0;

        public Func<CancellationToken, ValueTask>? BeforeSchemaChange { get; set; }

        public ValueTask LearnAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
        {
            lock (_lock) _learned.Add(Encoding.UTF8.GetString(value.Span));
            return default;
        }

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (SuccessfulCheckpoints is { } successes && _checkpoints >= successes)
                {
                    Failures++;
                    throw new InvalidOperationException("checkpoint failed");
                }
                _checkpoints++;
                _loaded.AddRange(_pending);
                _pending.Clear();
                if (applicationState is not null) State = applicationState;
            }
            return default;
        }

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _pending.Clear();
                return ValueTask.FromResult(State);
            }
        }
    }
}
