using System.ComponentModel;

namespace StarRocks.Typed.Generated;

/// <summary>
/// Reads one value of <typeparamref name="T"/> from the text StarRocks returns for ARRAY and MAP columns
/// (<c>[1,2]</c>, <c>["a",null]</c>, <c>{1:"x"}</c>). Implementations are empty structs; <see cref="ValueReaders"/>
/// has one per mapped type. Used by <see cref="StarRocksReaders.GetValue{T, TReader}"/>.
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
/// <typeparam name="T">The value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IValueReader<out T>
{
    /// <summary>Reads the next value (a scalar, a quoted string, <c>null</c>, or a nested array/map).</summary>
    /// <param name="reader">The text reader positioned before the value.</param>
    /// <returns>The value; <c>null</c> gives <c>default</c> (null for reference types, although the readers are annotated non-null so that they also fit non-nullable members).</returns>
    static abstract T Read(ref CollectionTextReader reader);
}
