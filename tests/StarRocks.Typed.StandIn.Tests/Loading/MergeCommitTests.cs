using System.Diagnostics;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Transactions;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>Merge Commit (<c>enable_merge_commit</c>) over real HTTP, through the FE's redirect.</summary>
[Collection(StandInCollection.Name)]
public sealed class MergeCommitTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    private Task<TableSchema> PeopleAsync() =>
        CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("name", "VARCHAR(8)", nullable: false));

    private static Dictionary<string, string> MergeHeaders(int intervalMs, bool async = false, string? columns = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["enable_merge_commit"] = "true",
            ["merge_commit_interval_ms"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["merge_commit_parallel"] = "2",
        };
        if (async)
            headers["merge_commit_async"] = "true";
        if (columns is not null)
            headers["columns"] = columns;
        return headers;
    }

    [Fact]
    public async Task Concurrent_loads_within_the_window_share_one_transaction_and_every_row_arrives()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answers = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            http.StreamLoadAsync(StandIn, table, $"{i}\tp{i}\n{i + 10}\tq{i}\n", MergeHeaders(1500))));

        Assert.All(answers, a => Assert.Equal("Success", a.Status()));
        var label = Assert.Single(answers.Select(a => a.Text("Label")).Distinct());
        Assert.Matches("^merge_commit_[0-9a-f]{16}-[0-9a-f]{16}$", label);
        Assert.Single(answers.Select(a => a.Number("TxnId")).Distinct());
        Assert.Equal(10, (await QueryAsync(StandIn, table)).Count);
        Assert.Equal("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, label));
        var merged = Assert.Single(StandIn.MergeCommits.For(table.Database, table.Name));
        Assert.Equal((label, 5, 10L, TransactionState.Visible), (merged.Label, merged.Loads, merged.TotalRows, merged.State));
    }

    [Fact]
    public async Task Loads_farther_apart_than_the_window_get_separate_transactions()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var labels = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var answer = await http.StreamLoadAsync(StandIn, table, $"{i}\tp{i}\n", MergeHeaders(200));
            Assert.Equal("Success", answer.Status());
            labels.Add(answer.Text("Label"));
        }

        Assert.Equal(3, labels.Distinct().Count());
        Assert.Equal(["1|p1", "2|p2", "3|p3"], await QueryAsync(StandIn, table));
        Assert.All(StandIn.MergeCommits.For(table.Database, table.Name), m => Assert.Equal(1, m.Loads));
        Assert.Equal(3, StandIn.MergeCommits.For(table.Database, table.Name).Count);
    }

    [Fact]
    public async Task Sync_answers_after_the_commit_and_async_answers_before_it_with_the_label_to_poll()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);

        var clock = Stopwatch.StartNew();
        var sync = await http.StreamLoadAsync(StandIn, table, "1\tsync\n", MergeHeaders(1000));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"sync answered after {clock.Elapsed}");
        Assert.Equal("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, sync.Text("Label")));

        clock.Restart();
        var async = await http.StreamLoadAsync(StandIn, table, "2\tasync\n", MergeHeaders(2000, async: true));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1500), $"async answered after {clock.Elapsed}");
        Assert.Equal("Success", async.Status());
        var label = async.Text("Label");
        Assert.Equal("PREPARE", await http.LoadStateAsync(StandIn, table.Database, label));
        Assert.Equal(["1|sync"], await QueryAsync(StandIn, table));

        Assert.Equal("VISIBLE", await PollAsync(http, table, label));
        Assert.Equal(["1|sync", "2|async"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task One_bad_member_aborts_the_merged_transaction_for_every_member()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answers = await Task.WhenAll(
            http.StreamLoadAsync(StandIn, table, "1\tann\n", MergeHeaders(1500)),
            http.StreamLoadAsync(StandIn, table, "2\tfar-too-long-name\n", MergeHeaders(1500)),
            http.StreamLoadAsync(StandIn, table, "3\tcid\n", MergeHeaders(1500)));

        Assert.All(answers, a =>
        {
            Assert.Equal("Fail", a.Status());
            Assert.StartsWith("Load is aborted, reason: There is a data quality issue", a.Text("Message"));
        });
        var label = Assert.Single(answers.Select(a => a.Text("Label")).Distinct());
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, label));
        Assert.Empty(await QueryAsync(StandIn, table));
        var merged = Assert.Single(StandIn.MergeCommits.For(table.Database, table.Name));
        Assert.Equal((3, 1L, TransactionState.Aborted), (merged.Loads, merged.FilteredRows, merged.State));
    }

    [Fact]
    public async Task With_async_a_bad_member_is_seen_as_an_ABORTED_label()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answers = await Task.WhenAll(
            http.StreamLoadAsync(StandIn, table, "1\tann\n", MergeHeaders(800, async: true)),
            http.StreamLoadAsync(StandIn, table, "2\tnot-a-short-name\n", MergeHeaders(800, async: true)));

        Assert.All(answers, a => Assert.Equal("Success", a.Status()));
        var label = Assert.Single(answers.Select(a => a.Text("Label")).Distinct());
        Assert.Equal("ABORTED", await PollAsync(http, table, label));
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Loads_with_different_load_parameters_are_not_merged()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answers = await Task.WhenAll(
            http.StreamLoadAsync(StandIn, table, "1\tann\n", MergeHeaders(1000, columns: "id,name")),
            http.StreamLoadAsync(StandIn, table, "bob\t2\n", MergeHeaders(1000, columns: "name,id")),
            http.StreamLoadAsync(StandIn, table, "3\tcid\n", MergeHeaders(1000, columns: "id,name")));

        Assert.All(answers, a => Assert.Equal("Success", a.Status()));
        Assert.Equal(2, answers.Select(a => a.Text("Label")).Distinct().Count());
        Assert.Equal(answers[0].Text("Label"), answers[2].Text("Label"));
        Assert.Equal(["1|ann", "2|bob", "3|cid"], await QueryAsync(StandIn, table));
        Assert.Equal([1, 2], StandIn.MergeCommits.For(table.Database, table.Name).Select(m => m.Loads).Order());
    }

    [Fact]
    public async Task A_user_label_names_the_request_only_and_the_server_generates_the_transaction_label()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var headers = MergeHeaders(200);
        headers["label"] = "mine";
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n", headers);

        Assert.Equal("Success", answer.Status());
        Assert.StartsWith("merge_commit_", answer.Text("Label"));
        Assert.Equal("UNKNOWN", await http.LoadStateAsync(StandIn, table.Database, "mine"));
    }

    [Theory]
    [InlineData(null, "2", "Batch write interval must be set positive, but is null")]
    [InlineData("0", "2", "Batch write interval must be set positive, but is 0")]
    [InlineData("-5", "2", "Batch write interval must be set positive, but is -5")]
    [InlineData("soon", "2", "For input string: \"soon\"")]
    [InlineData("1000", null, "Batch write parallel must be set positive, but is null")]
    [InlineData("1000", "0", "Batch write parallel must be set positive, but is 0")]
    public async Task The_FE_refuses_a_missing_or_non_positive_interval_or_parallelism_with_StarRocks_messages(
        string? interval, string? parallel, string message)
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var headers = new Dictionary<string, string> { ["enable_merge_commit"] = "true" };
        if (interval is not null)
            headers["merge_commit_interval_ms"] = interval;
        if (parallel is not null)
            headers["merge_commit_parallel"] = parallel;
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n", headers);

        Assert.Equal("FAILED", answer.Status());
        Assert.Equal("INVALID_ARGUMENT", answer.Text("code"));
        Assert.Equal(message, answer.Text("msg"));
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task The_BE_refuses_a_non_bool_switch_a_missing_interval_and_skip_header()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var url = $"http://{StandIn.BeHttp}/api/{table.Database}/{table.Name}/_stream_load";
        var notBool = await http.CallAsync(HttpMethod.Put, url, new Dictionary<string, string> { ["enable_merge_commit"] = "yes" }, "1\tann\n"u8.ToArray());
        var noInterval = await http.CallAsync(HttpMethod.Put, url, new Dictionary<string, string> { ["enable_merge_commit"] = "true" }, "1\tann\n"u8.ToArray());
        var skipHeader = MergeHeaders(200);
        skipHeader["skip_header"] = "1";
        var skipped = await http.CallAsync(HttpMethod.Put, url, skipHeader, "id\tname\n1\tann\n"u8.ToArray());

        Assert.Equal(("Fail", "Invalid parameter enable_merge_commit. The value must be bool type, but is yes"),
            (notBool.Status(), notBool.Text("Message")));
        Assert.Equal("Fail", noInterval.Status());
        Assert.Contains("Batch write interval must be set positive, but is null", noInterval.Text("Message"));
        Assert.Equal("Fail", skipped.Status());
        Assert.Contains("skip_header", skipped.Text("Message"));
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    private async Task<string> PollAsync(StarRocksHttp http, TableSchema table, string label)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var state = await http.LoadStateAsync(StandIn, table.Database, label);
            if (state is "VISIBLE" or "ABORTED" || DateTime.UtcNow > deadline)
                return state;
            await Task.Delay(100);
        }
    }
}
