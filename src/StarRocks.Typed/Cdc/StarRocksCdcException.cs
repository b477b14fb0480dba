namespace StarRocks.Typed.Cdc;

/// <summary>
/// A change the CDC sink cannot apply: a source table without a primary key, a type StarRocks has no column for, an
/// existing table that does not match the source, a schema change StarRocks refused or did not finish in time.
/// </summary>
public sealed class StarRocksCdcException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The source table.</param>
    /// <param name="column">The column at fault, or null when the whole table is.</param>
    /// <param name="message">What is wrong (the table and column are named in it).</param>
    /// <param name="innerException">The failure behind it, if any.</param>
    public StarRocksCdcException(CdcTableId table, string? column, string message, Exception? innerException = null)
        : base(message, innerException) => (Table, Column) = (table, column);

    /// <summary>The source table.</summary>
    public CdcTableId Table { get; }

    /// <summary>The column at fault, or null when the whole table is.</summary>
    public string? Column { get; }
}
