namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>How the Debezium connector encoded DECIMAL values (its <c>decimal.handling.mode</c>).</summary>
public enum DebeziumDecimalHandling
{
    /// <summary><c>precise</c> (Debezium's default): the unscaled value as big-endian two's-complement bytes, base64 in JSON, with the scale in the schema.</summary>
    Precise,

    /// <summary><c>string</c>: the plain decimal text, e.g. <c>"12.50"</c>.</summary>
    String,
}

/// <summary>Options of <see cref="DebeziumChangeStreamTarget"/>.</summary>
public sealed class DebeziumOptions
{
    /// <summary>
    /// The zone that instants (<c>io.debezium.time.ZonedTimestamp</c>, e.g. a MySQL TIMESTAMP) are written in: StarRocks's
    /// DATETIME has no zone, so an instant becomes the wall-clock time in this zone. Default UTC, which is also the zone
    /// Debezium writes them in.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// The connector's <c>decimal.handling.mode</c>, consulted only for events without the <c>schema</c> part (JsonConverter
    /// <c>schemas.enable=false</c>), where a DECIMAL column's JSON string could be either encoding. With the schema part the
    /// schema says which. Default <see cref="DebeziumDecimalHandling.Precise"/>.
    /// </summary>
    public DebeziumDecimalHandling DecimalHandling { get; init; } = DebeziumDecimalHandling.Precise;
}
