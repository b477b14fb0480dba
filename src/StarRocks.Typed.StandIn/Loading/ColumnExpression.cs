using System.Globalization;
using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// A scalar expression of the Stream Load <c>columns</c> header (<c>target = expression</c>), parsed once per load and
/// evaluated for every row over the source fields (which StarRocks types as VARCHAR,
/// <c>fe/fe-core/src/main/java/com/starrocks/load/Load.java</c>, <c>initColumns</c>). Supported: column references,
/// string/number/NULL literals, <c>+ - * / %</c>, comparisons, <c>IS [NOT] NULL</c>, <c>CAST(x AS type)</c> and the
/// functions of <see cref="ColumnFunctions"/>. Any other function is refused as StarRocks's analyzer refuses an unknown
/// one: <c>No matching function with signature: name(types).</c>
/// </summary>
public abstract record ColumnExpression
{
    /// <summary>Evaluates the expression over one row's source fields (null = NULL).</summary>
    public abstract object? Evaluate(ExpressionContext context);

    /// <summary>The StarRocks type name the analyzer gives the expression, as printed in signatures (e.g. <c>varchar</c>).</summary>
    public abstract string TypeName { get; }

    /// <summary>The source fields the expression reads.</summary>
    public virtual IEnumerable<int> Fields => [];

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="resolve"/> turns a referenced name into a source field index (or
    /// throws with StarRocks's message). Throws <see cref="FormatException"/> for text that is no expression.
    /// </summary>
    public static ColumnExpression Parse(string text, Func<string, int> resolve) => new ExpressionParser(text, resolve).ParseAll();
}

/// <summary>What an expression sees while a row is evaluated.</summary>
/// <param name="Fields">The row's source fields.</param>
/// <param name="Now">The load's start time (<c>now()</c>, <c>current_timestamp()</c>).</param>
public readonly record struct ExpressionContext(string?[] Fields, DateTime Now);

/// <summary>A row-level failure of an expression (StarRocks filters the row).</summary>
public sealed class ExpressionException(string message) : Exception(message);

/// <summary>A BITMAP or HLL value: the set StarRocks would summarise, stored by the stand-in as its sorted members.</summary>
/// <param name="Members">The members (bitmap values, or the 64-bit hashes an HLL counts).</param>
/// <param name="IsHll">Whether it is an HLL (else a BITMAP).</param>
public sealed record SetValue(SortedSet<ulong> Members, bool IsHll)
{
    /// <summary>The stored text: members in ascending order, comma-separated (what <c>bitmap_to_string</c> returns).</summary>
    public override string ToString() => string.Join(',', Members.Select(m => m.ToString(CultureInfo.InvariantCulture)));
}

internal sealed record FieldReference(int Index) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context) => context.Fields[Index];
    public override string TypeName => "varchar";
    public override IEnumerable<int> Fields => [Index];
}

internal sealed record Literal(object? Value, string Type) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context) => Value;
    public override string TypeName => Type;
}

internal sealed record Unary(string Operator, ColumnExpression Operand) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context)
    {
        var value = Operand.Evaluate(context);
        return Operator switch
        {
            "-" => ExpressionValues.Arithmetic("-", 0L, value),
            "IS NULL" => value is null,
            "IS NOT NULL" => value is not null,
            _ => ExpressionValues.ToBoolean(value) is { } b ? !b : null,
        };
    }

    public override string TypeName => Operator == "-" ? Operand.TypeName : "boolean";
    public override IEnumerable<int> Fields => Operand.Fields;
}

