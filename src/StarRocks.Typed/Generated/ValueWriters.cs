using System.Collections.Immutable;
using System.ComponentModel;
using System.Runtime.InteropServices;
using StarRocks.Typed.Serialization;
using SysDateOnly = System.DateOnly;
using SysDateTime = System.DateTime;
using SysDateTimeOffset = System.DateTimeOffset;
using SysGuid = System.Guid;
using SysBigInteger = System.Numerics.BigInteger;
using SysHalf = System.Half;
using SysInt128 = System.Int128;
using SysTimeOnly = System.TimeOnly;
using SysTimeSpan = System.TimeSpan;
using SysUInt128 = System.UInt128;
using SysJsonElement = System.Text.Json.JsonElement;

namespace StarRocks.Typed.Generated;

/// <summary>
/// The <see cref="IValueWriter{T}"/> of every mapped type, for ARRAY and MAP elements. Compose them as type arguments:
/// <c>ValueWriters.List&lt;int?, ValueWriters.Nullable&lt;int, ValueWriters.Int32&gt;&gt;</c>,
/// <c>ValueWriters.Dictionary&lt;string, long[], ValueWriters.String, ValueWriters.Array&lt;long, ValueWriters.Int64&gt;&gt;</c>.
/// Reference-type values that are null are written as JSON <c>null</c>.
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueWriters
{
#pragma warning disable CS1591 // The members are the IValueWriter<T>.Write implementations documented on the interface.
    /// <summary>BOOLEAN: <c>true</c>/<c>false</c>.</summary>
    public readonly struct Boolean : IValueWriter<bool> { public static void Write(ref JsonRowWriter writer, bool value) => writer.WriteBoolean(value); }

    /// <summary>TINYINT.</summary>
    public readonly struct SByte : IValueWriter<sbyte> { public static void Write(ref JsonRowWriter writer, sbyte value) => writer.WriteSByte(value); }

    /// <summary>SMALLINT (from byte).</summary>
    public readonly struct Byte : IValueWriter<byte> { public static void Write(ref JsonRowWriter writer, byte value) => writer.WriteByte(value); }

    /// <summary>SMALLINT.</summary>
    public readonly struct Int16 : IValueWriter<short> { public static void Write(ref JsonRowWriter writer, short value) => writer.WriteInt16(value); }

    /// <summary>INT (from ushort).</summary>
    public readonly struct UInt16 : IValueWriter<ushort> { public static void Write(ref JsonRowWriter writer, ushort value) => writer.WriteUInt16(value); }

    /// <summary>INT.</summary>
    public readonly struct Int32 : IValueWriter<int> { public static void Write(ref JsonRowWriter writer, int value) => writer.WriteInt32(value); }

    /// <summary>BIGINT (from uint).</summary>
    public readonly struct UInt32 : IValueWriter<uint> { public static void Write(ref JsonRowWriter writer, uint value) => writer.WriteUInt32(value); }

    /// <summary>BIGINT.</summary>
    public readonly struct Int64 : IValueWriter<long> { public static void Write(ref JsonRowWriter writer, long value) => writer.WriteInt64(value); }

    /// <summary>LARGEINT (from ulong).</summary>
    public readonly struct UInt64 : IValueWriter<ulong> { public static void Write(ref JsonRowWriter writer, ulong value) => writer.WriteUInt64(value); }

    /// <summary>LARGEINT.</summary>
    public readonly struct Int128 : IValueWriter<SysInt128> { public static void Write(ref JsonRowWriter writer, SysInt128 value) => writer.WriteInt128(value); }

    /// <summary>LARGEINT (from UInt128; past 2^127 − 1 throws).</summary>
    public readonly struct UInt128 : IValueWriter<SysUInt128> { public static void Write(ref JsonRowWriter writer, SysUInt128 value) => writer.WriteUInt128(value); }

    /// <summary>LARGEINT (from BigInteger; outside LARGEINT's range throws).</summary>
    public readonly struct BigInteger : IValueWriter<SysBigInteger> { public static void Write(ref JsonRowWriter writer, SysBigInteger value) => writer.WriteBigInteger(value); }

    /// <summary>FLOAT (from Half; NaN and infinities throw).</summary>
    public readonly struct Half : IValueWriter<SysHalf> { public static void Write(ref JsonRowWriter writer, SysHalf value) => writer.WriteHalf(value); }

    /// <summary>FLOAT (NaN and infinities throw).</summary>
    public readonly struct Single : IValueWriter<float> { public static void Write(ref JsonRowWriter writer, float value) => writer.WriteSingle(value); }

    /// <summary>DOUBLE (NaN and infinities throw).</summary>
    public readonly struct Double : IValueWriter<double> { public static void Write(ref JsonRowWriter writer, double value) => writer.WriteDouble(value); }

    /// <summary>DECIMAL.</summary>
    public readonly struct Decimal : IValueWriter<decimal> { public static void Write(ref JsonRowWriter writer, decimal value) => writer.WriteDecimal(value); }

    /// <summary>DECIMAL(p,s), p and s being <typeparamref name="TDigits"/>'s: a value with more integer digits throws naming the column.</summary>
    /// <typeparam name="TDigits">The element's precision and scale.</typeparam>
    public readonly struct Decimal<TDigits> : IValueWriter<decimal> where TDigits : IDecimalDigits { public static void Write(ref JsonRowWriter writer, decimal value) => writer.WriteDecimal(value, TDigits.Precision, TDigits.Scale); }

    /// <summary>CHAR/VARCHAR/STRING.</summary>
    public readonly struct String : IValueWriter<string?> { public static void Write(ref JsonRowWriter writer, string? value) => writer.WriteString(value); }

    /// <summary>CHAR/VARCHAR/STRING of at most <typeparamref name="TLength"/> bytes: a longer value throws naming the column.</summary>
    /// <typeparam name="TLength">The element's length.</typeparam>
    public readonly struct String<TLength> : IValueWriter<string?> where TLength : IByteLength { public static void Write(ref JsonRowWriter writer, string? value) => writer.WriteString(value, TLength.MaxBytes); }

    /// <summary>CHAR(n) from a char.</summary>
    public readonly struct Char : IValueWriter<char> { public static void Write(ref JsonRowWriter writer, char value) => writer.WriteChar(value); }

    /// <summary>CHAR(n) from a char, n being <typeparamref name="TLength"/> (a lone surrogate or a char wider than n bytes throws).</summary>
    /// <typeparam name="TLength">The element's length.</typeparam>
    public readonly struct Char<TLength> : IValueWriter<char> where TLength : IByteLength { public static void Write(ref JsonRowWriter writer, char value) => writer.WriteChar(value, TLength.MaxBytes); }

    /// <summary>JSON given as JSON text (embedded as a JSON value).</summary>
    public readonly struct JsonText : IValueWriter<string?> { public static void Write(ref JsonRowWriter writer, string? value) => writer.WriteJsonText(value); }

    /// <summary>JSON.</summary>
    public readonly struct Json : IValueWriter<SysJsonElement> { public static void Write(ref JsonRowWriter writer, SysJsonElement value) => writer.WriteJson(value); }

    /// <summary>DATE.</summary>
    public readonly struct DateOnly : IValueWriter<SysDateOnly> { public static void Write(ref JsonRowWriter writer, SysDateOnly value) => writer.WriteDate(value); }

    /// <summary>DATETIME.</summary>
    public readonly struct DateTime : IValueWriter<SysDateTime> { public static void Write(ref JsonRowWriter writer, SysDateTime value) => writer.WriteDateTime(value); }

    /// <summary>DATETIME converted to the format's time zone.</summary>
    public readonly struct DateTimeOffset : IValueWriter<SysDateTimeOffset> { public static void Write(ref JsonRowWriter writer, SysDateTimeOffset value) => writer.WriteDateTimeOffset(value); }

    /// <summary>VARCHAR(36).</summary>
    public readonly struct Guid : IValueWriter<SysGuid> { public static void Write(ref JsonRowWriter writer, SysGuid value) => writer.WriteGuid(value); }

    /// <summary>VARCHAR text of a TimeOnly.</summary>
    public readonly struct TimeOnly : IValueWriter<SysTimeOnly> { public static void Write(ref JsonRowWriter writer, SysTimeOnly value) => writer.WriteTimeOnly(value); }

    /// <summary>VARCHAR text of a TimeSpan.</summary>
    public readonly struct TimeSpan : IValueWriter<SysTimeSpan> { public static void Write(ref JsonRowWriter writer, SysTimeSpan value) => writer.WriteTimeSpan(value); }

    /// <summary>VARBINARY (base64).</summary>
    public readonly struct Binary : IValueWriter<byte[]?> { public static void Write(ref JsonRowWriter writer, byte[]? value) => writer.WriteBinary(value); }

    /// <summary>An enum as its underlying number.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    public readonly struct EnumNumber<TEnum> : IValueWriter<TEnum> where TEnum : struct, Enum { public static void Write(ref JsonRowWriter writer, TEnum value) => writer.WriteEnumNumber(value); }

    /// <summary>An enum as its name.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    public readonly struct EnumName<TEnum> : IValueWriter<TEnum> where TEnum : struct, Enum { public static void Write(ref JsonRowWriter writer, TEnum value) => writer.WriteEnumName(value); }

    /// <summary>An enum as its name in a VARCHAR of <typeparamref name="TLength"/> bytes (a longer name throws naming the column).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <typeparam name="TLength">The element's length.</typeparam>
    public readonly struct EnumName<TEnum, TLength> : IValueWriter<TEnum> where TEnum : struct, Enum where TLength : IByteLength { public static void Write(ref JsonRowWriter writer, TEnum value) => writer.WriteEnumName(value, TLength.MaxBytes); }

    /// <summary>A nullable value type: <c>null</c> or the value written by <typeparamref name="TWriter"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TWriter">Its writer.</typeparam>
    public readonly struct Nullable<T, TWriter> : IValueWriter<T?> where T : struct where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, T? value)
        {
            if (value.HasValue) TWriter.Write(ref writer, value.GetValueOrDefault());
            else writer.WriteNull();
        }
    }

    /// <summary>ARRAY from <c>T[]</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct Array<T, TWriter> : IValueWriter<T[]?> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, T[]? value)
        {
            if (value is null) writer.WriteNull();
            else writer.WriteArray<T, TWriter>(value);
        }
    }

    /// <summary>ARRAY from <see cref="System.Collections.Generic.List{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct List<T, TWriter> : IValueWriter<System.Collections.Generic.List<T>?> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, System.Collections.Generic.List<T>? value)
        {
            if (value is null) writer.WriteNull();
            else writer.WriteArray<T, TWriter>(CollectionsMarshal.AsSpan(value));
        }
    }

    /// <summary>ARRAY from <see cref="ImmutableArray{T}"/> (default: <c>null</c>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct ImmutableArray<T, TWriter> : IValueWriter<System.Collections.Immutable.ImmutableArray<T>> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, System.Collections.Immutable.ImmutableArray<T> value)
        {
            if (value.IsDefault) writer.WriteNull();
            else writer.WriteArray<T, TWriter>(value.AsSpan());
        }
    }

    /// <summary>ARRAY from <see cref="IReadOnlyList{T}"/> (and <c>IList&lt;T&gt;</c>/<c>ICollection&lt;T&gt;</c> implementations that are arrays or lists).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct ReadOnlyList<T, TWriter> : IValueWriter<IReadOnlyList<T>?> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, IReadOnlyList<T>? value)
        {
            switch (value)
            {
                case null: writer.WriteNull(); return;
                case T[] array: writer.WriteArray<T, TWriter>(array); return;
                case System.Collections.Generic.List<T> list: writer.WriteArray<T, TWriter>(CollectionsMarshal.AsSpan(list)); return;
            }
            writer.BeginArray();
            for (int i = 0; i < value.Count; i++)
            {
                if (i > 0) writer.WriteSeparator();
                TWriter.Write(ref writer, value[i]);
            }
            writer.EndArray();
        }
    }

    /// <summary>ARRAY from any <see cref="IEnumerable{T}"/> (allocates the enumerator; prefer the typed writers).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct Enumerable<T, TWriter> : IValueWriter<IEnumerable<T>?> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, IEnumerable<T>? value)
        {
            if (value is IReadOnlyList<T> list) { ReadOnlyList<T, TWriter>.Write(ref writer, list); return; }
            if (value is null) { writer.WriteNull(); return; }
            WriteElements<T, TWriter, IEnumerator<T>>(ref writer, value.GetEnumerator());
        }
    }

    /// <summary>ARRAY from <see cref="System.Collections.Generic.HashSet{T}"/> (in its enumeration order; the struct enumerator: no allocation).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    public readonly struct HashSet<T, TWriter> : IValueWriter<System.Collections.Generic.HashSet<T>?> where TWriter : IValueWriter<T>
    {
        public static void Write(ref JsonRowWriter writer, System.Collections.Generic.HashSet<T>? value)
        {
            if (value is null) { writer.WriteNull(); return; }
            WriteElements<T, TWriter, System.Collections.Generic.HashSet<T>.Enumerator>(ref writer, value.GetEnumerator());
        }
    }

    /// <summary>MAP from <see cref="System.Collections.Generic.Dictionary{TKey, TValue}"/>: a JSON object (non-string keys quoted).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <typeparam name="TKeyWriter">The key writer.</typeparam>
    /// <typeparam name="TValueWriter">The value writer.</typeparam>
    public readonly struct Dictionary<TKey, TValue, TKeyWriter, TValueWriter> : IValueWriter<System.Collections.Generic.Dictionary<TKey, TValue>?>
        where TKey : notnull where TKeyWriter : IValueWriter<TKey> where TValueWriter : IValueWriter<TValue>
    {
        public static void Write(ref JsonRowWriter writer, System.Collections.Generic.Dictionary<TKey, TValue>? value)
        {
            if (value is null) { writer.WriteNull(); return; }
            WritePairs<TKey, TValue, TKeyWriter, TValueWriter, System.Collections.Generic.Dictionary<TKey, TValue>.Enumerator>(ref writer, value.GetEnumerator()); // the struct enumerator: no allocation
        }
    }

    /// <summary>MAP from <see cref="IReadOnlyDictionary{TKey, TValue}"/> (allocates the enumerator unless it is a <c>Dictionary</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <typeparam name="TKeyWriter">The key writer.</typeparam>
    /// <typeparam name="TValueWriter">The value writer.</typeparam>
    public readonly struct ReadOnlyDictionary<TKey, TValue, TKeyWriter, TValueWriter> : IValueWriter<IReadOnlyDictionary<TKey, TValue>?>
        where TKey : notnull where TKeyWriter : IValueWriter<TKey> where TValueWriter : IValueWriter<TValue>
    {
        public static void Write(ref JsonRowWriter writer, IReadOnlyDictionary<TKey, TValue>? value) =>
            KeyValuePairs<TKey, TValue, TKeyWriter, TValueWriter>.Write(ref writer, value);
    }

    /// <summary>MAP from key/value pairs (<see cref="IDictionary{TKey, TValue}"/>; allocates the enumerator unless it is a <c>Dictionary</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <typeparam name="TKeyWriter">The key writer.</typeparam>
    /// <typeparam name="TValueWriter">The value writer.</typeparam>
    public readonly struct KeyValuePairs<TKey, TValue, TKeyWriter, TValueWriter> : IValueWriter<IEnumerable<KeyValuePair<TKey, TValue>>?>
        where TKey : notnull where TKeyWriter : IValueWriter<TKey> where TValueWriter : IValueWriter<TValue>
    {
        public static void Write(ref JsonRowWriter writer, IEnumerable<KeyValuePair<TKey, TValue>>? value)
        {
            if (value is System.Collections.Generic.Dictionary<TKey, TValue> dictionary)
            {
                Dictionary<TKey, TValue, TKeyWriter, TValueWriter>.Write(ref writer, dictionary);
                return;
            }
            if (value is null) { writer.WriteNull(); return; }
            WritePairs<TKey, TValue, TKeyWriter, TValueWriter, IEnumerator<KeyValuePair<TKey, TValue>>>(ref writer, value.GetEnumerator());
        }
    }

    /// <summary>An ARRAY of the elements <paramref name="items"/> enumerates (disposed after); a struct enumerator is not boxed.</summary>
    private static void WriteElements<T, TWriter, TEnumerator>(ref JsonRowWriter writer, TEnumerator items)
        where TWriter : IValueWriter<T> where TEnumerator : IEnumerator<T>
    {
        try
        {
            writer.BeginArray();
            for (bool first = true; items.MoveNext(); first = false)
            {
                if (!first) writer.WriteSeparator();
                TWriter.Write(ref writer, items.Current);
            }
            writer.EndArray();
        }
        finally
        {
            items.Dispose();
        }
    }

    /// <summary>A MAP (JSON object) of the pairs <paramref name="pairs"/> enumerates (disposed after); a struct enumerator is not boxed.</summary>
    private static void WritePairs<TKey, TValue, TKeyWriter, TValueWriter, TEnumerator>(ref JsonRowWriter writer, TEnumerator pairs)
        where TKey : notnull where TKeyWriter : IValueWriter<TKey> where TValueWriter : IValueWriter<TValue> where TEnumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        try
        {
            writer.BeginObject();
            for (bool first = true; pairs.MoveNext(); first = false)
            {
                if (!first) writer.WriteSeparator();
                writer.WriteKey<TKey, TKeyWriter>(pairs.Current.Key);
                TValueWriter.Write(ref writer, pairs.Current.Value);
            }
            writer.EndObject();
        }
        finally
        {
            pairs.Dispose();
        }
    }
#pragma warning restore CS1591
}
