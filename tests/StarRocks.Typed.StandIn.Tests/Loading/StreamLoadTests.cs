using System.Net;
using System.Text;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

[Collection(StandInCollection.Name)]
public sealed class StreamLoadTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    private Task<TableSchema> PeopleAsync(TableKind kind = TableKind.Duplicate) =>
        CreateAsync(StandIn, kind, Column("id", "INT", key: kind != TableKind.Duplicate), Column("name", "VARCHAR(8)", nullable: false));

    [Fact]
    public async Task A_CSV_load_answers_StarRocks_fields_and_stores_the_rows()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n2\tbob\n", new Dictionary<string, string> { ["label"] = "first" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal("OK", answer.Text("Message"));
        Assert.Equal("first", answer.Text("Label"));
        Assert.True(answer.Number("TxnId") > 0);
        Assert.Equal(2, answer.Number("NumberTotalRows"));
        Assert.Equal(2, answer.Number("NumberLoadedRows"));
        Assert.Equal(0, answer.Number("NumberFilteredRows"));
        Assert.Equal(0, answer.Number("NumberUnselectedRows"));
        Assert.Equal(12, answer.Number("LoadBytes"));
        Assert.True(answer.TryGetProperty("LoadTimeMs", out _));
        Assert.False(answer.TryGetProperty("ErrorURL", out _));
        Assert.Equal(["1|ann", "2|bob"], await QueryAsync(StandIn, table));
        Assert.Equal("VISIBLE", await http.LoadStateAsync(StandIn, table.Database, "first"));
    }

    [Fact]
    public async Task A_reused_label_answers_Label_Already_Exists_FINISHED_and_loads_nothing_twice()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var headers = new Dictionary<string, string> { ["label"] = "once" };
        await http.StreamLoadAsync(StandIn, table, "1\tann\n", headers);
        var again = await http.StreamLoadAsync(StandIn, table, "1\tann\n", headers);

        Assert.Equal("Label Already Exists", again.Status());
        Assert.Equal("FINISHED", again.Text("ExistingJobStatus"));
        Assert.Single(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_load_without_label_gets_a_generated_one_and_a_bad_label_is_refused()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var generated = await http.StreamLoadAsync(StandIn, table, "1\tann\n");
        var bad = await http.StreamLoadAsync(StandIn, table, "2\tbob\n", new Dictionary<string, string> { ["label"] = "no spaces" });

        Assert.Equal("Success", generated.Status());
        Assert.False(string.IsNullOrEmpty(generated.Text("Label")));
        Assert.Equal("Fail", bad.Status());
        Assert.Single(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task One_bad_row_fails_the_whole_load_under_max_filter_ratio_0_and_is_listed_at_the_ErrorURL()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n2\tfar-too-long\n3\tcid\n", new Dictionary<string, string> { ["label"] = "bad" });

        Assert.Equal("Fail", answer.Status());
        Assert.Contains("too many filtered rows", answer.Text("Message"));
        Assert.Equal(1, answer.Number("NumberFilteredRows"));
        Assert.Empty(await QueryAsync(StandIn, table));
        var errorUrl = answer.Text("ErrorURL");
        Assert.StartsWith($"http://{StandIn.BeHttp}/api/_load_error_log?file=", errorUrl);
        using var client = new HttpClient();
        var log = await client.GetStringAsync(errorUrl);
        Assert.Contains("far-too-long", log);
        Assert.Contains("too long", log);
        Assert.Equal("ABORTED", await http.LoadStateAsync(StandIn, table.Database, "bad"));

        // the label of an aborted load can be used again
        var retry = await http.StreamLoadAsync(StandIn, table, "1\tann\n", new Dictionary<string, string> { ["label"] = "bad" });
        Assert.Equal("Success", retry.Status());
    }

    [Fact]
    public async Task Max_filter_ratio_tolerates_filtered_rows_and_reports_them()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n2\t\\N\nx\tcid\nonly-one-field\n",
            new Dictionary<string, string> { ["max_filter_ratio"] = "0.8", ["strict_mode"] = "true" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(4, answer.Number("NumberTotalRows"));
        Assert.Equal(1, answer.Number("NumberLoadedRows"));
        Assert.Equal(3, answer.Number("NumberFilteredRows"));
        Assert.Contains("_load_error_log", answer.Text("ErrorURL"));
        Assert.Equal(["1|ann"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task An_empty_load_fails_with_all_partitions_have_no_load_data()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "");

        Assert.Equal("Fail", answer.Status());
        Assert.Equal("all partitions have no load data", answer.Text("Message"));
    }

    [Fact]
    public async Task A_chunked_body_is_loaded()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        using var first = await http.SendAsync(HttpMethod.Put, $"http://{StandIn.FeHttp}/api/{table.Database}/t/_stream_load");
        var content = new StreamContent(new MemoryStream("1\tann\n2\tbob\n"u8.ToArray()));
        var request = new HttpRequestMessage(HttpMethod.Put, first.Headers.Location) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("root:"u8.ToArray()));
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);

        Assert.Contains("\"Success\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await QueryAsync(StandIn, table)).Count);
    }

    [Fact]
    public async Task A_refused_header_fails_the_load_and_names_the_header()
    {
        var table = await PeopleAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tann\n", new Dictionary<string, string> { ["where"] = "id > 0" });

        Assert.Equal("Fail", answer.Status());
        Assert.Contains("'where'", answer.Text("Message"));
        Assert.Empty(await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task An_unknown_table_fails()
    {
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.CallAsync(HttpMethod.Put, $"http://{StandIn.FeHttp}/api/nodb/notable/_stream_load", body: "1\n"u8.ToArray());

        Assert.Equal("Fail", answer.Status());
        Assert.Contains("Unknown table", answer.Text("Message"));
    }

    [Fact]
    public async Task A_large_load_is_batched_and_fast()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "BIGINT", key: true), Column("v", "VARCHAR(32)"),
            Column("d", "DATETIME"), Column("amount", "DECIMAL(18,4)"));
        var body = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            body.Append(i).Append('\t').Append("value-").Append(i).Append("\t2024-01-02 03:04:05.123456\t").Append(i).Append(".25\n");
        using var http = new StarRocksHttp(StandIn, TimeSpan.FromSeconds(60));
        var answer = await http.StreamLoadAsync(StandIn, table, body.ToString());

        Assert.Equal("Success", answer.Status());
        Assert.Equal(100_000, answer.Number("NumberLoadedRows"));
        Assert.Equal(["100000"], await QueryAsync(StandIn, table, "COUNT(*)"));
    }
}
