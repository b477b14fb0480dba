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
/// not loaded. With <see cref="KafkaChangeStreamOptions.ExactlyOnce"/> the offsets also travel in the checkpoint's
/// application state, and a start seeks to the offsets <see cref="IChangeStreamTarget.RecoverAsync"/> returns.
/// On a failure the loop closes the consumer and starts again from the last committed offsets (the messages after them
/// are delivered again: PRIMARY KEY upserts make that idempotent), up to <see cref="KafkaChangeStreamOptions.MaxRestarts"/>
/// failures in a row. Stopping (the token) loads and commits what was consumed, then leaves the group.
/// </summary>
public sealed class KafkaChangeStreamConsumer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

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
        var recovered = new Dictionary<TopicPartition, long>(offsets);
        var config = new ConsumerConfig(new Dictionary<string, string>(_options.Consumer))
        {
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((_, partitions) => partitions
                .Select(p => recovered.TryGetValue(p, out long offset) ? new TopicPartitionOffset(p, offset) : new TopicPartitionOffset(p, Offset.Unset)))
            .Build();
        KafkaLog.Started(_logger, string.Join(",", _options.Topics), config.GroupId, _options.ExactlyOnce ? $"the checkpoint's offsets {Describe(recovered)}" : "the group's committed offsets");
        consumer.Subscribe(_options.Topics);
        var committed = new Dictionary<TopicPartition, long>();
        try
        {
            int sinceCheckpoint = 0;
            long lastCheckpoint = Stopwatch.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(PollInterval);
                if (result is { IsPartitionEOF: false, Message: { } message })
                {
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
                }
                if (sinceCheckpoint >= _options.CheckpointMessages
                    || (sinceCheckpoint > 0 && Stopwatch.GetElapsedTime(lastCheckpoint) >= _options.CheckpointInterval))
                {
                    await CheckpointAsync(consumer, offsets, committed, sinceCheckpoint, stoppingToken).ConfigureAwait(false);
                    checkpointed();
                    sinceCheckpoint = 0;
                    lastCheckpoint = Stopwatch.GetTimestamp();
                }
            }
            // Stopping: what was written is loaded and committed however long that takes.
            await CheckpointAsync(consumer, offsets, committed, sinceCheckpoint, CancellationToken.None).ConfigureAwait(false);
            KafkaLog.Stopped(_logger, Describe(offsets));
        }
        finally
        {
            // Leave the group now (no offsets are committed by closing), so a restart is assigned the partitions at once.
            try { consumer.Close(); }
            catch (KafkaException) { }
        }
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
