using Confluent.Kafka;

namespace StarRocks.Typed.Cdc.Kafka;

/// <summary>Options of <see cref="KafkaChangeStreamConsumer"/>.</summary>
public sealed class KafkaChangeStreamOptions
{
    /// <summary>
    /// The Kafka consumer's configuration (at least <c>bootstrap.servers</c> and <c>group.id</c>). The loop commits offsets
    /// itself, so <c>enable.auto.commit</c> and <c>enable.auto.offset.store</c> are set to false.
    /// </summary>
    public ConsumerConfig Consumer { get; init; } = new();

    /// <summary>The topics to consume (Debezium's data topics).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>
    /// Debezium's schema-change topics, whose records carry <c>tableChanges</c> (the topic named after the connector's
    /// <c>topic.prefix</c>, or its schema-history topic); needed when data events come without the schema part
    /// (JsonConverter <c>schemas.enable=false</c>). They are consumed as <see cref="Topics"/> are (no need to name them
    /// twice). In addition, each start of the loop first reads them from their beginning up to the offsets it resumes
    /// from and hands each record to <see cref="IChangeStreamTarget.LearnAsync"/>, so that a restarted process knows the
    /// table schemas those changes left without running them again, as Debezium rebuilds its schemas from its schema
    /// history at start. Keep these topics' whole history (Debezium asks for infinite retention of its schema history),
    /// and run one consumer per group: every process needs every schema change, which a group would split. Default none.
    /// </summary>
    public IReadOnlyList<string> SchemaChangeTopics { get; init; } = [];

    /// <summary>The longest time between checkpoints while messages arrive (default 10 s).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most messages between checkpoints (default 100,000).</summary>
    public int CheckpointMessages { get; init; } = 100_000;

    /// <summary>
    /// True when the target's checkpoints are exactly-once (the sink's exactly-once mode): the consumed offsets travel in the
    /// checkpoint's application state, and on start the loop seeks to the offsets <see cref="IChangeStreamTarget.RecoverAsync"/>
    /// returns. Use one consumer per group then. Default false: at-least-once, resuming from the group's committed offsets.
    /// </summary>
    public bool ExactlyOnce { get; init; }

    /// <summary>How many failures in a row (without a checkpoint between them) the loop restarts after before it gives up and throws (default 3).</summary>
    public int MaxRestarts { get; init; } = 3;

    /// <summary>The pause before a restart (default 1 s).</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Consumer, nameof(Consumer));
        if (string.IsNullOrWhiteSpace(Consumer.BootstrapServers)) throw new ArgumentException("Consumer: bootstrap.servers is required.", nameof(Consumer));
        if (string.IsNullOrWhiteSpace(Consumer.GroupId)) throw new ArgumentException("Consumer: group.id is required (offsets are committed to the group).", nameof(Consumer));
        if (Topics is null || Topics.Count == 0 || Topics.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("Topics: name at least one topic, none empty.", nameof(Topics));
        if (SchemaChangeTopics is null || SchemaChangeTopics.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("SchemaChangeTopics: no topic name may be empty.", nameof(SchemaChangeTopics));
        if (CheckpointInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "CheckpointInterval must be positive.");
        if (CheckpointMessages < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointMessages), CheckpointMessages, "CheckpointMessages must be at least 1.");
        if (MaxRestarts < 0) throw new ArgumentOutOfRangeException(nameof(MaxRestarts), MaxRestarts, "MaxRestarts must not be negative.");
        if (RestartDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RestartDelay), RestartDelay, "RestartDelay must not be negative.");
    }
}
