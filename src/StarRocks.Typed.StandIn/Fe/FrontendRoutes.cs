using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StarRocks.Typed.StandIn.Be;
using StarRocks.Typed.StandIn.Faults;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Http;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Fe;

/// <summary>
/// An FE's HTTP routes (StarRocks FE :8030): Stream Load and transaction calls are redirected (307) to the BE without
/// reading the body; PREPARED and finished transactions are settled here; <c>get_load_state</c>; and the stand-in's
/// admin API under <c>/_standin/</c>. A non-leader FE redirects transaction calls and <c>get_load_state</c> to the leader.
/// </summary>
internal static class FrontendRoutes
{
    /// <summary>
    /// Header values are read as ISO-8859-1, one character per byte, as StarRocks's FE reads them: Netty's
    /// <c>HttpServerCodec</c> without header validation (<c>fe/fe-core/src/main/java/com/starrocks/http/HttpServer.java</c>,
    /// <c>enable_http_validate_headers</c> false by default). A redirected load's UTF-8 <c>columns</c> passes untouched;
    /// a non-ASCII value the FE itself reads (a transaction's <c>table</c>) arrives garbled, as there.
    /// </summary>
    public static readonly Encoding HeaderValueEncoding = Encoding.Latin1;

    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(WebApplication app, StandInServices services, Func<string> selfAddress)
    {
        var settlement = new TransactionHandler(services);

        app.MapPut("/api/{db}/{table}/_stream_load", async (HttpContext context) =>
        {
            if (await RejectAsync(context, services))
                return;
            if (!context.Request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await LoadAnswer.WriteLowercaseAsync(context, "FAILED", "There is no 100-continue header");
                return;
            }
            if (MergeCommitParameters.FrontendSeesEnabled(context.Request.Headers))
            {
                // LoadAction.processBatchWriteStreamLoad: the leader creates the merge job, refusing bad parameters itself
                if (services.LeaderAddress() is { } leader && leader != selfAddress())
                {
                    await Redirect.To(context, leader);
                    return;
                }
                if (MergeCommitParameters.Parse(context.Request.Headers, out var error) is null)
                {
                    await LoadAnswer.WriteRestResultAsync(context, "INVALID_ARGUMENT", error!);
                    return;
                }
            }
            await Redirect.To(context, services.BeAddress);
        });

        app.MapMethods("/api/transaction/{action}", ["POST", "PUT"], async (HttpContext context, string action) =>
        {
            if (services.LeaderAddress() is { } leader && leader != selfAddress())
            {
                await Redirect.To(context, leader);
                return;
            }
            if (await RejectAsync(context, services))
                return;
            var transaction = services.Transactions.Find(context.Request.Headers["db"].ToString(), context.Request.Headers["label"].ToString());
            if (action is "commit" or "rollback" && transaction is not null && transaction.State != TransactionState.Prepare)
            {
                var fault = action == "commit" ? services.Faults.Take(FaultPoint.TransactionCommit) : null;
                if (await TransactionHandler.AnswerFaultAsync(context, fault))
                    return;
                if (fault?.Kind == FaultKind.DelayAnswer)
                    await Task.Delay(fault.Delay, context.RequestAborted);
                if (!transaction.Gate.Wait(0))
                {
                    await new LoadAnswer("TXN_IN_PROCESSING", $"Transaction {transaction.Id} is in processing") { TxnId = transaction.Id }.WriteAsync(context);
                    return;
                }
                try
                {
                    await (await settlement.SettleAsync(action, transaction, context.RequestAborted)).WriteAsync(context);
                }
                finally
                {
                    transaction.Gate.Release();
                }
                return;
            }
            await Redirect.To(context, services.BeAddress);
        });

        app.MapGet("/api/{db}/get_load_state", async (HttpContext context, string db, string? label) =>
        {
            if (services.LeaderAddress() is { } leader && leader != selfAddress())
            {
                await Redirect.To(context, leader);
                return;
            }
            if (await RejectAsync(context, services))
                return;
            if (string.IsNullOrEmpty(label))
            {
                await LoadAnswer.WriteLowercaseAsync(context, "FAILED", "No label selected.");
                return;
            }
            var fault = services.Faults.Take(FaultPoint.LoadState);
            if (await TransactionHandler.AnswerFaultAsync(context, fault))
                return;
            if (fault?.Kind == FaultKind.DelayAnswer)
                await Task.Delay(fault.Delay, context.RequestAborted);
            // GetStreamLoadState.java: the state, and the reason of an aborted transaction
            var transaction = services.Transactions.Find(db, label);
            var state = transaction?.ReportedState.ToString().ToUpperInvariant() ?? "UNKNOWN";
            await LoadAnswer.WriteLowercaseAsync(context, "OK", "Success", state: state,
                reason: transaction?.ReportedState == TransactionState.Aborted ? transaction.AbortReason : null);
        });

        app.MapGet("/api/health", () => Results.Json(new { status = "OK", msg = "To Be Added" }));

        app.MapPost("/_standin/faults", async (HttpContext context) =>
        {
            var fault = await JsonSerializer.DeserializeAsync<Fault>(context.Request.Body, AdminJson, context.RequestAborted);
            if (fault is null)
                return Results.BadRequest("expected a fault object");
            services.Faults.Add(fault);
            return Results.Json(services.Faults.Pending, AdminJson);
        });
        app.MapGet("/_standin/faults", () => Results.Json(services.Faults.Pending, AdminJson));
        app.MapDelete("/_standin/faults", () =>
        {
            services.Faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_standin/requests", () => Results.Json(services.Requests.Entries, AdminJson));
        app.MapGet("/_standin/merge-commits", () => Results.Json(services.MergeCommits.Entries, AdminJson));
        app.MapDelete("/_standin/requests", () =>
        {
            services.Requests.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>Answers 401 (StarRocks's <c>WWW-Authenticate: Basic realm=""</c>) when the credentials are wrong.</summary>
    private static async Task<bool> RejectAsync(HttpContext context, StandInServices services)
    {
        if (services.Credentials.Reject(context.Request) is not { } user)
            return false;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"\"";
        context.Response.Headers.Connection = "close";
        await LoadAnswer.WriteLowercaseAsync(context, "FAILED", $"Access denied for user '{user}'", StatusCodes.Status401Unauthorized);
        return true;
    }
}
