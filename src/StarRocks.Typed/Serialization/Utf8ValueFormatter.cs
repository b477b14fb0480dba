using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Culture-invariant UTF-8 text of scalar values, shared by <see cref="CsvRowWriter"/> and <see cref="JsonRowWriter"/>.
/// Each method writes into a span of at least the matching <c>Max…Length</c> bytes and returns the byte count.
/// </summary>
internal static class Utf8ValueFormatter
{
    public const int MaxInt64Length = 20;
    public const int MaxInt128Length = 40;
    public const int MaxDoubleLength = 32;
    public const int MaxDecimalLength = 32;
    public const int MaxDateLength = 10;
    public const int MaxDateTimeLength = 26;
    /// <summary>The longest scalar text any value writer produces (a quoted Guid or DATETIME, a LARGEINT).</summary>
    public const int MaxScalarLength = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatInt64(Span<byte> destination, long value)
    {
        value.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatUInt64(Span<byte> destination, ulong value)
    {
        value.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatInt128(Span<byte> destination, Int128 value)
    {
        value.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatSingle(Span<byte> destination, float value)
    {
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatDouble(Span<byte> destination, double value)
    {
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatDecimal(Span<byte> destination, decimal value)
    {
        value.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatDate(Span<byte> destination, DateOnly value)
    {
        value.TryFormat(destination, out int n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatDateTime(Span<byte> destination, DateTime value)
    {
        long micros = value.Ticks % TimeSpan.TicksPerSecond / 10;
        value.TryFormat(destination, out int n, micros == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>The instant <paramref name="value"/> as a zone-less wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTime ToZone(DateTimeOffset value, TimeZoneInfo zone, string column)
    {
        if (ReferenceEquals(zone, TimeZoneInfo.Utc)) return value.UtcDateTime;
        try { return TimeZoneInfo.ConvertTime(value, zone).DateTime; }
        catch (ArgumentOutOfRangeException)
        {
            throw new StarRocksSerializationException(column, $"{value:O} is outside the DATETIME range in time zone {zone.Id}.");
        }
    }

    /// <summary>The base64 length of <paramref name="byteCount"/> bytes.</summary>
    public static int GetBinaryLength(int byteCount) => Base64.GetMaxEncodedToUtf8Length(byteCount);

    public static int FormatBinary(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        Base64.EncodeToUtf8(value, destination, out _, out int n);
        return n;
    }

    /// <summary>UTF-16 to UTF-8 (destination ≥ 3 bytes per char), lone surrogates replaced by U+FFFD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TranscodeUtf16(ReadOnlySpan<char> value, Span<byte> destination)
    {
        Utf8.FromUtf16(value, destination, out _, out int n, replaceInvalidSequences: true);
        return n;
    }
}
