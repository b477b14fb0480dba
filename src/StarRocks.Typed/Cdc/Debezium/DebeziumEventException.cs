namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>A Debezium message that cannot be decoded or loaded faithfully (a malformed envelope, an unsupported type, a value its schema does not describe).</summary>
public sealed class DebeziumEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the table and column where there is one.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DebeziumEventException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
