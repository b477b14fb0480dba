using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>The BE's HTTP routes (StarRocks BE :8040).</summary>
internal static class BackendRoutes
{
    /// <summary>
    /// Header values are read as UTF-8: StarRocks's BE keeps the raw bytes libevent read
    /// (<c>be/src/http/http_request.cpp</c>, <c>HttpRequest::init_from_evhttp</c>) and hands <c>columns</c>, <c>where</c>,
    /// separators, … to the FE's planner in Thrift strings, decoded there as UTF-8 (<c>be/src/http/action/stream_load.cpp</c>,
    /// <c>_process_put</c>); invalid bytes become U+FFFD there as here.
    /// </summary>
    public static readonly Encoding HeaderValueEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void Map(WebApplication app, StandInServices services)
    {
        var streamLoad = new StreamLoadHandler(services);
        var transactions = new TransactionHandler(services);
        app.MapPut("/api/{db}/{table}/_stream_load", (HttpContext context, string db, string table) => streamLoad.HandleAsync(context, db, table));
        app.MapMethods("/api/transaction/{action}", ["POST", "PUT"], (HttpContext context, string action) => transactions.HandleAsync(context, action));
        app.MapGet("/api/_load_error_log", (string file) =>
            services.ErrorLogs.Get(file) is { } text ? Results.Text(text) : Results.NotFound($"no error log {file}"));
        app.MapGet("/api/health", () => Results.Json(new { status = "OK", msg = "To Be Added" }));
    }
}
