using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Turns one loaded text value into the value passed to MariaDB for a StarRocks column, checking it against the
/// StarRocks type: integer ranges (LARGEINT included), DECIMAL precision/scale, CHAR/VARCHAR/VARBINARY byte lengths,
/// DATE/DATETIME formats (years 0000–9999, microseconds), JSON validity. Dates, DECIMAL and LARGEINT are passed as
/// normalised text so that years before 0001 and 38-digit values survive.
/// </summary>
public static class ValueConverter
{
    private const int DefaultVarcharLength = 1_048_576;
    private const int StringLength = 65_533;
    private static readonly long[] PowersOfTen = [.. Enumerable.Range(0, 19).Select(e => (long)Math.Pow(10, e))];
    private static readonly BigInteger LargeIntMax = BigInteger.Pow(2, 127) - 1;
    private static readonly BigInteger LargeIntMin = -BigInteger.Pow(2, 127);

    /// <summary>
    /// Converts <paramref name="text"/> (null = SQL NULL) for <paramref name="column"/>. Returns false with an
    /// error when the value does not fit the column's type.
    /// </summary>
    public static bool TryConvert(ColumnSchema column, string? text, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (text is null)
            return true;
        switch (column.BaseType.ToUpperInvariant())
        {
            case "BOOLEAN" or "BOOL":
                return TryBoolean(text, out value, out error);
            case "TINYINT":
                return TryInteger(text, sbyte.MinValue, sbyte.MaxValue, out value, out error);
            case "SMALLINT":
                return TryInteger(text, short.MinValue, short.MaxValue, out value, out error);
            case "INT" or "INTEGER":
                return TryInteger(text, int.MinValue, int.MaxValue, out value, out error);
            case "BIGINT":
                return TryInteger(text, long.MinValue, long.MaxValue, out value, out error);
            case "LARGEINT":
                return TryLargeInt(text, out value, out error);
            case "FLOAT":
                return TryFloating(text, float.MaxValue, out value, out error);
            case "DOUBLE":
                return TryFloating(text, double.MaxValue, out value, out error);
            case "DECIMAL" or "DECIMALV2" or "DECIMAL32" or "DECIMAL64" or "DECIMAL128" or "NUMERIC":
                return TryDecimal(text, column.Precision == 0 ? 10 : column.Precision, column.Scale, out value, out error);
            case "CHAR":
                return TryText(text, column.Length == 0 ? 1 : column.Length, out value, out error);
            case "VARCHAR":
                return TryText(text, column.Length == 0 ? DefaultVarcharLength : column.Length, out value, out error);
            case "STRING" or "TEXT":
                return TryText(text, column.Length == 0 ? StringLength : column.Length, out value, out error);
            case "BINARY" or "VARBINARY":
                return TryBinary(text, column.Length == 0 ? DefaultVarcharLength : column.Length, out value, out error);
            case "DATE":
                return TryDate(text, out value, out error);
            case "DATETIME":
                return TryDateTime(text, out value, out error);
            case "JSON" or "ARRAY" or "MAP" or "STRUCT":
                return TryJson(text, out value, out error);
            default:
                error = $"column type {column.Type} cannot be loaded by the stand-in";
                return false;
        }
    }

    private static bool TryBoolean(string text, out object? value, out string? error)
    {
        var trimmed = text.Trim();
        value = trimmed.ToLowerInvariant() switch
        {
            "1" or "true" => (sbyte)1,
            "0" or "false" => (sbyte)0,
            _ => null,
        };
        error = value is null ? $"Value '{text}' is not a valid BOOLEAN" : null;
        return value is not null;
    }

