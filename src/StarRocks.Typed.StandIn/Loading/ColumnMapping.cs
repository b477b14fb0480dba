using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>One target of a <c>columns</c> mapping: a column fed by a source field, a constant or an expression.</summary>
/// <param name="Column">The target column (or <c>__op</c>).</param>
/// <param name="SourceIndex">The source field index, or -1 for a constant or an expression.</param>
/// <param name="Constant">The constant text when <paramref name="SourceIndex"/> is -1 and there is no <paramref name="Expression"/>.</param>
/// <param name="Expression">The expression computing the value, if any.</param>
public sealed record ColumnTarget(string Column, int SourceIndex, string? Constant = null, ColumnExpression? Expression = null);

/// <summary>
/// The <c>columns</c> header: the ordered source fields (plain names) and what feeds each target. Supported forms:
/// plain names, <c>target = source_name</c>, <c>target = 'constant'</c> / number (e.g. <c>__op = 'delete'</c>), and
/// <c>target = expression</c> (<see cref="ColumnExpression"/>) over the source fields.
/// </summary>
public sealed record ColumnMapping(IReadOnlyList<string> SourceFields, IReadOnlyList<ColumnTarget> Targets)
{
    /// <summary>Parses a <c>columns</c> header value.</summary>
    public static ColumnMapping Parse(string header)
    {
        var sources = new List<string>();
        var targets = new List<ColumnTarget>();
        foreach (var item in SplitTopLevel(header))
        {
            var equals = IndexOfTopLevelEquals(item);
            if (equals < 0)
            {
                var name = Identifier(item) ?? throw new FormatException($"invalid column name '{item.Trim()}' in columns");
                sources.Add(name);
                targets.Add(new ColumnTarget(name, sources.Count - 1));
                continue;
            }
            var target = Identifier(item[..equals]) ?? throw new FormatException($"invalid column name '{item[..equals].Trim()}' in columns");
            var expression = item[(equals + 1)..].Trim();
            targets.RemoveAll(t => string.Equals(t.Column, target, StringComparison.OrdinalIgnoreCase));
            if (Constant(expression) is { } constant)
            {
                targets.Add(new ColumnTarget(target, -1, constant));
                continue;
            }
            if (Identifier(expression) is { } source)
            {
                targets.Add(new ColumnTarget(target, SourceIndex(sources, target, source)));
                continue;
            }
            var computed = ColumnExpression.Parse(expression, name => SourceIndex(sources, target, name));
            targets.Add(new ColumnTarget(target, -1, Expression: computed));
        }
        return new ColumnMapping(sources, targets);
    }

    /// <summary>The index of source field <paramref name="reference"/>, else StarRocks's error (<c>Load.analyzeMappingExprs</c>).</summary>
    private static int SourceIndex(List<string> sources, string column, string reference)
    {
        var index = sources.FindIndex(s => string.Equals(s, reference, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new FormatException($"unknown reference column, column={column}, reference={reference}");
    }

    private static string? Identifier(string text)
    {
        var s = text.Trim();
        if (s.Length > 2 && s[0] == '`' && s[^1] == '`')
            return s[1..^1];
        return s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '$') && !char.IsAsciiDigit(s[0]) ? s : null;
    }

    private static string? Constant(string expression)
    {
        if (expression.Length >= 2 && (expression[0] is '\'' or '"') && expression[^1] == expression[0])
            return expression[1..^1];
        return expression.Length > 0 && (char.IsAsciiDigit(expression[0]) || expression[0] == '-')
            && decimal.TryParse(expression, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? expression
            : null;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"' or '`')
                quote = c;
            else if (c == '(')
                depth++;
            else if (c == ')')
                depth--;
            else if (c == ',' && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim().Length > 0)
            yield return current.ToString();
    }

    private static int IndexOfTopLevelEquals(string item)
    {
        char? quote = null;
        for (var i = 0; i < item.Length; i++)
        {
            var c = item[i];
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"' or '`')
                quote = c;
            else if (c == '=')
                return i;
        }
        return -1;
    }
}
