using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Tests.Source;

public sealed class StarRocksReadOptionsTests
{
    [Fact]
    public void Defaults_are_the_connector_defaults()
    {
        var options = new StarRocksReadOptions();
        Assert.Equal((1000d, 600, 1L << 30, 1), (options.ScanConnectTimeout.TotalMilliseconds, options.ScanQueryTimeoutSeconds, options.ScanMemLimitBytes, options.ScanMaxRetries));
        Assert.Equal((true, 5000d, 1), (options.LookupCacheEnabled, options.LookupCacheTtl.TotalMilliseconds, options.LookupMaxRetries));
        Assert.Empty(options.GetFailures());
    }

    [Fact]
    public void Connector_spellings_are_applied_and_ranges_checked()
    {
        var options = new StarRocksReadOptions().Apply(new Dictionary<string, string>
        {
            ["scan.params.query-timeout-s"] = "30",
            ["scan.max-retries"] = "3",
            ["LOOKUP.CACHE.ENABLED"] = "false",
            ["lookup.cache.ttl-ms"] = "250",
            ["lookup.cache.max-rows"] = "0",
            ["sink.max-retries"] = "9",
        });

        Assert.Equal((30, 3, false, 250d), (options.ScanQueryTimeoutSeconds, options.ScanMaxRetries, options.LookupCacheEnabled, options.LookupCacheTtl.TotalMilliseconds));
        Assert.Equal(["lookup.cache.max-rows must be 1 or more (was 0)."], options.GetFailures());
        Assert.Throws<FormatException>(() => options.Apply([new("scan.max-retries", "many")]));
    }
}
