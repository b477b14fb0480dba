using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>
/// The data source <c>AddStarRocks</c> builds from <c>jdbc-url</c>, <c>username</c> and <c>password</c> when the
/// application registers none with <c>UseDataSource</c>: a <see cref="MySqlDataSource"/> over every FE of the URL with
/// <see cref="MySqlLoadBalance.FailOver"/> (each new connection tries the FEs in the URL's order, as Connector/J's
/// multi-host URL does).
/// </summary>
internal static partial class JdbcDataSource
{
    /// <summary>Builds the data source.</summary>
    /// <param name="options">The options; <see cref="StarRocksOptions.JdbcUrl"/> must be set.</param>
    /// <param name="logger">Receives a warning per URL parameter that has no MySqlConnector equivalent.</param>
    /// <returns>The data source.</returns>
    public static MySqlDataSource Create(StarRocksOptions options, ILogger logger) =>
        new MySqlDataSourceBuilder(ConnectionString(options, name => ParameterNotApplied(logger, name))).Build();

    /// <summary>The MySqlConnector connection string for <c>jdbc-url</c>, <c>username</c>, <c>password</c> and <c>database-name</c>.</summary>
    /// <param name="options">The options; <see cref="StarRocksOptions.JdbcUrl"/> must be set.</param>
    /// <param name="notApplied">Called with each URL parameter that has no MySqlConnector equivalent.</param>
    /// <returns>The connection string (it holds the password: never log it).</returns>
    /// <exception cref="FormatException">The URL, or a parameter's value, is invalid; the message names <c>jdbc-url</c>.</exception>
    public static string ConnectionString(StarRocksOptions options, Action<string> notApplied)
    {
        var url = JdbcUrl.Parse(options.JdbcUrl ?? throw new InvalidOperationException(
            "StarRocks sources, lookups and schema checks need a data source: set jdbc-url, or call UseDataSource(...) on the StarRocks builder."));
        var builder = new MySqlConnectionStringBuilder
        {
            Server = string.Join(',', url.Hosts.Select(h => h.Host)),
            Port = (uint)SinglePort(url),
            UserID = options.Connection.Username,
            Password = options.Connection.Password,
            LoadBalance = MySqlLoadBalance.FailOver,
            GuidFormat = MySqlGuidFormat.None, // StarRocks has no UUID type: a CHAR(36) is text, and Guid members are read from it
        };
        if ((url.Database ?? options.Database) is { } database)
        {
            builder.Database = database;
        }

        foreach (var (name, value) in url.Parameters)
        {
            if (!Apply(builder, name, value))
            {
                notApplied(name);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The port every FE of the URL listens on.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The port.</returns>
    /// <exception cref="FormatException">The FEs use different ports (MySqlConnector connects to every host of one data source on one port); the message names <c>jdbc-url</c>.</exception>
    public static int SinglePort(JdbcUrl url)
    {
        var ports = url.Hosts.Select(h => h.Port).Distinct().ToList();
        return ports.Count == 1
            ? ports[0]
            : throw new FormatException($"jdbc-url lists FEs on different ports ({string.Join(", ", ports)}); MySqlConnector connects to every host of a data source on one port, so give the FEs one query port or register a data source with UseDataSource(...).");
    }

    /// <summary>Applies a Connector/J URL parameter that has a MySqlConnector equivalent.</summary>
    private static bool Apply(MySqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "usessl":
                builder.SslMode = bool.TryParse(value, out var ssl)
                    ? ssl ? MySqlSslMode.Required : MySqlSslMode.None
                    : throw new FormatException($"jdbc-url parameter useSSL must be true or false (was '{value}').");
                return true;
            case "sslmode":
                builder.SslMode = value.ToUpperInvariant() switch
                {
                    "DISABLED" => MySqlSslMode.None,
                    "PREFERRED" => MySqlSslMode.Preferred,
                    "REQUIRED" => MySqlSslMode.Required,
                    "VERIFY_CA" => MySqlSslMode.VerifyCA,
                    "VERIFY_IDENTITY" => MySqlSslMode.VerifyFull,
                    _ => throw new FormatException($"jdbc-url parameter sslMode must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY (was '{value}')."),
                };
                return true;
            case "connecttimeout":
                builder.ConnectionTimeout = Seconds(name, value);
                return true;
            case "sockettimeout":
                builder.DefaultCommandTimeout = Seconds(name, value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Connector/J timeouts are milliseconds; MySqlConnector's are whole seconds (rounded up, 0 stays "none").</summary>
    private static uint Seconds(string name, string milliseconds) =>
        uint.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? (ms + 999) / 1000
            : throw new FormatException($"jdbc-url parameter {name} must be milliseconds (was '{milliseconds}').");

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "jdbc-url parameter {Parameter} has no MySqlConnector equivalent and is not applied")]
    private static partial void ParameterNotApplied(ILogger logger, string parameter);
}
