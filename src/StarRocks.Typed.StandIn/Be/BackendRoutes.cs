using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>The BE's HTTP routes (StarRocks BE :8040).</summary>
internal static class BackendRoutes
{
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
