using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;

namespace StarRocks.Typed.Cli.DataSources;

/// <summary>A named database connection of a job: a StarRocks cluster or any MySQL-protocol database.</summary>
/// <param name="Name">The name steps refer to with <c>datasource</c>.</param>
/// <param name="Kind">What the connection reaches.</param>
/// <param name="JdbcUrl">The <c>jdbc:mysql://</c> URL.</param>
/// <param name="UserName">The user.</param>
/// <param name="Password">The password, read from the environment variable the data source names.</param>
internal sealed record DataSource(string Name, DataSourceKind Kind, JdbcUrl JdbcUrl, string UserName, Secret Password)
{
    /// <summary>
    /// The MySqlConnector connection string: every host of the URL with fail-over in URL order (as Connector/J's
    /// multi-host URL), in <paramref name="database"/>. It holds the password: never log it.
    /// </summary>
    public string ConnectionString(string? database)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = string.Join(',', JdbcUrl.Hosts.Select(h => h.Host)),
            Port = (uint)JdbcDataSource.SinglePort(JdbcUrl),
            UserID = UserName,
            Password = Password.Reveal(),
            LoadBalance = MySqlLoadBalance.FailOver,
            GuidFormat = MySqlGuidFormat.None,
            DefaultCommandTimeout = 0,
        };
        if ((database ?? JdbcUrl.Database) is { } name)
            builder.Database = name;
        return builder.ConnectionString;
    }
}

/// <summary>What a data source connects to (its <c>type</c>).</summary>
internal enum DataSourceKind
{
    /// <summary><c>starrocks</c>: a StarRocks FE; it can be read and loaded.</summary>
    StarRocks,

    /// <summary><c>mysql</c>: any MySQL-protocol database; it can be read.</summary>
    MySql,
}

/// <summary>A credential that never shows in strings, logs or exception messages; <see cref="Reveal"/> hands it to a driver.</summary>
/// <param name="value">The secret value.</param>
internal sealed class Secret(string value)
{
    /// <summary>The value, for the connection string or the Authorization header only.</summary>
    public string Reveal() => value;

    /// <inheritdoc />
    public override string ToString() => "***";
}
