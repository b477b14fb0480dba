using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StarRocks.Typed.Cdc.Kafka;

/// <summary>
/// Consumes Kafka topics (Confluent.Kafka) into an <see cref="IChangeStreamTarget"/> — typically a
/// <see cref="Debezium.DebeziumChangeStreamTarget"/> in front of the CDC sink. Each message is written in partition order;
/// every <see cref="KafkaChangeStreamOptions.CheckpointInterval"/> or <see cref="KafkaChangeStreamOptions.CheckpointMessages"/>
/// the loop calls <see cref="IChangeStreamTarget.CheckpointAsync"/>, which completes when every message written before is
/// loaded, and only then commits the offsets that checkpoint covered: an offset is never committed past a message that is
/// not loaded. A message that changed a table's schema (<see cref="IChangeStreamTarget.SchemaChanges"/> grew) is
/// checkpointed and committed at once, so a restart resumes after the change (rows from before a column rename would name
/// a column that is gone); and the messages before it are checkpointed and committed just before the target applies the
/// change (<see cref="IChangeStreamTarget.BeforeSchemaChange"/>), so no restart after the change replays rows from before
/// it. With <see cref="KafkaChangeStreamOptions.ExactlyOnce"/> the offsets also travel in the checkpoint's
/// application state, and a start seeks to the offsets <see cref="IChangeStreamTarget.RecoverAsync"/> returns. Each start
/// first learns <see cref="KafkaChangeStreamOptions.SchemaChangeTopics"/> up to the offsets it resumes from
/// (<see cref="IChangeStreamTarget.LearnAsync"/>).
/// On a failure the loop closes the consumer and starts again from the last committed offsets (the messages after them
/// are delivered again: PRIMARY KEY upserts make that idempotent), up to <see cref="KafkaChangeStreamOptions.MaxRestarts"/>
/// failures in a row. Stopping (the token) loads and commits what was consumed, then leaves the group.
/// </summary>
public sealed class KafkaChangeStreamConsumer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan KafkaRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly IChangeStreamTarget _target;
    private readonly KafkaChangeStreamOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the loop; <see cref="RunAsync"/> runs it.</summary>
    /// <param name="target">Where the messages go.</param>
    /// <param name="options">The consumer configuration, topics and checkpoint policy.</param>
    /// <param name="logger">The logger, or null for none.</param>
    public KafkaChangeStreamConsumer(IChangeStreamTarget target, KafkaChangeStreamOptions options, ILogger<KafkaChangeStreamConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _target = target;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Consumes until <paramref name="stoppingToken"/> is cancelled (then loads and commits what was consumed), or until it fails more than <see cref="KafkaChangeStreamOptions.MaxRestarts"/> times in a row.</summary>
    /// <param name="stoppingToken">Stops the loop gracefully.</param>
    /// <returns>Completes when the loop stopped.</returns>
    public Task RunAsync(CancellationToken stoppingToken) => Task.Run(() => RunWithRestartsAsync(stoppingToken), CancellationToken.None);

    private async Task RunWithRestartsAsync(CancellationToken stoppingToken)
    {
        int failures = 0;
        while (true)
        {
            try
            {
                await RunOnceAsync(() => failures = 0, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                if (failures > _options.MaxRestarts)
                {
                    KafkaLog.GivingUp(_logger, failures, e);
                    throw;
                }
                KafkaLog.Restarting(_logger, failures, _options.MaxRestarts, _options.RestartDelay, e);
                await Task.Delay(_options.RestartDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One life of the consumer: from the last committed offsets until stopped or failed.</summary>
    private async Task RunOnceAsync(Action checkpointed, CancellationToken stoppingToken)
    {
        // The offsets a checkpoint covers: the next offset of each partition after the last message written. In exactly-once
        // mode, seeded with the recovered state, so partitions without new messages keep their offset in the next state.
        var offsets = _options.ExactlyOnce
            ? KafkaOffsetsState.Parse(await _target.RecoverAsync(stoppingToken).ConfigureAwait(false))
            : [];
        // Where each partition resumes (the rest: the group's committed offsets).
        var resume = new Dictionary<TopicPartition, long>(offsets);
        var config = new ConsumerConfig(new Dictionary<string, string>(_options.Consumer))
        {
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        };
        if (_options.SchemaChangeTopics.Count > 0)
        {
            await LearnSchemaChangesAsync(config, resume, stoppingToken).ConfigureAwait(false);
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((_, partitions) => partitions
                .Select(p => resume.TryGetValue(p, out long offset) ? new TopicPartitionOffset(p, offset) : new TopicPartitionOffset(p, Offset.Unset)))
            .Build();
        var topics = _options.Topics.Union(_options.SchemaChangeTopics).ToList();
        KafkaLog.Started(_logger, string.Join(",", topics), config.GroupId, _options.ExactlyOnce ? $"the checkpoint's offsets {Describe(resume)}" : "the group's committed offsets");
        consumer.Subscribe(topics);
        var committed = new Dictionary<TopicPartition, long>();
        try
        {
            int sinceCheckpoint = 0;
            long lastCheckpoint = Stopwatch.GetTimestamp();

            // Loads what was written and commits its offsets; false when stopping interrupted it (the stop's checkpoint does it).
            async Task<bool> TryCheckpointAsync()
            {
                try
                {
                    await CheckpointAsync(consumer, offsets, committed, sinceCheckpoint, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return false;
                }
                checkpointed();
                sinceCheckpoint = 0;
                lastCheckpoint = Stopwatch.GetTimestamp();
                return true;
            }

            // Before a schema change as well: a restart between the change and the commit after it must not replay rows
            // written for the schema before it.
            _target.BeforeSchemaChange = async _ =>
            {
                if (sinceCheckpoint > 0 && !await TryCheckpointAsync().ConfigureAwait(false))
                {
                    throw new OperationCanceledException(stoppingToken);
                }
            };

            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(PollInterval);
                bool schemaChanged = false;
                if (result is { IsPartitionEOF: false, Message: { } message })
                {
                    long schemaChanges = _target.SchemaChanges;
                    try
                    {
                        await _target.WriteAsync(message.Key ?? ReadOnlyMemory<byte>.Empty, message.Value ?? ReadOnlyMemory<byte>.Empty, stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                    offsets[result.TopicPartition] = result.Offset.Value + 1;
                    sinceCheckpoint++;
                    schemaChanged = _target.SchemaChanges != schemaChanges;
                }
                // After a schema change at once: a restart must not replay rows written for the schema before it.
                if (schemaChanged
                    || sinceCheckpoint >= _options.CheckpointMessages
                    || (sinceCheckpoint > 0 && Stopwatch.GetElapsedTime(lastCheckpoint) >= _options.CheckpointInterval))
                {
                    if (!await TryCheckpointAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
            }
            // Stopping: what was written is loaded and committed however long that takes.
            await CheckpointAsync(consumer, offsets, committed, sinceCheckpoint, CancellationToken.None).ConfigureAwait(false);
            KafkaLog.Stopped(_logger, Describe(offsets));
        }
        finally
        {
            _target.BeforeSchemaChange = null;

            // Leave the group now (no offsets are committed by closing), so a restart is assigned the partitions at once.
            try { consumer.Close(); }
            catch (KafkaException) { }
        }
    }

    /// <summary>
    /// Reads the schema-change topics from their beginning up to where this life resumes them (the group's committed
    /// offsets, or in exactly-once the checkpoint's) into <see cref="IChangeStreamTarget.LearnAsync"/>, then pins
    /// <paramref name="resume"/> of their partitions to that offset, so the loop goes on exactly after what was learned.
    /// A partition without a resume offset starts at <c>auto.offset.reset</c>: with <c>latest</c> everything before
    /// its end is learned, else nothing.
    /// </summary>
    private async Task LearnSchemaChangesAsync(ConsumerConfig config, Dictionary<TopicPartition, long> resume, CancellationToken cancellationToken)
    {
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(new Dictionary<string, string>(config)) { EnablePartitionEof = true }).Build();
        try
        {
            var partitions = SchemaChangePartitions(reader);
            var committed = _options.ExactlyOnce ? [] : reader.Committed(partitions, KafkaRequestTimeout).ToDictionary(o => o.TopicPartition, o => o.Offset.Value);
            var ends = new Dictionary<TopicPartition, long>(); // learn the offsets below these
            foreach (var partition in partitions)
            {
                long end = (_options.ExactlyOnce ? resume : committed).GetValueOrDefault(partition, Offset.Unset.Value);
                var watermarks = reader.QueryWatermarkOffsets(partition, KafkaRequestTimeout);
                if (end < 0)
                {
                    if (config.AutoOffsetReset != AutoOffsetReset.Latest) continue;
                    end = watermarks.High.Value;
                }

                resume[partition] = end;
                if (Math.Min(end, watermarks.High.Value) > watermarks.Low.Value) ends[partition] = Math.Min(end, watermarks.High.Value);
            }

            reader.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
            int learned = 0;
            while (ends.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.Consume(PollInterval) is not { } result || !ends.TryGetValue(result.TopicPartition, out long end)) continue;
                if (!result.IsPartitionEOF && result.Offset.Value < end)
                {
                    await _target.LearnAsync(result.Message.Key ?? ReadOnlyMemory<byte>.Empty, result.Message.Value ?? ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                    learned++;
                }

                if (result.IsPartitionEOF || result.Offset.Value + 1 >= end) ends.Remove(result.TopicPartition);
            }

            KafkaLog.Learned(_logger, learned, Describe(resume.Where(r => partitions.Contains(r.Key)).ToDictionary()));
        }
        finally
        {
            reader.Close();
        }
    }

    /// <summary>The partitions of <see cref="KafkaChangeStreamOptions.SchemaChangeTopics"/>.</summary>
    private List<TopicPartition> SchemaChangePartitions(IConsumer<byte[]?, byte[]?> reader)
    {
        using var admin = new DependentAdminClientBuilder(reader.Handle).Build();
        var partitions = new List<TopicPartition>();
        foreach (var topic in _options.SchemaChangeTopics.Distinct())
        {
            var metadata = admin.GetMetadata(topic, KafkaRequestTimeout).Topics.Single(t => t.Topic == topic);
            if (metadata.Error.IsError || metadata.Partitions.Count == 0)
                throw new InvalidOperationException($"SchemaChangeTopics: topic '{topic}' cannot be read ({metadata.Error.Reason}).");
            partitions.AddRange(metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        return partitions;
    }

    /// <summary>Waits until every message written so far is loaded, then commits the offsets that covers (those past the last commit).</summary>
    private async Task CheckpointAsync(IConsumer<byte[]?, byte[]?> consumer, Dictionary<TopicPartition, long> offsets, Dictionary<TopicPartition, long> committed, int messages, CancellationToken cancellationToken)
    {
        var covered = new Dictionary<TopicPartition, long>(offsets);
        await _target.CheckpointAsync(_options.ExactlyOnce ? KafkaOffsetsState.Format(covered) : null, cancellationToken).ConfigureAwait(false);
        var assigned = consumer.Assignment.ToHashSet();
        var toCommit = covered
            .Where(o => assigned.Contains(o.Key) && (!committed.TryGetValue(o.Key, out long last) || last != o.Value))
            .Select(o => new TopicPartitionOffset(o.Key, o.Value))
            .ToList();
        if (toCommit.Count == 0) return;
        consumer.Commit(toCommit);
        foreach (var offset in toCommit) committed[offset.TopicPartition] = offset.Offset.Value;
        KafkaLog.Committed(_logger, messages, Describe(toCommit.ToDictionary(o => o.TopicPartition, o => o.Offset.Value)));
    }

    private static string Describe(IReadOnlyDictionary<TopicPartition, long> offsets)
        => offsets.Count == 0 ? "(none)" : string.Join(", ", offsets.OrderBy(o => o.Key.Topic, StringComparer.Ordinal).ThenBy(o => o.Key.Partition.Value).Select(o => $"{o.Key.Topic}[{o.Key.Partition.Value}]@{o.Value}"));
}
