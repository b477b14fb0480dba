using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.StandIn.Tests.Infrastructure;

/// <summary>A plain HTTP client for the stand-in: no automatic redirects, Basic auth, and the 307 followed by hand.</summary>
public sealed class StarRocksHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _user;
    private readonly string _password;

    public StarRocksHttp(StarRocksStandIn standIn, TimeSpan? timeout = null)
        : this(standIn.User, standIn.Password, timeout)
    {
    }

    public StarRocksHttp(string user, string password, TimeSpan? timeout = null)
    {
        _user = user;
        _password = password;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Sends one request (no redirect following).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, IDictionary<string, string>? headers = null,
        HttpContent? body = null, bool expectContinue = true, bool authenticate = true)
    {
        var request = new HttpRequestMessage(method, url) { Content = body };
        if (authenticate)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        request.Headers.ExpectContinue = expectContinue;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return _client.SendAsync(request);
    }

    /// <summary>Sends to the FE and follows 307s by hand (re-sending credentials, headers and body), then parses the JSON answer.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string url, IDictionary<string, string>? headers = null, byte[]? body = null)
    {
        for (var hop = 0; hop < 5; hop++)
        {
            using var response = await SendAsync(method, url, headers, body is null ? null : new ByteArrayContent(body));
            if (response.StatusCode == HttpStatusCode.TemporaryRedirect)
            {
                url = response.Headers.Location!.ToString();
                continue;
            }
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>A Stream Load through the FE into <paramref name="table"/>.</summary>
    public Task<JsonElement> StreamLoadAsync(StarRocksStandIn standIn, TableSchema table, string body, IDictionary<string, string>? headers = null) =>
        CallAsync(HttpMethod.Put, $"http://{standIn.FeHttp}/api/{table.Database}/{table.Name}/_stream_load", headers, Encoding.UTF8.GetBytes(body));

    /// <summary>A transaction call through the FE.</summary>
    public Task<JsonElement> TransactionAsync(StarRocksStandIn standIn, string action, TableSchema table, string label, string? body = null,
        IDictionary<string, string>? extraHeaders = null)
    {
        var headers = new Dictionary<string, string> { ["label"] = label, ["db"] = table.Database, ["table"] = table.Name };
        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>())
            headers[name] = value;
        return CallAsync(action == "load" ? HttpMethod.Put : HttpMethod.Post, $"http://{standIn.FeHttp}/api/transaction/{action}", headers,
            body is null ? null : Encoding.UTF8.GetBytes(body));
    }

    /// <summary><c>get_load_state</c> through the FE.</summary>
    public async Task<string> LoadStateAsync(StarRocksStandIn standIn, string database, string label) =>
        (await CallAsync(HttpMethod.Get, $"http://{standIn.FeHttp}/api/{database}/get_load_state?label={label}")).GetProperty("state").GetString()!;

    public void Dispose() => _client.Dispose();
}

/// <summary>JSON answer helpers.</summary>
public static class Answer
{
    public static string Status(this JsonElement answer) =>
        (answer.TryGetProperty("Status", out var s) ? s : answer.GetProperty("status")).GetString()!;

    public static string Text(this JsonElement answer, string name) => answer.GetProperty(name).ToString();

    public static long Number(this JsonElement answer, string name) => answer.GetProperty(name).GetInt64();
}
