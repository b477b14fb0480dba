using System.Text;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Transactions;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>The Merge Commit loader against the stand-in over real sockets.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class MergeCommitLoadClientTests
{
    private readonly LoadingStandIn _fixture;

    public MergeCommitLoadClientTests(SinkStandInFixture fixture)
    {
        _fixture = new LoadingStandIn(fixture);
        _fixture.Reset();
    }

    private StarRocksConnectionOptions MergeOptions(int intervalMs, bool? async = null, int maxRetries = 3)
    {
        var options = _fixture.Options(maxRetries: maxRetries);
        options.Properties["enable_merge_commit"] = "true";
        options.Properties["merge_commit_interval_ms"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (async is { } value)
            options.Properties["merge_commit_async"] = value ? "true" : "false";
        return options;
    }

    private static StreamLoadRequest Request(TableSchema table, LoadBatch batch) =>
        new(table.Database, table.Name, batch) { Headers = LoadingStandIn.CsvHeaders };

    [Fact]
    public async Task Concurrent_async_loads_share_a_merged_transaction_and_each_returns_once_it_is_visible()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(1000));
        var batches = Enumerable.Range(0, 6).Select(i => LoadingStandIn.CsvBatch(20, firstId: i * 100)).ToList();
        try
        {
            var results = await Task.WhenAll(batches.Select(b => client.LoadAsync(Request(table, b))));
            Assert.Equal(120, await _fixture.CountAsync(table)); // visible when the calls return

            Assert.All(results, r => Assert.Equal("VISIBLE", r.State));
            Assert.All(results, r => Assert.Matches("^merge_commit_[0-9a-f]+-[0-9a-f]+$", r.Label));
            var merged = _fixture.StandIn.MergeCommits.For(table.Database, table.Name);
            Assert.Equal(6, merged.Sum(m => m.Loads));
            Assert.True(merged.Count < 6, $"{merged.Count} transactions for 6 concurrent loads");
            var loads = _fixture.StandIn.Requests.Entries.Where(e => e.Node == "be" && e.Path.Contains(table.Database, StringComparison.Ordinal)
                && e.Path.EndsWith("_stream_load", StringComparison.Ordinal)).ToList();
            Assert.Equal(6, loads.Count);
            Assert.All(loads, e =>
            {
                Assert.False(e.Headers.ContainsKey("label"));
                Assert.Equal(("true", "1000", "3", "true"),
                    (e.Headers["enable_merge_commit"], e.Headers["merge_commit_interval_ms"], e.Headers["merge_commit_parallel"], e.Headers["merge_commit_async"]));
            });
            Assert.Contains(_fixture.StandIn.Requests.Entries, e => e.Path.Contains("get_load_state", StringComparison.Ordinal)
                && e.Path.Contains(results[0].Label!, StringComparison.Ordinal));
        }
        finally
        {
            batches.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task Sync_mode_returns_after_the_commit_without_polling()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(300, async: false));
        using var batch = LoadingStandIn.CsvBatch(10);

        var result = await client.LoadAsync(Request(table, batch));

        Assert.Equal("Success", result.Status);
        Assert.StartsWith("merge_commit_", result.Label);
        Assert.Equal(10, await _fixture.CountAsync(table));
        Assert.DoesNotContain(_fixture.StandIn.Requests.Entries, e => e.Path.Contains("get_load_state", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_bad_batch_fails_naming_the_merged_label_and_StarRocks_reason_and_is_not_re_sent(bool async)
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(300, async));
        using var batch = new LoadBatch();
        batch.Write(Encoding.UTF8.GetBytes($"1\tok\n2\t{new string('x', 100)}\n"));

        var e = await Assert.ThrowsAsync<StarRocksLoadException>(() => client.LoadAsync(Request(table, batch)));

        Assert.StartsWith("merge_commit_", e.Label);
        Assert.Contains(e.Label!, e.Message);
        Assert.Contains("There is a data quality issue", e.Message);
        Assert.False(e.IsRetryable);
        Assert.Equal(0, await _fixture.CountAsync(table));
        Assert.Equal(TransactionState.Aborted, Assert.Single(_fixture.StandIn.MergeCommits.For(table.Database, table.Name)).State);
        Assert.Single(_fixture.StandIn.Requests.Entries, r => r.Node == "be" && r.Path.Contains(table.Database, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_returns_on_receipt_and_Confirm_waits_for_the_merged_transaction()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(1500));
        using var batch = LoadingStandIn.CsvBatch(12);

        var received = await client.SendAsync(Request(table, batch));
        var stateOnReceipt = await client.ConfirmAsync(table.Database, table.Name, received with { Status = "Publish Timeout" }); // no polling
        Assert.Equal(0, await _fixture.CountAsync(table));
        var confirmed = await client.ConfirmAsync(table.Database, table.Name, received);

        Assert.Null(stateOnReceipt.State);
        Assert.Equal("VISIBLE", confirmed.State);
        Assert.Equal(received.Label, confirmed.Label);
        Assert.Equal(12, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task A_compressed_Merge_Commit_load_arrives()
    {
        var table = await _fixture.CreateTableAsync();
        var options = MergeOptions(200);
        options.Properties["compression"] = "lz4_frame";
        using var client = new MergeCommitLoadClient(options);
        using var batch = LoadingStandIn.CsvBatch(50);

        var result = await client.LoadAsync(Request(table, batch));

        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(50, await _fixture.CountAsync(table));
        var load = Assert.Single(_fixture.StandIn.Requests.Entries, r => r.Node == "be" && r.Path.Contains(table.Database, StringComparison.Ordinal));
        Assert.True(load.BodyBytes < batch.Length, $"{load.BodyBytes} bytes sent for {batch.Length}");
    }

    [Fact]
    public async Task A_transient_failure_is_re_sent_and_the_rows_arrive_once()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(200));
        using var batch = LoadingStandIn.CsvBatch(15);
        _fixture.StandIn.Faults.FailNextLoad(FaultInjector.RetryableMessage);

        var result = await client.LoadAsync(Request(table, batch));

        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(15, await _fixture.CountAsync(table));
        Assert.Equal(2, _fixture.StandIn.Requests.Entries.Count(r => r.Node == "be" && r.Path.Contains(table.Database, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_label_on_the_request_and_options_without_Merge_Commit_are_refused()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new MergeCommitLoadClient(MergeOptions(200));
        using var batch = LoadingStandIn.CsvBatch(1);

        var labelled = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch) { Label = "mine" }));
        var plain = Assert.Throws<ArgumentException>(() => new MergeCommitLoadClient(_fixture.Options()));
        var streamLoad = Assert.Throws<ArgumentException>(() => new StreamLoadClient(MergeOptions(200)));

        Assert.Contains("no label", labelled.Message);
        Assert.Contains("sink.properties.enable_merge_commit", plain.Message);
        Assert.Contains("MergeCommitLoadClient", streamLoad.Message);
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    [Theory]
    [InlineData(null, null, null, "sink.properties.merge_commit_interval_ms is required when sink.properties.enable_merge_commit is true")]
    [InlineData("0", null, null, "sink.properties.merge_commit_interval_ms must be a positive number of milliseconds (was '0')")]
    [InlineData("1000", "-1", null, "sink.properties.merge_commit_parallel must be a positive integer (was '-1')")]
    [InlineData("1000", null, "sometimes", "sink.properties.merge_commit_async must be true or false (was 'sometimes')")]
    public void Malformed_Merge_Commit_properties_fail_at_start_naming_the_option(string? interval, string? parallel, string? async, string expected)
    {
        var options = _fixture.Options();
        options.Properties["enable_merge_commit"] = "true";
        if (interval is not null)
            options.Properties["merge_commit_interval_ms"] = interval;
        if (parallel is not null)
            options.Properties["merge_commit_parallel"] = parallel;
        if (async is not null)
            options.Properties["merge_commit_async"] = async;

        var e = Assert.Throws<OptionsValidationException>(() => new MergeCommitLoadClient(options));

        Assert.Contains(expected, e.Message);
    }
}
