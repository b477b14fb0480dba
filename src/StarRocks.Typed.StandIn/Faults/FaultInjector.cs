namespace StarRocks.Typed.StandIn.Faults;

/// <summary>
/// The faults queued for coming requests. Tests add faults through this object (or <c>POST /_standin/faults</c> on
/// any FE); each request at a <see cref="FaultPoint"/> takes the oldest fault for that point.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>A retryable <c>Fail</c> message (what a BE says when it is overloaded).</summary>
    public const string RetryableMessage = "[E1008]Reached timeout=300000ms @127.0.0.1:8060";
    /// <summary>A fatal <c>Fail</c> message that clients must not retry.</summary>
    public const string TooManyFilteredRows = "too many filtered rows";
    /// <summary>A fatal <c>Fail</c> message about privileges.</summary>
    public const string AccessDenied = "Access denied; you need (at least one of) the INSERT privilege(s) on TABLE for this operation";

    private readonly object _sync = new();
    private readonly List<(Fault Fault, int Left)> _queue = [];

    /// <summary>Queues <paramref name="fault"/>.</summary>
    public void Add(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        lock (_sync)
            _queue.Add((fault, fault.Times));
    }

    /// <summary>Fails the next <paramref name="times"/> stream loads with HTTP 500.</summary>
    public void FailNextLoadsWithHttp500(int times = 1) => Add(new Fault(FaultKind.Http500, Times: times));

    /// <summary>Resets the connection of the next stream load after <paramref name="bytes"/> body bytes.</summary>
    public void ResetConnectionAfter(long bytes) => Add(new Fault(FaultKind.ResetConnection, AfterBytes: bytes));

    /// <summary>Answers the next stream load <c>Fail</c> with <paramref name="message"/> (see <see cref="RetryableMessage"/>, <see cref="TooManyFilteredRows"/>, <see cref="AccessDenied"/>).</summary>
    public void FailNextLoad(string message = RetryableMessage) => Add(new Fault(FaultKind.Fail, Message: message));

    /// <summary>Answers the next stream load with lowercase <c>{"status":"FAILED","msg":…}</c>.</summary>
    public void AnswerLowercaseFailed(string message = "No backend alive.") => Add(new Fault(FaultKind.LowercaseFailed, Message: message));

    /// <summary>Loads the next stream load but answers <c>Publish Timeout</c>.</summary>
    public void AnswerPublishTimeout() => Add(new Fault(FaultKind.PublishTimeout));

    /// <summary>Loads the next stream load but answers <c>Label Already Exists</c> / RUNNING; the label finishes after <paramref name="runningFor"/>.</summary>
    public void AnswerLabelAlreadyExistsRunning(TimeSpan runningFor) =>
        Add(new Fault(FaultKind.LabelAlreadyExistsRunning, Delay: runningFor));

    /// <summary>Holds the answer of the next request at <paramref name="point"/> for <paramref name="delay"/>.</summary>
    public void DelayNextAnswer(TimeSpan delay, FaultPoint point = FaultPoint.StreamLoad) =>
        Add(new Fault(FaultKind.DelayAnswer, point, Delay: delay));

    /// <summary>Takes the next fault for <paramref name="point"/>, or null.</summary>
    public Fault? Take(FaultPoint point)
    {
        lock (_sync)
        {
            var index = _queue.FindIndex(f => f.Fault.Point == point);
            if (index < 0)
                return null;
            var (fault, left) = _queue[index];
            if (left <= 1)
                _queue.RemoveAt(index);
            else
                _queue[index] = (fault, left - 1);
            return fault;
        }
    }

    /// <summary>The faults still queued.</summary>
    public IReadOnlyList<Fault> Pending
    {
        get
        {
            lock (_sync)
                return _queue.Select(f => f.Fault with { Times = f.Left }).ToList();
        }
    }

    /// <summary>Forgets every queued fault.</summary>
    public void Clear()
    {
        lock (_sync)
            _queue.Clear();
    }
}
