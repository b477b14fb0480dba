using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// The failure of a table's loads, between its uploader (which sets it) and its buffer (which throws it to the next
/// caller, once). Items are stamped with the <see cref="Epoch"/> they were queued in; a thrown failure opens a new one.
/// The failed batch and every item queued before the failure was thrown are not loaded: their rows are counted in it
/// (<see cref="StarRocksSinkException.RowsNotLoaded"/>). Items queued after it was thrown load normally.
/// </summary>
internal sealed class TableFailure
{
    private readonly Lock _gate = new();
    private StarRocksSinkException? _unreported;
    private StarRocksSinkException? _dropping; // the failure whose epoch's items are skipped
    private long _droppingEpoch = -1;
    private long _epoch;

    /// <summary>The epoch items queued now belong to.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>A failure no caller has been thrown yet.</summary>
    public StarRocksSinkException? Unreported => Volatile.Read(ref _unreported);

    /// <summary>The last failure, until <see cref="Acknowledge"/> (exactly-once: until the application resumed).</summary>
    public StarRocksSinkException? Latest { get; private set; }

    /// <summary>Records a failure of the load of an item of the current epoch (or of an earlier one).</summary>
    /// <param name="failure">The failure.</param>
    public void Set(StarRocksSinkException failure)
    {
        lock (_gate)
        {
            (_dropping, _droppingEpoch, _unreported, Latest) = (failure, _epoch, failure, failure);
        }
    }

    /// <summary>Whether the uploader skips <paramref name="item"/> (queued before a failure was thrown); counts its rows into the failure.</summary>
    /// <param name="item">The item.</param>
    /// <returns>True when it is not to be loaded.</returns>
    public bool Skips(SealedBatch item)
    {
        var failure = Volatile.Read(ref _dropping);
        if (failure is null || item.Epoch > Volatile.Read(ref _droppingEpoch) || item.Point == FlushPoint.Rollback)
        {
            return false;
        }

        failure.AddRowsNotLoaded(item.Body?.RowCount ?? 0);
        return true;
    }

    /// <summary>Throws a failure no caller has seen yet (once); later items load again.</summary>
    public void ThrowIfAny()
    {
        if (Volatile.Read(ref _unreported) is null)
        {
            return; // every write checks: no lock when there is nothing to throw
        }

        StarRocksSinkException? failure;
        lock (_gate)
        {
            failure = _unreported;
            if (failure is null)
            {
                return;
            }

            _unreported = null;
            _epoch++;
        }

        throw failure;
    }

    /// <summary>Forgets <see cref="Latest"/> and any unreported failure (exactly-once: the application resumed before it).</summary>
    public void Acknowledge()
    {
        lock (_gate)
        {
            if (_unreported is not null)
            {
                _epoch++;
            }

            (_unreported, Latest) = (null, null);
        }
    }
}
