using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// A StarRocks column type as the grammar reads it (fe/fe-core/src/main/java/com/starrocks/sql/parser/StarRocks.g4,
/// rules <c>type</c>, <c>baseType</c>, <c>decimalType</c>, <c>arrayType</c>, <c>mapType</c>, <c>structType</c>), with
/// aliases resolved as the AST builder does: INTEGER is INT, TEXT is STRING, BINARY is VARBINARY, NUMERIC/NUMBER are
/// DECIMAL, and a display width such as <c>INT(11)</c> is dropped.
/// </summary>
/// <param name="Name">The canonical type name, upper case: INT, VARCHAR, STRING, DECIMAL64, ARRAY, …</param>
/// <param name="Length">CHAR/VARCHAR/VARBINARY: the declared length, or null when none is written.</param>
/// <param name="Precision">DECIMAL types: the precision, or null when none is written.</param>
/// <param name="Scale">DECIMAL types: the scale, or null when none is written.</param>
/// <param name="Arguments">ARRAY: the element; MAP: key and value; STRUCT: the field types.</param>
/// <param name="FieldNames">STRUCT: the field names.</param>
internal sealed record SqlType(string Name, long? Length, long? Precision, long? Scale, IReadOnlyList<SqlType> Arguments, IReadOnlyList<string> FieldNames)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BOOLEAN"] = "BOOLEAN", ["TINYINT"] = "TINYINT", ["SMALLINT"] = "SMALLINT", ["INT"] = "INT", ["INTEGER"] = "INT",
        ["BIGINT"] = "BIGINT", ["LARGEINT"] = "LARGEINT", ["FLOAT"] = "FLOAT", ["DOUBLE"] = "DOUBLE", ["DATE"] = "DATE",
        ["DATETIME"] = "DATETIME", ["TIME"] = "TIME", ["CHAR"] = "CHAR", ["VARCHAR"] = "VARCHAR", ["STRING"] = "STRING",
        ["TEXT"] = "STRING", ["BITMAP"] = "BITMAP", ["HLL"] = "HLL", ["PERCENTILE"] = "PERCENTILE", ["JSON"] = "JSON",
        ["VARBINARY"] = "VARBINARY", ["BINARY"] = "VARBINARY", ["DECIMAL"] = "DECIMAL", ["NUMERIC"] = "DECIMAL", ["NUMBER"] = "DECIMAL",
        ["DECIMALV2"] = "DECIMALV2", ["DECIMAL32"] = "DECIMAL32", ["DECIMAL64"] = "DECIMAL64", ["DECIMAL128"] = "DECIMAL128",
        ["ARRAY"] = "ARRAY", ["MAP"] = "MAP", ["STRUCT"] = "STRUCT",
    };

    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal) { "TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT" };

    /// <summary>What the grammar accepts, for messages.</summary>
    public const string Grammar =
        "a StarRocks type is BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL(p,s), DATE, DATETIME, "
        + "CHAR(n), VARCHAR(n), STRING, VARBINARY(n), JSON, HLL, BITMAP, PERCENTILE, ARRAY<T>, MAP<K,V> or STRUCT<name T, …>";

    public bool IsInteger => Integers.Contains(Name);
    public bool IsDecimal => Name.StartsWith("DECIMAL", StringComparison.Ordinal);
    public bool IsString => Name is "CHAR" or "VARCHAR" or "STRING";
    public bool IsComplex => Name is "ARRAY" or "MAP" or "STRUCT";

    /// <summary>HLL, BITMAP, PERCENTILE: columns that only hold aggregate states.</summary>
    public bool IsMetricOnly => Name is "HLL" or "BITMAP" or "PERCENTILE";

    /// <summary>Parses <paramref name="text"/>; on failure returns null and says where and why in <paramref name="error"/>.</summary>
    public static SqlType? Parse(string text, out string? error)
    {
        var reader = new Reader(text);
        try
        {
            var type = reader.Type();
            reader.End();
            error = null;
            return type;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The type as the generator emits it: canonical names, no display widths.</summary>
    public override string ToString()
    {
        switch (Name)
        {
            case "ARRAY":
                return $"ARRAY<{Arguments[0]}>";
            case "MAP":
                return $"MAP<{Arguments[0]},{Arguments[1]}>";
            case "STRUCT":
                return "STRUCT<" + string.Join(", ", FieldNames.Select((name, i) => FieldName(name) + " " + Arguments[i])) + ">";
        }

        if (Length is { } length)
            return $"{Name}({length.ToString(CultureInfo.InvariantCulture)})";
        if (Precision is { } precision)
            return Scale is { } scale ? $"{Name}({precision},{scale})" : $"{Name}({precision})";
        return Name;
    }

    private static string FieldName(string fieldName) =>
        fieldName.All(c => c == '_' || char.IsLetterOrDigit(c)) && fieldName.Length > 0 && !char.IsDigit(fieldName[0])
            ? fieldName
            : "`" + fieldName.Replace("`", "``") + "`";

    /// <summary>A recursive-descent reader over the type text; failures throw <see cref="FormatException"/> with the reason.</summary>
    private sealed class Reader(string text)
    {
        private int _at;

        public SqlType Type()
        {
            var start = Skip();
            var word = Word();
            if (word.Length == 0)
                throw Fail(start, "a type name");
            if (!Aliases.TryGetValue(word, out var name))
            {
                if (word.Equals("SIGNED", StringComparison.OrdinalIgnoreCase) || word.Equals("UNSIGNED", StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"{word.ToUpperInvariant()} is a CAST target, not a column type");
                throw new FormatException($"'{word}' is not a type name");
            }

            switch (name)
            {
                case "ARRAY":
                    Expect('<');
                    var element = Type();
                    Expect('>');
                    return new SqlType(name, null, null, null, [element], []);
                case "MAP":
                    Expect('<');
                    var key = Type();
                    Expect(',');
                    var value = Type();
                    Expect('>');
                    return new SqlType(name, null, null, null, [key, value], []);
                case "STRUCT":
                    Expect('<');
                    var names = new List<string>();
                    var types = new List<SqlType>();
                    do
                    {
                        Skip();
                        var field = Peek() == '`' ? Quoted() : Word();
                        if (field.Length == 0)
                            throw Fail(_at, "a field name");
                        names.Add(field);
                        types.Add(Type());
                    }
                    while (TryTake(','));
                    Expect('>');
                    return new SqlType(name, null, null, null, types, names);
            }

            if (name.StartsWith("DECIMAL", StringComparison.Ordinal))
            {
                if (!TryTake('('))
                    return new SqlType(name, null, null, null, [], []);
                var precision = Number();
                long? scale = TryTake(',') ? Number() : null;
                Expect(')');
                return new SqlType(name, null, precision, scale, [], []);
            }

            long? parameter = null;
            if (TryTake('('))
            {
                parameter = Number();
                Expect(')');
            }

            var takesLength = name is "CHAR" or "VARCHAR" or "VARBINARY";
            if (parameter is not null && !takesLength && !Integers.Contains(name))
                throw new FormatException($"{name} takes no length");
            return new SqlType(name, takesLength ? parameter : null, null, null, [], []);
        }

        public void End()
        {
            Skip();
            if (_at < text.Length)
                throw Fail(_at, "the end of the type");
        }

        private string Word()
        {
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
                _at++;
            return text.Substring(start, _at - start);
        }

        private string Quoted()
        {
            var value = new StringBuilder();
            _at++;
            while (_at < text.Length)
            {
                if (text[_at] == '`')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '`')
                    {
                        value.Append('`');
                        _at += 2;
                        continue;
                    }

                    _at++;
                    return value.ToString();
                }

                value.Append(text[_at++]);
            }

            throw Fail(_at, "a closing `");
        }

        private long Number()
        {
            var start = Skip();
            while (_at < text.Length && char.IsDigit(text[_at]))
                _at++;
            if (_at == start)
                throw Fail(start, "a number");
            return long.TryParse(text.Substring(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
        }

        private void Expect(char c)
        {
            if (!TryTake(c))
                throw Fail(_at, $"'{c}'");
        }

        private bool TryTake(char c)
        {
            Skip();
            if (Peek() != c)
                return false;
            _at++;
            return true;
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private int Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
                _at++;
            return _at;
        }

        private FormatException Fail(int at, string expected) =>
            new(at < text.Length ? $"expected {expected} at '{text.Substring(at)}'" : $"expected {expected} at the end");
    }
}
