using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using SysDateOnly = System.DateOnly;
using SysDateTime = System.DateTime;
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
/// The <see cref="IValueReader{T}"/> of every mapped type, for ARRAY and MAP columns; composed like
/// <see cref="ValueWriters"/>: <c>ValueReaders.List&lt;int?, ValueReaders.Nullable&lt;int, ValueReaders.Int32&gt;&gt;</c>.
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ValueReaders
{
#pragma warning disable CS1591 // The members are the IValueReader<T>.Read implementations documented on the interface.
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>BOOLEAN (<c>1</c>/<c>0</c>/<c>true</c>/<c>false</c>).</summary>
    public readonly struct Boolean : IValueReader<bool>
    {
        public static bool Read(ref CollectionTextReader reader)
            => !reader.TryReadNull() && ValueText.ParseBoolean(reader.ReadScalar());
    }

    /// <summary>TINYINT.</summary>
    public readonly struct SByte : IValueReader<sbyte> { public static sbyte Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : sbyte.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>SMALLINT to byte.</summary>
    public readonly struct Byte : IValueReader<byte> { public static byte Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : byte.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>SMALLINT.</summary>
    public readonly struct Int16 : IValueReader<short> { public static short Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : short.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>INT to ushort.</summary>
    public readonly struct UInt16 : IValueReader<ushort> { public static ushort Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ushort.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>INT.</summary>
    public readonly struct Int32 : IValueReader<int> { public static int Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : int.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>BIGINT to uint.</summary>
    public readonly struct UInt32 : IValueReader<uint> { public static uint Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : uint.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>BIGINT.</summary>
    public readonly struct Int64 : IValueReader<long> { public static long Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : long.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>LARGEINT to ulong.</summary>
    public readonly struct UInt64 : IValueReader<ulong> { public static ulong Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ulong.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>LARGEINT.</summary>
    public readonly struct Int128 : IValueReader<SysInt128> { public static SysInt128 Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : SysInt128.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>LARGEINT to UInt128.</summary>
    public readonly struct UInt128 : IValueReader<SysUInt128> { public static SysUInt128 Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : SysUInt128.Parse(reader.ReadScalar(), Invariant); }

    /// <summary>LARGEINT to BigInteger.</summary>
    public readonly struct BigInteger : IValueReader<SysBigInteger> { public static SysBigInteger Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : SysBigInteger.Parse(reader.ReadScalar(), NumberStyles.AllowLeadingSign, Invariant); }

    /// <summary>FLOAT to Half.</summary>
    public readonly struct Half : IValueReader<SysHalf> { public static SysHalf Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : (SysHalf)float.Parse(reader.ReadScalar(), NumberStyles.Float, Invariant); }

    /// <summary>FLOAT.</summary>
    public readonly struct Single : IValueReader<float> { public static float Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : float.Parse(reader.ReadScalar(), NumberStyles.Float, Invariant); }

    /// <summary>DOUBLE.</summary>
    public readonly struct Double : IValueReader<double> { public static double Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : double.Parse(reader.ReadScalar(), NumberStyles.Float, Invariant); }

    /// <summary>DECIMAL.</summary>
    public readonly struct Decimal : IValueReader<decimal> { public static decimal Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : decimal.Parse(reader.ReadScalar(), NumberStyles.Float, Invariant); }

    /// <summary>CHAR/VARCHAR/STRING.</summary>
    public readonly struct String : IValueReader<string> { public static string Read(ref CollectionTextReader reader) => reader.TryReadNull() ? null! : reader.ReadScalar().ToString(); }

    /// <summary>CHAR(n) to a char (its text must be one character).</summary>
    public readonly struct Char : IValueReader<char> { public static char Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : char.Parse(reader.ReadScalar().ToString()); }

    /// <summary>JSON as text (nested JSON is returned as its raw text).</summary>
    public readonly struct JsonText : IValueReader<string> { public static string Read(ref CollectionTextReader reader) => reader.TryReadNull() ? null! : reader.ReadRaw().ToString(); }

    /// <summary>JSON as a <see cref="SysJsonElement"/>.</summary>
    public readonly struct Json : IValueReader<SysJsonElement>
    {
        public static SysJsonElement Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? default : SysJsonElement.Parse(reader.ReadRaw().ToString());
    }

    /// <summary>DATE.</summary>
    public readonly struct DateOnly : IValueReader<SysDateOnly> { public static SysDateOnly Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ValueText.ParseDate(reader.ReadScalar()); }

    /// <summary>DATETIME (kind unspecified).</summary>
    public readonly struct DateTime : IValueReader<SysDateTime> { public static SysDateTime Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ValueText.ParseDateTime(reader.ReadScalar()); }

    /// <summary>DATETIME read as UTC (elements have no zone setting; use DateTime elements for other zones).</summary>
    public readonly struct DateTimeOffset : IValueReader<System.DateTimeOffset>
    {
        public static System.DateTimeOffset Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? default : new System.DateTimeOffset(ValueText.ParseDateTime(reader.ReadScalar()).Ticks, SysTimeSpan.Zero);
    }

    /// <summary>VARCHAR text to TimeOnly.</summary>
    public readonly struct TimeOnly : IValueReader<SysTimeOnly> { public static SysTimeOnly Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ValueText.ParseTimeOnly(reader.ReadScalar()); }

    /// <summary>VARCHAR text to TimeSpan.</summary>
    public readonly struct TimeSpan : IValueReader<SysTimeSpan> { public static SysTimeSpan Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : ValueText.ParseTimeSpan(reader.ReadScalar()); }

    /// <summary>VARCHAR(36).</summary>
    public readonly struct Guid : IValueReader<SysGuid> { public static SysGuid Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : SysGuid.Parse(reader.ReadScalar()); }

    /// <summary>An enum from its number.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    public readonly struct EnumNumber<TEnum> : IValueReader<TEnum> where TEnum : struct, Enum
    {
        public static TEnum Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : Enum.Parse<TEnum>(reader.ReadScalar());
    }

    /// <summary>An enum from its name (case-sensitive; numbers accepted too).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    public readonly struct EnumName<TEnum> : IValueReader<TEnum> where TEnum : struct, Enum
    {
        public static TEnum Read(ref CollectionTextReader reader) => reader.TryReadNull() ? default : Enum.Parse<TEnum>(reader.ReadScalar());
    }

    /// <summary>A nullable value type.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TReader">Its reader.</typeparam>
    public readonly struct Nullable<T, TReader> : IValueReader<T?> where T : struct where TReader : IValueReader<T>
    {
        public static T? Read(ref CollectionTextReader reader) => reader.TryReadNull() ? null : TReader.Read(ref reader);
    }

    /// <summary>ARRAY to <c>T[]</c> (also for <see cref="IReadOnlyList{T}"/> and <see cref="IEnumerable{T}"/> members).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TReader">The element reader.</typeparam>
    public readonly struct Array<T, TReader> : IValueReader<T[]> where TReader : IValueReader<T>
    {
        public static T[] Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? null! : [.. List<T, TReader>.Read(ref reader)];
    }

    /// <summary>ARRAY to <see cref="System.Collections.Generic.List{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TReader">The element reader.</typeparam>
    public readonly struct List<T, TReader> : IValueReader<System.Collections.Generic.List<T>> where TReader : IValueReader<T>
    {
        public static System.Collections.Generic.List<T> Read(ref CollectionTextReader reader)
        {
            if (reader.TryReadNull()) return null!;
            var list = new System.Collections.Generic.List<T>();
            reader.Expect('[');
            if (reader.TryConsume(']')) return list;
            do list.Add(TReader.Read(ref reader));
            while (reader.TryConsume(','));
            reader.Expect(']');
            return list;
        }
    }

    /// <summary>ARRAY to <see cref="ImmutableArray{T}"/> (NULL: default).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TReader">The element reader.</typeparam>
    public readonly struct ImmutableArray<T, TReader> : IValueReader<System.Collections.Immutable.ImmutableArray<T>> where TReader : IValueReader<T>
    {
        public static System.Collections.Immutable.ImmutableArray<T> Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? default : [.. List<T, TReader>.Read(ref reader)];
    }

    /// <summary>ARRAY to <see cref="System.Collections.Generic.HashSet{T}"/> (also for <c>ISet&lt;T&gt;</c> and <c>IReadOnlySet&lt;T&gt;</c> members).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TReader">The element reader.</typeparam>
    public readonly struct HashSet<T, TReader> : IValueReader<System.Collections.Generic.HashSet<T>> where TReader : IValueReader<T>
    {
        public static System.Collections.Generic.HashSet<T> Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? null! : [.. List<T, TReader>.Read(ref reader)];
    }

    /// <summary>MAP to <see cref="System.Collections.Immutable.ImmutableDictionary{TKey, TValue}"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <typeparam name="TKeyReader">The key reader.</typeparam>
    /// <typeparam name="TValueReader">The value reader.</typeparam>
    public readonly struct ImmutableDictionary<TKey, TValue, TKeyReader, TValueReader> : IValueReader<System.Collections.Immutable.ImmutableDictionary<TKey, TValue>>
        where TKey : notnull where TKeyReader : IValueReader<TKey> where TValueReader : IValueReader<TValue>
    {
        public static System.Collections.Immutable.ImmutableDictionary<TKey, TValue> Read(ref CollectionTextReader reader)
            => reader.TryReadNull() ? null! : Dictionary<TKey, TValue, TKeyReader, TValueReader>.Read(ref reader).ToImmutableDictionary();
    }

    /// <summary>MAP to <see cref="System.Collections.Generic.Dictionary{TKey, TValue}"/> (also for <see cref="IReadOnlyDictionary{TKey, TValue}"/> and <see cref="IDictionary{TKey, TValue}"/> members).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <typeparam name="TKeyReader">The key reader.</typeparam>
    /// <typeparam name="TValueReader">The value reader.</typeparam>
    public readonly struct Dictionary<TKey, TValue, TKeyReader, TValueReader> : IValueReader<System.Collections.Generic.Dictionary<TKey, TValue>>
        where TKey : notnull where TKeyReader : IValueReader<TKey> where TValueReader : IValueReader<TValue>
    {
        public static System.Collections.Generic.Dictionary<TKey, TValue> Read(ref CollectionTextReader reader)
        {
            if (reader.TryReadNull()) return null!;
            var map = new System.Collections.Generic.Dictionary<TKey, TValue>();
            reader.Expect('{');
            if (reader.TryConsume('}')) return map;
            do
            {
                var key = TKeyReader.Read(ref reader);
                reader.Expect(':');
                map[key] = TValueReader.Read(ref reader);
            }
            while (reader.TryConsume(','));
            reader.Expect('}');
            return map;
        }
    }
#pragma warning restore CS1591
}
