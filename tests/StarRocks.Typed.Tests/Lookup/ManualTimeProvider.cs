namespace StarRocks.Typed.Tests.Lookup;

/// <summary>
/// A clock whose timestamps move only when a test advances them. Timers stay real unless <paramref name="manualTimers"/>:
/// then they fire only from <see cref="Advance"/>, on the advancing thread, once per period passed.
/// </summary>
public sealed class ManualTimeProvider(bool manualTimers = false) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _timestamp = 1;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers created and not disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_timers)
                return _timers.Count;
        }
    }

    public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!manualTimers)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_timers)
            _timers.Add(timer);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var now = Interlocked.Add(ref _timestamp, by.Ticks);
        ManualTimer[] timers;
        lock (_timers)
            timers = [.. _timers];
        foreach (var timer in timers)
        {
            timer.FireUntil(now);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private long _due = long.MaxValue;
        private long _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : owner.GetTimestamp() + dueTime.Ticks;
                _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            }

            return true;
        }

        public void FireUntil(long now)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_due > now)
                    {
                        return;
                    }

                    _due = _period > 0 ? _due + _period : long.MaxValue;
                }

                callback(state);
            }
        }

        public void Dispose()
        {
            lock (owner._timers)
                owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