    private static bool TryInteger(string text, long min, long max, out object? value, out string? error)
    {
        value = null;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            error = $"Value '{text}' is not a valid integer or is out of range";
            return false;
        }
        if (number < min || number > max)
        {
            error = $"Value '{text}' is out of range [{min}, {max}]";
            return false;
        }
        value = number;
        error = null;
        return true;
    }

    private static bool TryLargeInt(string text, out object? value, out string? error)
    {
        value = null;
        if (!BigInteger.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number > LargeIntMax || number < LargeIntMin)
        {
            error = $"Value '{text}' is not a valid LARGEINT";
            return false;
        }
        value = number.ToString(CultureInfo.InvariantCulture);
        error = null;
        return true;
    }

    private static bool TryFloating(string text, double max, out object? value, out string? error)
    {
        value = null;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || Math.Abs(number) > max)
        {
            error = $"Value '{text}' is not a valid floating-point number";
            return false;
        }
        value = number;
        error = null;
        return true;
    }

    private static bool TryDecimal(string text, int precision, int scale, out object? value, out string? error)
    {
        value = null;
        error = $"Value '{text}' does not fit DECIMAL({precision},{scale})";
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
            s = s[1..];
        var dot = s.IndexOf('.');
        var integerPart = dot < 0 ? s : s[..dot];
        var fractionPart = dot < 0 ? "" : s[(dot + 1)..];
        if (integerPart.Length + fractionPart.Length == 0 || !integerPart.All(char.IsAsciiDigit) || !fractionPart.All(char.IsAsciiDigit))
            return false;
        // round half away from zero to the column's scale, as StarRocks's cast does
        var roundUp = fractionPart.Length > scale && fractionPart[scale] >= '5';
        string magnitude;
        if (integerPart.Length + scale <= 17 && precision <= 18)
        {
            long unscaledSmall = 0;
            foreach (var digit in integerPart)
                unscaledSmall = unscaledSmall * 10 + (digit - '0');
            for (var i = 0; i < scale; i++)
                unscaledSmall = unscaledSmall * 10 + (i < fractionPart.Length ? fractionPart[i] - '0' : 0);
            if (roundUp)
                unscaledSmall++;
            if (unscaledSmall >= PowersOfTen[precision])
                return false;
            magnitude = unscaledSmall.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        }
        else
        {
            var digits = integerPart + fractionPart.PadRight(scale, '0')[..scale];
            var unscaled = BigInteger.Parse("0" + digits, CultureInfo.InvariantCulture);
            if (roundUp)
                unscaled += 1;
            if (unscaled >= BigInteger.Pow(10, precision))
                return false;
            magnitude = unscaled.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        }
        var isZero = magnitude.All(c => c == '0');
        var normalised = scale == 0 ? magnitude : $"{magnitude[..^scale]}.{magnitude[^scale..]}";
        value = negative && !isZero ? "-" + normalised : normalised;
        error = null;
        return true;
    }

    private static bool TryText(string text, int maxBytes, out object? value, out string? error)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            value = null;
            error = $"the length of input is too long than schema. input length: {bytes}, schema length: {maxBytes}";
            return false;
        }
        value = text;
        error = null;
        return true;
    }

    private static bool TryBinary(string text, int maxBytes, out object? value, out string? error)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > maxBytes)
        {
            value = null;
            error = $"the length of input is too long than schema. input length: {bytes.Length}, schema length: {maxBytes}";
            return false;
        }
        value = bytes;
        error = null;
        return true;
    }

    private static bool TryDate(string text, out object? value, out string? error)
    {
        value = null;
        var s = text.Trim();
        if (s.Length == 8 && s.All(char.IsAsciiDigit))
            s = $"{s[..4]}-{s[4..6]}-{s[6..]}";
        else if (s.Length > 10 && (s[10] == ' ' || s[10] == 'T'))
        {
            if (!TryDateTime(s, out _, out error))
                return false;
            s = s[..10];
        }
        if (!TryParseDate(s, out var year, out var month, out var day))
        {
            error = $"Value '{text}' is not a valid DATE";
            return false;
        }
        value = $"{year:D4}-{month:D2}-{day:D2}";
        error = null;
        return true;
    }

    private static bool TryDateTime(string text, out object? value, out string? error)
    {
        value = null;
        error = $"Value '{text}' is not a valid DATETIME";
        var s = text.Trim();
        if (s.Length < 10 || !TryParseDate(s[..10], out var year, out var month, out var day))
            return false;
        int hour = 0, minute = 0, second = 0;
        var fraction = "";
        if (s.Length > 10)
        {
            if (s[10] != ' ' && s[10] != 'T')
                return false;
            var time = s[11..];
            var dot = time.IndexOf('.');
            if (dot >= 0)
            {
                fraction = time[(dot + 1)..];
                time = time[..dot];
                if (fraction.Length is 0 or > 6 || !fraction.All(char.IsAsciiDigit))
                    return false;
            }
            var parts = time.Split(':');
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiDigit)))
                return false;
            hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
            minute = int.Parse(parts[1], CultureInfo.InvariantCulture);
            second = parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
            if (hour > 23 || minute > 59 || second > 59)
                return false;
        }
        value = $"{year:D4}-{month:D2}-{day:D2} {hour:D2}:{minute:D2}:{second:D2}.{fraction.PadRight(6, '0')}";
        error = null;
        return true;
    }

    private static bool TryParseDate(string s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        var parts = s.Split('-');
        if (parts.Length != 3 || parts[0].Length != 4 || parts[1].Length is 0 or > 2 || parts[2].Length is 0 or > 2
            || !parts.All(p => p.All(char.IsAsciiDigit)))
            return false;
        year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        month = int.Parse(parts[1], CultureInfo.InvariantCulture);
        day = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1)
            return false;
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        return day <= days[month - 1];
    }

    private static bool TryJson(string text, out object? value, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            value = text;
            error = null;
            return true;
        }
        catch (JsonException)
        {
            value = null;
            error = $"Value '{text}' is not valid JSON";
            return false;
        }
    }
}