internal sealed record Binary(string Operator, ColumnExpression Left, ColumnExpression Right) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context)
    {
        var left = Left.Evaluate(context);
        if (Operator is "AND" or "OR")
        {
            var l = ExpressionValues.ToBoolean(left);
            if (Operator == "AND" && l == false) return false;
            if (Operator == "OR" && l == true) return true;
            var r = ExpressionValues.ToBoolean(Right.Evaluate(context));
            return Operator == "AND" ? (r == false ? false : l is null || r is null ? null : true) : (r == true ? true : l is null || r is null ? null : false);
        }
        var right = Right.Evaluate(context);
        return Operator is "+" or "-" or "*" or "/" or "%"
            ? ExpressionValues.Arithmetic(Operator, left, right)
            : ExpressionValues.Compare(Operator, left, right);
    }

    public override string TypeName => Operator is "+" or "-" or "*" or "%" && IsInteger(Left.TypeName) && IsInteger(Right.TypeName)
        ? "bigint(20)" : Operator is "+" or "-" or "*" or "/" or "%" ? "double" : "boolean";

    private static bool IsInteger(string type) => type.StartsWith("tinyint", StringComparison.Ordinal) || type.StartsWith("smallint", StringComparison.Ordinal)
        || type.StartsWith("int", StringComparison.Ordinal) || type.StartsWith("bigint", StringComparison.Ordinal);
    public override IEnumerable<int> Fields => Left.Fields.Concat(Right.Fields);
}

internal sealed record Cast(ColumnExpression Operand, string Type) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context) => ExpressionValues.CastTo(Operand.Evaluate(context), Type);
    public override string TypeName => Type;
    public override IEnumerable<int> Fields => Operand.Fields;
}

internal sealed record Call(ColumnFunctions.Function Function, IReadOnlyList<ColumnExpression> Arguments) : ColumnExpression
{
    public override object? Evaluate(ExpressionContext context)
    {
        var values = new object?[Arguments.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = Arguments[i].Evaluate(context);
        return Function.Evaluate(values, context);
    }

    public override string TypeName => Function.ResultType;
    public override IEnumerable<int> Fields => Arguments.SelectMany(a => a.Fields);
}

/// <summary>A recursive-descent parser for <see cref="ColumnExpression"/> (precedence: OR, AND, NOT, comparison, + -, * / %, unary -).</summary>
internal sealed class ExpressionParser(string text, Func<string, int> resolve)
{
    private int _position;

    public ColumnExpression ParseAll()
    {
        var expression = ParseOr();
        SkipSpace();
        if (_position < text.Length)
            throw new FormatException($"Unexpected input '{text[_position..]}' in columns expression '{text}'");
        return expression;
    }

