using System.ComponentModel;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Generated;

/// <summary>
/// Writes one value of <typeparamref name="T"/> as a JSON value: the element writer of ARRAY and MAP columns, used by
/// <see cref="JsonRowWriter.WriteValue{T, TWriter}(T)"/> and <see cref="CsvRowWriter.WriteValue{T, TWriter}(T, string)"/>
/// (CSV writes nested values as JSON text). Implementations are empty structs so calls specialize and never box;
/// <see cref="ValueWriters"/> has one per mapped type.
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
/// <typeparam name="T">The value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IValueWriter<in T>
{
    /// <summary>Writes <paramref name="value"/> (null: JSON <c>null</c>) at the writer's current value position.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    static abstract void Write(ref JsonRowWriter writer, T value);
}
