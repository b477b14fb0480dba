using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Http;

/// <summary>StarRocks's FE redirect: <c>307 Temporary Redirect</c> to <c>http://host:port{path}{query}</c>, without reading the body.</summary>
internal static class Redirect
{
    public static Task To(HttpContext context, string address, string? path = null)
    {
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = $"http://{address}{path ?? context.Request.Path}{context.Request.QueryString}";
        // after a 307 whose body it did not want, StarRocks's FE closes the connection (StarRocks PR #52582)
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    }
}
