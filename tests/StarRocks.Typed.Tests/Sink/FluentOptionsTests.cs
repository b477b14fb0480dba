using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>The builder's fluent options: same options objects as configuration binding, same validators.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class FluentOptionsTests(SinkStandInFixture fixture)
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["StarRocks:load-url"] = "fe1:8030",
        ["StarRocks:username"] = "loader",
        ["StarRocks:password"] = "secret",
        ["StarRocks:sink.buffer-flush.max-rows"] = "64000",
    };

    [Fact]
    public async Task Fluent_options_configure_a_working_sink_over_the_stand_in()
    {
        var (tables, db) = await fixture.StartAsync(); // creates the tables in a fresh database
        await tables.DisposeAsync();
        var services = new ServiceCollection()
            .AddStarRocks(o =>
            {
                o.UncheckedBufferLimitsForTesting = true;
                o.BufferFlushMaxBytes = 1024 * 1024;
            })
            .WithLoadUrl(fixture.StandIn.FeHttp.ToString())
            .WithCredentials(SinkStandInFixture.User, SinkStandInFixture.Password)
            .WithDatabase(db)
            .WithLabelPrefix("fluent")
            .WithStreamLoadProperty("format", "json")
            .WithBufferFlush(maxRows: 10)
            .AddSink<SinkEvent>()
            .Services.BuildServiceProvider();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 25; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "fluent" });
            await sink.FlushAsync();
        }

        Assert.Equal(25, await fixture.CountAsync(db, "events"));
        var loads = fixture.StandIn.Requests.Entries
            .Where(e => e.Node == "be" && e.Path == $"/api/{db}/events/_stream_load").ToList();
        Assert.Equal(3, loads.Count); // max-rows 10: 10 + 10 + 5
        Assert.All(loads, l => Assert.StartsWith("fluent-", l.Label, StringComparison.Ordinal));
        Assert.All(loads, l => Assert.Equal("json", l.Headers["format"], ignoreCase: true));
    }

    [Fact]
    public void Fluent_options_land_in_the_options_objects_after_configuration_binding()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Valid).Build();
        using var services = new ServiceCollection()
            .AddStarRocks(configuration.GetSection("StarRocks"))
            .WithSemantic(StarRocksSinkSemantic.ExactlyOnce)
            .WithBufferFlush(maxRows: 100_000, interval: TimeSpan.FromSeconds(5))
            .WithMaxRetries(5, TimeSpan.FromMilliseconds(200))
            .WithIoThreadCount(4)
            .UseTransactionStreamLoad()
            .WithLingeringTransactionAbort(checkCount: 10)
            .WithScan(splitCount: 8)
            .WithLookupCache(ttl: TimeSpan.FromSeconds(30))
            .UseLookupPreload()
            .Services.BuildServiceProvider();
        var sink = services.GetRequiredService<IOptions<StarRocksOptions>>().Value;
        Assert.Equal(StarRocksSinkSemantic.ExactlyOnce, sink.Semantic);
        Assert.Equal(100_000, sink.BufferFlushMaxRows); // code wins over the section's 64000
        Assert.Equal(TimeSpan.FromSeconds(5), sink.BufferFlushInterval);
        Assert.Equal(94_371_840, sink.BufferFlushMaxBytes); // not given: unchanged
        Assert.Equal(5, sink.Connection.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(200), sink.Connection.RetryInterval);
        Assert.Equal(4, sink.IoThreadCount);
        Assert.True(sink.UseTransactionStreamLoad);
        Assert.Equal(10, sink.LingeringTransactionCheckCount);
        Assert.Equal("loader", sink.Connection.Username);
        var reads = services.GetRequiredService<IOptions<StarRocksReadOptions>>().Value;
        Assert.Equal(8, reads.ScanSplitCount);
        Assert.Equal(TimeSpan.FromSeconds(30), reads.LookupCacheTtl);
        Assert.True(reads.LookupPreload);
    }

    public static TheoryData<string, Action<StarRocksBuilder>> InvalidValues => new()
    {
        { "sink.buffer-flush.max-rows", b => b.WithBufferFlush(maxRows: 10) },
        { "sink.io.thread-count", b => b.WithIoThreadCount(0) },
        { "sink.max-retries", b => b.WithMaxRetries(11) },
        { "sink.label-prefix", b => b.WithLabelPrefix("bad prefix!") },
        { "load-url", b => b.WithLoadUrl("") },
        { "sink.properties.format", b => b.WithStreamLoadProperty("format", "parquet") },
        { "sink.properties.row_delimiter", b => b.WithStreamLoadProperty("row_delimiter", "\\x0D0A") },
        { "sink.exactly-once.check-num-lingering-txn", b => b.WithLingeringTransactionAbort(checkCount: -5) },
        { "lookup.batch.max-keys", b => b.WithLookupBatch(maxKeys: 0) },
        { "lookup.cache.ttl-ms", b => b.WithLookupCache(ttl: TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task An_invalid_fluent_value_fails_the_host_start_naming_the_option(string option, Action<StarRocksBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Valid);
        configure(builder.Services.AddStarRocks(builder.Configuration.GetSection("StarRocks")));
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
