using System;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// Checks literals against their column's type as StarRocks does, returning StarRocks's message or null when accepted:
/// column defaults as <c>ColumnDef.analyze</c> (sql/ast/ColumnDef.java validateDefaultValue: the literal parsed as the column type, function
/// defaults only on their types, no <c>DEFAULT NULL</c> on NOT NULL columns) and LIST partition values as
/// <c>PartitionValue.getValue(type)</c>.
/// </summary>
internal static class LiteralChecker
{
    private static readonly Regex Decimal = new(@"^\s*DECIMAL(?:V2|32|64|128)?\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Integer = new(@"^[+-]?\d+$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalText = new(@"^[+-]?(\d*)(?:\.(\d*))?$", RegexOptions.CultureInvariant);
    private static readonly Regex DateTimeText = new(
        @"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?)?$", RegexOptions.CultureInvariant);

    /// <summary>StarRocks's complaint about <paramref name="column"/>'s default, or null.</summary>
    public static string? CheckDefault(ColumnSpec column)
    {
        if (column.Default is not { } value)
            return null;
        var name = column.Name;
        var type = column.StarRocksType;
        var baseType = TypeMapper.BaseTypeName(type);
        var invalid = $"Invalid default value for '{name}'";

        if (baseType is "HLL" or "BITMAP" or "PERCENTILE")
            return invalid;
        if (baseType is "ARRAY" or "MAP" or "STRUCT")
            return $"Default value for complex type '{type}' not supported";

        switch (ColumnDefault.Classify(value, out var precision))
        {
            case ColumnDefaultKind.Null:
                return column.IsNullable ? null : invalid;
            case ColumnDefaultKind.CurrentTimestamp:
                if (baseType != "DATETIME")
                    return $"Default function now() for type {type} is not supported";
                return precision is null or (>= 0 and <= 6) ? null : $"{invalid}: the precision of current_timestamp() must be between 0 and 6";
            case ColumnDefaultKind.Uuid:
                if (baseType is not ("VARCHAR" or "STRING"))
                    return $"Default function uuid() for type {type} is not supported";
                return TypeMapper.StringByteLength(type) < 36 ? "Varchar type length must be greater than 36 for uuid function" : null;
            case ColumnDefaultKind.UuidNumeric:
                return baseType == "LARGEINT" ? null : $"Default function uuid_numeric() for type {type} is not supported";
        }

        return CheckLiteral(value, type, baseType, invalid);
    }

    /// <summary>
    /// A LIST partition value parsed as its column's type, as StarRocks's <c>PartitionValue.getValue(type)</c> does for
    /// the types whose literals can be malformed (integers, DECIMAL, DATE/DATETIME, BOOLEAN); null when it parses.
    /// </summary>
    public static string? CheckPartitionValue(string value, ColumnSpec column)
    {
        var baseType = TypeMapper.BaseTypeName(column.StarRocksType);
        return baseType is "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "LARGEINT" or "BOOLEAN" or "DATE" or "DATETIME"
            or "DECIMAL" or "DECIMALV2" or "DECIMAL32" or "DECIMAL64" or "DECIMAL128"
            ? CheckLiteral(value, column.StarRocksType, baseType, $"Invalid value for partition column '{column.Name}'")
            : null;
    }

    private static string? CheckLiteral(string value, string type, string baseType, string invalid)
    {
        var text = value.Trim();
        switch (baseType)
        {
            case "TINYINT": return CheckInteger(text, baseType, invalid, -128, 127);
            case "SMALLINT": return CheckInteger(text, baseType, invalid, short.MinValue, short.MaxValue);
            case "INT": return CheckInteger(text, baseType, invalid, int.MinValue, int.MaxValue);
            case "BIGINT": return CheckInteger(text, baseType, invalid, long.MinValue, long.MaxValue);
            case "LARGEINT": return CheckInteger(text, baseType, invalid, -BigInteger.Pow(2, 127), BigInteger.Pow(2, 127) - 1);
            case "BOOLEAN":
                return text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text is "1" or "0"
                    ? null
                    : $"{invalid}: Invalid BOOLEAN literal: {value}";
            case "FLOAT":
            case "DOUBLE":
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || double.IsInfinity(number))
                    return $"{invalid}: '{value}' is not a {baseType} number";
                return baseType == "FLOAT" && !FitsFloat(number) ? $"Default value will loose precision: {value}" : null;
            case "DECIMAL":
            case "DECIMALV2":
            case "DECIMAL32":
            case "DECIMAL64":
            case "DECIMAL128":
                return CheckDecimal(text, value, type, invalid);
            case "DATE":
            case "DATETIME":
                return IsDateTime(text) ? null : $"{invalid}: '{value}' is not a {baseType} (yyyy-MM-dd{(baseType == "DATETIME" ? " HH:mm:ss[.ffffff]" : "")})";
            case "CHAR":
            case "VARCHAR":
            case "STRING":
                // StarRocks compares the length in UTF-16 units (Java's String.length()) with the declared length.
                return value.Length > TypeMapper.StringByteLength(type) ? $"Default value is too long: {value}" : null;
            default:
                return $"Cannot add default value for type '{type}'";
        }
    }

    /// <summary>
    /// StarRocks's <c>FloatLiteral</c>: a literal is FLOAT when <c>Float.toString((float)v)</c> equals
    /// <c>Double.toString(v)</c>, i.e. when the float's shortest decimal form reads back as the same double
    /// (<c>1.1234567</c> fits, <c>1.12345678</c> and <c>123456789</c> do not); otherwise it is DOUBLE and refused.
    /// </summary>
    private static bool FitsFloat(double value)
    {
        var single = (float)value;
        if (float.IsInfinity(single))
            return false;
        for (var digits = 1; digits <= 9; digits++)
        {
            var text = ((double)single).ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == single)
                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value;
        }

        return false;
    }

    private static string? CheckInteger(string text, string type, string invalid, BigInteger min, BigInteger max)
    {
        if (!Integer.IsMatch(text) || !BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return $"{invalid}: '{text}' is not an integer";
        return number < min || number > max ? $"Number out of range[{text}]. type: {type}" : null;
    }

    private static string? CheckDecimal(string text, string value, string type, string invalid)
    {
        var match = DecimalText.Match(text);
        if (!match.Success || match.Groups[1].Length + match.Groups[2].Length == 0)
            return $"{invalid}: '{value}' is not a decimal number";
        var declared = Decimal.Match(type);
        if (!declared.Success)
            return null;
        var precision = declared.Groups[1].Success ? int.Parse(declared.Groups[1].Value, CultureInfo.InvariantCulture) : 10;
        var scale = declared.Groups[2].Success ? int.Parse(declared.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        var integerDigits = match.Groups[1].Value.TrimStart('0').Length;
        var fractionDigits = match.Groups[2].Value.TrimEnd('0').Length;
        return integerDigits > precision - scale || fractionDigits > scale
            ? $"{invalid}: {value} does not fit {type} ({precision - scale} integer and {scale} fraction digits)"
            : null;
    }

    /// <summary><c>yyyy-MM-dd</c> with an optional <c>HH:mm:ss[.ffffff]</c>, a real calendar date (years 0000–9999).</summary>
    private static bool IsDateTime(string text)
    {
        var match = DateTimeText.Match(text);
        if (!match.Success)
            return false;
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Part(1), Part(2), Part(3));
        // DateTime has no year 0; 0000 is a leap year in the proleptic calendar, like 2000.
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year == 0 ? 2000 : year, month)
            && Part(4) <= 23 && Part(5) <= 59 && Part(6) <= 59;
    }
}
