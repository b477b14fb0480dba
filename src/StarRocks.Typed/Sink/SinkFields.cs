using System.Runtime.CompilerServices;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Sink;

/// <summary>
/// What a sink serializes into one body row: a whole row, or a key. Static, on struct types, so the sink's serialization
/// is specialized per source without delegates or boxing.
/// </summary>
/// <typeparam name="TValue">What is written: the row, or the key.</typeparam>
internal interface ISinkFields<TValue>
{
    /// <summary>Writes the fields into the current CSV row.</summary>
    static abstract void WriteCsv(TValue value, ref CsvRowWriter writer);

    /// <summary>Writes the members into the current JSON object.</summary>
    static abstract void WriteJson(TValue value, ref JsonRowWriter writer);
}

/// <summary>Every column of a row, through the generated <c>WriteCsv</c>/<c>WriteJson</c>.</summary>
/// <typeparam name="T">The generated row type.</typeparam>
internal readonly struct RowFields<T> : ISinkFields<T> where T : IStarRocksTable<T>
{
    public static void WriteCsv(T value, ref CsvRowWriter writer) => T.WriteCsv(value, ref writer);

    public static void WriteJson(T value, ref JsonRowWriter writer) => T.WriteJson(value, ref writer);
}

/// <summary>The key columns of a key, through the generated <c>WriteKeyCsv</c>/<c>WriteKeyJson</c>.</summary>
/// <typeparam name="T">The generated row type.</typeparam>
/// <typeparam name="TKey">Its key type.</typeparam>
internal readonly struct KeyFields<T, TKey> : ISinkFields<TKey> where T : IStarRocksKeyed<T, TKey>
{
    public static void WriteCsv(TKey value, ref CsvRowWriter writer) => T.WriteKeyCsv(value, ref writer);

    public static void WriteJson(TKey value, ref JsonRowWriter writer) => T.WriteKeyJson(value, ref writer);
}

/// <summary>One body row written by an <see cref="ISinkFields{TValue}"/> with either writer.</summary>
internal static class SinkFields
{
    /// <summary>Writes <paramref name="value"/>'s fields with <paramref name="writer"/> (the branch is resolved when the method is compiled for a writer).</summary>
    /// <typeparam name="TValue">The row or key type.</typeparam>
    /// <typeparam name="TFields">Writes its fields.</typeparam>
    /// <typeparam name="TWriter"><see cref="CsvRowWriter"/> or <see cref="JsonRowWriter"/>.</typeparam>
    /// <param name="value">The row or key.</param>
    /// <param name="writer">The writer, in a row.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TValue, TFields, TWriter>(TValue value, ref TWriter writer)
        where TFields : ISinkFields<TValue>
        where TWriter : IRowWriter, allows ref struct
    {
        if (typeof(TWriter) == typeof(CsvRowWriter))
        {
            TFields.WriteCsv(value, ref Unsafe.As<TWriter, CsvRowWriter>(ref writer));
        }
        else
        {
            TFields.WriteJson(value, ref Unsafe.As<TWriter, JsonRowWriter>(ref writer));
        }
    }
}
