using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Tokens_SkipCommentsAndHintsAndUnescapeLiterals()
    {
        var tokens = SqlTokenizer.Tokenize("SELECT /*+ SET_VAR(a=1) */ `a``b`, 'it''s', \"x\\\"y\", 1.5e-3 -- tail\n# hash\nFROM t");
        Assert.Equal(
            ["Word:SELECT", "QuotedIdentifier:a`b", "Symbol:,", "String:it's", "Symbol:,", "String:x\"y", "Symbol:,", "Number:1.5e-3", "Word:FROM", "Word:t", "End:"],
            tokens.Select(t => $"{t.Kind}:{t.Text}"));
        Assert.Equal((3, 5), (tokens[^2].Line, tokens[^2].Column));
    }

    [Fact]
    public void Tokens_AreProducedLazily()
    {
        using var tokens = SqlTokenizer.Enumerate("INSERT INTO t VALUES ('unterminated").GetEnumerator();
        Assert.True(tokens.MoveNext());
        Assert.Equal("INSERT", tokens.Current.Text);
    }
}
