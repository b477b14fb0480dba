namespace StarRocks.Typed.Serialization;

/// <summary>Settings shared by the CSV and JSON Stream Load formats.</summary>
public abstract class StarRocksFormat
{
    /// <summary>
    /// The zone <see cref="DateTimeOffset"/> values are converted to before they are written as <c>DATETIME</c>
    /// (which has no zone). Default: UTC.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
