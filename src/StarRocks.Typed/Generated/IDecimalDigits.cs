using System.ComponentModel;

namespace StarRocks.Typed.Generated;

/// <summary>
/// A DECIMAL's precision and scale, as a type: the source generator declares one per DECIMAL(p,s) that a table's ARRAY
/// elements, MAP values and STRUCT fields hold, so that their value writer (<see cref="ValueWriters.Decimal{TDigits}"/>)
/// refuses a value with more integer digits, which StarRocks would load as NULL (<c>invalid_as_null</c>).
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDecimalDigits
{
    /// <summary>The precision.</summary>
    static abstract int Precision { get; }

    /// <summary>The scale.</summary>
    static abstract int Scale { get; }
}
