namespace StarRocks.Typed.Sink.Buffering;

/// <summary>
/// The one memory budget shared by all tables of a sink: bytes reserved by buffered, queued and in-flight batches.
/// <see cref="TryReserve"/> never lets the total pass the limit (twice <c>sink.buffer-flush.max-bytes</c>), except for a
/// chunk of rows that ends in a row larger than the limit when nothing else is buffered (chunks are otherwise at most a
/// sixteenth of the limit, see <see cref="SerializedRows"/>); writers that do not fit wait in
/// <see cref="WaitForRoomAsync"/> until loads release bytes. Reserving is lock-free (it runs once per row or chunk of rows); the lock only
/// orders a waiter's check against the release signal.
/// </summary>
internal sealed class SinkMemoryBudget(long limit)
{
    private readonly Lock _gate = new();
    private long _reserved;
    private long _peak;
    private int _waiting;
    private TaskCompletionSource _released = NewSignal();

    /// <summary>The most bytes that may be reserved.</summary>
    public long Limit { get; } = limit;

    /// <summary>Bytes reserved now.</summary>
    public long Reserved => Volatile.Read(ref _reserved);

    /// <summary>Writers waiting for room now (back-pressure).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// The highest <see cref="Reserved"/> seen (for tests and diagnostics). Reservations only add to it, so it peaks just
    /// before a release or now: <see cref="Release"/> keeps the first, and reserving costs no second atomic operation.
    /// </summary>
    public long Peak => Math.Max(Volatile.Read(ref _peak), Reserved);

    /// <summary>Reserves <paramref name="bytes"/> if they fit.</summary>
    /// <param name="bytes">The bytes to reserve.</param>
    /// <returns>Whether they were reserved.</returns>
    public bool TryReserve(long bytes)
    {
        long reserved = Volatile.Read(ref _reserved);
        while (true)
        {
            if (reserved + bytes > Limit && reserved > 0)
            {
                return false;
            }

            long seen = Interlocked.CompareExchange(ref _reserved, reserved + bytes, reserved);
            if (seen == reserved)
            {
                return true;
            }

            reserved = seen;
        }
    }

    /// <summary>Returns bytes and wakes waiting writers.</summary>
    /// <param name="bytes">The bytes to return.</param>
    public void Release(long bytes)
    {
        TaskCompletionSource released;
        RaisePeak(Interlocked.Add(ref _reserved, -bytes) + bytes); // before the lock: a waiter that checked under it gets the signal swapped below
        lock (_gate)
        {
            released = _released;
            _released = NewSignal();
        }

        released.TrySetResult();
    }

    /// <summary>Waits until <paramref name="bytes"/> would fit (no reservation is made; call <see cref="TryReserve"/> again).</summary>
    /// <param name="bytes">The bytes needed.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when the bytes may fit.</returns>
    public async ValueTask WaitForRoomAsync(long bytes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            while (true)
            {
                Task released;
                lock (_gate)
                {
                    long reserved = Volatile.Read(ref _reserved);
                    if (reserved + bytes <= Limit || reserved == 0)
                    {
                        return;
                    }

                    released = _released.Task;
                }

                await released.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void RaisePeak(long reserved)
    {
        long peak = Volatile.Read(ref _peak);
        while (reserved > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peak, reserved, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
