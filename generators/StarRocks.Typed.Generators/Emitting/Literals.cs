using System.Globalization;
using System.Text;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>Quoting for the two languages the generator writes: StarRocks SQL and C#.</summary>
internal static class Literals
{
    /// <summary>A backquoted StarRocks identifier (a backquote inside is doubled).</summary>
    public static string SqlIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    /// <summary>A double-quoted StarRocks string literal with backslash escapes.</summary>
    public static string SqlString(string value) => Quote(value, escapeUnicode: false);

    /// <summary>A C# regular string literal, or <c>null</c>.</summary>
    public static string CSharpString(string? value) => value is null ? "null" : Quote(value, escapeUnicode: true);

    /// <summary>
    /// A double-quoted literal with the backslash escapes SQL and C# share; for C# (<paramref name="escapeUnicode"/>) also
    /// control characters, lone surrogates and line separators as <c>\uXXXX</c>.
    /// </summary>
    private static string Quote(string value, bool escapeUnicode)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (escapeUnicode && (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085'))
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A C# boolean literal.</summary>
    /// <summary>A member name as a C# identifier: <c>@</c>-prefixed when it is a keyword (a member declared as <c>@class</c> is named <c>class</c>).</summary>
    public static string CSharpIdentifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// The <c>[GeneratedCode]</c> attribute on every generated member and the registry (so analyzers and coverage tools
    /// skip them; not on the partial table types, whose other members are the user's), with the generator's version.
    /// </summary>
    public static readonly string GeneratedCodeAttribute =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"StarRocks.Typed.Generators\", \"{typeof(Literals).Assembly.GetName().Version?.ToString(3)}\")]";

    /// <summary>
    /// Text for a one-line XML doc comment: <c>&amp; &lt; &gt;</c> escaped, line breaks and other control characters
    /// as spaces (a table name may hold any character but NUL).
    /// </summary>
    public static string XmlDocText(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    public static string CSharpBool(bool value) => value ? "true" : "false";

    /// <summary>A C# integer literal.</summary>
    public static string CSharpInt(int value) => value.ToString(CultureInfo.InvariantCulture);
}
