using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Loading;

/// <summary>One HTTP call to StarRocks: method, FE-relative path, headers and an optional body.</summary>
/// <param name="Method">PUT for loads, POST for transaction control, GET for label state.</param>
/// <param name="PathAndQuery">The path on the FE, e.g. <c>/api/db/table/_stream_load</c>.</param>
/// <param name="Headers">Stream Load headers (label, format, …); never <c>Authorization</c>.</param>
/// <param name="Body">The body, re-sent (and re-compressed, when a <c>compression</c> header names a codec) on every redirect hop; <see langword="null"/> for none.</param>
internal sealed record StarRocksHttpRequest(
    HttpMethod Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    LoadBody? Body = null);

/// <summary>The final answer after redirects.</summary>
/// <param name="StatusCode">HTTP status of the last hop.</param>
/// <param name="Body">The (bounded) response body.</param>
/// <param name="RequestUri">Where the last hop was sent.</param>
/// <param name="RedirectRefusal">Why a redirect was not followed, when it was not.</param>
internal sealed record StarRocksHttpResponse(int StatusCode, byte[] Body, Uri RequestUri, string? RedirectRefusal = null);

/// <summary>The lines of a StarRocks error log (<c>ErrorURL</c>), each a rejected row with its reason.</summary>
/// <param name="Lines">The whole lines read.</param>
/// <param name="Truncated">Whether the log was longer than the bound and later lines are missing.</param>
internal sealed record ErrorLogLines(IReadOnlyList<string> Lines, bool Truncated);

/// <summary>Fetches error logs with the loader's connection handler (implemented by both Stream Load clients).</summary>
internal interface IErrorLogSource
{
    /// <summary>See <see cref="StarRocksHttpChannel.FetchErrorLogLinesAsync"/>.</summary>
    Task<ErrorLogLines?> FetchErrorLogLinesAsync(string errorUrl, int maxBytes, CancellationToken cancellationToken);
}

/// <summary>
/// The transport under the loaders: an <see cref="HttpClient"/> over one long-lived <see cref="SocketsHttpHandler"/> with
/// automatic redirects off. It rotates over the configured FEs (skipping unreachable ones), sends
/// <c>Expect: 100-continue</c>, and follows 307/308 by hand, re-sending Basic credentials and the body only along the chain
/// that starts at a configured FE: never to a non-http(s) scheme, never from https down to http, never to a
/// <c>Location</c> with user-info, and at most <see cref="MaxRedirects"/> hops.
/// </summary>
internal sealed class StarRocksHttpChannel : IDisposable
{
    /// <summary>The most redirects followed for one call (follower FE → leader FE → BE needs two).</summary>
    public const int MaxRedirects = 5;

    /// <summary>
    /// How header values go on the wire: UTF-8, so that a <c>columns</c> header naming non-ASCII columns can be sent at
    /// all (.NET refuses non-ASCII header values otherwise). StarRocks's BE keeps header values as the raw bytes libevent
    /// read (<c>be/src/http/http_request.cpp</c>, <c>HttpRequest::init_from_evhttp</c>) and passes <c>columns</c>,
    /// <c>where</c>, <c>column_separator</c>, … unchanged to the FE's stream-load planner in a Thrift string, which the
    /// FE decodes as UTF-8 (<c>be/src/http/action/stream_load.cpp</c>, <c>_process_put</c>). The FE's own Netty
    /// front (<c>fe/fe-core/src/main/java/com/starrocks/http/HttpServer.java</c>, header validation off by default) sees
    /// the bytes as ISO-8859-1 but reads only ASCII values (label, warehouse) before it redirects a load.
    /// </summary>
    internal static readonly Encoding HeaderValueEncoding = Encoding.UTF8;

    private const int MaxResponseBytes = 1024 * 1024;
    private static readonly TimeSpan ErrorLogTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client;
    private readonly IReadOnlyList<Uri> _frontends;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly ILogger _logger;
    private int _nextFrontend = -1;

