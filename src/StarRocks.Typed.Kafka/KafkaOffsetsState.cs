using System.Buffers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace StarRocks.Typed.Cdc.Kafka;

/// <summary>
/// The consumed offsets as a checkpoint's application state: <c>{"kafka":{"topic":{"partition":next offset,…},…}}</c>,
/// the offset of the next message to consume in each partition.
/// </summary>
internal static class KafkaOffsetsState
{
    public static string Format(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("kafka");
            foreach (var topic in offsets.GroupBy(o => o.Key.Topic).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(topic.Key);
                foreach (var (partition, offset) in topic.OrderBy(o => o.Key.Partition.Value))
                    writer.WriteNumber(partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), offset);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The offsets in <paramref name="state"/>; empty for null. Throws when the state is not this shape (e.g. another application's).</summary>
    public static Dictionary<TopicPartition, long> Parse(string? state)
    {
        var offsets = new Dictionary<TopicPartition, long>();
        if (state is null) return offsets;
        try
        {
            using var document = JsonDocument.Parse(state);
            foreach (var topic in document.RootElement.GetProperty("kafka").EnumerateObject())
            {
                foreach (var partition in topic.Value.EnumerateObject())
                    offsets[new TopicPartition(topic.Name, int.Parse(partition.Name, System.Globalization.CultureInfo.InvariantCulture))] = partition.Value.GetInt64();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"The checkpoint's application state is not the Kafka offsets this consumer keeps ({{\"kafka\":{{topic:{{partition:offset}}}}}}): {state}", e);
        }
        return offsets;
    }
}
