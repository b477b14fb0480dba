using StarRocks.Typed.Schema;

namespace StarRocks.Typed.Tests.Source;

public sealed class StarRocksTypeChangeTests
{
    [Theory]
    [InlineData("varchar(100)", "VARCHAR(200)", true)]
    [InlineData("varchar(200)", "VARCHAR(100)", false)]
    [InlineData("char(10)", "VARCHAR(10)", true)]
    [InlineData("varchar(10)", "CHAR(10)", false)]
    [InlineData("int(11)", "BIGINT", true)]
    [InlineData("bigint(20)", "INT", false)]
    [InlineData("largeint", "DOUBLE", false)]
    [InlineData("int", "DOUBLE", true)]
    [InlineData("int", "DATE", true)]
    [InlineData("date", "DATETIME", true)]
    [InlineData("decimal64(10,2)", "DECIMAL(12,3)", true)]
    [InlineData("decimal(10,2)", "DECIMAL(10,1)", false)]
    [InlineData("decimal(10,2)", "VARCHAR(12)", true)]
    [InlineData("decimal(10,2)", "VARCHAR(11)", false)]
    [InlineData("varchar(20)", "DECIMAL(10,2)", true)]
    [InlineData("double", "FLOAT", false)]
    [InlineData("json", "VARCHAR(100)", true)]
    [InlineData("datetime", "INT", false)]
    public void StarRocks_modifies_only_the_type_changes_it_converts(string from, string to, bool allowed) =>
        Assert.Equal(allowed, StarRocksTypeChange.IsAllowed(from, to));
}
