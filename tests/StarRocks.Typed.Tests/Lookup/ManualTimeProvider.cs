namespace StarRocks.Typed.Tests.Lookup;

/// <summary>A clock whose timestamps move only when a test advances them (timers stay real).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _timestamp = 1;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, by.Ticks);
}
