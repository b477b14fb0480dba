using System.ComponentModel;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Generated;

/// <summary>
/// Reads StarRocks values from a MySQL-protocol <see cref="DbDataReader"/> (MySqlConnector or another ADO.NET provider) into the
/// mapped .NET types, by ordinal. Each method accepts the CLR types providers return for the column (e.g. LARGEINT
/// as string or decimal, BOOLEAN as bool or integer, VARCHAR(36) as string or Guid) and uses the typed getter when
/// the provider has one. Callers check <see cref="DbDataReader.IsDBNull"/> first; these methods do not handle NULL.
/// See docs/serialization.md, "Reading".
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StarRocksReaders
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>BOOLEAN (bool, or TINYINT 0/1).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static bool GetBoolean(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(bool)) return reader.GetBoolean(ordinal);
        if (type == typeof(string)) return ValueText.ParseBoolean(reader.GetString(ordinal));
        return GetInt64(reader, ordinal) != 0;
    }

    /// <summary>TINYINT.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static sbyte GetSByte(DbDataReader reader, int ordinal) => checked((sbyte)GetInt64(reader, ordinal));

    /// <summary>SMALLINT to byte.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static byte GetByte(DbDataReader reader, int ordinal) => checked((byte)GetInt64(reader, ordinal));

    /// <summary>SMALLINT.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static short GetInt16(DbDataReader reader, int ordinal) => checked((short)GetInt64(reader, ordinal));

    /// <summary>INT to ushort.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static ushort GetUInt16(DbDataReader reader, int ordinal) => checked((ushort)GetInt64(reader, ordinal));

    /// <summary>INT.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static int GetInt32(DbDataReader reader, int ordinal)
        => reader.GetFieldType(ordinal) == typeof(int) ? reader.GetInt32(ordinal) : checked((int)GetInt64(reader, ordinal));

    /// <summary>BIGINT to uint.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static uint GetUInt32(DbDataReader reader, int ordinal) => checked((uint)GetInt64(reader, ordinal));

    /// <summary>BIGINT (any integer, decimal or numeric-string column).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static long GetInt64(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int64 => reader.GetInt64(ordinal),
            TypeCode.Int32 => reader.GetInt32(ordinal),
            TypeCode.Int16 => reader.GetInt16(ordinal),
            TypeCode.Byte => reader.GetByte(ordinal),
            TypeCode.SByte => reader.GetFieldValue<sbyte>(ordinal),
            TypeCode.UInt16 => reader.GetFieldValue<ushort>(ordinal),
            TypeCode.UInt32 => reader.GetFieldValue<uint>(ordinal),
            TypeCode.UInt64 => checked((long)reader.GetFieldValue<ulong>(ordinal)),
            TypeCode.Boolean => reader.GetBoolean(ordinal) ? 1 : 0,
            TypeCode.Decimal => checked((long)reader.GetDecimal(ordinal)),
            TypeCode.String => long.Parse(reader.GetString(ordinal), Invariant),
            _ => Convert.ToInt64(reader.GetValue(ordinal), Invariant),
        };
    }

    /// <summary>LARGEINT to ulong.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static ulong GetUInt64(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(ulong)) return reader.GetFieldValue<ulong>(ordinal);
        return checked((ulong)GetInt128(reader, ordinal));
    }

    /// <summary>LARGEINT (sent as text, decimal, or an integer type).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static Int128 GetInt128(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(string)) return Int128.Parse(reader.GetString(ordinal), NumberStyles.AllowLeadingSign, Invariant);
        if (type == typeof(ulong)) return reader.GetFieldValue<ulong>(ordinal);
        if (type == typeof(decimal))
        {
            try { return (Int128)reader.GetDecimal(ordinal); }
            catch (OverflowException) { return Int128.Parse(Convert.ToString(reader.GetValue(ordinal), Invariant)!, Invariant); }
        }
        if (type == typeof(Int128)) return reader.GetFieldValue<Int128>(ordinal);
        return GetInt64(reader, ordinal);
    }

    /// <summary>LARGEINT to UInt128 (a negative value throws <see cref="OverflowException"/>).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static UInt128 GetUInt128(DbDataReader reader, int ordinal) => checked((UInt128)GetInt128(reader, ordinal));

    /// <summary>LARGEINT to BigInteger.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static System.Numerics.BigInteger GetBigInteger(DbDataReader reader, int ordinal) => GetInt128(reader, ordinal);

    /// <summary>FLOAT to Half (the nearest Half).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static Half GetHalf(DbDataReader reader, int ordinal) => (Half)GetSingle(reader, ordinal);

    /// <summary>FLOAT.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static float GetSingle(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(float)) return reader.GetFloat(ordinal);
        if (type == typeof(string)) return float.Parse(reader.GetString(ordinal), NumberStyles.Float, Invariant);
        return (float)GetDouble(reader, ordinal);
    }

    /// <summary>DOUBLE.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static double GetDouble(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(double)) return reader.GetDouble(ordinal);
        if (type == typeof(float)) return reader.GetFloat(ordinal);
        if (type == typeof(string)) return double.Parse(reader.GetString(ordinal), NumberStyles.Float, Invariant);
        if (type == typeof(decimal)) return (double)reader.GetDecimal(ordinal);
        return GetInt64(reader, ordinal);
    }

    /// <summary>DECIMAL.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static decimal GetDecimal(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(decimal)) return reader.GetDecimal(ordinal);
        if (type == typeof(string)) return decimal.Parse(reader.GetString(ordinal), NumberStyles.Float, Invariant);
        if (type == typeof(double)) return (decimal)reader.GetDouble(ordinal);
        return GetInt64(reader, ordinal);
    }

    /// <summary>CHAR/VARCHAR/STRING (and the text of any other column).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static string GetString(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(string)) return reader.GetString(ordinal);
        var value = reader.GetValue(ordinal);
        return value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, Invariant)!;
    }

    /// <summary>CHAR(n) to a char: its text must be one character (else <see cref="FormatException"/>).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static char GetChar(DbDataReader reader, int ordinal) => char.Parse(GetString(reader, ordinal));

    /// <summary>DATE (DateTime, DateOnly or text).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static DateOnly GetDateOnly(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(DateTime)) return DateOnly.FromDateTime(reader.GetDateTime(ordinal));
        if (type == typeof(DateOnly)) return reader.GetFieldValue<DateOnly>(ordinal);
        return ValueText.ParseDate(reader.GetString(ordinal));
    }

    /// <summary>DATETIME as a wall-clock <see cref="DateTime"/> (<see cref="DateTimeKind.Unspecified"/>).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static DateTime GetDateTime(DbDataReader reader, int ordinal)
    {
        var type = reader.GetFieldType(ordinal);
        var value = type == typeof(DateTime) ? reader.GetDateTime(ordinal) : ValueText.ParseDateTime(reader.GetString(ordinal));
        return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
    }

    /// <summary>DATETIME interpreted as wall-clock time in <paramref name="zone"/> (the zone rows were written in).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <param name="zone">The zone of the stored wall-clock time (UTC by default in <see cref="Serialization.StarRocksFormat.TimeZone"/>).</param>
    /// <returns>The value, with the zone's offset at that time (ambiguous times take the standard offset).</returns>
    public static DateTimeOffset GetDateTimeOffset(DbDataReader reader, int ordinal, TimeZoneInfo zone)
    {
        var local = GetDateTime(reader, ordinal);
        return new DateTimeOffset(local, ReferenceEquals(zone, TimeZoneInfo.Utc) ? TimeSpan.Zero : zone.GetUtcOffset(local));
    }

    /// <summary>Guid from VARCHAR(36) (or a provider Guid).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static Guid GetGuid(DbDataReader reader, int ordinal)
        => reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    /// <summary>A <see cref="TimeOnly"/> from its VARCHAR text <c>HH:mm:ss[.fffffff]</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static TimeOnly GetTimeOnly(DbDataReader reader, int ordinal) => ValueText.ParseTimeOnly(reader.GetString(ordinal));

    /// <summary>A <see cref="TimeSpan"/> from its VARCHAR text <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static TimeSpan GetTimeSpan(DbDataReader reader, int ordinal) => ValueText.ParseTimeSpan(reader.GetString(ordinal));

    /// <summary>VARBINARY.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static byte[] GetBinary(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        var other => throw new InvalidCastException($"Column {ordinal} is {other.GetType()}, not binary."),
    };

    /// <summary>An enum stored as its number.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static TEnum GetEnumNumber<TEnum>(DbDataReader reader, int ordinal) where TEnum : struct, Enum
    {
        long value = GetInt64(reader, ordinal);
        return Unsafe.SizeOf<TEnum>() switch
        {
            1 => Unsafe.BitCast<byte, TEnum>((byte)value),
            2 => Unsafe.BitCast<short, TEnum>((short)value),
            4 => Unsafe.BitCast<int, TEnum>((int)value),
            _ => Unsafe.BitCast<long, TEnum>(value),
        };
    }

    /// <summary>An enum stored as its name (numbers are accepted too).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static TEnum GetEnumByName<TEnum>(DbDataReader reader, int ordinal) where TEnum : struct, Enum
        => Enum.Parse<TEnum>(reader.GetString(ordinal));

    /// <summary>A JSON column as a <see cref="JsonElement"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static JsonElement GetJsonElement(DbDataReader reader, int ordinal)
        => JsonElement.Parse(GetString(reader, ordinal));

    /// <summary>
    /// An ARRAY or MAP column (or anything else returned as collection text) read with <typeparamref name="TReader"/>,
    /// e.g. <c>GetValue&lt;List&lt;int&gt;, ValueReaders.List&lt;int, ValueReaders.Int32&gt;&gt;(reader, 3)</c>.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TReader">The value reader.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">The column ordinal.</param>
    /// <returns>The value.</returns>
    public static T GetValue<T, TReader>(DbDataReader reader, int ordinal) where TReader : IValueReader<T>
    {
        var text = new CollectionTextReader(GetString(reader, ordinal));
        var value = TReader.Read(ref text);
        if (!text.AtEnd) throw new FormatException($"Unexpected text after the value of column {ordinal}.");
        return value;
    }

    /// <summary>Parses collection text (as StarRocks returns ARRAY/MAP) with <typeparamref name="TReader"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TReader">The value reader.</typeparam>
    /// <param name="text">The text, e.g. <c>[1,2,null]</c>.</param>
    /// <returns>The value.</returns>
    public static T Parse<T, TReader>(ReadOnlySpan<char> text) where TReader : IValueReader<T>
    {
        var reader = new CollectionTextReader(text);
        var value = TReader.Read(ref reader);
        if (!reader.AtEnd) throw new FormatException("Unexpected text after the value.");
        return value;
    }
}
