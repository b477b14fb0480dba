using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Faults;

using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>The Transaction Stream Load client against the stand-in over real sockets.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class TransactionStreamLoadClientTests
{
    private readonly LoadingStandIn _fixture;

    public TransactionStreamLoadClientTests(SinkStandInFixture fixture)
    {
        _fixture = new LoadingStandIn(fixture);
        _fixture.Reset();
    }

    [Fact]
    public async Task Begin_load_prepare_commit_follow_every_redirect_with_credentials()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());

        var transaction = await client.BeginAsync(table.Database, table.Name, timeout: TimeSpan.FromSeconds(120), idleTimeout: TimeSpan.FromSeconds(60));
        Assert.NotNull(transaction.TxnId);
        using (var first = LoadingStandIn.CsvBatch(30, firstId: 1))
        using (var second = LoadingStandIn.CsvBatch(20, firstId: 31))
        {
            Assert.Equal(30, (await client.LoadAsync(transaction, first, LoadingStandIn.CsvHeaders)).NumberLoadedRows);
            Assert.Equal(20, (await client.LoadAsync(transaction, second, LoadingStandIn.CsvHeaders)).NumberLoadedRows);
        }

        await client.PrepareAsync(transaction);
        Assert.Equal(0, await _fixture.CountAsync(table));
        Assert.Equal(LoadState.Prepared, await client.GetLoadStateAsync(table.Database, transaction.Label));
        var committed = await client.CommitAsync(transaction);
        Assert.Equal("OK", committed.Status);
        Assert.Equal(50, await _fixture.CountAsync(table));
        Assert.Equal(LoadState.Visible, await client.GetLoadStateAsync(table.Database, transaction.Label));
        Assert.Equal("OK", (await client.CommitAsync(transaction)).Status);

        var requests = _fixture.RequestsFor(transaction.Label).Where(r => r.Path.StartsWith("/api/transaction/", StringComparison.Ordinal)).ToList();
        Assert.All(requests, r => Assert.True(r.Headers.ContainsKey("Authorization"), $"{r.Node} {r.Path} without credentials"));
        foreach (var action in new[] { "begin", "load", "prepare" })
        {
            var calls = requests.Where(r => r.Path == $"/api/transaction/{action}").ToList();
            Assert.Contains(calls, r => r.Node.StartsWith("fe", StringComparison.Ordinal) && r.Status == 307);
            Assert.Contains(calls, r => r.Node == "be" && r.Status == 200);
        }

        var begin = requests.Single(r => r.Path == "/api/transaction/begin" && r.Node == "be");
        Assert.Equal("120", begin.Headers["timeout"]);
        Assert.Equal("60", begin.Headers["idle_transaction_timeout"]);
        Assert.Equal(table.Database, begin.Headers["db"]);
        Assert.Equal(table.Name, begin.Headers["table"]);
        Assert.All(requests.Where(r => r.Path == "/api/transaction/load" && r.Node == "be"), r => Assert.True(r.BodyBytes > 1024));
    }

    [Fact]
    public async Task Commit_in_PREPARE_is_redirected_to_the_BE()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);
        using var batch = LoadingStandIn.CsvBatch(10);
        await client.LoadAsync(transaction, batch, LoadingStandIn.CsvHeaders);

        await client.CommitAsync(transaction);

        Assert.Equal(10, await _fixture.CountAsync(table));
        Assert.Contains(_fixture.RequestsFor(transaction.Label), r => r.Path == "/api/transaction/commit" && r.Node == "be" && r.Status == 200);
    }

    [Fact]
    public async Task A_commit_answered_500_is_retried()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);
        using var batch = LoadingStandIn.CsvBatch(10);
        await client.LoadAsync(transaction, batch, LoadingStandIn.CsvHeaders);
        _fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit));

        await client.CommitAsync(transaction);

        Assert.Equal(10, await _fixture.CountAsync(table));
        Assert.Equal([500, 200], _fixture.RequestsFor(transaction.Label).Where(r => r.Path == "/api/transaction/commit" && r.Node == "be").Select(r => r.Status));
    }

    [Fact]
    public async Task Rollback_discards_the_data()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);
        using var batch = LoadingStandIn.CsvBatch(10);
        await client.LoadAsync(transaction, batch, LoadingStandIn.CsvHeaders);

        await client.RollbackAsync(transaction);

        Assert.Equal(LoadState.Aborted, await client.GetLoadStateAsync(table.Database, transaction.Label));
        Assert.Equal(0, await _fixture.CountAsync(table));
        await Assert.ThrowsAsync<StarRocksLoadException>(() => client.CommitAsync(transaction));
    }

    [Fact]
    public async Task Rolling_back_a_committed_transaction_fails()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);
        using var batch = LoadingStandIn.CsvBatch(10);
        await client.LoadAsync(transaction, batch, LoadingStandIn.CsvHeaders);
        await client.PrepareAsync(transaction);
        await client.CommitAsync(transaction);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() => client.RollbackAsync(transaction));

        Assert.Equal("FAILED", failure.Status);
        Assert.Equal(10, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task Prepare_without_data_fails()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);

        await Assert.ThrowsAsync<StarRocksLoadException>(() => client.PrepareAsync(transaction));

        Assert.Equal(LoadState.Aborted, await client.GetLoadStateAsync(table.Database, transaction.Label));
    }

    [Fact]
    public async Task Begin_with_a_used_label_fails_with_LABEL_ALREADY_EXISTS()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options());
        var transaction = await client.BeginAsync(table.Database, table.Name);

        var failure = await Assert.ThrowsAsync<StarRocksLoadException>(() => client.BeginAsync(table.Database, table.Name, transaction.Label));

        Assert.Equal("LABEL_ALREADY_EXISTS", failure.Status);
        Assert.Equal(transaction.Label, failure.Label);
    }

    [Fact]
    public async Task A_follower_FE_redirects_to_the_leader_then_the_BE()
    {
        var table = await _fixture.CreateTableAsync();
        var follower = _fixture.StandIn.Frontends.Count > 1 ? _fixture.StandIn.Frontends[1] : await _fixture.StandIn.StartFeAsync();
        using var client = new TransactionStreamLoadClient(_fixture.Options(loadUrls: follower.Address));

        var transaction = await client.BeginAsync(table.Database, table.Name);
        using var batch = LoadingStandIn.CsvBatch(10);
        await client.LoadAsync(transaction, batch, LoadingStandIn.CsvHeaders);
        await client.PrepareAsync(transaction);
        await client.CommitAsync(transaction);

        Assert.Equal(10, await _fixture.CountAsync(table));
        Assert.Equal(
            [(follower.Name, 307), (_fixture.StandIn.Frontends[0].Name, 307), ("be", 200)],
            _fixture.RequestsFor(transaction.Label).Where(r => r.Path == "/api/transaction/begin").Select(r => (r.Node, r.Status)));
    }
}
