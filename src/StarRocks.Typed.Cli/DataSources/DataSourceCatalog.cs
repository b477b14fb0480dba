using System.Text.Json;
using StarRocks.Typed.Cli.Jobs;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Cli.DataSources;

/// <summary>
/// The named data sources of a job: the job's <c>dataSources</c> object and an optional separate file of the same
/// shape. Each entry is <c>{"type": "starrocks"|"mysql", "jdbcUrl": "jdbc:mysql://…", "username": "…",
/// "passwordEnv": "VARIABLE"}</c>: the password is read from the environment variable, never from the file.
/// </summary>
internal sealed class DataSourceCatalog
{
    private readonly Dictionary<string, DataSource> _sources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Reads the entries of a <c>dataSources</c> object into the catalog, recording bad fields in <paramref name="errors"/>.</summary>
    /// <param name="dataSources">The <c>dataSources</c> object.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="errors">Where bad fields are recorded.</param>
    public void Add(JsonFields dataSources, Func<string, string?> environment, List<JobScriptError> errors)
    {
        foreach (var (name, value) in dataSources.All())
        {
            var path = dataSources.PathOf(name);
            if (!_names.Add(name))
                errors.Add(new(path, $"data source '{name}' is defined twice (in the job and in the data-sources file)."));
            var fields = JsonFields.Open(value, path, errors);
            if (fields is null)
                continue;
            var source = Read(name, fields, environment);
            fields.RejectUnknown();
            if (source is not null)
                _sources.TryAdd(name, source);
        }
    }

    /// <summary>The data source called <paramref name="name"/>, or null.</summary>
    public DataSource? Find(string name) => _sources.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is defined, valid or not (an invalid one already has its errors).</summary>
    public bool Defines(string name) => _names.Contains(name);

    /// <summary>The names defined, for messages.</summary>
    public IEnumerable<string> Names => _names.Order(StringComparer.Ordinal);

    private static DataSource? Read(string name, JsonFields fields, Func<string, string?> environment)
    {
        var type = fields.RequiredString("type");
        DataSourceKind? kind = type switch
        {
            null => null,
            "starrocks" => DataSourceKind.StarRocks,
            "mysql" => DataSourceKind.MySql,
            _ => null,
        };
        if (type is not null && kind is null)
            fields.Fail("type", $"must be 'starrocks' or 'mysql' (was '{type}').");

        JdbcUrl? url = null;
        var urlText = fields.RequiredString("jdbcUrl");
        if (urlText is not null)
        {
            // The URL is not echoed: its query string may carry a credential.
            try { url = JdbcUrl.Parse(urlText); }
            catch (FormatException) { fields.Fail("jdbcUrl", "must look like jdbc:mysql://fe1:9030[,fe2:9030][/database][?key=value&...]."); }

            if (url is not null && url.Parameters.Any(p => p.Key.Equals("password", StringComparison.OrdinalIgnoreCase)))
            {
                fields.Fail("jdbcUrl", "passwords are not written in job files; name the environment variable that holds it with passwordEnv.");
                url = null;
            }
        }

        var user = fields.RequiredString("username");
        if (fields.Has("password"))
            fields.Fail("password", "passwords are not written in job files; name the environment variable that holds it with passwordEnv.");

        Secret? password = null;
        var variable = fields.RequiredString("passwordEnv");
        if (variable is not null)
        {
            var value = environment(variable);
            if (value is null)
                fields.Fail("passwordEnv", $"environment variable '{variable}' is not set.");
            else
                password = new Secret(value);
        }

        return kind is { } k && url is not null && user is not null && password is not null
            ? new DataSource(name, k, url, user, password)
            : null;
    }
}
