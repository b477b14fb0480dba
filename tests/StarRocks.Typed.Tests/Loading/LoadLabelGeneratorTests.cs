using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Tests.Loading;

public class LoadLabelGeneratorTests
{
    [Fact]
    public void Labels_are_prefix_table_unique()
    {
        var labels = new LoadLabelGenerator("etl-orders");
        var first = labels.Next("orders");
        var second = labels.Next("orders");
        Assert.StartsWith("etl-orders-orders-", first);
        Assert.NotEqual(first, second);
        Assert.True(LoadLabelGenerator.IsValidLabel(first));
    }

    [Theory]
    [InlineData("Bestellungen.Überblick")]
    [InlineData("表 名 with spaces; and `quotes`")]
    [InlineData("")]
    public void Any_table_name_gives_a_valid_label(string table)
    {
        var label = new LoadLabelGenerator().Next(table);
        Assert.Matches("^[-_A-Za-z0-9]{1,128}$", label);
        Assert.StartsWith(LoadLabelGenerator.DefaultPrefix + "-", label);
    }

    [Fact]
    public void Long_names_are_truncated_but_stay_unique()
    {
        var labels = new LoadLabelGenerator(new string('p', 200));
        var table = new string('t', 300);
        var first = labels.Next(table);
        var second = labels.Next(table);
        Assert.Equal(LoadLabelGenerator.MaxLabelLength, first.Length);
        Assert.True(LoadLabelGenerator.IsValidLabel(first));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("abc-DEF_123", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ünïcode", false)]
    public void Validates_labels(string label, bool valid) => Assert.Equal(valid, LoadLabelGenerator.IsValidLabel(label));
}
