using System.Collections.Frozen;
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
    private static readonly BigInteger LargeIntMax = BigInteger.Pow(2, 127) - 1;
    private static readonly BigInteger LargeIntMin = -BigInteger.Pow(2, 127);

    /// <summary>How each StarRocks base type is converted (looked up without allocating, case-insensitively).</summary>
    private enum Conversion { Boolean, TinyInt, SmallInt, Int, BigInt, LargeInt, Float, Double, Decimal, Char, Varchar, String, Binary, Date, DateTime, Json }

    private static readonly FrozenDictionary<string, Conversion> Conversions = new Dictionary<string, Conversion>(StringComparer.OrdinalIgnoreCase)
    {
        ["BOOLEAN"] = Conversion.Boolean,
        ["TINYINT"] = Conversion.TinyInt, ["SMALLINT"] = Conversion.SmallInt, ["INT"] = Conversion.Int, ["INTEGER"] = Conversion.Int,
        ["BIGINT"] = Conversion.BigInt, ["LARGEINT"] = Conversion.LargeInt, ["FLOAT"] = Conversion.Float, ["DOUBLE"] = Conversion.Double,
        ["DECIMAL"] = Conversion.Decimal, ["DECIMALV2"] = Conversion.Decimal, ["DECIMAL32"] = Conversion.Decimal,
        ["DECIMAL64"] = Conversion.Decimal, ["DECIMAL128"] = Conversion.Decimal, ["NUMERIC"] = Conversion.Decimal,
        ["CHAR"] = Conversion.Char, ["VARCHAR"] = Conversion.Varchar, ["STRING"] = Conversion.String, ["TEXT"] = Conversion.String,
        ["BINARY"] = Conversion.Binary, ["VARBINARY"] = Conversion.Binary, ["DATE"] = Conversion.Date, ["DATETIME"] = Conversion.DateTime,
        ["JSON"] = Conversion.Json, ["ARRAY"] = Conversion.Json, ["MAP"] = Conversion.Json, ["STRUCT"] = Conversion.Json,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Converts <paramref name="text"/> (null = SQL NULL) for <paramref name="column"/>. Returns false with an
    /// error when the value does not fit the column's type.
    /// </summary>
    /// <remarks>
    /// <paramref name="csv"/>: the value is a CSV field, so a VARBINARY value is base64-decoded as StarRocks's
    /// <c>VarBinaryConverter</c> does, and an ARRAY/MAP value is read in StarRocks's CSV collection syntax
    /// (<see cref="CsvCollectionReader"/>), not as JSON. <paramref name="strictMode"/>: the load's <c>strict_mode</c>
    /// (without it, StarRocks reads an unreadable MAP key or value in CSV as NULL).
    /// </remarks>
    public static bool TryConvert(ColumnSchema column, string? text, out object? value, out string? error, bool csv = false, bool strictMode = true)
    {
        value = null;
        error = null;
        if (text is null)
            return true;
        if (!Conversions.TryGetValue(column.BaseType, out var conversion))
        {
            error = $"column type {column.Type} cannot be loaded by the stand-in";
            return false;
        }
        return conversion switch
        {
            Conversion.Boolean => TryBoolean(text, out value, out error),
            Conversion.TinyInt => TryInteger(text, sbyte.MinValue, sbyte.MaxValue, out value, out error),
            Conversion.SmallInt => TryInteger(text, short.MinValue, short.MaxValue, out value, out error),
            Conversion.Int => TryInteger(text, int.MinValue, int.MaxValue, out value, out error),
            Conversion.BigInt => TryInteger(text, long.MinValue, long.MaxValue, out value, out error),
            Conversion.LargeInt => TryLargeInt(text, out value, out error),
            Conversion.Float => TryFloating(text, isFloat: true, out value, out error),
            Conversion.Double => TryFloating(text, isFloat: false, out value, out error),
            Conversion.Decimal => TryDecimal(text, column.Precision == 0 ? 10 : column.Precision, column.Scale, out value, out error),
            Conversion.Char => TryText(text, column.Length == 0 ? 1 : column.Length, out value, out error),
            Conversion.Varchar => TryText(text, column.Length == 0 ? DefaultVarcharLength : column.Length, out value, out error),
            Conversion.String => TryText(text, column.Length == 0 ? StringLength : column.Length, out value, out error),
            Conversion.Binary => TryBinary(csv ? CsvBinary(text) : Encoding.UTF8.GetBytes(text), column.Length == 0 ? DefaultVarcharLength : column.Length, out value, out error),
            Conversion.Date => TryDate(text, out value, out error),
            Conversion.DateTime => TryDateTime(text, out value, out error),
            Conversion.Json when csv && column.BaseType.ToUpperInvariant() is "ARRAY" or "MAP" => TryCsvCollection(column, text, strictMode, out value, out error),
            _ => TryJson(text, out value, out error),
        };
    }

    /// <summary>
    /// Converts a field of a JSON load that feeds <paramref name="column"/> directly, as StarRocks's JSON scanner fills
    /// a column from the JSON value (<c>be/src/formats/json/nullable_column.cpp</c>, <c>add_nullable_column</c>):
    /// a JSON column keeps the value itself, whatever its kind (<c>add_native_json_column</c> →
    /// <c>JsonValue::from_simdjson</c>: a string token stays a JSON string, it is not parsed as JSON text); ARRAY, MAP
    /// and STRUCT columns are read element by element (<see cref="JsonNestedReader"/>); the integer and floating-point columns take only a number or a string
    /// (<c>add_numeric_column</c>); every other column gets the field's string-slot text (<paramref name="text"/>).
    /// </summary>
    /// <param name="column">The target column.</param>
    /// <param name="text">The field's text as StarRocks reads it into a string slot (null = NULL).</param>
    /// <param name="token">The field's JSON value as received (null = missing or <c>null</c>).</param>
    /// <param name="value">The value for MariaDB.</param>
    /// <param name="error">Why the value does not fit.</param>
    public static bool TryConvertJsonField(ColumnSchema column, string? text, string? token, out object? value, out string? error)
    {
        if (token is null || !Conversions.TryGetValue(column.BaseType, out var conversion))
            return TryConvert(column, text, out value, out error);
        value = null;
        error = null;
        var kind = token[0];
        switch (conversion)
        {
            case Conversion.Json when column.BaseType.Equals("JSON", StringComparison.OrdinalIgnoreCase):
                value = token;
                return true;
            case Conversion.Json when column.BaseType.ToUpperInvariant() is "ARRAY" or "MAP" or "STRUCT":
                return JsonNestedReader.TryRead(column, token, out value, out error);
            case Conversion.TinyInt or Conversion.SmallInt or Conversion.Int or Conversion.BigInt or Conversion.Float or Conversion.Double
                when kind is 't' or 'f' or '[' or '{':
                return Fail($"Unsupported value type. Numeric type is required. column={column.Name}", out error);
            default:
                return TryConvert(column, text, out value, out error);
        }
    }

    /// <summary>
    /// Converts the result of a <c>columns</c> expression for <paramref name="column"/>, as StarRocks casts an
    /// expression to the column type: BITMAP/HLL sets are stored as their sorted members' text, bytes fill binary
    /// columns (length checked), a DOUBLE into an integer column is truncated, anything else goes through its text.
    /// </summary>
    public static bool TryConvertComputed(ColumnSchema column, object? result, out object? value, out string? error)
    {
        value = null;
        error = null;
        var type = column.BaseType.ToUpperInvariant();
        switch (result)
        {
            case null:
                return true;
            case SetValue set when type == (set.IsHll ? "HLL" : "BITMAP"):
                value = set.ToString();
                return true;
            case SetValue set:
                error = $"a {(set.IsHll ? "HLL" : "BITMAP")} value cannot be loaded into {column.Type} column";
                return false;
            case byte[] bytes when Conversions.TryGetValue(column.BaseType, out var conversion) && conversion == Conversion.Binary:
                var maxBytes = column.Length == 0 ? DefaultVarcharLength : column.Length;
                if (bytes.Length > maxBytes)
                {
                    error = $"the length of input is too long than schema. input length: {bytes.Length}, schema length: {maxBytes}";
                    return false;
                }
                value = bytes;
                return true;
            case double number when Conversions.TryGetValue(column.BaseType, out var integer) && integer is Conversion.TinyInt
                or Conversion.SmallInt or Conversion.Int or Conversion.BigInt or Conversion.LargeInt:
                return TryConvert(column, ExpressionValues.ToText(ExpressionValues.ToLong(number)), out value, out error)
                    && (value is not null || Fail($"Value '{number}' is out of range for {column.Type}", out error));
            default:
                return TryConvert(column, ExpressionValues.ToText(result), out value, out error);
        }
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    /// <summary>
    /// The text of <paramref name="column"/>'s type's zero value (numbers and BOOLEAN 0, strings empty), which StarRocks
    /// writes into a NOT NULL column without default that a partial update inserting a new row leaves out
    /// (docs/en/loading/Load_to_Primary_Key_tables.md, "Partial updates": the new rows get <c>score</c> 0). Null for
    /// other types.
    /// </summary>
    public static string? ZeroText(ColumnSchema column) =>
        Conversions.TryGetValue(column.BaseType, out var conversion)
            ? conversion switch
            {
                Conversion.Boolean or Conversion.TinyInt or Conversion.SmallInt or Conversion.Int or Conversion.BigInt
                    or Conversion.LargeInt or Conversion.Float or Conversion.Double or Conversion.Decimal => "0",
                Conversion.Char or Conversion.Varchar or Conversion.String or Conversion.Binary => "",
                _ => null,
            }
            : null;

    /// <summary>Whether <paramref name="column"/>'s values are checked for byte length (CHAR, VARCHAR, STRING, BINARY, VARBINARY).</summary>
    public static bool IsLengthChecked(ColumnSchema column) =>
        Conversions.TryGetValue(column.BaseType, out var conversion)
        && conversion is Conversion.Char or Conversion.Varchar or Conversion.String or Conversion.Binary;

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
        if (!long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
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

    /// <summary>
    /// FLOAT/DOUBLE as StarRocks reads them (<c>be/src/util/string_parser.hpp</c>, <c>string_to_float_internal</c>, used
    /// by <c>be/src/formats/csv/float_converter.cpp</c>): surrounding whitespace skipped, an optional sign, <c>inf</c> /
    /// <c>nan</c> prefixes, otherwise only digits, <c>.</c>, one exponent mark and a sign right after it; the longest
    /// number at the start is read as a double (fast_float, correctly rounded) and fails only when that double is
    /// infinite; the double is then cast to the column type (so a FLOAT keeps the nearest float, and rounds past
    /// <see cref="float.MaxValue"/> to infinity). MariaDB cannot store infinity or NaN, so those values fail here with
    /// a message saying so (StarRocks would store them).
    /// </summary>
    private static bool TryFloating(string text, bool isFloat, out object? value, out string? error)
    {
        value = null;
        if (!TryParseStarRocksFloat(text.AsSpan().Trim(), out var number))
        {
            error = $"Value '{text}' is not a valid floating-point number";
            return false;
        }
        if (isFloat)
            number = (float)number;
        if (!double.IsFinite(number))
        {
            error = $"Value '{text}' is {(double.IsNaN(number) ? "NaN" : "infinite")} as {(isFloat ? "FLOAT" : "DOUBLE")}, which the StarRocks stand-in cannot store";
            return false;
        }
        value = number;
        error = null;
        return true;
    }

    private static bool TryParseStarRocksFloat(ReadOnlySpan<char> s, out double number)
    {
        number = 0;
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
            s = s[1..];
        if (s.IsEmpty)
            return false;
        for (var k = 0; k < s.Length; k++)
        {
            if (s[k] is 'i' or 'I' or 'n' or 'N')
            {
                var word = s[k..Math.Min(s.Length, k + 3)];
                if (word.Equals("inf", StringComparison.OrdinalIgnoreCase))
                    number = negative ? double.NegativeInfinity : double.PositiveInfinity;
                else if (word.Equals("nan", StringComparison.OrdinalIgnoreCase))
                    number = double.NaN;
                else
                    return false;
                return true;
            }
        }
        var exponentMarks = 0;
        for (var k = 0; k < s.Length; k++)
        {
            var c = s[k];
            if (char.IsAsciiDigit(c) || c == '.')
                continue;
            if (c is 'e' or 'E' && ++exponentMarks == 1)
                continue;
            if (c is '+' or '-' && k > 0 && s[k - 1] is 'e' or 'E')
                continue;
            return false;
        }
        var length = NumberPrefixLength(s);
        if (length == 0)
            return false;
        number = double.Parse(s[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(number))
            return false; // StarRocks's PARSE_OVERFLOW
        if (negative)
            number = -number;
        return true;
    }

    /// <summary>The length of the number fast_float reads at the start of <paramref name="s"/>: digits[.digits][e[sign]digits]; 0 without a digit.</summary>
    private static int NumberPrefixLength(ReadOnlySpan<char> s)
    {
        var i = 0;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0)
            return 0;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
                j++;
            var exponentStart = j;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
                j++;
            if (j > exponentStart)
                i = j;
        }
        return i;
    }

    /// <summary>
    /// DECIMAL as StarRocks reads it: <c>StringParser::string_to_decimal</c> (be/src/util/string_parser.hpp, through
    /// <c>DecimalV3Cast::from_string</c>), ported step by step. Surrounding whitespace is skipped; leading zeros (also
    /// right after the point) do not count as digits; only the first <paramref name="precision"/> significant digits are
    /// kept; an exponent (<c>e</c>, an int8) shifts the point. More integer digits than precision − scale is
    /// <c>PARSE_OVERFLOW</c> and refused; more fraction digits than the scale is <c>PARSE_UNDERFLOW</c>, which loads: the
    /// digits past the scale are dropped, rounding half away from zero on the first dropped digit when it is among the
    /// kept significant digits (so <c>123.456</c> into DECIMAL(5,2) is truncated to <c>123.45</c>: its sixth digit was
    /// never kept, while <c>1.456</c> rounds to <c>1.46</c>).
    /// </summary>
    private static bool TryDecimal(string text, int precision, int scale, out object? value, out string? error)
    {
        value = null;
        error = null;
        var s = text.AsSpan().Trim(" \t\n\v\f\r");
        var negative = false;
        if (!s.IsEmpty && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var foundValue = false;
        while (!s.IsEmpty && s[0] == '0')
        {
            foundValue = true;
            s = s[1..];
        }
        int valueScale = 0, foundDot = 0;
        if (!s.IsEmpty && s[0] == '.')
        {
            foundDot = 1;
            s = s[1..];
            while (!s.IsEmpty && s[0] == '0')
            {
                foundValue = true;
                valueScale++;
                s = s[1..];
            }
        }
        int digits = 0, exponent = 0;
        var unscaled = BigInteger.Zero;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                foundValue = true;
                if (precision > digits)
                    unscaled = unscaled * 10 + (c - '0');
                digits++;
                valueScale += foundDot;
            }
            else if (c == '.' && foundDot == 0)
                foundDot = 1;
            else if (c is 'e' or 'E')
            {
                if (!sbyte.TryParse(s[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    // an int8 overflow below -128 is PARSE_UNDERFLOW, which from_string loads as 0; anything else fails
                    var rest = s[(i + 1)..];
                    if (rest.StartsWith('-') && rest.Length > 1 && !rest[1..].ContainsAnyExceptInRange('0', '9'))
                    {
                        value = FormatUnscaled("0", scale, negative: false);
                        return true;
                    }
                    return DecimalError(text, precision, scale, out error);
                }
                exponent = parsed;
                break;
            }
            else
                return DecimalError(text, precision, scale, out error);
        }

        var truncatedDigits = digits - precision;
        if (exponent > valueScale)
        {
            var shift = exponent - valueScale;
            digits += shift;
            if (shift > 38)
                return DecimalError(text, precision, scale, out error);
            unscaled *= BigInteger.Pow(10, shift);
            valueScale = 0;
        }
        else
            valueScale -= exponent;
        if (valueScale > digits)
            digits = valueScale;

        if (digits - valueScale > precision - scale)
            return DecimalError(text, precision, scale, out error); // PARSE_OVERFLOW: too many integer digits
        if (valueScale > scale)
        {
            // PARSE_UNDERFLOW: loaded, the extra fraction digits dropped
            var shift = valueScale - scale;
            if (truncatedDigits > 0)
                shift -= truncatedDigits;
            if (shift > 38)
                unscaled = BigInteger.Zero;
            else if (shift > 0)
            {
                var divisor = BigInteger.Pow(10, shift);
                var remainder = unscaled % divisor;
                unscaled /= divisor;
                if (remainder >= divisor / 2)
                    unscaled += 1;
            }
            valueScale = scale;
        }
        else if (!foundValue && foundDot == 0)
            return DecimalError(text, precision, scale, out error); // PARSE_FAILURE: no digit
        if (scale > valueScale)
            unscaled *= BigInteger.Pow(10, scale - valueScale);
        value = FormatUnscaled(unscaled.ToString(CultureInfo.InvariantCulture), scale, negative && !unscaled.IsZero);
        return true;
    }

    /// <summary>Writes an unscaled decimal (digits without sign) with <paramref name="scale"/> fraction digits, e.g. 5, 2 → <c>0.05</c>.</summary>
    private static string FormatUnscaled(string digits, int scale, bool negative)
    {
        var padded = digits.Length > scale ? digits : new string('0', scale + 1 - digits.Length) + digits;
        var integerDigits = padded.Length - scale;
        return string.Create(padded.Length + (scale > 0 ? 1 : 0) + (negative ? 1 : 0), (padded, integerDigits, negative), static (span, state) =>
        {
            var (padded, integerDigits, negative) = state;
            if (negative)
            {
                span[0] = '-';
                span = span[1..];
            }
            padded.AsSpan(0, integerDigits).CopyTo(span);
            if (padded.Length > integerDigits)
            {
                span[integerDigits] = '.';
                padded.AsSpan(integerDigits).CopyTo(span[(integerDigits + 1)..]);
            }
        });
    }

    private static bool DecimalError(string text, int precision, int scale, out string? error)
    {
        error = $"Value '{text}' does not fit DECIMAL({precision},{scale})";
        return false;
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

    /// <summary>
    /// A CSV VARBINARY field as VarBinaryConverter::read_string reads it (be/src/formats/csv/varbinary_converter.cpp):
    /// after leading whitespace, base64 is decoded; text that is not base64 is kept as its bytes; blank text is empty.
    /// </summary>
    private static byte[] CsvBinary(string text)
    {
        var base64 = text.AsSpan().TrimStart(" \t\n\v\f\r");
        if (base64.IsEmpty)
            return [];
        var decoded = new byte[base64.Length / 4 * 3 + 3];
        return Convert.TryFromBase64Chars(base64, decoded, out var written) ? decoded[..written] : Encoding.UTF8.GetBytes(text);
    }

    private static bool TryBinary(byte[] bytes, int maxBytes, out object? value, out string? error)
    {
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
        error = null;
        var s = text.AsSpan().Trim();
        int year, month, day;
        if (s.Length == 8 && !s.ContainsAnyExceptInRange('0', '9'))
        {
            year = Digits(s[..4]);
            month = Digits(s[4..6]);
            day = Digits(s[6..]);
            if (!IsCalendarDate(year, month, day))
                return DateError(text, "DATE", out error);
        }
        else if (s.Length > 10 && (s[10] == ' ' || s[10] == 'T'))
        {
            if (!TryParseDateTime(s, out year, out month, out day, out _, out _, out _, out _))
                return DateError(text, "DATETIME", out error);
        }
        else if (!TryParseDate(s, out year, out month, out day))
            return DateError(text, "DATE", out error);
        value = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
        return true;
    }

    private static bool TryDateTime(string text, out object? value, out string? error)
    {
        value = null;
        error = null;
        if (!TryParseDateTime(text.AsSpan().Trim(), out var year, out var month, out var day, out var hour, out var minute, out var second, out var fraction))
            return DateError(text, "DATETIME", out error);
        value = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2} {hour:D2}:{minute:D2}:{second:D2}.{fraction:D6}");
        return true;
    }

    private static bool DateError(string text, string type, out string? error)
    {
        error = $"Value '{text}' is not a valid {type}";
        return false;
    }

    /// <summary>Reads <c>yyyy-MM-dd[ |T]HH:mm[:ss[.ffffff]]</c> (the time optional); <paramref name="microseconds"/> is the fraction padded to 6 digits.</summary>
    private static bool TryParseDateTime(ReadOnlySpan<char> s, out int year, out int month, out int day,
        out int hour, out int minute, out int second, out int microseconds)
    {
        hour = minute = second = microseconds = 0;
        year = month = day = 0;
        if (s.Length < 10 || !TryParseDate(s[..10], out year, out month, out day))
            return false;
        if (s.Length == 10)
            return true;
        if (s[10] != ' ' && s[10] != 'T')
            return false;
        var time = s[11..];
        var dot = time.IndexOf('.');
        if (dot >= 0)
        {
            var fraction = time[(dot + 1)..];
            time = time[..dot];
            if (fraction.Length is 0 or > 6 || fraction.ContainsAnyExceptInRange('0', '9'))
                return false;
            microseconds = Digits(fraction);
            for (var i = fraction.Length; i < 6; i++)
                microseconds *= 10;
        }
        Span<Range> parts = stackalloc Range[4];
        var count = time.Split(parts, ':');
        if (count is < 2 or > 3)
            return false;
        for (var i = 0; i < count; i++)
        {
            var part = time[parts[i]];
            if (part.Length is 0 or > 2 || part.ContainsAnyExceptInRange('0', '9'))
                return false;
        }
        hour = Digits(time[parts[0]]);
        minute = Digits(time[parts[1]]);
        second = count == 3 ? Digits(time[parts[2]]) : 0;
        return hour <= 23 && minute <= 59 && second <= 59;
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        Span<Range> parts = stackalloc Range[4];
        if (s.Split(parts, '-') != 3)
            return false;
        var y = s[parts[0]];
        var m = s[parts[1]];
        var d = s[parts[2]];
        if (y.Length != 4 || m.Length is 0 or > 2 || d.Length is 0 or > 2
            || y.ContainsAnyExceptInRange('0', '9') || m.ContainsAnyExceptInRange('0', '9') || d.ContainsAnyExceptInRange('0', '9'))
            return false;
        year = Digits(y);
        month = Digits(m);
        day = Digits(d);
        return IsCalendarDate(year, month, day);
    }

    private static bool IsCalendarDate(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1)
            return false;
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return day <= month switch
        {
            2 => leap ? 29 : 28,
            4 or 6 or 9 or 11 => 30,
            _ => 31,
        };
    }

    /// <summary>The value of a run of ASCII digits (already checked).</summary>
    private static int Digits(ReadOnlySpan<char> digits)
    {
        var number = 0;
        foreach (var digit in digits)
            number = number * 10 + (digit - '0');
        return number;
    }

    /// <summary>An ARRAY/MAP CSV field, read with StarRocks's CSV collection syntax (not JSON), stored as JSON text.</summary>
    private static bool TryCsvCollection(ColumnSchema column, string text, bool strictMode, out object? value, out string? error)
    {
        var ok = CsvCollectionReader.TryRead(column.Type, text, invalidFieldAsNull: !strictMode, out var json, out error);
        value = json;
        return ok;
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
