using System.Globalization;
using StarRocks.Typed.StandIn.MySql;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// The values expressions compute with — null, string, long, decimal, double, bool, DateTime, byte[],
/// <see cref="SetValue"/> — and StarRocks's implicit casts between them: VARCHAR in arithmetic is read as DOUBLE,
/// integer arithmetic stays BIGINT, <c>/</c> is DOUBLE, a failed cast is NULL.
/// </summary>
internal static class ExpressionValues
{
    public static object? Arithmetic(string op, object? left, object? right)
    {
        if (left is null || right is null)
            return null;
        if (left is long a && right is long b && op != "/")
        {
            return op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                _ => b == 0 ? null : a % b,
            };
        }
        if (left is long or decimal && right is long or decimal && op != "/")
        {
            var x = Convert.ToDecimal(left, CultureInfo.InvariantCulture);
            var y = Convert.ToDecimal(right, CultureInfo.InvariantCulture);
            return op switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                _ => y == 0 ? null : x % y,
            };
        }
        if (ToDouble(left) is not { } l || ToDouble(right) is not { } r)
            return null;
        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => r == 0 ? null : l / r,
            _ => r == 0 ? null : l % r, // fmod: the sign of the dividend
        };
    }

    public static object? Compare(string op, object? left, object? right)
    {
        if (op == "<=>")
            return left is null || right is null ? left is null && right is null : Order(left, right) == 0;
        if (left is null || right is null)
            return null;
        var order = Order(left, right);
        if (order is not { } o)
            return null;
        return op switch
        {
            "=" => o == 0,
            "!=" => o != 0,
            "<" => o < 0,
            "<=" => o <= 0,
            ">" => o > 0,
            _ => o >= 0,
        };
    }

    /// <summary>Strings compare as strings; otherwise both sides as numbers (DOUBLE), dates as dates.</summary>
    private static int? Order(object left, object right)
    {
        if (left is string ls && right is string rs)
            return string.CompareOrdinal(ls, rs);
        if (left is DateTime || right is DateTime)
            return ToDateTime(left) is { } ld && ToDateTime(right) is { } rd ? ld.CompareTo(rd) : null;
        return ToDouble(left) is { } l && ToDouble(right) is { } r ? l.CompareTo(r) : null;
    }

    public static bool? ToBoolean(object? value) => value switch
    {
        null => null,
        bool b => b,
        string s => s.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => ToDouble(s) is { } d ? d != 0 : null,
        },
        _ => ToDouble(value) is { } n ? n != 0 : null,
    };

    public static double? ToDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        long l => l,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    public static long? ToLong(object? value) => value switch
    {
        null => null,
        long l => l,
        bool b => b ? 1 : 0,
        double d when !double.IsNaN(d) && d >= long.MinValue && d < 9.2233720368547758E18 => (long)Math.Truncate(d),
        decimal m when m >= long.MinValue && m <= long.MaxValue => (long)decimal.Truncate(m),
        string s => long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    public static DateTime? ToDateTime(object? value)
    {
        if (value is DateTime d)
            return d;
        if (value is not string s)
            return null;
        string[] formats = ["yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyyMMdd", "yyyyMMddHHmmss"];
        return DateTime.TryParseExact(s.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
    }

    /// <summary>The text a value becomes when it feeds a column (StarRocks's cast to VARCHAR, then the column's own conversion).</summary>
    public static string? ToText(object? value) => value switch
    {
        null => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double d => StarRocksNumberText.Format(d),
        bool b => b ? "1" : "0",
        DateTime t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => value.ToString(),
    };

    /// <summary><c>CAST(value AS type)</c> for the scalar types loads use; a value that does not convert is NULL.</summary>
    public static object? CastTo(object? value, string type)
    {
        if (value is null)
            return null;
        var name = type.Split('(')[0];
        return name switch
        {
            "boolean" => ToBoolean(value),
            "tinyint" or "smallint" or "int" or "integer" or "bigint" => ToLong(value is string s ? s.Trim() : value),
            "largeint" => ToText(value) is { } t && decimal.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? big : null,
            "float" or "double" => ToDouble(value),
            "decimal" or "decimalv2" or "decimal32" or "decimal64" or "decimal128" =>
                ToText(value) is { } t2 && decimal.TryParse(t2.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
            "date" => ToDateTime(value)?.Date,
            "datetime" => ToDateTime(value),
            "varbinary" or "binary" => value is byte[] ? value : ToText(value) is { } t3 ? System.Text.Encoding.UTF8.GetBytes(t3) : null,
            _ => ToText(value),
        };
    }
}
