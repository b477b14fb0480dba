using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
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

    /// <summary>"00".."99" as ASCII pairs.</summary>
    private static ReadOnlySpan<byte> TwoDigits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Powers of ten that are exact doubles (10^0 … 10^22). (Arrays, not span properties: those allocate in unoptimized builds.)</summary>
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static readonly ulong[] PowersOfTen =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatInt64(Span<byte> destination, long value)
    {
        if (value >= 0) return FormatUInt64(destination, (ulong)value);
        destination[0] = (byte)'-';
        return 1 + FormatUInt64(destination[1..], (ulong)-value); // -long.MinValue wraps to 2^63 as ulong: correct
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FormatUInt64(Span<byte> destination, ulong value)
    {
        int length = CountDigits(value);
        WriteDigits(destination[..length], value);
        return length;
    }

    public static int FormatInt128(Span<byte> destination, Int128 value)
    {
        if (value >= long.MinValue && value <= long.MaxValue) return FormatInt64(destination, (long)value);
        value.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>The digit count of <paramref name="value"/> (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        // log10 estimate from the bit length, corrected by one comparison.
        int bits = 64 - BitOperations.LeadingZeroCount(value | 1);
        int estimate = (bits * 1233) >> 12;
        int digits = estimate + (value >= PowersOfTen[estimate] ? 1 : 0);
        return digits == 0 ? 1 : digits;
    }

    /// <summary>
    /// Writes the low <c>destination.Length</c> decimal digits of <paramref name="value"/> (zero-padded) and returns what
    /// is left of it (<c>value / 10^length</c>). Two digits per step from the pair table, no bounds checks: the caller's
    /// slice is the bound.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WriteDigits(Span<byte> destination, ulong value)
    {
        int i = destination.Length;
        ref byte target = ref MemoryMarshal.GetReference(destination);
        ref byte pairs = ref MemoryMarshal.GetReference(TwoDigits);
        while (i >= 2)
        {
            ulong q = value / 100;
            nuint r = (nuint)(value - q * 100) * 2;
            value = q;
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, i), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, r)));
        }
        if (i == 1)
        {
            ulong q = value / 10;
            target = (byte)('0' + (int)(value - q * 10));
            value = q;
        }
        return value;
    }

    public static int FormatSingle(Span<byte> destination, float value)
    {
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>
    /// The text of <c>value.ToString("R", InvariantCulture)</c> (shortest round-trip). Fast path: for
    /// 1e-4 ≤ |value| &lt; 1e15, find the smallest k ≤ 19 with value·10^k an integer m &lt; 10^15 whose quotient
    /// m / 10^k (correctly rounded, both exact doubles) is value again. Decimals of at most 15 significant digits map to
    /// distinct doubles, so m·10^-k without trailing zeros is the unique shortest round-trip text, which .NET prints in
    /// fixed notation in that range. Anything else goes to the runtime formatter.
    /// </summary>
    public static int FormatDouble(Span<byte> destination, double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e15)
        {
            var powers = ExactPowersOfTen.AsSpan();
            for (int k = 0; k < 20; k++)
            {
                double scaled = magnitude * powers[k];
                if (scaled >= 1e15) break;
                if (scaled == Math.Floor(scaled) && scaled / powers[k] == magnitude)
                    return FormatScaled(destination, value < 0, (ulong)scaled, k);
            }
        }
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>Writes ±m·10^-scale in fixed notation without trailing fractional zeros.</summary>
    private static int FormatScaled(Span<byte> destination, bool negative, ulong m, int scale)
    {
        while (scale > 0 && m % 10 == 0) { m /= 10; scale--; }
        int n = 0;
        if (negative) destination[n++] = (byte)'-';
        return n + WriteFixedPoint(destination[n..], m, scale);
    }

    /// <summary>
    /// Writes m·10^-scale with exactly <paramref name="scale"/> fractional digits (<c>0.05</c>, <c>12.50</c>) in one
    /// right-to-left pass: the fraction's digits, the point, then what is left of m (at least one digit).
    /// </summary>
    private static int WriteFixedPoint(Span<byte> destination, ulong m, int scale)
    {
        int digits = CountDigits(m);
        if (scale == 0)
        {
            WriteDigits(destination[..digits], m);
            return digits;
        }
        int integerDigits = digits > scale ? digits - scale : 1;
        int point = integerDigits;
        ulong integer = WriteDigits(destination.Slice(point + 1, scale), m);
        destination[point] = (byte)'.';
        WriteDigits(destination[..integerDigits], integer);
        return integerDigits + 1 + scale;
    }

    /// <summary>
    /// <paramref name="unscaled"/>·10^-<paramref name="scale"/> with exactly <paramref name="scale"/> (≥ 0) fractional
    /// digits, as StarRocks prints a DECIMAL whose unscaled value that is (<c>123.45</c>, <c>-0.05</c>, <c>0.00</c>).
    /// </summary>
    public static int FormatFixedPoint(Span<byte> destination, long unscaled, int scale)
    {
        int n = 0;
        if (unscaled < 0) destination[n++] = (byte)'-';
        return n + WriteFixedPoint(destination[n..], unscaled < 0 ? (ulong)-unscaled : (ulong)unscaled, scale); // -long.MinValue wraps to 2^63 as ulong: correct
    }

    /// <summary>The text of <c>value.ToString(InvariantCulture)</c> (scale kept); hand-written when the magnitude fits 64 bits.</summary>
    public static int FormatDecimal(Span<byte> destination, decimal value)
    {
        // decimal's layout since .NET Core 3.0: int flags (sign bit, scale in bits 16-23), uint hi32, ulong lo64.
        ref var bits = ref Unsafe.As<decimal, DecimalBits>(ref value);
        ulong magnitude = bits.Low64;
        if (bits.High32 != 0 || magnitude == 0)
        {
            value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
            return written;
        }
        int scale = (bits.Flags >> 16) & 0xFF;
        int n = 0;
        if (bits.Flags < 0) destination[n++] = (byte)'-';
        return n + WriteFixedPoint(destination[n..], magnitude, scale);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalBits
    {
        public readonly int Flags;
        public readonly uint High32;
        public readonly ulong Low64;
    }

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static int FormatDate(Span<byte> destination, DateOnly value)
    {
        if (destination.Length < MaxDateLength) throw new ArgumentException("Destination too small.", nameof(destination));
        value.Deconstruct(out int year, out int month, out int day);
        WriteDate(ref MemoryMarshal.GetReference(destination), year, month, day);
        return MaxDateLength;
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, plus <c>.ffffff</c> when there are sub-second ticks (sub-microsecond ticks truncated).</summary>
    public static int FormatDateTime(Span<byte> destination, DateTime value)
    {
        if (destination.Length < MaxDateTimeLength) throw new ArgumentException("Destination too small.", nameof(destination));
        ref byte text = ref MemoryMarshal.GetReference(destination);
        value.Deconstruct(out int year, out int month, out int day);
        WriteDate(ref text, year, month, day);
        long ticksOfDay = value.Ticks % TimeSpan.TicksPerDay;
        int seconds = (int)(ticksOfDay / TimeSpan.TicksPerSecond);
        int micros = (int)(ticksOfDay % TimeSpan.TicksPerSecond) / 10;
        Unsafe.Add(ref text, 10) = (byte)' ';
        WritePair(ref Unsafe.Add(ref text, 11), seconds / 3600);
        Unsafe.Add(ref text, 13) = (byte)':';
        WritePair(ref Unsafe.Add(ref text, 14), seconds / 60 % 60);
        Unsafe.Add(ref text, 16) = (byte)':';
        WritePair(ref Unsafe.Add(ref text, 17), seconds % 60);
        if (micros == 0) return 19;
        Unsafe.Add(ref text, 19) = (byte)'.';
        WritePair(ref Unsafe.Add(ref text, 20), micros / 10000);
        WritePair(ref Unsafe.Add(ref text, 22), micros / 100 % 100);
        WritePair(ref Unsafe.Add(ref text, 24), micros % 100);
        return MaxDateTimeLength;
    }

    /// <summary>Writes <c>yyyy-MM-dd</c> at <paramref name="text"/> (10 bytes the caller has checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDate(ref byte text, int year, int month, int day)
    {
        WritePair(ref text, year / 100);
        WritePair(ref Unsafe.Add(ref text, 2), year % 100);
        Unsafe.Add(ref text, 4) = (byte)'-';
        WritePair(ref Unsafe.Add(ref text, 5), month);
        Unsafe.Add(ref text, 7) = (byte)'-';
        WritePair(ref Unsafe.Add(ref text, 8), day);
    }

    /// <summary>Writes the two digits of <paramref name="value"/> (0–99) at <paramref name="text"/> (2 bytes the caller has checked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(ref byte text, int value)
        => Unsafe.WriteUnaligned(ref text, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(TwoDigits), (nuint)(uint)value * 2)));

    /// <summary>The instant <paramref name="value"/> as a zone-less wall-clock time in <paramref name="zone"/>; false when out of range.</summary>
    public static bool TryToZone(DateTimeOffset value, TimeZoneInfo zone, out DateTime wallClock)
    {
        if (ReferenceEquals(zone, TimeZoneInfo.Utc)) { wallClock = value.UtcDateTime; return true; }
        try { wallClock = TimeZoneInfo.ConvertTime(value, zone).DateTime; return true; }
        catch (ArgumentOutOfRangeException) { wallClock = default; return false; }
    }

    /// <summary>The message for a <see cref="DateTimeOffset"/> that <see cref="TryToZone"/> rejected.</summary>
    public static string OutOfZoneRange(DateTimeOffset value, TimeZoneInfo zone) => $"{value:O} is outside the DATETIME range in time zone {zone.Id}.";

    /// <summary>
    /// StarRocks has no TIME column type; its CDC pipeline connector (Flink CDC, StarRocks sink) stores TIME as VARCHAR text
    /// <c>HH:mm:ss[.fraction]</c>. A <see cref="TimeOnly"/> is written that way (fraction to 100 ns, trailing zeros dropped),
    /// at most <see cref="MaxTimeOnlyLength"/> bytes: <c>23:59:59.9999999</c>.
    /// </summary>
    public const string TimeOnlyFormat = "HH:mm:ss.FFFFFFF";
    public const int MaxTimeOnlyLength = 16;

    /// <summary>A <see cref="TimeSpan"/> as .NET's invariant <c>[-][d.]hh:mm:ss[.fffffff]</c> text ("c"), at most <see cref="MaxTimeSpanLength"/> bytes.</summary>
    public const string TimeSpanFormat = "c";
    public const int MaxTimeSpanLength = 26;

    public static int FormatTimeOnly(Span<byte> destination, TimeOnly value)
    {
        value.TryFormat(destination, out int n, TimeOnlyFormat, CultureInfo.InvariantCulture);
        return n;
    }

    public static int FormatTimeSpan(Span<byte> destination, TimeSpan value)
    {
        value.TryFormat(destination, out int n, TimeSpanFormat, CultureInfo.InvariantCulture);
        return n;
    }

    /// <summary>LARGEINT's range, a signed 128-bit integer (StarRocks docs, LARGEINT: −2^127 to 2^127 − 1), as a <see cref="BigInteger"/>.</summary>
    public static readonly BigInteger LargeIntMin = Int128.MinValue, LargeIntMax = Int128.MaxValue;

    /// <summary>Whether <paramref name="value"/> fits LARGEINT.</summary>
    public static bool FitsLargeInt(BigInteger value) => value >= LargeIntMin && value <= LargeIntMax;

    /// <summary>The error for a value past LARGEINT's range.</summary>
    public static string OutOfLargeIntRange<T>(T value) where T : IFormattable =>
        $"{value.ToString(null, CultureInfo.InvariantCulture)} is outside the LARGEINT range (-2^127 to 2^127 - 1): StarRocks would filter the row.";

    /// <summary>The base64 length of <paramref name="byteCount"/> bytes.</summary>
    public static int GetBinaryLength(int byteCount) => Base64.GetMaxEncodedToUtf8Length(byteCount);

    public static int FormatBinary(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        Base64.EncodeToUtf8(value, destination, out _, out int n);
        return n;
    }

    /// <summary>
    /// The short-string fast path of both writers: narrows <paramref name="value"/> into <paramref name="destination"/> in
    /// one pass while no char is non-ASCII or flagged in <paramref name="rejected"/> (128 entries, non-zero = needs the
    /// slow path). Returns false, with <paramref name="destination"/> partly written, when one is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNarrowAscii(ReadOnlySpan<char> value, Span<byte> destination, ReadOnlySpan<byte> rejected)
    {
        if (destination.Length < value.Length) return false;
        ref byte reject = ref MemoryMarshal.GetReference(rejected);
        ref char source = ref MemoryMarshal.GetReference(value);
        ref byte target = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < value.Length; i++)
        {
            char c = Unsafe.Add(ref source, i);
            if (c >= 128 || Unsafe.Add(ref reject, c) != 0) return false;
            Unsafe.Add(ref target, i) = (byte)c;
        }
        return true;
    }

    /// <summary>UTF-16 to UTF-8 (destination ≥ 3 bytes per char), lone surrogates replaced by U+FFFD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TranscodeUtf16(ReadOnlySpan<char> value, Span<byte> destination)
    {
        Utf8.FromUtf16(value, destination, out _, out int n, replaceInvalidSequences: true);
        return n;
    }
}
