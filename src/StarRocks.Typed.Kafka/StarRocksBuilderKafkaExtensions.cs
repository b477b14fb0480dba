using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Cdc.Debezium;
using StarRocks.Typed.DependencyInjection;

namespace StarRocks.Typed.Cdc.Kafka;

/// <summary>Registers a Kafka change stream, consumed in the background into the CDC sink.</summary>
public static class StarRocksBuilderKafkaExtensions
{
    /// <summary>
    /// Adds a hosted service that consumes <see cref="KafkaChangeStreamOptions.Topics"/> (Debezium's JSON messages) through
    /// a <see cref="DebeziumChangeStreamTarget"/> into the CDC sink, which <c>AddCdcSink()</c> registers. The options are
    /// checked when the service starts; stopping the host loads and commits what was consumed (the sink itself stops after
    /// it: hosted services stop in reverse order).
    /// </summary>
    /// <param name="builder">The builder (after <c>AddCdcSink()</c>).</param>
    /// <param name="options">The consumer configuration, topics and checkpoint policy.</param>
    /// <param name="debezium">How Debezium's values are read, or null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder AddKafkaChangeStream(this StarRocksBuilder builder, KafkaChangeStreamOptions options, DebeziumOptions? debezium = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddHostedService(sp => new KafkaChangeStreamService(new KafkaChangeStreamConsumer(
            new DebeziumChangeStreamTarget(sp.GetRequiredService<ICdcEventSink>(), debezium),
            options,
            sp.GetService<ILogger<KafkaChangeStreamConsumer>>())));
        return builder;
    }
}

/// <summary>Runs a <see cref="KafkaChangeStreamConsumer"/> for the host's lifetime.</summary>
/// <param name="consumer">The loop.</param>
internal sealed class KafkaChangeStreamService(KafkaChangeStreamConsumer consumer) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => consumer.RunAsync(stoppingToken);
}
