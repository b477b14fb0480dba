namespace StarRocks.Typed.Serialization;

/// <summary>A value that cannot be written faithfully in the chosen Stream Load format (e.g. NaN, or a CSV string the options cannot represent).</summary>
public sealed class StarRocksSerializationException : Exception
{
    /// <summary>Creates the exception for <paramref name="column"/>.</summary>
    /// <param name="column">The column (or JSON member) whose value failed.</param>
    /// <param name="message">What went wrong.</param>
    public StarRocksSerializationException(string column, string message)
        : base($"Column '{column}': {message}") => Column = column;

    /// <summary>The column (or JSON member) whose value failed.</summary>
    public string Column { get; }
}
