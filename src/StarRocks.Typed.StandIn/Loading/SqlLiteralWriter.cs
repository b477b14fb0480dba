using System.Globalization;
using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// Renders the values of <see cref="LoadedRow"/> as MariaDB literals: NULL, integers, round-trip doubles, quoted
/// strings (backslash escapes, the private MariaDB runs without <c>NO_BACKSLASH_ESCAPES</c>) and hex binary.
/// </summary>
internal static class SqlLiteralWriter
{
    public static void Append(StringBuilder sql, object? value)
    {
        switch (value)
        {
            case null:
                sql.Append("NULL");
                break;
            case string text:
                AppendString(sql, text);
                break;
            case long number:
                sql.Append(CultureInfo.InvariantCulture, $"{number}");
                break;
            case sbyte number:
                sql.Append(CultureInfo.InvariantCulture, $"{number}");
                break;
            case double number:
                sql.Append(CultureInfo.InvariantCulture, $"{number:R}");
                break;
            case byte[] bytes:
                sql.Append("X'").Append(Convert.ToHexString(bytes)).Append('\'');
                break;
            default:
                throw new InvalidOperationException($"unexpected value type {value.GetType()}");
        }
    }

    private static void AppendString(StringBuilder sql, string text)
    {
        sql.Append('\'');
        var span = text.AsSpan();
        while (true)
        {
            var special = span.IndexOfAny('\'', '\\', '\0');
            if (special < 0)
            {
                sql.Append(span);
                break;
            }
            sql.Append(span[..special]).Append(span[special] switch
            {
                '\'' => "\\'",
                '\\' => "\\\\",
                _ => "\\0",
            });
            span = span[(special + 1)..];
        }
        sql.Append('\'');
    }
}
