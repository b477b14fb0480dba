namespace StarRocks.Typed.Cdc;

/// <summary>
/// Where the messages of a change stream go (the Debezium decoder implements it over the CDC sink; the Kafka consumer loop (package StarRocks.Typed.Kafka) or a file replay feeds
/// it). A message is Debezium's JSON envelope, key and value as received; an empty value is a tombstone.
/// </summary>
public interface IChangeStreamTarget
{
    /// <summary>Takes one message.</summary>
    /// <param name="key">The message key (Debezium: the row's primary key), empty when none.</param>
    /// <param name="value">The message value (the change event), empty for a tombstone.</param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the message is buffered (not yet loaded).</returns>
    ValueTask WriteAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>
    /// How many messages so far changed a table's schema (Debezium: applied a create, change, drop or truncate of a table).
    /// A consumer that sees it grow across a <see cref="WriteAsync"/> checkpoints at once and keeps the position after that
    /// message, so that a restart resumes after the change instead of replaying rows written for the schema before it.
    /// </summary>
    long SchemaChanges { get; }

    /// <summary>
    /// Called, when set, just before the target applies the schema change a message brings (a create, change, drop or
    /// truncate of a table), with every message before that one written: a consumer checkpoints there, so that a restart
    /// between the change and the checkpoint after it replays no row written for the schema before it. The Kafka
    /// consumer loop sets it while it runs. A failure or cancellation it throws fails the message.
    /// </summary>
    Func<CancellationToken, ValueTask>? BeforeSchemaChange { get; set; }

    /// <summary>
    /// Takes one message that was applied before the last checkpoint, read again at a start to rebuild what the target
    /// knows (Debezium: a schema-change or schema-history record, whose table schemas are learned, as Debezium rebuilds
    /// its schemas from its schema history at start). Nothing is written to StarRocks: no rows, no DDL.
    /// </summary>
    /// <param name="key">The message key, empty when none.</param>
    /// <param name="value">The message value, empty for a tombstone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Completes when the message is learned.</returns>
    ValueTask LearnAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when every message written before is in StarRocks; in exactly-once, in the same checkpoint as
    /// <paramref name="applicationState"/> (for example the consumer's offsets), which <see cref="RecoverAsync"/> returns
    /// after a restart.
    /// </summary>
    /// <param name="applicationState">The state to keep with the checkpoint, or null to keep the last one.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the rows are loaded.</returns>
    ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken);

    /// <summary>Resumes after a restart: the application state of the last committed checkpoint (null when none).</summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>The last committed application state.</returns>
    ValueTask<string?> RecoverAsync(CancellationToken cancellationToken);
}
