using System.Net;
using System.Text;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Hosting;

[Collection(StandInCollection.Name)]
public sealed class FrontendTests(StandInFixture fixture)
{

    [Fact]
    public async Task Stream_load_is_redirected_to_the_BE_with_307_without_the_body_being_read()
    {
        var standIn = fixture.StandIn;
        using var http = new StarRocksHttp(standIn);
        var content = new ObservedContent(new byte[64 * 1024]);
        using var response = await http.SendAsync(HttpMethod.Put, $"http://{standIn.FeHttp}/api/db1/tbl/_stream_load?x=1",
            new Dictionary<string, string> { ["label"] = "l1" }, content);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"http://{standIn.BeHttp}/api/db1/tbl/_stream_load?x=1", response.Headers.Location!.ToString());
        Assert.False(content.Serialized, "the client sent the body although the FE never asked for it (no 100 Continue)");
        var logged = standIn.Requests.Entries.Last(e => e.Node == "fe0" && e.Label == "l1");
        Assert.Equal(0, logged.BodyBytes);
        Assert.Equal(307, logged.Status);
        Assert.Equal("***", logged.Headers["Authorization"]);
    }

    [Fact]
    public async Task Stream_load_without_Expect_100_continue_fails_like_StarRocks()
    {
        using var http = new StarRocksHttp(fixture.StandIn);
        using var response = await http.SendAsync(HttpMethod.Put, $"http://{fixture.StandIn.FeHttp}/api/db1/tbl/_stream_load",
            body: new StringContent("1\n"), expectContinue: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"FAILED\",\"msg\":\"There is no 100-continue header\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wrong_or_missing_credentials_get_401_with_StarRocks_JSON(bool sendCredentials)
    {
        using var http = new StarRocksHttp("root", "wrong");
        using var response = await http.SendAsync(HttpMethod.Put, $"http://{fixture.StandIn.FeHttp}/api/db1/tbl/_stream_load",
            body: new StringContent("1\n"), authenticate: sendCredentials);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("\"status\":\"FAILED\"", await response.Content.ReadAsStringAsync());
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_BE_refuses_wrong_credentials_with_Fail()
    {
        var table = await CreateAsync(fixture.StandIn, TableKind.Duplicate, Column("id", "INT"));
        using var http = new StarRocksHttp("root", "wrong");
        var answer = await http.CallAsync(HttpMethod.Put, $"http://{fixture.StandIn.BeHttp}/api/{table.Database}/t/_stream_load", body: "1\n"u8.ToArray());

        Assert.Equal("Fail", answer.Status());
        Assert.Contains("Access denied", answer.Text("Message"));
        Assert.Empty(await QueryAsync(fixture.StandIn, table));
    }

    /// <summary>Content that records whether the client ever serialized it.</summary>
    private sealed class ObservedContent(byte[] bytes) : HttpContent
    {
        public bool Serialized { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Serialized = true;
            return stream.WriteAsync(bytes).AsTask();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
