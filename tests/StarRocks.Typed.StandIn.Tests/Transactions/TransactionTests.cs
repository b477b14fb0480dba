using System.Net;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Transactions;

[Collection(StandInCollection.Name)]
public sealed class TransactionTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    private Task<TableSchema> TableAsync() =>
        CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(8)"));

    [Fact]
    public async Task Rows_become_visible_only_at_commit()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        var begin = await http.TransactionAsync(StandIn, "begin", table, "tx1");
        Assert.Equal("OK", begin.Status());
        Assert.True(begin.Number("TxnId") > 0);
        Assert.Equal("PREPARE", await http.LoadStateAsync(StandIn, table.Database, "tx1"));

        var load1 = await http.TransactionAsync(StandIn, "load", table, "tx1", "1\ta\n");
        var load2 = await http.TransactionAsync(StandIn, "load", table, "tx1", "2\tb\n");
        Assert.Equal("OK", load1.Status());
        Assert.Equal(1, load2.Number("NumberLoadedRows"));
        Assert.Empty(await QueryAsync(StandIn, table));

        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "prepare", table, "tx1")).Status());
        Assert.Equal("PREPARED", await http.LoadStateAsync(StandIn, table.Database, "tx1"));
        Assert.Empty(await QueryAsync(StandIn, table));

        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "commit", table, "tx1")).Status());
        Assert.Equal(["1|a", "2|b"], await QueryAsync(StandIn, table));
        Assert.Equal("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, "tx1"));

        var again = await http.TransactionAsync(StandIn, "commit", table, "tx1");
        Assert.Equal("OK", again.Status());
        Assert.Contains("already commit", again.Text("Message"));
        Assert.Equal("FAILED", (await http.TransactionAsync(StandIn, "rollback", table, "tx1")).Status());
    }

    [Fact]
    public async Task The_FE_redirects_begin_load_and_prepare_to_the_BE_and_settles_a_prepared_transaction_itself()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        StandIn.Requests.Clear();
        await http.TransactionAsync(StandIn, "begin", table, "topo");
        await http.TransactionAsync(StandIn, "load", table, "topo", "1\ta\n");
        await http.TransactionAsync(StandIn, "prepare", table, "topo");
        await http.TransactionAsync(StandIn, "commit", table, "topo");

        var calls = StandIn.Requests.Entries.Where(e => e.Label == "topo").Select(e => $"{e.Node} {e.Method} {e.Path} {e.Status}").ToList();
        Assert.Equal(
        [
            "fe0 POST /api/transaction/begin 307", "be POST /api/transaction/begin 200",
            "fe0 PUT /api/transaction/load 307", "be PUT /api/transaction/load 200",
            "fe0 POST /api/transaction/prepare 307", "be POST /api/transaction/prepare 200",
            "fe0 POST /api/transaction/commit 200",
        ], calls);
    }

    [Fact]
    public async Task Commit_while_in_PREPARE_is_redirected_to_the_BE_which_commits_directly()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "direct");
        await http.TransactionAsync(StandIn, "load", table, "direct", "5\te\n");
        StandIn.Requests.Clear();
        var commit = await http.TransactionAsync(StandIn, "commit", table, "direct");

        Assert.Equal("OK", commit.Status());
        Assert.Equal(["fe0 307", "be 200"], StandIn.Requests.Entries.Where(e => e.Label == "direct").Select(e => $"{e.Node} {e.Status}"));
        Assert.Equal(["5|e"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_prepared_transaction_survives_its_client_and_a_new_client_commits_it()
    {
        var table = await TableAsync();
        using (var first = new StarRocksHttp(StandIn))
        {
            await first.TransactionAsync(StandIn, "begin", table, "crash");
            await first.TransactionAsync(StandIn, "load", table, "crash", "1\ta\n");
            await first.TransactionAsync(StandIn, "prepare", table, "crash");
        }
        Assert.Empty(await QueryAsync(StandIn, table));
        using var second = new StarRocksHttp(StandIn);
        Assert.Equal("PREPARED", await second.LoadStateAsync(StandIn, table.Database, "crash"));

        Assert.Equal("OK", (await second.TransactionAsync(StandIn, "commit", table, "crash")).Status());
        Assert.Equal(["1|a"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_prepared_transaction_survives_a_restart_of_the_stand_in()
    {
        TableSchema table;
        await using (var first = await global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn.StartAsync(
                         new() { MariaDb = fixture.MariaDb, StartMySqlProxy = false }))
        {
            table = await CreateAsync(first, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(8)"), Column("n", "BIGINT"),
                Column("b", "VARBINARY(4)"));
            using var http = new StarRocksHttp(first);
            await http.TransactionAsync(first, "begin", table, "restart");
            await http.TransactionAsync(first, "load", table, "restart", "1\ta\t9007199254740993\txy\n2\tb\t\\N\t\\N\n");
            await http.TransactionAsync(first, "prepare", table, "restart");
        }
        await using var second = await global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn.StartAsync(
            new() { MariaDb = fixture.MariaDb, StartMySqlProxy = false });
        using var client = new StarRocksHttp(second);
        Assert.Equal("PREPARED", await client.LoadStateAsync(second, table.Database, "restart"));

        Assert.Equal("OK", (await client.TransactionAsync(second, "commit", table, "restart")).Status());
        Assert.Equal(["1|a|9007199254740993|xy", "2|b|NULL|NULL"], await QueryAsync(second, table));
    }

    [Fact]
    public async Task Rollback_discards_the_rows_and_aborted_transactions_answer_as_StarRocks()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "rb");
        await http.TransactionAsync(StandIn, "load", table, "rb", "1\ta\n");
        await http.TransactionAsync(StandIn, "prepare", table, "rb");

        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "rollback", table, "rb")).Status());
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "rb"));
        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "rollback", table, "rb")).Status());
        Assert.Equal("FAILED", (await http.TransactionAsync(StandIn, "commit", table, "rb")).Status());
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Documented_error_answers()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        Assert.Equal("TXN_NOT_EXISTS", (await http.TransactionAsync(StandIn, "load", table, "never", "1\ta\n")).Status());

        await http.TransactionAsync(StandIn, "begin", table, "empty");
        var empty = await http.TransactionAsync(StandIn, "prepare", table, "empty");
        Assert.Equal("INTERNAL_ERROR", empty.Status());
        Assert.Contains("hasn't send any data yet", empty.Text("Message"));
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "empty"));

        await http.TransactionAsync(StandIn, "begin", table, "late");
        await http.TransactionAsync(StandIn, "load", table, "late", "1\ta\n");
        await http.TransactionAsync(StandIn, "prepare", table, "late");
        Assert.Equal("TXN_NOT_EXISTS", (await http.TransactionAsync(StandIn, "load", table, "late", "2\tb\n")).Status());

        Assert.Equal("UNKNOWN", await http.LoadStateAsync(StandIn, table.Database, "nobody"));
    }

    [Fact]
    public async Task Begin_with_the_label_of_a_live_transaction_fails_and_rolls_that_transaction_back()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "dup");
        await http.TransactionAsync(StandIn, "load", table, "dup", "1\ta\n");

        var duplicate = await http.TransactionAsync(StandIn, "begin", table, "dup");
        Assert.Equal("LABEL_ALREADY_EXISTS", duplicate.Status());
        Assert.Equal("RUNNING", duplicate.Text("ExistingJobStatus"));
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "dup"));
        Assert.Equal("FAILED", (await http.TransactionAsync(StandIn, "commit", table, "dup")).Status());

        // the label is free again, and the rolled-back rows are gone
        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "begin", table, "dup")).Status());
        await http.TransactionAsync(StandIn, "load", table, "dup", "2\tb\n");
        await http.TransactionAsync(StandIn, "prepare", table, "dup");
        var prepared = await http.TransactionAsync(StandIn, "begin", table, "dup");
        Assert.Equal("LABEL_ALREADY_EXISTS", prepared.Status());
        Assert.Equal("PREPARED", await http.LoadStateAsync(StandIn, table.Database, "dup"));
        Assert.Equal("OK", (await http.TransactionAsync(StandIn, "commit", table, "dup")).Status());
        Assert.Equal(["2|b"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Too_many_filtered_rows_at_prepare_is_an_INTERNAL_ERROR_with_an_ErrorURL()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "filtered");
        await http.TransactionAsync(StandIn, "load", table, "filtered", "1\tfar-too-long\n");
        var prepare = await http.TransactionAsync(StandIn, "prepare", table, "filtered");

        Assert.Equal("INTERNAL_ERROR", prepare.Status());
        Assert.Contains("_load_error_log", prepare.Text("ErrorURL"));
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "filtered"));
    }

    [Fact]
    public async Task A_concurrent_call_on_the_same_transaction_answers_TXN_IN_PROCESSING()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "busy");
        StandIn.Faults.DelayNextAnswer(TimeSpan.FromSeconds(2), global::StarRocks.Typed.StandIn.Faults.FaultPoint.TransactionLoad);
        var slow = http.TransactionAsync(StandIn, "load", table, "busy", "1\ta\n");
        // the slow call holds the transaction once it has taken its fault (a fixed wait lost the race on a loaded machine)
        while (StandIn.Faults.Pending.Count > 0)
            await Task.Delay(10);
        await Task.Delay(200);
        var concurrent = await http.TransactionAsync(StandIn, "load", table, "busy", "2\tb\n");

        Assert.Equal("TXN_IN_PROCESSING", concurrent.Status());
        Assert.Equal("OK", (await slow).Status());
    }

    [Fact]
    public async Task An_idle_transaction_is_rolled_back_after_idle_transaction_timeout()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "idle", extraHeaders: new Dictionary<string, string> { ["idle_transaction_timeout"] = "1" });
        await http.TransactionAsync(StandIn, "load", table, "idle", "1\ta\n");
        await Task.Delay(2500);

        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "idle"));
        Assert.Equal("FAILED", (await http.TransactionAsync(StandIn, "commit", table, "idle")).Status());
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_transaction_not_prepared_within_its_timeout_is_rolled_back()
    {
        var table = await TableAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.TransactionAsync(StandIn, "begin", table, "slowtx", extraHeaders: new Dictionary<string, string> { ["timeout"] = "1" });
        await http.TransactionAsync(StandIn, "load", table, "slowtx", "1\ta\n");
        await Task.Delay(2500);

        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "slowtx"));
        Assert.Equal("TXN_NOT_EXISTS", (await http.TransactionAsync(StandIn, "prepare", table, "slowtx")).Status());
    }

    [Fact]
    public async Task Transaction_calls_need_credentials()
    {
        using var http = new StarRocksHttp("root", "wrong");
        using var response = await http.SendAsync(HttpMethod.Post, $"http://{StandIn.FeHttp}/api/transaction/begin",
            new Dictionary<string, string> { ["label"] = "x", ["db"] = "d", ["table"] = "t" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
