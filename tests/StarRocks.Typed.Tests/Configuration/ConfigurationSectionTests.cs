using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;

namespace StarRocks.Typed.Tests.Configuration;

/// <summary>One <c>AddStarRocks(section)</c> binds every option of the section once, and no key of it goes unnoticed.</summary>
public sealed class ConfigurationSectionTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["StarRocks:load-url"] = "fe1:8030",
        ["StarRocks:username"] = "loader",
        ["StarRocks:password"] = "secret",
    };

    private static IHost Build(Dictionary<string, string?> more, FakeLogCollector? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Valid.Concat(more));
        if (logs is not null)
        {
            builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        }

        builder.Services.AddStarRocks(builder.Configuration.GetSection("StarRocks"));
        return builder.Build();
    }

    [Fact]
    public void The_read_options_come_from_the_same_section()
    {
        using var host = Build(new() { ["StarRocks:lookup.cache.ttl-ms"] = "60000", ["StarRocks:scan.split.count"] = "9", ["StarRocks:sink.io.thread-count"] = "3" });

        var reads = host.Services.GetRequiredService<IOptions<StarRocksReadOptions>>().Value;
        var sink = host.Services.GetRequiredService<IOptions<StarRocksOptions>>().Value;

        Assert.Equal((TimeSpan.FromMinutes(1), 9, 3), (reads.LookupCacheTtl, reads.ScanSplitCount, sink.IoThreadCount));
    }

    [Fact]
    public async Task A_misspelled_key_fails_the_start_naming_it()
    {
        using var host = Build(new() { ["StarRocks:sink.buffer-flush.maxbytes"] = "134217728", ["StarRocks:sink.properties.format"] = "json" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(["sink.buffer-flush.maxbytes is not a StarRocks option; keys are spelled as StarRocks's connectors spell them (e.g. sink.buffer-flush.max-bytes, lookup.cache.ttl-ms)."], error.Failures);
    }

    [Fact]
    public async Task A_connector_option_without_effect_here_is_named_in_a_warning_with_the_reason()
    {
        var logs = new FakeLogCollector();
        using var host = Build(new() { ["StarRocks:scan.params.keep-alive-min"] = "20", ["StarRocks:sink.parallelism"] = "4", ["StarRocks:sink.io.thread-count"] = "3" }, logs);

        await host.StartAsync();
        await host.StopAsync();

        var warnings = logs.GetSnapshot().Where(r => r.Id.Id == 3001).ToList();
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Equal(
            [
                "Option scan.params.keep-alive-min has no effect here: it keeps a BE Thrift scanner alive; a MySQL-protocol query keeps no scanner between fetches (scan.params.query-timeout-s bounds it)",
                "Option sink.parallelism has no effect here: writers are the application's own tasks; loads run on sink.io.thread-count slots",
            ],
            warnings.Select(w => w.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nested_sections_bind_as_their_dotted_names()
    {
        using var host = Build(new() { ["StarRocks:sink:properties:format"] = "json", ["StarRocks:lookup:cache:max-rows"] = "7" });

        Assert.True(host.Services.GetRequiredService<IOptions<StarRocksOptions>>().Value.UsesJson);
        Assert.Equal(7, host.Services.GetRequiredService<IOptions<StarRocksReadOptions>>().Value.LookupCacheMaxRows);
    }

    /// <summary>A valid value other than the default for every option the section binds.</summary>
    private static readonly Dictionary<string, string> NonDefault = new()
    {
        ["load-url"] = "fe9:8030", ["username"] = "other", ["password"] = "other", ["sink.label-prefix"] = "app",
        ["sink.max-retries"] = "5", ["sink.retry.interval-ms"] = "250", ["sink.connect.timeout-ms"] = "2000",
        ["sink.wait-for-continue.timeout-ms"] = "4000", ["sink.socket.timeout-ms"] = "5000",
        ["jdbc-url"] = "jdbc:mysql://fe9:9030", ["database-name"] = "shop", ["sink.semantic"] = "exactly-once",
        ["sink.buffer-flush.max-bytes"] = "134217728", ["sink.buffer-flush.max-rows"] = "64000", ["sink.buffer-flush.interval-ms"] = "1000",
        ["sink.io.thread-count"] = "4", ["sink.scan-frequency.ms"] = "200", ["sink.merge-commit.max-concurrent-requests"] = "0", ["sink.merge-commit.chunk.size"] = "1048576",
        ["sink.at-least-once.use-transaction-stream-load"] = "true", ["sink.exactly-once.journal-path"] = "j.json",
        ["sink.exactly-once.enable-abort-lingering-txn"] = "false", ["sink.exactly-once.check-num-lingering-txn"] = "3",
        ["scan.connect.timeout-ms"] = "2000", ["scan.params.query-timeout-s"] = "60", ["scan.params.mem-limit-byte"] = "1024",
        ["scan.max-retries"] = "0", ["scan.split.count"] = "8", ["scan.split.max-connections"] = "2", ["lookup.cache.enabled"] = "false",
        ["lookup.cache.max-rows"] = "10", ["lookup.cache.ttl-ms"] = "10", ["lookup.cache.miss-ttl-ms"] = "10", ["lookup.max-retries"] = "3",
        ["lookup.batch.window-ms"] = "10", ["lookup.batch.max-keys"] = "10", ["lookup.preload"] = "true",
    };

    [Fact]
    public void Every_option_name_sets_its_typed_option()
    {
        var names = StarRocksOptions.Options.Select(o => o.Name).Concat(StarRocksConnectionOptions.Options.Select(o => o.Name))
            .Concat(StarRocksReadOptions.Options.Select(o => o.Name)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), NonDefault.Keys.Order(StringComparer.Ordinal));

        foreach (var (name, value) in NonDefault)
        {
            var defaults = (Sink: Describe(new StarRocksOptions()), Reads: Describe(new StarRocksReadOptions()));
            var sink = new StarRocksOptions().Apply([new(name, value)]);
            var reads = new StarRocksReadOptions().Apply([new(name, value)]);

            var changed = Describe(sink) != defaults.Sink || Describe(reads) != defaults.Reads;

            Assert.True(changed, $"{name} = {value} changed no option");
        }
    }

    private static string Describe(object options) => string.Join("; ", options.GetType().GetProperties()
        .Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsAssignableTo(typeof(Delegate)))
        .Select(p => p.GetValue(options) switch
        {
            StarRocksConnectionOptions connection => Describe(connection),
            System.Collections.IDictionary map => string.Join(",", map.Keys.Cast<object>()),
            var v => $"{p.Name}={v}",
        }));
}
