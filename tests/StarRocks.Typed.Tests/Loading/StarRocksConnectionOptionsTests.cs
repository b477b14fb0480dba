using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Tests.Loading;

public class StarRocksConnectionOptionsTests
{
    private static StarRocksConnectionOptions Valid() => new() { LoadUrls = "fe1:8030;fe2:8030", Username = "root" };

    [Fact]
    public void Parses_load_url_like_the_connectors()
    {
        var endpoints = StarRocksConnectionOptions.ParseLoadUrls(" fe1:8030; http://fe2:8031 ;https://fe3:8443,fe4:8030;");
        Assert.Equal(
            ["http://fe1:8030/", "http://fe2:8031/", "https://fe3:8443/", "http://fe4:8030/"],
            endpoints.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fe1")]
    [InlineData("ftp://fe1:21")]
    [InlineData("http://user:pw@fe1:8030")]
    [InlineData("fe1:8030/api")]
    public void Rejects_malformed_load_urls(string loadUrls)
    {
        var e = Assert.Throws<FormatException>(() => StarRocksConnectionOptions.ParseLoadUrls(loadUrls));
        Assert.Contains("load-url", e.Message);
    }

    [Fact]
    public void Defaults_are_valid_and_match_the_connector()
    {
        var options = Valid();
        Assert.Empty(StarRocksConnectionOptionsValidator.GetFailures(options));
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(600), options.GetLoadTimeout());
    }

    [Theory]
    [InlineData(nameof(StarRocksConnectionOptions.MaxRetries), "sink.max-retries must be between 0 and 10 (was 11)")]
    [InlineData(nameof(StarRocksConnectionOptions.ConnectTimeout), "sink.connect.timeout-ms must be between 100 and 60000 (was 50)")]
    [InlineData(nameof(StarRocksConnectionOptions.WaitForContinueTimeout), "sink.wait-for-continue.timeout-ms must be between 3000 and 600000 (was 1000)")]
    [InlineData(nameof(StarRocksConnectionOptions.LabelPrefix), "sink.label-prefix")]
    [InlineData(nameof(StarRocksConnectionOptions.Username), "username is required")]
    [InlineData(nameof(StarRocksConnectionOptions.Properties), "sink.properties.label")]
    public void Failures_name_the_connector_option(string property, string expected)
    {
        var options = Valid();
        switch (property)
        {
            case nameof(options.MaxRetries): options.MaxRetries = 11; break;
            case nameof(options.ConnectTimeout): options.ConnectTimeout = TimeSpan.FromMilliseconds(50); break;
            case nameof(options.WaitForContinueTimeout): options.WaitForContinueTimeout = TimeSpan.FromSeconds(1); break;
            case nameof(options.LabelPrefix): options.LabelPrefix = "bad prefix!"; break;
            case nameof(options.Username): options.Username = ""; break;
            case nameof(options.Properties): options.Properties["label"] = "x"; break;
        }

        var result = new StarRocksConnectionOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Clients_refuse_invalid_options()
    {
        var options = Valid();
        options.MaxRetries = -1;
        var e = Assert.Throws<OptionsValidationException>(() => new StreamLoadClient(options));
        Assert.Contains("sink.max-retries", e.Message);
    }

    [Fact]
    public void Load_timeout_comes_from_sink_properties()
    {
        var options = Valid();
        options.Properties["timeout"] = "30";
        Assert.Equal(TimeSpan.FromSeconds(30), options.GetLoadTimeout());
    }
}

public class ConnectorOptionsTests
{
    [Fact]
    public void Connector_option_names_map_to_the_options()
    {
        var options = new StarRocksConnectionOptions().ApplyConnectorOptions(new Dictionary<string, string>
        {
            ["load-url"] = "fe1:8030;fe2:8030",
            ["username"] = "loader",
            ["password"] = "pw",
            ["sink.label-prefix"] = "etl",
            ["sink.max-retries"] = "5",
            ["sink.retry.interval-ms"] = "200",
            ["sink.connect.timeout-ms"] = "2000",
            ["sink.wait-for-continue.timeout-ms"] = "10000",
            ["sink.properties.Format"] = "json",
            ["sink.properties.strip_outer_array"] = "true",
            ["sink.buffer-flush.max-bytes"] = "94371840",
        });

        Assert.Equal(2, options.GetLoadEndpoints().Count);
        Assert.Equal(("loader", "pw", "etl", 5), (options.Username, options.Password, options.LabelPrefix, options.MaxRetries));
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.RetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WaitForContinueTimeout);
        Assert.Equal("json", options.Properties["format"]);
        Assert.Equal("true", options.Properties["strip_outer_array"]);
        Assert.Empty(StarRocksConnectionOptionsValidator.GetFailures(options));
    }

    [Fact]
    public void A_non_numeric_value_names_the_option()
    {
        var e = Assert.Throws<FormatException>(() =>
            new StarRocksConnectionOptions().ApplyConnectorOptions([new("sink.max-retries", "three")]));
        Assert.Equal("sink.max-retries must be an integer (was 'three').", e.Message);
    }

    [Fact]
    public void Header_values_spanning_lines_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StreamLoadRequest.MergeHeaders(null, [new("columns", "a\r\nX-Evil: 1")], "l"));
        Assert.Throws<ArgumentException>(() => StreamLoadRequest.MergeHeaders(null, [new("bad name", "v")], "l"));
    }
}
