using System.ComponentModel;

namespace StarRocks.Typed.Generated;

/// <summary>
/// A CHAR/VARCHAR/STRING length in bytes, as a type: the source generator declares one per length that a table's ARRAY
/// elements, MAP keys and values and STRUCT fields hold, so that their value writers (<see cref="ValueWriters.String{TLength}"/>)
/// refuse a longer value, which StarRocks would load as NULL (<c>add_nullable_column(…, invalid_as_null = true)</c> in
/// <c>be/src/formats/json/nullable_column.cpp</c>).
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IByteLength
{
    /// <summary>The length in bytes.</summary>
    static abstract int MaxBytes { get; }
}
