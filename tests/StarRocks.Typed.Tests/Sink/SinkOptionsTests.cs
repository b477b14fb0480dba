using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;

namespace StarRocks.Typed.Tests.Sink;

public sealed class SinkOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["StarRocks:jdbc-url"] = "jdbc:mysql://fe1:9030,fe2:9030",
        ["StarRocks:load-url"] = "fe1:8030;fe2:8030",
        ["StarRocks:username"] = "loader",
        ["StarRocks:password"] = "secret",
    };

    private static StarRocksOptions Bind(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>(Valid);
        foreach (var (key, value) in overrides) values["StarRocks:" + key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new StarRocksOptions().Apply(configuration.GetSection("StarRocks"));
    }

    [Fact]
    public void Defaults_follow_the_connector_and_keys_bind_as_the_seed_spells_them()
    {
        var defaults = Bind();
        Assert.Equal(94_371_840, defaults.BufferFlushMaxBytes);
        Assert.Equal(500_000, defaults.BufferFlushMaxRows);
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.BufferFlushInterval);
        Assert.Equal(2, defaults.IoThreadCount);
        Assert.Equal(StarRocksSinkSemantic.AtLeastOnce, defaults.Semantic);
        Assert.True(defaults.AbortLingeringTransactions);
        Assert.Equal(-1, defaults.LingeringTransactionCheckCount);
        Assert.Empty(StarRocksOptionsValidator.GetFailures(defaults));

        var bound = Bind(("sink.buffer-flush.max-bytes", "134217728"), ("sink.buffer-flush.max-rows", "64000"),
            ("sink.buffer-flush.interval-ms", "1000"), ("sink.semantic", "exactly-once"), ("sink.io.thread-count", "4"),
            ("sink.max-retries", "5"), ("sink.properties.format", "json"), ("sink.at-least-once.use-transaction-stream-load", "true"),
            ("sink.label-prefix", "orders_app"), ("sink.exactly-once.enable-abort-lingering-txn", "false"),
            ("sink.exactly-once.check-num-lingering-txn", "3"));
        Assert.Equal(134_217_728, bound.BufferFlushMaxBytes);
        Assert.Equal(64_000, bound.BufferFlushMaxRows);
        Assert.Equal(TimeSpan.FromSeconds(1), bound.BufferFlushInterval);
        Assert.Equal(StarRocksSinkSemantic.ExactlyOnce, bound.Semantic);
        Assert.Equal(4, bound.IoThreadCount);
        Assert.Equal(5, bound.Connection.MaxRetries);
        Assert.True(bound.UsesJson);
        Assert.True(bound.UseTransactionStreamLoad);
        Assert.Equal("orders_app", bound.Connection.LabelPrefix);
        Assert.False(bound.AbortLingeringTransactions);
        Assert.Equal(3, bound.LingeringTransactionCheckCount);
        Assert.Equal("jdbc:mysql://fe1:9030,fe2:9030", bound.JdbcUrl);
        Assert.Equal(2, bound.Connection.GetLoadEndpoints().Count);
    }

    [Theory]
    [InlineData("sink.buffer-flush.max-bytes", "1048576")]
    [InlineData("sink.buffer-flush.max-bytes", "10737418241")]
    [InlineData("sink.buffer-flush.max-rows", "63999")]
    [InlineData("sink.buffer-flush.max-rows", "5000001")]
    [InlineData("sink.buffer-flush.interval-ms", "999")]
    [InlineData("sink.buffer-flush.interval-ms", "3600001")]
    [InlineData("sink.max-retries", "11")]
    [InlineData("sink.connect.timeout-ms", "99")]
    [InlineData("sink.wait-for-continue.timeout-ms", "2999")]
    [InlineData("sink.io.thread-count", "0")]
    [InlineData("sink.exactly-once.check-num-lingering-txn", "-2")]
    [InlineData("sink.label-prefix", "bad prefix!")]
    [InlineData("load-url", "")]
    [InlineData("jdbc-url", "mysql://fe1")]
    [InlineData("username", "")]
    [InlineData("sink.properties.format", "parquet")]
    [InlineData("sink.properties.column_separator", "\\x0")]
    [InlineData("sink.properties.strict_mode", "yes")]
    [InlineData("sink.properties.max_filter_ratio", "2")]
    [InlineData("sink.properties.timeout", "-1")]
    [InlineData("sink.properties.columns", "a,b")]
    public void Each_invalid_option_fails_validation_naming_it(string key, string value)
    {
        var failures = StarRocksOptionsValidator.GetFailures(Bind((key, value)));
        var option = key == "username" ? "username" : key;
        Assert.Contains(failures, f => f.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public void Type_errors_name_the_option()
    {
        Assert.Contains("sink.semantic", Assert.Throws<FormatException>(() => Bind(("sink.semantic", "at-most-once"))).Message, StringComparison.Ordinal);
        Assert.Contains("sink.buffer-flush.max-rows", Assert.Throws<FormatException>(() => Bind(("sink.buffer-flush.max-rows", "many"))).Message, StringComparison.Ordinal);
        Assert.Contains("sink.exactly-once.enable-abort-lingering-txn", Assert.Throws<FormatException>(() => Bind(("sink.exactly-once.enable-abort-lingering-txn", "yes"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_testing_override_relaxes_only_the_buffer_ranges()
    {
        var options = Bind(("sink.buffer-flush.max-bytes", "4096"), ("sink.max-retries", "11"));
        options.UncheckedBufferLimitsForTesting = true;
        Assert.Equal(["sink.max-retries must be between 0 and 10 (was 11)."], StarRocksOptionsValidator.GetFailures(options));
    }

    [Fact]
    public async Task Host_start_fails_on_invalid_options_with_a_message_naming_the_option()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Valid) { ["StarRocks:sink.buffer-flush.max-rows"] = "10" });
        builder.Services.AddStarRocks(builder.Configuration.GetSection("StarRocks")).AddSink<SinkEvent>();
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("sink.buffer-flush.max-rows", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void Merge_Commit_options_bind_with_the_connector_defaults()
    {
        var defaults = Bind(("sink.properties.enable_merge_commit", "true"), ("sink.properties.merge_commit_interval_ms", "2000"));
        Assert.Empty(StarRocksOptionsValidator.GetFailures(defaults));
        Assert.Equal(new MergeCommitProperties(TimeSpan.FromSeconds(2), 3, Async: true), defaults.Connection.GetMergeCommit());
        Assert.Equal(int.MaxValue, defaults.MergeCommitMaxConcurrentRequests);
        Assert.Equal(20L * 1024 * 1024, defaults.EffectiveMergeCommitChunkSize);

        var serial = Bind(("sink.properties.enable_merge_commit", "true"), ("sink.properties.merge_commit_interval_ms", "2000"),
            ("sink.properties.merge_commit_parallel", "8"), ("sink.properties.merge_commit_async", "false"),
            ("sink.merge-commit.max-concurrent-requests", "0"));
        Assert.Equal(new MergeCommitProperties(TimeSpan.FromSeconds(2), 8, Async: false), serial.Connection.GetMergeCommit());
        Assert.Equal(500L * 1024 * 1024, serial.EffectiveMergeCommitChunkSize);
        Assert.Equal(1_000_000, Bind(("sink.merge-commit.chunk.size", "1000000")).EffectiveMergeCommitChunkSize);
        Assert.Null(Bind(("sink.properties.merge_commit_interval_ms", "2000")).Connection.GetMergeCommit());
    }

    [Theory]
    [InlineData("sink.semantic", "exactly-once", "sink.properties.enable_merge_commit is not compatible with sink.semantic exactly-once")]
    [InlineData("sink.at-least-once.use-transaction-stream-load", "true", "sink.properties.enable_merge_commit is not compatible with sink.at-least-once.use-transaction-stream-load")]
    [InlineData("sink.merge-commit.max-concurrent-requests", "-1", "sink.merge-commit.max-concurrent-requests must be 0 or more (was -1)")]
    [InlineData("sink.merge-commit.chunk.size", "0", "sink.merge-commit.chunk.size must be between 1 and")]
    [InlineData("sink.properties.merge_commit_interval_ms", "-5", "sink.properties.merge_commit_interval_ms must be a positive number of milliseconds (was '-5')")]
    public void Merge_Commit_conflicts_fail_at_start_naming_the_option(string key, string value, string expected)
    {
        var options = Bind(("sink.properties.enable_merge_commit", "true"), ("sink.properties.merge_commit_interval_ms", "1000"), (key, value));

        Assert.Contains(StarRocksOptionsValidator.GetFailures(options), f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
