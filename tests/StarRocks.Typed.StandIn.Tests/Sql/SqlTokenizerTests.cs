using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Tokens_SkipCommentsAndHintsAndUnescapeLiterals()
    {
        var tokens = SqlTokenizer.Tokenize("SELECT /*+ SET_VAR(a=1) */ `a``b`, 'it''s', \"x\\\"y\", 1.5e-3 -- tail\n/**/FROM t");
        Assert.Equal(
            ["Word:SELECT", "QuotedIdentifier:a`b", "Symbol:,", "String:it's", "Symbol:,", "String:x\"y", "Symbol:,", "Number:1.5e-3", "Word:FROM", "Word:t", "End:"],
            tokens.Select(t => $"{t.Kind}:{t.Text}"));
        Assert.Equal((2, 9), (tokens[^2].Line, tokens[^2].Column));
    }

    // StarRocksLex.g4: SIMPLE_COMMENT is '--' ~[\r\n]* (no space needed, ends at CR or LF); no rule starts with '#',
    // which ANTLR's lexer skips; an unterminated '/*' is the operators '/' and '*'.
    [Theory]
    [InlineData("SELECT 1--1", "Word:SELECT Number:1 End:")]
    [InlineData("SELECT 1 --x\r2", "Word:SELECT Number:1 Number:2 End:")]
    [InlineData("SELECT 1 # not a comment", "Word:SELECT Number:1 Word:not Word:a Word:comment End:")]
    [InlineData("SELECT a#b", "Word:SELECT Word:a Word:b End:")]
    [InlineData("SELECT 1 /* open", "Word:SELECT Number:1 Symbol:/ Symbol:* Word:open End:")]
    [InlineData("SELECT 1\f/*! 2 */", "Word:SELECT Number:1 End:")]
    [InlineData("SELECT 'a', 'b", "Word:SELECT String:a Symbol:, Word:b End:")]
    [InlineData("SELECT `a 'b\\'' c", "Word:SELECT Word:a String:b' Word:c End:")]
    public void Tokens_FollowStarRocksLexerTrivia(string sql, string expected) =>
        Assert.Equal(expected, string.Join(' ', SqlTokenizer.Tokenize(sql).Select(t => $"{t.Kind}:{t.Text}")));

    [Theory]
    [InlineData("SELECT 1--1\n", "SELECT 1   \n")]
    [InlineData("SELECT '#x', `--y` # z", "SELECT '#x', `--y`   z")]
    [InlineData("SELECT 1 /*! , 2 */", "SELECT 1           ")]
    [InlineData("SELECT 'a\\'', \"b", "SELECT 'a\\'',  b")]
    public void BlankTrivia_LeavesOnlyTheTokensStarRocksSees(string sql, string expected) =>
        Assert.Equal(expected, SqlTokenizer.BlankTrivia(sql));

    [Fact]
    public void BlankTrivia_ReturnsTheSameTextWhenThereIsNothingToBlank()
    {
        const string sql = "SELECT 'a''b', \"c\\\"\", `d``e`, 1 - 2\r\n\tFROM t";
        Assert.Same(sql, SqlTokenizer.BlankTrivia(sql));
    }

    // StarRocks's token stream numbers hidden tokens too: a whitespace run, a comment (with its line break), a hint;
    // a skipped '#' makes no token but ends a whitespace run.
    [Theory]
    [InlineData("SELECT 1", "0 2 3")]
    [InlineData("SELECT  -- c\n 1", "0 4 5")]
    [InlineData("SELECT/*+ h */1/**/", "0 2 4")]
    [InlineData("SELECT # #1", "0 3 4")]
    public void TokenIndexes_CountStarRocksHiddenTokens(string sql, string indexes) =>
        Assert.Equal(indexes, string.Join(' ', SqlTokenizer.Tokenize(sql).Select(t => t.Index)));

    [Fact]
    public void Tokens_AreProducedLazily()
    {
        using var tokens = SqlTokenizer.Enumerate("INSERT INTO t VALUES ('unterminated").GetEnumerator();
        Assert.True(tokens.MoveNext());
        Assert.Equal("INSERT", tokens.Current.Text);
    }
}
