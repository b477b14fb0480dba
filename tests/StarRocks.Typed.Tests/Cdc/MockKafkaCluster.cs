using System.Text;
using Confluent.Kafka;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>librdkafka's built-in mock cluster (<c>test.mock.num.brokers</c>), which lives as long as the producer that started it.</summary>
internal sealed class MockKafkaCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;

    public MockKafkaCluster()
    {
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", "1");
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        BootstrapServers = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    /// <summary>The partitions of a topic the mock cluster creates on first use (its default, 4).</summary>
    public const int DefaultPartitions = 4;

    /// <summary>Produces <c>{topic}/{partition}/{i}</c> values for i in [from, to) to each of the partitions, in order.</summary>
    public async Task ProduceAsync(string topic, int partitions, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            for (int p = 0; p < partitions; p++)
            {
                await _producer.ProduceAsync(new TopicPartition(topic, p), new Message<byte[], byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"{{\"id\":{i}}}"),
                    Value = Encoding.UTF8.GetBytes($"{topic}/{p}/{i}"),
                });
            }
        }
    }

    /// <summary>The group's committed offset of each partition (-1001 when none).</summary>
    public long[] Committed(string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = group }).Build();
        return [.. consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .OrderBy(o => o.Partition.Value).Select(o => o.Offset.Value)];
    }

    public void Dispose() => _producer.Dispose();
}