    public StarRocksHttpChannel(StarRocksConnectionOptions options, ILogger logger)
    {
        StarRocksConnectionOptionsValidator.ThrowIfInvalid(options);
        _frontends = options.GetLoadEndpoints();
        _authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        _logger = logger;
        _client = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The configured FEs, in <c>load-url</c> order.</summary>
    public IReadOnlyList<Uri> Frontends => _frontends;

    /// <summary>
    /// Creates the handler: no automatic redirects, cookies or decompression; timeouts from the options; header values
    /// sent as UTF-8 (see <see cref="HeaderValueEncoding"/>).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(StarRocksConnectionOptions options) => new()
    {
        RequestHeaderEncodingSelector = (_, _) => HeaderValueEncoding,
        AllowAutoRedirect = false,
        UseCookies = false,
        PreAuthenticate = false,
        Credentials = null,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.ConnectTimeout,
        Expect100ContinueTimeout = options.WaitForContinueTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
    };

    /// <summary>Sends <paramref name="request"/> to the next reachable FE and follows its redirects.</summary>
    public async Task<StarRocksHttpResponse> SendAsync(StarRocksHttpRequest request, CancellationToken cancellationToken)
    {
        var count = _frontends.Count;
        var start = (int)((uint)Interlocked.Increment(ref _nextFrontend) % (uint)count);
        ExceptionDispatchInfo? lastFailure = null;
        for (var i = 0; i < count; i++)
        {
            var frontend = _frontends[(start + i) % count];
            try
            {
                return await SendWithRedirectsAsync(frontend, request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectFailure(e, cancellationToken))
            {
                LoadLog.FrontendUnreachable(_logger, frontend.Authority, e.Message);
                lastFailure = ExceptionDispatchInfo.Capture(e);
            }
        }

        lastFailure!.Throw();
        throw new System.Diagnostics.UnreachableException();
    }

    /// <summary>The start of the rejected-rows log at <paramref name="errorUrl"/> as one text (see <see cref="FetchErrorLogLinesAsync"/>).</summary>
    /// <returns>At most <paramref name="maxChars"/> characters (then ending with …), or <see langword="null"/> when it cannot be fetched.</returns>
    public async Task<string?> FetchErrorLogAsync(string errorUrl, int maxChars, CancellationToken cancellationToken)
    {
        var log = await FetchErrorLogLinesAsync(errorUrl, maxChars * 4, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return null;
        }

        var text = string.Join('\n', log.Lines);
        return text.Length <= maxChars && !log.Truncated ? text : text[..Math.Min(text.Length, maxChars)] + "…";
    }

    /// <summary>
    /// GETs the rejected-rows log at <paramref name="errorUrl"/> as whole lines: without credentials (the client sends
    /// <c>Authorization</c> only on <see cref="SendAsync"/> calls; redirects are not followed), at most
    /// <paramref name="maxBytes"/> bytes (a cut-off last line is dropped) and within the error-log timeout (10 s).
    /// </summary>
    /// <returns>The lines, or <see langword="null"/> when the log cannot be fetched.</returns>
    public async Task<ErrorLogLines?> FetchErrorLogLinesAsync(string errorUrl, int maxBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(errorUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ErrorLogTimeout);
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LoadLog.ErrorLogUnavailable(_logger, uri.GetLeftPart(UriPartial.Path), $"HTTP {(int)response.StatusCode}");
                return null;
            }

            var bytes = await ReadBoundedAsync(response.Content, maxBytes + 1, timeout.Token).ConfigureAwait(false);
            var truncated = bytes.Length > maxBytes;
            var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, maxBytes));
            var lines = new List<string>(text.Split('\n'));
            if (truncated && lines.Count > 0)
            {
                lines.RemoveAt(lines.Count - 1); // cut off mid-line
            }

            lines = lines.Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            return new ErrorLogLines(lines, truncated);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LoadLog.ErrorLogUnavailable(_logger, uri.GetLeftPart(UriPartial.Path), e.Message);
            return null;
        }
    }

    /// <summary>
    /// Decides whether a redirect from <paramref name="current"/> to <paramref name="location"/> may carry credentials and body.
    /// </summary>
    /// <returns>The absolute target, or <see langword="null"/> with <paramref name="refusal"/> set.</returns>
    public static Uri? ResolveRedirect(Uri current, Uri? location, out string? refusal)
    {
        refusal = null;
        if (location is null)
        {
            refusal = "redirect without a Location header";
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            refusal = $"refused a redirect to the non-http scheme '{target.Scheme}'";
        }
        else if (current.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            refusal = $"refused a redirect from https to http ({target.Authority})";
        }
        else if (target.UserInfo.Length > 0)
        {
            refusal = "refused a redirect whose Location carries user-info";
        }

        return refusal is null ? target : null;
    }

    public void Dispose() => _client.Dispose();

    private async Task<StarRocksHttpResponse> SendWithRedirectsAsync(Uri frontend, StarRocksHttpRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(frontend, request.PathAndQuery);
        for (var hop = 0; ; hop++)
        {
            using var message = CreateMessage(request, uri);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (hop > 0 && IsConnectFailure(e, cancellationToken))
            {
                // A BE (or leader FE) we were sent to is unreachable: not a reason to try another configured FE.
                throw new HttpRequestException(HttpRequestError.Unknown, $"Redirect target {uri.Authority} is unreachable: {e.Message}", e);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 307 or 308)
                {
                    string? refusal = $"more than {MaxRedirects} redirects";
                    var target = hop < MaxRedirects ? ResolveRedirect(uri, response.Headers.Location, out refusal) : null;
                    if (target is null)
                    {
                        return new StarRocksHttpResponse(status, [], uri, refusal);
                    }

                    LoadLog.Redirected(_logger, request.Method.Method, uri.AbsolutePath, uri.Authority, target.Authority);
                    uri = target;
                    continue;
                }

                var body = await ReadBoundedAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                return new StarRocksHttpResponse(status, body, uri);
            }
        }
    }

    private HttpRequestMessage CreateMessage(StarRocksHttpRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(request.Method, uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.Authorization = _authorization;
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Headers.ExpectContinue = true;
            message.Content = request.Body.CreateContent(LoadCompression.FromHeaders(request.Headers));
        }
        else if (request.Method != HttpMethod.Get)
        {
            message.Headers.ExpectContinue = true;
        }

        return message;
    }

    private static bool IsConnectFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        OperationCanceledException { InnerException: TimeoutException } => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, 16 * 1024));
            try
            {
                using var collected = new MemoryStream();
                while (collected.Length < maxBytes)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes - collected.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    collected.Write(buffer, 0, read);
                }

                return collected.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
