using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Faults;

[Collection(StandInCollection.Name)]
public sealed class FaultTests : IDisposable
{
    private readonly StandInFixture _fixture;

    public FaultTests(StandInFixture fixture)
    {
        _fixture = fixture;
        StandIn.Faults.Clear();
    }

    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => _fixture.StandIn;

    public void Dispose() => StandIn.Faults.Clear();

    private Task<TableSchema> TableAsync() => CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"));

    private string BeUrl(TableSchema table) => $"http://{StandIn.BeHttp}/api/{table.Database}/t/_stream_load";

    [Fact]
    public async Task Http500_fails_the_next_N_loads_and_then_loads_again()
    {
        var table = await TableAsync();
        StandIn.Faults.FailNextLoadsWithHttp500(2);
        using var http = new StarRocksHttp(StandIn);
        for (var i = 0; i < 2; i++)
        {
            using var failed = await http.SendAsync(HttpMethod.Put, BeUrl(table), new Dictionary<string, string> { ["label"] = "l500" }, new StringContent("1\n"));
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        var answer = await http.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "l500" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Reset_after_K_bytes_drops_the_connection_and_loads_nothing()
    {
        var table = await TableAsync();
        StandIn.Faults.ResetConnectionAfter(1000);
        using var http = new StarRocksHttp(StandIn);
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i}\n")));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            http.SendAsync(HttpMethod.Put, BeUrl(table), new Dictionary<string, string> { ["label"] = "reset" }, new ByteArrayContent(body)));
        Assert.Empty(await QueryAsync(StandIn, table));
        // the server logs the request once its handler returns, which may be just after the client saw the reset
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!StandIn.Requests.Entries.Any(e => e.Label == "reset" && e.Node == "be") && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        var logged = StandIn.Requests.Entries.Last(e => e.Label == "reset" && e.Node == "be");
        Assert.True(logged.BodyBytes >= 1000 && logged.BodyBytes < body.Length, $"read {logged.BodyBytes} bytes");
        Assert.NotEqual("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, "reset"));
    }

    [Theory]
    [InlineData(FaultInjector.RetryableMessage)]
    [InlineData(FaultInjector.TooManyFilteredRows)]
    [InlineData(FaultInjector.AccessDenied)]
    public async Task Fail_answers_the_given_message_and_loads_nothing(string message)
    {
        var table = await TableAsync();
        StandIn.Faults.FailNextLoad(message);
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "f" });

        Assert.Equal("Fail", answer.Status());
        Assert.Equal(message, answer.Text("Message"));
        Assert.Empty(await QueryAsync(StandIn, table));
        Assert.Equal("Success", (await http.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "f" })).Status());
    }

    [Fact]
    public async Task Lowercase_FAILED_answer()
    {
        var table = await TableAsync();
        StandIn.Faults.AnswerLowercaseFailed("No backend alive.");
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\n");

        Assert.Equal("FAILED", answer.GetProperty("status").GetString());
        Assert.Equal("No backend alive.", answer.GetProperty("msg").GetString());
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Publish_Timeout_still_loads_the_data()
    {
        var table = await TableAsync();
        StandIn.Faults.AnswerPublishTimeout();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "pt" });

        Assert.Equal("Publish Timeout", answer.Status());
        Assert.Equal(["1"], await QueryAsync(StandIn, table));
        Assert.Equal("COMMITTED", await http.LoadStateAsync(StandIn, table.Database, "pt"));
    }

    [Fact]
    public async Task Label_Already_Exists_RUNNING_then_FINISHED()
    {
        var table = await TableAsync();
        StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromMilliseconds(700));
        using var http = new StarRocksHttp(StandIn);
        var headers = new Dictionary<string, string> { ["label"] = "running" };
        var first = await http.StreamLoadAsync(StandIn, table, "1\n", headers);
        Assert.Equal("Label Already Exists", first.Status());
        Assert.Equal("RUNNING", first.Text("ExistingJobStatus"));
        Assert.Equal("PREPARE", await http.LoadStateAsync(StandIn, table.Database, "running"));
        Assert.Equal("RUNNING", (await http.StreamLoadAsync(StandIn, table, "1\n", headers)).Text("ExistingJobStatus"));

        await Task.Delay(800);
        var later = await http.StreamLoadAsync(StandIn, table, "1\n", headers);
        Assert.Equal("FINISHED", later.Text("ExistingJobStatus"));
        Assert.Equal("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, "running"));
        Assert.Equal(["1"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_delayed_answer_outlives_the_client_timeout_but_the_load_happens()
    {
        var table = await TableAsync();
        // The client's timeout leaves the load time to finish on a busy machine (a client that leaves mid-load cancels it,
        // as StarRocks's stream load does), and the held answer outlives it.
        StandIn.Faults.DelayNextAnswer(TimeSpan.FromSeconds(5));
        using var impatient = new StarRocksHttp(StandIn, TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "slow" }));
        using var http = new StarRocksHttp(StandIn);
        var retry = await http.StreamLoadAsync(StandIn, table, "1\n", new Dictionary<string, string> { ["label"] = "slow" });
        Assert.Equal("Label Already Exists", retry.Status());
        Assert.Equal(["1"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_stopped_BE_is_unreachable_until_started_again()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await StandIn.StopBeAsync();
        try
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.StreamLoadAsync(StandIn, table, "1\n"));
        }
        finally
        {
            await StandIn.StartBeAsync();
        }
        Assert.Equal("Success", (await http.StreamLoadAsync(StandIn, table, "1\n")).Status());
    }

    [Fact]
    public async Task Faults_can_be_injected_over_the_admin_HTTP_endpoint()
    {
        var table = await TableAsync();
        using var client = new HttpClient();
        using var posted = await client.PostAsJsonAsync($"http://{StandIn.FeHttp}/_standin/faults",
            new { kind = "Fail", point = "StreamLoad", times = 1, message = "too many filtered rows" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\n");

        Assert.Equal("too many filtered rows", answer.Text("Message"));
        var requests = await client.GetStringAsync($"http://{StandIn.FeHttp}/_standin/requests");
        Assert.Contains("_stream_load", requests);
        Assert.DoesNotContain("Basic ", requests);
    }

    [Fact]
    public async Task A_transaction_commit_fault_answers_500_and_the_retry_commits()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "cf");
        await http.TransactionAsync(StandIn, "load", table, "cf", "1\n");
        await http.TransactionAsync(StandIn, "prepare", table, "cf");
        StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit));
        using var failed = await http.SendAsync(HttpMethod.Post, $"http://{StandIn.FeHttp}/api/transaction/commit",
            new Dictionary<string, string> { ["label"] = "cf", ["db"] = table.Database, ["table"] = "t" });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Empty(await QueryAsync(StandIn, table));
        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "commit", table, "cf")).Status());
        Assert.Equal(["1"], await QueryAsync(StandIn, table));
    }
}
