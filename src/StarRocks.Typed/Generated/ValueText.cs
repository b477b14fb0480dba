using System.Globalization;

namespace StarRocks.Typed.Generated;

/// <summary>Parsing of StarRocks's text forms of BOOLEAN, DATE and DATETIME, and of the VARCHAR text of TimeOnly and TimeSpan values.</summary>
internal static class ValueText
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    public static bool ParseBoolean(ReadOnlySpan<char> text) => text switch
    {
        "1" => true,
        "0" => false,
        _ => bool.Parse(text),
    };

    public static DateOnly ParseDate(ReadOnlySpan<char> text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TimeOnly ParseTimeOnly(ReadOnlySpan<char> text)
        => TimeOnly.ParseExact(text, ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static TimeSpan ParseTimeSpan(ReadOnlySpan<char> text) => TimeSpan.ParseExact(text, "c", CultureInfo.InvariantCulture);

    public static DateTime ParseDateTime(ReadOnlySpan<char> text)
        => DateTime.ParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