    private ColumnExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("OR"))
            left = new Binary("OR", left, ParseAnd());
        return left;
    }

    private ColumnExpression ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("AND"))
            left = new Binary("AND", left, ParseNot());
        return left;
    }

    private ColumnExpression ParseNot() => TryKeyword("NOT") ? new Unary("NOT", ParseNot()) : ParseComparison();

    private ColumnExpression ParseComparison()
    {
        var left = ParseAdditive();
        if (TryKeyword("IS"))
        {
            var not = TryKeyword("NOT");
            if (!TryKeyword("NULL"))
                throw new FormatException($"Expected NULL after IS in columns expression '{text}'");
            return new Unary(not ? "IS NOT NULL" : "IS NULL", left);
        }
        foreach (var op in new[] { "<=>", "<=", ">=", "!=", "<>", "=", "<", ">" })
        {
            if (TrySymbol(op))
                return new Binary(op == "<>" ? "!=" : op, left, ParseAdditive());
        }
        return left;
    }

    private ColumnExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (TrySymbol("+")) left = new Binary("+", left, ParseMultiplicative());
            else if (TrySymbol("-")) left = new Binary("-", left, ParseMultiplicative());
            else return left;
        }
    }

    private ColumnExpression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            if (TrySymbol("*")) left = new Binary("*", left, ParseUnary());
            else if (TrySymbol("/")) left = new Binary("/", left, ParseUnary());
            else if (TrySymbol("%")) left = new Binary("%", left, ParseUnary());
            else return left;
        }
    }

    private ColumnExpression ParseUnary() => TrySymbol("-") ? new Unary("-", ParseUnary()) : ParsePrimary();

    private ColumnExpression ParsePrimary()
    {
        SkipSpace();
        if (_position >= text.Length)
            throw new FormatException($"Unexpected end of columns expression '{text}'");
        var c = text[_position];
        if (c == '(')
        {
            _position++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (c is '\'' or '"')
            return new Literal(ReadString(c), "varchar");
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < text.Length && char.IsAsciiDigit(text[_position + 1])))
            return ReadNumber();
        var name = ReadIdentifier(out var quoted);
        if (!quoted && name.Equals("NULL", StringComparison.OrdinalIgnoreCase))
            return new Literal(null, "null_type");
        if (!quoted && (name.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || name.Equals("FALSE", StringComparison.OrdinalIgnoreCase)))
            return new Literal(name.Equals("TRUE", StringComparison.OrdinalIgnoreCase), "boolean");
        if (!quoted && TrySymbol("("))
            return ParseCall(name);
        return new FieldReference(resolve(name));
    }

    private ColumnExpression ParseCall(string name)
    {
        if (name.Equals("CAST", StringComparison.OrdinalIgnoreCase))
        {
            var operand = ParseOr();
            if (!TryKeyword("AS"))
                throw new FormatException($"Expected AS in CAST in columns expression '{text}'");
            var start = _position;
            ReadIdentifier(out _);
            if (TrySymbol("("))
            {
                while (_position < text.Length && text[_position] != ')')
                    _position++;
                Expect(")");
            }
            var type = text[start.._position].Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
            Expect(")");
            return new Cast(operand, type);
        }
        var arguments = new List<ColumnExpression>();
        if (!TrySymbol(")"))
        {
            do
                arguments.Add(ParseOr());
            while (TrySymbol(","));
            Expect(")");
        }
        var function = ColumnFunctions.Find(name, arguments.Count);
        if (function is null)
        {
            var signature = string.Join(", ", arguments.Select(a => a.TypeName));
            throw new FormatException($"No matching function with signature: {name.ToLowerInvariant()}({signature}).");
        }
        return new Call(function, arguments);
    }

    private ColumnExpression ReadNumber()
    {
        var start = _position;
        while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
            _position++;
        if (_position < text.Length && text[_position] is 'e' or 'E')
        {
            _position++;
            if (_position < text.Length && text[_position] is '+' or '-')
                _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                _position++;
            return new Literal(double.Parse(text[start.._position], NumberStyles.Float, CultureInfo.InvariantCulture), "double");
        }
        var number = text[start.._position];
        if (number.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0)
        {
            var digits = number.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length;
            var scale = number.Length - dot - 1;
            return new Literal(decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture), $"decimal({Math.Max(digits, scale)},{scale})");
        }
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
            return new Literal(decimal.Parse(number, CultureInfo.InvariantCulture), "largeint(40)");
        // the integer literal's type as StarRocks's Type.toSql prints it (with the display width)
        var type = integer <= sbyte.MaxValue ? "tinyint(4)" : integer <= short.MaxValue ? "smallint(6)" : integer <= int.MaxValue ? "int(11)" : "bigint(20)";
        return new Literal(integer, type);
    }

    private string ReadString(char quote)
    {
        var value = new StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c == quote)
            {
                if (_position < text.Length && text[_position] == quote)
                {
                    value.Append(quote);
                    _position++;
                    continue;
                }
                return value.ToString();
            }
            if (c == '\\' && _position < text.Length)
            {
                var escaped = text[_position++];
                value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => escaped });
                continue;
            }
            value.Append(c);
        }
        throw new FormatException($"Unterminated string in columns expression '{text}'");
    }

    private string ReadIdentifier(out bool quoted)
    {
        SkipSpace();
        quoted = _position < text.Length && text[_position] == '`';
        if (quoted)
        {
            var end = text.IndexOf('`', _position + 1);
            if (end < 0)
                throw new FormatException($"Unterminated identifier in columns expression '{text}'");
            var name = text[(_position + 1)..end];
            _position = end + 1;
            return name;
        }
        var start = _position;
        while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            _position++;
        if (_position == start)
            throw new FormatException($"Unexpected input '{text[start..]}' in columns expression '{text}'");
        return text[start.._position];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        if (string.Compare(text, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
            return false;
        var end = _position + keyword.Length;
        if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            return false;
        _position = end;
        return true;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(text, _position, symbol, 0, symbol.Length) != 0)
            return false;
        _position += symbol.Length;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
            throw new FormatException($"Expected '{symbol}' in columns expression '{text}'");
    }

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            _position++;
    }
}
