using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>How a column's values are encoded in Debezium's JSON (the field schema's logical <c>name</c>).</summary>
internal enum DebeziumEncoding
{
    /// <summary>Numbers, booleans and strings as StarRocks takes them (base64 bytes included: the JSON row form of VARBINARY).</summary>
    Plain,

    /// <summary><c>io.debezium.time.Date</c>, <c>org.apache.kafka.connect.data.Date</c>: days since the epoch.</summary>
    EpochDays,

    /// <summary><c>io.debezium.time.Time</c>, <c>org.apache.kafka.connect.data.Time</c>: milliseconds past midnight.</summary>
    TimeMillis,

    /// <summary><c>io.debezium.time.MicroTime</c>: microseconds past midnight (MySQL: also negative or past 24 h).</summary>
    TimeMicros,

    /// <summary><c>io.debezium.time.NanoTime</c>: nanoseconds past midnight.</summary>
    TimeNanos,

    /// <summary><c>io.debezium.time.Timestamp</c>, <c>org.apache.kafka.connect.data.Timestamp</c>: epoch milliseconds, no zone.</summary>
    TimestampMillis,

    /// <summary><c>io.debezium.time.MicroTimestamp</c>: epoch microseconds, no zone.</summary>
    TimestampMicros,

    /// <summary><c>io.debezium.time.NanoTimestamp</c>: epoch nanoseconds, no zone.</summary>
    TimestampNanos,

    /// <summary><c>io.debezium.time.ZonedTimestamp</c>: an ISO-8601 instant with its offset.</summary>
    ZonedTimestamp,

    /// <summary><c>org.apache.kafka.connect.data.Decimal</c>: base64 of the unscaled big-endian two's-complement integer.</summary>
    DecimalBytes,

    /// <summary>A decimal as its plain text (<c>decimal.handling.mode=string</c>).</summary>
    DecimalText,

    /// <summary><c>io.debezium.data.Json</c>: a string holding JSON text, loaded as that JSON value.</summary>
    JsonText,
}

/// <summary>One column as the decoder reads it: its name (as matched in the payload and as written), encoding and decimal scale.</summary>
internal sealed class DebeziumColumn
{
    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public DebeziumColumn(string name, DebeziumEncoding encoding, int scale = 0)
    {
        Name = name;
        Utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
        WrittenName = JsonEncodedText.Encode(name, Relaxed);
        WrittenMember = [(byte)'"', .. WrittenName.EncodedUtf8Bytes, (byte)'"', (byte)':'];
        CompactMember = CompactMemberName.For(Utf8Name);
        WrittenAsRead = CompactMember is not null && CompactMember.Bytes.AsSpan().SequenceEqual(WrittenMember);
        Encoding = encoding;
        Scale = scale;
    }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    /// <summary>The name escaped as the library's JSON row writer escapes it.</summary>
    public JsonEncodedText WrittenName { get; }

    /// <summary><c>"name":</c> as the row writer writes it (<see cref="WrittenName"/> quoted, then the colon).</summary>
    public byte[] WrittenMember { get; }

    /// <summary><c>"name":</c> as compact JSON spells it without escapes (null when the name needs escaping).</summary>
    public CompactMemberName? CompactMember { get; }

    /// <summary>Whether <see cref="WrittenMember"/> is <see cref="CompactMember"/>'s bytes (the name needs no escaping either way).</summary>
    public bool WrittenAsRead { get; }

    public DebeziumEncoding Encoding { get; }

    /// <summary>The scale of <see cref="DebeziumEncoding.DecimalBytes"/>.</summary>
    public int Scale { get; }
}
