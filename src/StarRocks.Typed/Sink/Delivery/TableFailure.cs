namespace StarRocks.Typed.Sink.Delivery;

/// <summary>
/// The failure of a table's loads: set by its uploader, thrown to the table's writers by its buffer. Once set, the
/// uploader loads nothing more and counts the rows it skips into it.
/// </summary>
internal sealed class TableFailure
{
    private StarRocksSinkException? _failure;
    private volatile bool _reported;

    /// <summary>The failure, if any.</summary>
    public StarRocksSinkException? Current => Volatile.Read(ref _failure);

    /// <summary>The failure, once a caller has been thrown it.</summary>
    public StarRocksSinkException? Reported => _reported ? Current : null;

    /// <summary>Records the failure.</summary>
    /// <param name="failure">The failure.</param>
    public void Set(StarRocksSinkException failure) => Volatile.Write(ref _failure, failure);

    /// <summary>Throws the failure, if any.</summary>
    public void ThrowIfAny()
    {
        if (Current is { } failure)
        {
            _reported = true;
            throw failure;
        }
    }
}
