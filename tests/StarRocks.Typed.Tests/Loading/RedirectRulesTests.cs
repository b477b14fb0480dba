using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Tests.Loading;

public class RedirectRulesTests
{
    private static readonly Uri Fe = new("http://fe1:8030/api/db/t/_stream_load");

    [Fact]
    public void Follows_an_absolute_http_location()
    {
        var target = StarRocksHttpChannel.ResolveRedirect(Fe, new Uri("http://be1:8040/api/db/t/_stream_load"), out var refusal);
        Assert.Null(refusal);
        Assert.Equal("be1:8040", target!.Authority);
    }

    [Fact]
    public void Resolves_a_relative_location_against_the_current_host()
    {
        var target = StarRocksHttpChannel.ResolveRedirect(Fe, new Uri("/api/db/t/_stream_load", UriKind.Relative), out _);
        Assert.Equal("http://fe1:8030/api/db/t/_stream_load", target!.ToString());
    }

    [Theory]
    [InlineData("https://fe1:8443/api", "http://be1:8040/api", "https to http")]
    [InlineData("http://fe1:8030/api", "ftp://be1/api", "non-http scheme")]
    [InlineData("http://fe1:8030/api", "file:///etc/passwd", "non-http scheme")]
    [InlineData("http://fe1:8030/api", "http://u:p@be1:8040/api", "user-info")]
    public void Refuses_unsafe_redirects(string from, string to, string reason)
    {
        Assert.Null(StarRocksHttpChannel.ResolveRedirect(new Uri(from), new Uri(to), out var refusal));
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void Refuses_a_redirect_without_location()
    {
        Assert.Null(StarRocksHttpChannel.ResolveRedirect(Fe, null, out var refusal));
        Assert.NotNull(refusal);
    }

    [Fact]
    public void Headers_merge_properties_then_request_then_label()
    {
        var headers = StreamLoadRequest.MergeHeaders(
            new Dictionary<string, string> { ["Format"] = "json", ["max_filter_ratio"] = "0.1", ["LABEL"] = "ignored" },
            [new("format", "CSV"), new("column_separator", "\t")],
            "my-label");
        var map = headers.ToDictionary();
        Assert.Equal("CSV", map["format"]);
        Assert.Equal("0.1", map["max_filter_ratio"]);
        Assert.Equal("my-label", map["label"]);
        Assert.Equal(4, map.Count);
    }
}
