using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.StandIn.Observation;

namespace StarRocks.Typed.StandIn.Hosting;

/// <summary>
/// One HTTP node of the stand-in (an FE or the BE): a Kestrel server on 127.0.0.1 that can be stopped (its port then
/// refuses connections) and started again on the same port. Every request goes to the shared request log.
/// </summary>
public sealed class HttpNode : IAsyncDisposable
{
    private readonly string _name;
    private readonly Action<WebApplication> _mapRoutes;
    private readonly RequestLog _log;
    private readonly Encoding _headerValueEncoding;
    private WebApplication? _app;

    internal HttpNode(string name, int port, Action<WebApplication> mapRoutes, RequestLog log, Encoding headerValueEncoding)
    {
        _name = name;
        _headerValueEncoding = headerValueEncoding;
        Port = port;
        _mapRoutes = mapRoutes;
        _log = log;
    }

    /// <summary>The node's name in the request log (<c>fe0</c>, <c>fe1</c>, <c>be</c>).</summary>
    public string Name => _name;

    /// <summary>The port (fixed after the first start).</summary>
    public int Port { get; private set; }

    /// <summary>The endpoint.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>True while listening.</summary>
    public bool IsRunning => _app is not null;

    /// <summary>Starts listening (again).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
            return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, Port);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.AddServerHeader = false;
            kestrel.RequestHeaderEncodingSelector = _ => _headerValueEncoding;
        });
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Use(LogRequestAsync);
        _mapRoutes(app);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Stops listening and drops open connections.</summary>
    public async Task StopAsync()
    {
        var app = _app;
        _app = null;
        if (app is null)
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task LogRequestAsync(HttpContext context, RequestDelegate next)
    {
        var facts = new RequestFacts();
        context.Features.Set(facts);
        var at = DateTimeOffset.UtcNow;
        var headers = RequestLog.Redact(context.Request.Headers);
        try
        {
            await next(context);
        }
        finally
        {
            var aborted = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted;
            _log.Add(new RequestLogEntry(at, _name, context.Request.Method, context.Request.Path + context.Request.QueryString,
                headers, facts.BodyBytes, headers.GetValueOrDefault("label"), aborted ? 0 : context.Response.StatusCode, facts.LoadStatus));
        }
    }
}
