using System.Globalization;

namespace StarRocks.Typed.Configuration;

/// <summary>
/// <c>jdbc-url</c> as StarRocks's connectors take it: <c>jdbc:mysql://fe1:9030,fe2:9030[/database][?key=value&amp;…]</c>,
/// one <c>host:port</c> per FE (MySQL Connector/J's multi-host form).
/// </summary>
/// <param name="Hosts">The FEs, in the URL's order.</param>
/// <param name="Database">The database after the authority, or null.</param>
/// <param name="Parameters">The query parameters, in the URL's order.</param>
internal sealed record JdbcUrl(IReadOnlyList<(string Host, int Port)> Hosts, string? Database, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    private const string Scheme = "jdbc:mysql://";

    /// <summary>Parses <paramref name="url"/>.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The parsed URL.</returns>
    /// <exception cref="FormatException">The URL is not in the form above; the message names <c>jdbc-url</c>.</exception>
    public static JdbcUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"jdbc-url must look like jdbc:mysql://fe1:9030,fe2:9030[/database] (was '{url}').");
        }

        var rest = url[Scheme.Length..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var parameters = query < 0 ? [] : ParseParameters(url, rest[(query + 1)..]);
        var path = query < 0 ? rest : rest[..query];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? path : path[..slash];
        var database = slash < 0 ? null : Uri.UnescapeDataString(path[(slash + 1)..]);
        var hosts = authority.Split(',', StringSplitOptions.TrimEntries).Select(entry => ParseHost(url, entry)).ToList();
        return new JdbcUrl(hosts, string.IsNullOrEmpty(database) ? null : database, parameters);
    }

    private static (string Host, int Port) ParseHost(string url, string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"jdbc-url entry '{entry}' is not host:port (was '{url}').");
        }

        return (entry[..colon].Trim('[', ']'), port);
    }

    private static List<KeyValuePair<string, string>> ParseParameters(string url, string query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"jdbc-url parameter '{pair}' is not key=value (was '{url}').");
            }

            parameters.Add(new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        return parameters;
    }
}
