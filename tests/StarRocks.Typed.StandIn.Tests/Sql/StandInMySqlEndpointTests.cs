using MySqlConnector;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Tests.Infrastructure;

namespace StarRocks.Typed.StandIn.Tests.Sql;

/// <summary>The proxy as the stand-in host starts it: DDL through :9030, then Stream Load through the FE into that table.</summary>
[Collection(ProxyCollection.Name)]
public sealed class StandInMySqlEndpointTests(ProxyFixture fixture)
{
    [Fact]
    public async Task TableCreatedThroughTheMySqlEndpoint_AcceptsStreamLoadsAndUpserts()
    {
        await using var standIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = fixture.MariaDb });
        string db = $"endpoint_{Environment.ProcessId}";
        var endpoint = standIn.MySql!;
        await using var connection = new MySqlConnection(
            $"Server={endpoint.Address};Port={endpoint.Port};User ID=root;Password=;SslMode=None;CharacterSet=utf8mb4");
        await connection.OpenAsync();
        await connection.ExecAsync($"CREATE DATABASE IF NOT EXISTS {db}");
        await connection.ExecAsync($"CREATE TABLE {db}.orders (id BIGINT NOT NULL, note VARCHAR(20)) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)");
        var table = await standIn.Catalog.GetAsync(db, "orders");
        Assert.NotNull(table);

        using var http = new StarRocksHttp(standIn);
        var first = await http.StreamLoadAsync(standIn, table, "1,a\n2,b", new Dictionary<string, string> { ["column_separator"] = "," });
        Assert.Equal("Success", first.Status());
        var second = await http.StreamLoadAsync(standIn, table, "1,c", new Dictionary<string, string> { ["column_separator"] = "," });
        Assert.Equal("Success", second.Status());

        var rows = await connection.RowsAsync($"SELECT id, note FROM {db}.orders ORDER BY id");
        Assert.Equal(["1|c", "2|b"], rows.Select(r => $"{r[0]}|{r[1]}"));
        Assert.Contains(standIn.SqlLog.Entries, e => e.Statement.StartsWith("CREATE TABLE", StringComparison.Ordinal));
        await connection.ExecAsync($"DROP DATABASE {db}");
    }
}
