using System.Text;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>Derives column names from member names.</summary>
internal static class ColumnNaming
{
    /// <summary>
    /// <c>OrderId</c> → <c>order_id</c>, <c>HTTPStatus</c> → <c>http_status</c>, <c>Line2Total</c> → <c>line2_total</c>:
    /// an underscore before an upper-case letter that follows a lower-case letter or digit, or that starts a word after an acronym.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                var startsWord = char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && char.IsLower(next));
                if (startsWord && builder.Length > 0 && builder[builder.Length - 1] != '_')
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
