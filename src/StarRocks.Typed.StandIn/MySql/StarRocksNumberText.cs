using System.Globalization;
using System.Text;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// FLOAT and DOUBLE as StarRocks's BE writes them into MySQL text results (<c>be/src/util/mysql_row_buffer.cpp</c>,
/// <c>push_number</c>: Ryu's <c>f2s_buffered_n</c>/<c>d2s_buffered_n</c> as patched by
/// <c>thirdparty/patches/ryu.patch</c>): the shortest digits that read back as the same value; plain notation when the
/// decimal exponent is within [-4, 7] (FLOAT) or [-4, 15] (DOUBLE), otherwise <c>d.ddde+XX</c> (sign always, at least
/// two exponent digits); zero as <c>0</c> (<c>-0</c>), and <c>inf</c>, <c>-inf</c>, <c>nan</c>.
/// </summary>
public static class StarRocksNumberText
{
    private const int FloatPlainMaxExponent = 7;
    private const int DoublePlainMaxExponent = 15;
    private const int PlainMinExponent = -4;

    /// <summary>A FLOAT value as StarRocks sends it.</summary>
    public static string Format(float value) =>
        Special(value, float.IsNaN(value), float.IsInfinity(value))
        ?? Render(value.ToString("R", CultureInfo.InvariantCulture), FloatPlainMaxExponent);

    /// <summary>A DOUBLE value as StarRocks sends it.</summary>
    public static string Format(double value) =>
        Special(value, double.IsNaN(value), double.IsInfinity(value))
        ?? Render(value.ToString("R", CultureInfo.InvariantCulture), DoublePlainMaxExponent);

    private static string? Special(double value, bool nan, bool infinity)
    {
        if (nan)
            return "nan";
        if (infinity)
            return value < 0 ? "-inf" : "inf";
        if (value == 0)
            return double.IsNegative(value) ? "-0" : "0";
        return null;
    }

    /// <summary>Re-renders .NET's shortest round-trip text (e.g. <c>1.5E-05</c>, <c>123.25</c>) in StarRocks's layout.</summary>
    private static string Render(string shortest, int plainMaxExponent)
    {
        var negative = shortest.StartsWith('-');
        var text = negative ? shortest[1..] : shortest;
        var e = text.IndexOfAny(['E', 'e']);
        var exponentOfText = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var allDigits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        // the decimal exponent of the first significant digit
        var exponent = exponentOfText + integerDigits - 1 - leadingZeros;

        var result = new StringBuilder(digits.Length + 8);
        if (negative)
            result.Append('-');
        if (exponent >= PlainMinExponent && exponent <= plainMaxExponent)
        {
            if (exponent < 0)
                result.Append("0.").Append('0', -exponent - 1).Append(digits);
            else if (exponent + 1 >= digits.Length)
                result.Append(digits).Append('0', exponent + 1 - digits.Length);
            else
                result.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            return result.ToString();
        }
        result.Append(digits[0]);
        if (digits.Length > 1)
            result.Append('.').Append(digits, 1, digits.Length - 1);
        result.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("D2", CultureInfo.InvariantCulture));
        return result.ToString();
    }
}
