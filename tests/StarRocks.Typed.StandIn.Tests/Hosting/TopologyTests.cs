using System.Net;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Hosting;

/// <summary>Several FEs, FE stop/restart, storage-off mode and custom credentials, each on a stand-in of its own (same MariaDB).</summary>
[Collection(StandInCollection.Name)]
public sealed class TopologyTests(StandInFixture fixture)
{
    [Fact]
    public async Task Extra_FEs_share_the_BE_and_state_and_followers_send_transactions_to_the_leader()
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = fixture.MariaDb, StartMySqlProxy = false });
        var follower = await standIn.StartFeAsync();
        var table = await CreateAsync(standIn, TableKind.Duplicate, Column("id", "INT"));
        using var http = new StarRocksHttp(standIn);

        using var load = await http.SendAsync(HttpMethod.Put, $"http://{follower.Address}/api/{table.Database}/t/_stream_load", body: new StringContent("1\n"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, load.StatusCode);
        Assert.Equal($"http://{standIn.BeHttp}/api/{table.Database}/t/_stream_load", load.Headers.Location!.ToString());

        using var begin = await http.SendAsync(HttpMethod.Post, $"http://{follower.Address}/api/transaction/begin",
            new Dictionary<string, string> { ["label"] = "f", ["db"] = table.Database, ["table"] = "t" });
        Assert.Equal(HttpStatusCode.TemporaryRedirect, begin.StatusCode);
        Assert.Equal($"http://{standIn.FeHttp}/api/transaction/begin", begin.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_stopped_FE_refuses_connections_and_the_other_FE_takes_over_as_leader()
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = fixture.MariaDb, StartMySqlProxy = false });
        var second = await standIn.StartFeAsync();
        var table = await CreateAsync(standIn, TableKind.Duplicate, Column("id", "INT"));
        using var http = new StarRocksHttp(standIn);
        var firstUrl = $"http://{standIn.FeHttp}/api/{table.Database}/get_load_state?label=x";

        await standIn.StopFeAsync(0);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.SendAsync(HttpMethod.Get, firstUrl));
        var state = await http.CallAsync(HttpMethod.Get, $"http://{second.Address}/api/{table.Database}/get_load_state?label=x");
        Assert.Equal("UNKNOWN", state.GetProperty("state").GetString());

        await standIn.RestartFeAsync(0);
        using var again = await http.SendAsync(HttpMethod.Get, firstUrl);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Storage_off_counts_rows_without_writing()
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = fixture.MariaDb, StartMySqlProxy = false, StorageOff = true });
        var table = await CreateAsync(standIn, TableKind.Duplicate, Column("id", "INT"));
        using var http = new StarRocksHttp(standIn);
        var answer = await http.StreamLoadAsync(standIn, table, "1\n2\n3", new Dictionary<string, string> { ["label"] = "off" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(3, answer.Number("NumberLoadedRows"));
        Assert.Equal(5, answer.Number("LoadBytes"));
        Assert.Empty(await QueryAsync(standIn, table));
        Assert.Equal("Label Already Exists", (await http.StreamLoadAsync(standIn, table, "1\n", new Dictionary<string, string> { ["label"] = "off" })).Status());
    }

    [Fact]
    public async Task A_custom_user_and_password_are_required_and_created_in_MariaDB()
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions
        {
            MariaDb = fixture.MariaDb, StartMySqlProxy = false, User = "loader", Password = "s3cret",
        });
        var table = await CreateAsync(standIn, TableKind.Duplicate, Column("id", "INT"));
        using var good = new StarRocksHttp("loader", "s3cret");
        using var bad = new StarRocksHttp("root", "");

        Assert.Equal("Success", (await good.StreamLoadAsync(standIn, table, "1\n")).Status());
        using var rejected = await bad.SendAsync(HttpMethod.Put, $"http://{standIn.FeHttp}/api/{table.Database}/t/_stream_load", body: new StringContent("1\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        await using var connection = new global::MySqlConnector.MySqlConnection(
            $"Server=127.0.0.1;Port={fixture.MariaDb.Port};User ID=loader;Password=s3cret;SslMode=None");
        await connection.OpenAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }
}
