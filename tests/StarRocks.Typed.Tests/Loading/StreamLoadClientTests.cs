using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Faults;

using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>The Stream Load client against the stand-in over real sockets.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class StreamLoadClientTests
{
    private readonly LoadingStandIn _fixture;

    public StreamLoadClientTests(SinkStandInFixture fixture)
    {
        _fixture = new LoadingStandIn(fixture);
        _fixture.Reset();
    }

    [Fact]
    public async Task Follows_the_FE_redirect_with_credentials_and_sends_the_body_only_to_the_BE()
    {
        var table = await _fixture.CreateTableAsync();
        var logs = new CollectingLoggerFactory();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>(); // other tests emit spans concurrently
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LoadTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new StreamLoadClient(_fixture.Options(), logs);
        using var batch = LoadingStandIn.CsvBatch(100);
        Assert.True(batch.Length > 1024);

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Success", result.Status);
        Assert.Equal(100, result.NumberLoadedRows);
        Assert.Equal(100, await _fixture.CountAsync(table));
        Assert.Matches("^it-orders-[0-9a-f]{32}$", result.Label);

        var requests = _fixture.RequestsFor(result.Label!);
        Assert.Collection(requests,
            fe =>
            {
                Assert.StartsWith("fe", fe.Node);
                Assert.Equal(307, fe.Status);
                Assert.True(fe.Headers.ContainsKey("Authorization"));
                Assert.Equal("100-continue", fe.Headers["Expect"]);
                Assert.Equal(0, fe.BodyBytes);
            },
            be =>
            {
                Assert.Equal("be", be.Node);
                Assert.Equal(200, be.Status);
                Assert.True(be.Headers.ContainsKey("Authorization"));
                Assert.Equal(batch.Length, be.BodyBytes);
                Assert.Equal("CSV", be.Headers["format"]);
            });

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("starrocks.label"), result.Label));
        Assert.Equal(table.Database, span.GetTagItem("db.namespace"));
        Assert.Equal(table.Name, span.GetTagItem("starrocks.table"));
        Assert.Equal("Success", span.GetTagItem("starrocks.status"));
        AssertNoCredentials(logs.Messages.Concat(spans.SelectMany(s => s.Tags.Select(t => t.Value ?? ""))));
    }

    [Fact]
    public async Task A_small_body_is_loaded_too()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = new LoadBatch();
        batch.Write("1\ta\n2\tb\n"u8);
        var result = await client.LoadAsync(CsvRequest(table, batch));
        Assert.Equal(2, result.NumberLoadedRows);
    }

    [Fact]
    public async Task A_label_that_already_loaded_is_success_without_loading_twice()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(30);
        var request = CsvRequest(table, batch, "fixed-label-1");

        await client.LoadAsync(request);
        var again = await client.LoadAsync(request);

        Assert.Equal("Label Already Exists", again.Status);
        Assert.Equal("VISIBLE", again.State);
        Assert.Equal(30, await _fixture.CountAsync(table));
        Assert.Contains(_fixture.RequestsFor("fixed-label-1"), r => r.Path.Contains("get_load_state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_running_label_is_polled_until_visible()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(25);
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromMilliseconds(800));

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(25, await _fixture.CountAsync(table));
        Assert.True(_fixture.RequestsFor(result.Label!).Count(r => r.Path.Contains("get_load_state", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task Injected_500s_are_retried_with_the_same_label()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options(maxRetries: 3));
        using var batch = LoadingStandIn.CsvBatch(40);
        _fixture.StandIn.Faults.FailNextLoadsWithHttp500(2);

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Success", result.Status);
        var attempts = _fixture.RequestsFor(result.Label!).Where(r => r.Node == "be").ToList();
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Status));
        Assert.Equal(40, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task A_connection_reset_is_retried_with_the_same_label()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(200);
        _fixture.StandIn.Faults.ResetConnectionAfter(2000);

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Success", result.Status);
        Assert.Equal(2, (await _fixture.BeRequestsForAsync(result.Label!, 2)).Count);
        Assert.Equal(200, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task A_retryable_Fail_is_retried_with_the_same_label()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.FailNextLoad();

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Success", result.Status);
        Assert.Equal(["Fail", "Success"], _fixture.RequestsFor(result.Label!).Where(r => r.Node == "be").Select(r => r.LoadStatus));
    }

    [Theory]
    [InlineData(FaultInjector.TooManyFilteredRows)]
    [InlineData(FaultInjector.AccessDenied)]
    public async Task A_fatal_Fail_is_not_retried(string message)
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.FailNextLoad(message);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.False(failure.IsRetryable);
        Assert.Equal("Fail", failure.Status);
        Assert.Equal(message, failure.StarRocksMessage);
        Assert.Contains(message, failure.Message);
        Assert.Single(_fixture.RequestsFor(failure.Label!), r => r.Node == "be");
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task Rejected_rows_are_fetched_from_the_ErrorURL_without_credentials()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = new LoadBatch();
        batch.Write("1\tgood\nnot-a-number\tbad\n"u8);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.False(failure.IsRetryable);
        Assert.Contains("too many filtered rows", failure.StarRocksMessage);
        Assert.NotNull(failure.Result!.ErrorUrl);
        Assert.Contains("not-a-number", failure.RejectedRows);
        var errorLog = Assert.Single(_fixture.StandIn.Requests.Entries, r => r.Path.StartsWith("/api/_load_error_log", StringComparison.Ordinal));
        Assert.False(errorLog.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Lowercase_FAILED_is_a_failure()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerLowercaseFailed();

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.Equal("FAILED", failure.Status);
        Assert.Equal("No backend alive.", failure.StarRocksMessage);
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task Publish_Timeout_is_success()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerPublishTimeout();

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Publish Timeout", result.Status);
        Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be");
    }

    [Fact]
    public async Task An_unreachable_FE_is_skipped()
    {
        var table = await _fixture.CreateTableAsync();
        var dead = DeadEndpoint();
        using var client = new StreamLoadClient(_fixture.Options(loadUrls: $"{dead};{_fixture.StandIn.FeHttp}", maxRetries: 0));

        for (var i = 0; i < 3; i++)
        {
            using var batch = LoadingStandIn.CsvBatch(10, firstId: i * 10);
            var result = await client.LoadAsync(CsvRequest(table, batch));
            Assert.Equal("Success", result.Status);
        }

        Assert.Equal(30, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task Loads_rotate_over_the_FEs_and_run_concurrently_on_one_client()
    {
        var table = await _fixture.CreateTableAsync();
        var second = _fixture.StandIn.Frontends.Count > 1 ? _fixture.StandIn.Frontends[1] : await _fixture.StandIn.StartFeAsync();
        using var client = new StreamLoadClient(_fixture.Options(loadUrls: $"{_fixture.StandIn.Frontends[0].Address};{second.Address}"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var batch = LoadingStandIn.CsvBatch(25, firstId: i * 25);
            return await client.LoadAsync(CsvRequest(table, batch));
        }));

        Assert.All(results, r => Assert.Equal("Success", r.Status));
        Assert.Equal(8, results.Select(r => r.Label).Distinct().Count());
        Assert.Equal(200, await _fixture.CountAsync(table));
        var frontends = _fixture.StandIn.Requests.Entries
            .Where(r => r.Node.StartsWith("fe", StringComparison.Ordinal) && r.Path.EndsWith("_stream_load", StringComparison.Ordinal))
            .GroupBy(r => r.Node)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, frontends[_fixture.StandIn.Frontends[0].Name]);
        Assert.Equal(4, frontends[second.Name]);
    }

    [Fact]
    public async Task No_reachable_FE_fails_as_retryable_after_the_retries()
    {
        using var client = new StreamLoadClient(_fixture.Options(loadUrls: $"{DeadEndpoint()};{DeadEndpoint()}", maxRetries: 1));
        using var batch = LoadingStandIn.CsvBatch(10);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(new StreamLoadRequest("db", "orders", batch) { Headers = LoadingStandIn.CsvHeaders }));

        Assert.True(failure.IsRetryable);
        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Contains("after 2 attempt(s)", failure.Message);
    }

    [Fact]
    public async Task Wrong_credentials_are_fatal_access_denied()
    {
        var table = await _fixture.CreateTableAsync();
        var logs = new CollectingLoggerFactory();
        using var client = new StreamLoadClient(_fixture.Options(password: "wrong-password-x"), logs);
        using var batch = LoadingStandIn.CsvBatch(10);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.Equal(401, failure.HttpStatusCode);
        Assert.False(failure.IsRetryable);
        Assert.Contains("Access denied", failure.Message);
        Assert.Single(_fixture.RequestsFor(failure.Label!));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("wrong-password-x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_JSON_batch_is_loaded_with_its_own_headers()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = new LoadBatch();
        batch.Write("""[{"id":1,"name":"a"},{"id":2,"name":null}]"""u8);
        var headers = new Dictionary<string, string> { ["format"] = "JSON", ["strip_outer_array"] = "true" };

        var result = await client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch) { Headers = headers });

        Assert.Equal(2, result.NumberLoadedRows);
        Assert.Equal(2, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task An_attempt_past_the_socket_timeout_is_retried_with_the_same_label()
    {
        var table = await _fixture.CreateTableAsync(TableKind.Primary);
        var options = _fixture.Options();
        options.SocketTimeout = TimeSpan.FromSeconds(1);
        using var client = new StreamLoadClient(options);
        using var batch = LoadingStandIn.CsvBatch(10);
        _fixture.StandIn.Faults.DelayNextAnswer(TimeSpan.FromSeconds(3));

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.True(result.Status == "Success" || result.State is "VISIBLE" or "COMMITTED", $"{result.Status} {result.State}");
        Assert.True(_fixture.RequestsFor(result.Label!).Count(r => r.Node == "be") >= 2);
        Assert.Equal(10, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task Cancelling_stops_the_load_without_retries()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(10);
        // the BE holds its answer for 10 s; the caller gives up after 2 s (not less: on a busy machine the FE's 307 and the
        // BE's reading of the body can take several hundred milliseconds, and the cancel must come while the BE holds on)
        _fixture.StandIn.Faults.DelayNextAnswer(TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.LoadAsync(CsvRequest(table, batch), cancel.Token));

        // the BE logs the request once it sees the connection closed, which can come after the client has given up
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!_fixture.StandIn.Requests.Entries.Any(r => r.Node == "be") && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Single(_fixture.StandIn.Requests.Entries, r => r.Node == "be" && r.Path.EndsWith("_stream_load", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_held_by_a_transaction_that_aborts_is_replaced_by_a_new_label()
    {
        var table = await _fixture.CreateTableAsync();
        using var transactions = new TransactionStreamLoadClient(_fixture.Options());
        var held = await transactions.BeginAsync(table.Database, table.Name, label: $"held-{Guid.NewGuid():N}");
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = LoadingStandIn.CsvBatch(15);

        var load = client.LoadAsync(CsvRequest(table, batch, held.Label));
        await Task.Delay(600);
        await transactions.RollbackAsync(held);
        var result = await load;

        Assert.Equal("Success", result.Status);
        Assert.NotEqual(held.Label, result.Label);
        Assert.Equal(15, await _fixture.CountAsync(table));
        Assert.Equal(LoadState.Aborted, await client.GetLoadStateAsync(table.Database, held.Label));
    }

    [Fact]
    public async Task A_label_still_running_after_the_load_timeout_is_fatal()
    {
        var table = await _fixture.CreateTableAsync();
        using var transactions = new TransactionStreamLoadClient(_fixture.Options());
        var held = await transactions.BeginAsync(table.Database, table.Name, label: $"held-{Guid.NewGuid():N}");
        var options = _fixture.Options();
        options.Properties["timeout"] = "1";
        using var client = new StreamLoadClient(options);
        using var batch = LoadingStandIn.CsvBatch(15);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch, held.Label)));

        Assert.False(failure.IsRetryable);
        Assert.Equal("Label Already Exists", failure.Status);
        Assert.Contains("PREPARE", failure.Message);
        await transactions.RollbackAsync(held);
    }

    [Fact]
    public async Task A_label_running_longer_than_the_socket_timeout_is_polled_within_the_load_timeout()
    {
        // Issue 12: the socket timeout bounds each HTTP call, not the polling of an existing label. One retry only, so the
        // retries cannot hide a cut-off poll (each cut-off attempt re-sends the PUT and polls again).
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 10));
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(3));

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("Label Already Exists", result.Status);
        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(20, await _fixture.CountAsync(table));
        Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be");
        AssertPlausibleProbes(result.Label!, runningFor: TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Two_batches_in_a_row_both_running_longer_than_the_socket_timeout_are_each_loaded_once()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 10));
        using var first = LoadingStandIn.CsvBatch(20);
        using var second = LoadingStandIn.CsvBatch(30, firstId: 21);

        var results = new List<StreamLoadResult>();
        foreach (var batch in new[] { first, second })
        {
            _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(1.5));
            results.Add(await client.LoadAsync(CsvRequest(table, batch)));
        }

        Assert.All(results, r => Assert.Equal("VISIBLE", r.State));
        Assert.NotEqual(results[0].Label, results[1].Label);
        Assert.Equal(50, await _fixture.CountAsync(table));
        foreach (var result in results)
        {
            Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be");
            AssertPlausibleProbes(result.Label!, runningFor: TimeSpan.FromSeconds(1.5));
        }
    }

    [Fact]
    public async Task Label_probes_that_fail_are_asked_again_without_sending_the_batch_again()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 10));
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(2));
        _fixture.StandIn.Faults.Add(new Fault(FaultKind.DelayAnswer, FaultPoint.LoadState, Times: 2, Delay: TimeSpan.FromSeconds(3))); // twice slower than the 1 s socket timeout
        _fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.LoadState));

        var result = await client.LoadAsync(CsvRequest(table, batch));

        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(20, await _fixture.CountAsync(table));
        Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be");
        Assert.DoesNotContain(_fixture.StandIn.Faults.Pending, f => f.Point == FaultPoint.LoadState);
    }

    [Fact]
    public async Task Label_probes_slower_than_the_socket_timeout_until_the_load_timeout_fail_the_load_naming_its_label_without_loading_twice()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 2));
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(30));
        _fixture.StandIn.Faults.Add(new Fault(FaultKind.DelayAnswer, FaultPoint.LoadState, Times: 100, Delay: TimeSpan.FromSeconds(3)));
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.Contains(failure.Label!, failure.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(20, await _fixture.CountAsync(table)); // the second attempt met the label, not a second load
        Assert.Equal(2, _fixture.RequestsFor(failure.Label!).Count(r => r.Node == "be"));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_load_stopped_while_its_label_is_probed_stops_at_once_and_its_label_after_a_restart_loads_nothing_twice()
    {
        var table = await _fixture.CreateTableAsync();
        using var batch = LoadingStandIn.CsvBatch(20);
        var label = "it-restart-" + Guid.NewGuid().ToString("N");
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(3));
        _fixture.StandIn.Faults.Add(new Fault(FaultKind.DelayAnswer, FaultPoint.LoadState, Times: 100, Delay: TimeSpan.FromSeconds(30)));
        using (var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 10)))
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)); // the service stops while the label is probed
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.LoadAsync(CsvRequest(table, batch, label), stop.Token));
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        }
        _fixture.StandIn.Faults.Clear();

        using var restarted = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 10));
        var result = await restarted.LoadAsync(CsvRequest(table, batch, label));

        Assert.Equal("VISIBLE", result.State);
        Assert.Equal(20, await _fixture.CountAsync(table));
        Assert.Equal(2, _fixture.RequestsFor(label).Count(r => r.Node == "be"));
    }

    [Fact]
    public async Task A_label_running_past_the_load_timeout_fails_as_outcome_unknown_although_the_socket_timeout_is_shorter()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(ShortSocketTimeout(loadTimeoutSeconds: 2));
        using var batch = LoadingStandIn.CsvBatch(20);
        _fixture.StandIn.Faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() =>
            client.LoadAsync(CsvRequest(table, batch)));

        Assert.False(failure.IsRetryable);
        Assert.Equal("Label Already Exists", failure.Status);
        Assert.Equal("PREPARE", failure.Result!.State);
        Assert.Contains(failure.Label!, failure.Message, StringComparison.Ordinal);
        Assert.Contains("still PREPARE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("outcome is unknown", failure.Message, StringComparison.Ordinal);
        Assert.Single(_fixture.RequestsFor(failure.Label!), r => r.Node == "be");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
    }

    /// <summary>A CSV Stream Load of <paramref name="batch"/> into <paramref name="table"/>, under <paramref name="label"/> when given.</summary>
    private static StreamLoadRequest CsvRequest(TableSchema table, LoadBatch batch, string? label = null) =>
        new(table.Database, table.Name, batch) { Headers = LoadingStandIn.CsvHeaders, Label = label };

    /// <summary>Socket timeout 1 s, one retry, the given Stream Load <c>timeout</c>.</summary>
    private global::StarRocks.Typed.Configuration.StarRocksConnectionOptions ShortSocketTimeout(int loadTimeoutSeconds)
    {
        var options = _fixture.Options(maxRetries: 1);
        options.SocketTimeout = TimeSpan.FromSeconds(1);
        options.Properties["timeout"] = loadTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return options;
    }

    /// <summary>At least two probes (the label was seen running, then settled) and no more than backoff from 250 ms allows.</summary>
    private void AssertPlausibleProbes(string label, TimeSpan runningFor)
    {
        var probes = _fixture.RequestsFor(label).Count(r => r.Path.Contains("get_load_state", StringComparison.Ordinal) && r.Status == 200);
        var most = 2 + (int)Math.Ceiling(Math.Log2(runningFor.TotalMilliseconds / 250)) + 1;
        Assert.InRange(probes, 2, most);
    }

    private static string DeadEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        return endpoint.ToString();
    }

    private static void AssertNoCredentials(IEnumerable<string> texts)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LoadingStandIn.User}:{LoadingStandIn.Password}"));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(LoadingStandIn.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }
}
