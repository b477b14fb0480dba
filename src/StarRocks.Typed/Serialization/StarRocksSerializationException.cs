namespace StarRocks.Typed.Serialization;

/// <summary>
/// A value that cannot be written faithfully in the chosen Stream Load format (e.g. NaN, or a CSV string the options
/// cannot represent), or that StarRocks would refuse (a string longer than its column, a DECIMAL past its precision).
/// </summary>
public sealed class StarRocksSerializationException : Exception
{
    /// <summary>Creates the exception for <paramref name="column"/>.</summary>
    /// <param name="column">The column (or JSON member) whose value failed.</param>
    /// <param name="message">What went wrong.</param>
    public StarRocksSerializationException(string column, string message)
        : this(column, member: null, message, inner: null)
    {
    }

    private StarRocksSerializationException(string column, string? member, string reason, Exception? inner)
        : base(member is null ? $"Column '{column}': {reason}" : $"Column '{column}' (member {member}): {reason}", inner)
    {
        Column = column;
        Member = member;
        Reason = reason;
    }

    /// <summary>The column (or JSON member) whose value failed.</summary>
    public string Column { get; }

    /// <summary>The .NET member the column is written from, when known (the sink names it; the row writers know only the column).</summary>
    public string? Member { get; }

    private string Reason { get; }

    /// <summary>The same failure naming the member too; this exception, with its stack, becomes the inner exception.</summary>
    internal StarRocksSerializationException WithMember(string member) => new(Column, member, Reason, this);
}
