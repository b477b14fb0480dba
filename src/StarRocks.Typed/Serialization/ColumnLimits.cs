using System.Runtime.CompilerServices;
using System.Text;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// What StarRocks's loaders refuse that a .NET value can hold, checked by the row writers before a value is written, so
/// the row fails where it is made instead of being filtered by the load (or, in a nullable column without
/// <c>strict_mode</c>, silently loaded as NULL: <c>NullableConverter::read_string</c>,
/// be/src/formats/csv/nullable_converter.cpp). Every .NET <see cref="DateOnly"/> and <see cref="DateTime"/> lies inside
/// StarRocks's DATE/DATETIME range (0000-01-01 to 9999-12-31), so dates need no check here.
/// </summary>
internal static class ColumnLimits
{
    /// <summary><c>10^n</c> for n = 0..28 (a <see cref="decimal"/> is below 10^29).</summary>
    private static readonly decimal[] s_powersOfTen = CreatePowersOfTen();

    private static decimal[] CreatePowersOfTen()
    {
        var powers = new decimal[29];
        powers[0] = 1m;
        for (var i = 1; i < powers.Length; i++) powers[i] = powers[i - 1] * 10m;
        return powers;
    }

    /// <summary>
    /// Whether <paramref name="value"/> fits a CHAR/VARCHAR of <paramref name="maxBytes"/> bytes in UTF-8 (a lone
    /// surrogate counts as the 3 bytes of the U+FFFD it is written as). StarRocks's lengths count bytes and a longer
    /// value is refused (CSV: <c>StringConverter::read_string</c>, be/src/formats/csv/string_converter.cpp; every format:
    /// <c>OlapTableSink</c>'s data validation, be/src/exec/tablet_sink.cpp, "String … is too long").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsUtf8(scoped ReadOnlySpan<char> value, int maxBytes)
        => (long)value.Length * 3 <= maxBytes || FitsUtf8Counted(value, maxBytes);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool FitsUtf8Counted(scoped ReadOnlySpan<char> value, int maxBytes)
        => value.Length <= maxBytes && Encoding.UTF8.GetByteCount(value) <= maxBytes;

    /// <summary>The exception for a string longer than its column (the value itself is not repeated: it may be private).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static StarRocksSerializationException TooLong(string column, int bytes, int maxBytes)
        => new(column, $"String (length={bytes}) is too long. The max length of '{column}' is {maxBytes} (StarRocks's CHAR/VARCHAR lengths count "
            + "UTF-8 bytes, not characters); StarRocks would filter the row, or load NULL into a nullable column without strict_mode. "
            + "Declare a longer column or shorten the value.");

    /// <summary>The exception for a string longer than its column, counting its UTF-8 bytes.</summary>
    public static StarRocksSerializationException TooLong(string column, scoped ReadOnlySpan<char> value, int maxBytes)
        => TooLong(column, Encoding.UTF8.GetByteCount(value), maxBytes);

    /// <summary>
    /// Whether <paramref name="value"/> fits DECIMAL(<paramref name="precision"/>,<paramref name="scale"/>) as
    /// StarRocks's loaders read it (<c>StringParser::string_to_decimal</c>, be/src/util/string_parser.hpp, through
    /// <c>DecimalV3Cast::from_string</c>): the row is refused when the integer digits exceed precision − scale; digits
    /// past the scale are not refused (StarRocks rounds or truncates them), so they are not refused here either.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsDecimal(decimal value, int precision, int scale)
    {
        var integerDigits = precision - scale;
        return (uint)integerDigits >= (uint)s_powersOfTen.Length || Math.Abs(value) < s_powersOfTen[integerDigits];
    }

    /// <summary>The exception for a DECIMAL with too many integer digits.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static StarRocksSerializationException DecimalTooLarge(string column, int precision, int scale)
        => new(column, $"the value has more than {precision - scale} integer digits, which DECIMAL({precision},{scale}) cannot hold; "
            + "StarRocks would filter the row, or load NULL into a nullable column without strict_mode. Declare a larger Precision or check the value.");
}
