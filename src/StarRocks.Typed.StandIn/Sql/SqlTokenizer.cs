using System.Text;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>What a <see cref="SqlToken"/> is.</summary>
public enum SqlTokenKind
{
    /// <summary>A bare word: keyword or identifier.</summary>
    Word,
    /// <summary>A backquoted identifier (text without the quotes).</summary>
    QuotedIdentifier,
    /// <summary>A string literal in single or double quotes (text unescaped).</summary>
    String,
    /// <summary>A number literal.</summary>
    Number,
    /// <summary>One punctuation character.</summary>
    Symbol,
    /// <summary>The end of the text.</summary>
    End,
}

/// <summary>One token of SQL text; <see cref="Start"/>/<see cref="Length"/> locate it in the source.</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Start, int Length, int Line, int Column)
{
    /// <summary>Whether this is the bare word <paramref name="keyword"/> (case-insensitive).</summary>
    public bool IsWord(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the punctuation <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text[0] == symbol;

    /// <summary>Whether this can name something (a bare word or a backquoted identifier).</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}

/// <summary>Splits SQL text into tokens, skipping whitespace and comments (including <c>/*+ hints */</c>).</summary>
public static class SqlTokenizer
{
    /// <summary>The tokens of <paramref name="sql"/>, ending with one <see cref="SqlTokenKind.End"/> token.</summary>
    public static List<SqlToken> Tokenize(string sql) => Enumerate(sql).ToList();

    /// <summary>
    /// The tokens of <paramref name="sql"/> produced on demand (so that recognising a statement by its first words
    /// does not tokenize a multi-megabyte INSERT), ending with one <see cref="SqlTokenKind.End"/> token.
    /// </summary>
    public static IEnumerable<SqlToken> Enumerate(string sql)
    {
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            i = SkipTrivia(sql, i, ref line, ref lineStart);
            if (i >= sql.Length)
            {
                yield return new SqlToken(SqlTokenKind.End, "", sql.Length, 0, line, i - lineStart);
                yield break;
            }
            int start = i, tokenLine = line, column = i - lineStart;
            char c = sql[i];
            SqlTokenKind kind;
            string text;
            if (c is '\'' or '"' or '`')
            {
                text = ReadQuoted(sql, ref i, ref line, ref lineStart);
                kind = c == '`' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String;
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsDigit(sql[i + 1])))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.'
                       || ((sql[i] is '+' or '-') && sql[i - 1] is 'e' or 'E')))
                    i++;
                text = sql[start..i];
                kind = SqlTokenKind.Number;
            }
            else if (char.IsLetter(c) || c is '_' or '$' or '@' || c > 127)
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$' or '@' || sql[i] > 127))
                    i++;
                text = sql[start..i];
                kind = SqlTokenKind.Word;
            }
            else
            {
                i++;
                text = c.ToString();
                kind = SqlTokenKind.Symbol;
            }
            yield return new SqlToken(kind, text, start, i - start, tokenLine, column);
        }
    }

    /// <summary>The index of the first character at or after <paramref name="i"/> that is not whitespace or a comment.</summary>
    public static int SkipTrivia(string sql, int i, ref int line, ref int lineStart)
    {
        while (i < sql.Length)
        {
            char c = sql[i];
            if (c == '\n')
            {
                line++;
                lineStart = ++i;
            }
            else if (char.IsWhiteSpace(c))
                i++;
            else if (c == '#' || (c == '-' && i + 2 <= sql.Length && sql.AsSpan(i).StartsWith("--")
                                  && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2]))))
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                for (int k = i; k < end; k++)
                    if (sql[k] == '\n') { line++; lineStart = k + 1; }
                i = end;
            }
            else
                break;
        }
        return i;
    }

    private static string ReadQuoted(string sql, ref int i, ref int line, ref int lineStart)
    {
        char quote = sql[i++];
        var text = new StringBuilder();
        while (i < sql.Length)
        {
            char c = sql[i++];
            if (c == '\n') { line++; lineStart = i; }
            if (c == quote)
            {
                if (i < sql.Length && sql[i] == quote)
                {
                    text.Append(quote);
                    i++;
                    continue;
                }
                return text.ToString();
            }
            if (c == '\\' && quote != '`' && i < sql.Length)
            {
                char escaped = sql[i++];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => escaped });
                continue;
            }
            text.Append(c);
        }
        return text.ToString();
    }
}
