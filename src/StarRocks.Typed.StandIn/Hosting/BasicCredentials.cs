using System.Text;
using Microsoft.AspNetCore.Http;

namespace StarRocks.Typed.StandIn.Hosting;

/// <summary>Checks HTTP Basic credentials against the stand-in's user.</summary>
internal sealed class BasicCredentials(string user, string password)
{
    /// <summary>Null when the request carries the right credentials, else the user name it tried (possibly empty).</summary>
    public string? Reject(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return "";
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return "";
        }
        var colon = decoded.IndexOf(':');
        var requestUser = colon < 0 ? decoded : decoded[..colon];
        var requestPassword = colon < 0 ? "" : decoded[(colon + 1)..];
        return requestUser == user && requestPassword == password ? null : requestUser;
    }
}
