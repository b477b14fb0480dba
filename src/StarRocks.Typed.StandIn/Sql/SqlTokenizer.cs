using System.Buffers;
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

/// <summary>
/// One token of SQL text; <see cref="Start"/>/<see cref="Length"/> locate it in the source. <see cref="Index"/> is its
/// index in StarRocks's token stream, which also counts the hidden whitespace and comment tokens before it (what
/// <c>parse_tokens_limit</c> is compared with).
/// </summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Start, int Length, int Line, int Column, int Index)
{
    /// <summary>Whether this is the bare word <paramref name="keyword"/> (case-insensitive).</summary>
    public bool IsWord(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this is the punctuation <paramref name="symbol"/>.</summary>
    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text[0] == symbol;

    /// <summary>Whether this can name something (a bare word or a backquoted identifier).</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}

/// <summary>Splits SQL text into tokens as StarRocks's lexer does, skipping its trivia (see <c>TriviaAt</c>).</summary>
public static class SqlTokenizer
{
    /// <summary>The single characters <see cref="BlankTrivia"/> may replace besides quotes: '#', U+3000 and ASCII controls but tab, CR and LF.</summary>
    private static readonly SearchValues<char> BlankedCharacters = SearchValues.Create(
        "#\u3000\u007f" + string.Concat(Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (char)c)));

    /// <summary>The tokens of <paramref name="sql"/>, ending with one <see cref="SqlTokenKind.End"/> token.</summary>
    public static List<SqlToken> Tokenize(string sql) => Enumerate(sql).ToList();

    /// <summary>
    /// The tokens of <paramref name="sql"/> produced on demand (so that recognising a statement by its first words
    /// does not tokenize a multi-megabyte INSERT), ending with one <see cref="SqlTokenKind.End"/> token.
    /// </summary>
    public static IEnumerable<SqlToken> Enumerate(string sql)
    {
        int i = 0, line = 1, lineStart = 0, index = 0;
        while (true)
        {
            i = SkipTrivia(sql, i, ref line, ref lineStart, ref index);
            if (i >= sql.Length)
            {
                yield return new SqlToken(SqlTokenKind.End, "", sql.Length, 0, line, i - lineStart, index);
                yield break;
            }
            int start = i, tokenLine = line, column = i - lineStart;
            char c = sql[i];
            SqlTokenKind kind;
            string text;
            if (c is '\'' or '"' or '`')
            {
                int quoteLineStart = lineStart;
                if (ReadQuoted(sql, ref i, ref line, ref lineStart) is not { } quoted)
                {
                    // No closing quote: no quoted-text rule of StarRocksLex.g4 matches, so ANTLR's lexer skips the quote
                    // alone and goes on lexing what follows it.
                    (i, line, lineStart) = (start + 1, tokenLine, quoteLineStart);
                    continue;
                }
                text = quoted;
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
            yield return new SqlToken(kind, text, start, i - start, tokenLine, column, index++);
        }
    }

    /// <summary>
    /// The index of the first character at or after <paramref name="i"/> that is not trivia (see <see cref="TriviaAt"/>),
    /// counting lines and StarRocks's hidden tokens on the way.
    /// </summary>
    private static int SkipTrivia(string sql, int i, ref int line, ref int lineStart, ref int index)
    {
        while (i < sql.Length && TriviaAt(sql, i) is { Length: > 0 } trivia)
        {
            if (trivia.IsToken)
                index++;
            for (int end = i + trivia.Length; i < end; i++)
            {
                if (sql[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
        }
        return i;
    }

    /// <summary>
    /// <paramref name="sql"/> with every trivia character other than a space, tab or line break replaced by a space
    /// (offsets, lines and columns are unchanged), so that MariaDB sees the tokens StarRocks's lexer sees: no
    /// <c>#</c> or <c>-- </c> comment rules of its own, no <c>/*! executable */</c> comments. The same instance when
    /// there is nothing to replace.
    /// </summary>
    public static string BlankTrivia(string sql)
    {
        if (!sql.AsSpan().ContainsAny(BlankedCharacters) && !sql.Contains("--", StringComparison.Ordinal)
            && !sql.Contains("/*", StringComparison.Ordinal) && !HasUnclosedQuote(sql))
            return sql;
        char[]? blanked = null;
        int previousEnd = 0;
        foreach (var token in Enumerate(sql))
        {
            for (int i = previousEnd; i < token.Start; i++)
            {
                if (sql[i] is ' ' or '\t' or '\r' or '\n')
                    continue;
                blanked ??= sql.ToCharArray();
                blanked[i] = ' ';
            }
            previousEnd = token.End();
        }
        return blanked is null ? sql : new string(blanked);
    }

    /// <summary>Whether a quote of comment-free <paramref name="sql"/> has no closing quote (without tokenizing it).</summary>
    private static bool HasUnclosedQuote(string sql)
    {
        var rest = sql.AsSpan();
        int open;
        while ((open = rest.IndexOfAny('\'', '"', '`')) >= 0)
        {
            char quote = rest[open];
            rest = rest[(open + 1)..];
            while (true)
            {
                int next = quote == '`' ? rest.IndexOf(quote) : rest.IndexOfAny(quote, '\\');
                if (next < 0)
                    return true;
                if (rest[next] == quote)
                {
                    rest = rest[(next + 1)..]; // a doubled quote closes and reopens, the same for this purpose
                    break;
                }
                rest = rest[Math.Min(next + 2, rest.Length)..];
            }
        }
        return false;
    }

    /// <summary>
    /// The trivia StarRocks's lexer hides from its parser at <paramref name="i"/> (length 0 when a token starts there) and
    /// whether the lexer makes a hidden token of it (StarRocks repo
    /// <c>fe/fe-grammar/src/main/antlr/com/starrocks/grammar/StarRocksLex.g4</c>): <c>WS</c> is a run of space, tab, CR, LF
    /// and U+3000; <c>SIMPLE_COMMENT</c> is <c>--</c> with or without a following space, up to and including one CR and
    /// one LF; <c>BRACKETED_COMMENT</c> and <c>OPTIMIZER_HINT</c> (<c>/*+ */</c>) need their closing <c>*/</c>, otherwise
    /// <c>/</c> and <c>*</c> are operators. No rule starts with <c>#</c> (not a comment in StarRocks) or an ASCII control
    /// character: <c>SqlParser.java</c> replaces only the parser's error listeners, so ANTLR's lexer reports such a
    /// character on its console listener and skips it without a token, separating the tokens around it.
    /// </summary>
    private static (int Length, bool IsToken) TriviaAt(string sql, int i)
    {
        char c = sql[i];
        if (IsWhiteSpace(c))
        {
            int end = i + 1;
            while (end < sql.Length && IsWhiteSpace(sql[end]))
                end++;
            return (end - i, true);
        }
        if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
        {
            int end = sql.AsSpan(i + 2).IndexOfAny('\r', '\n');
            end = end < 0 ? sql.Length : i + 2 + end;
            if (end < sql.Length && sql[end] == '\r')
                end++;
            if (end < sql.Length && sql[end] == '\n')
                end++;
            return (end - i, true);
        }
        if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
        {
            int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? (0, false) : (end + 2 - i, true);
        }
        return c == '#' || (char.IsControl(c) && c < 128) ? (1, false) : (0, false);
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u3000';

    /// <summary>The unescaped text of the quoted token at <paramref name="i"/>, or null when it has no closing quote.</summary>
    private static string? ReadQuoted(string sql, ref int i, ref int line, ref int lineStart)
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
        return null;
    }
}
