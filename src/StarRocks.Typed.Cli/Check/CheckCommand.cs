using System.CommandLine;
using MySqlConnector;
using StarRocks.Typed.Cli.DataSources;
using StarRocks.Typed.Cli.Ddl;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;

namespace StarRocks.Typed.Cli.Check;

/// <summary>
/// <c>check --assembly PATH --jdbc-url URL [--user U] [--password-env VAR] [--database DB]</c>: compares every
/// <c>[StarRocksTable]</c> of an assembly with its live table (the library's <see cref="SchemaDriftChecker"/>, over
/// <c>information_schema.columns</c>) and prints the <c>ALTER TABLE</c> statements that would make each table match
/// its model, or the <c>CREATE TABLE</c> of a table that does not exist.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Every table matches its model.</summary>
    public const int Matches = 0;

    /// <summary>A table differs from its model or does not exist (the fixes are printed).</summary>
    public const int Drift = 1;

    /// <summary>The arguments or the assembly are invalid.</summary>
    public const int InvalidArguments = 2;

    /// <summary>The cluster could not be queried.</summary>
    public const int QueryFailed = 4;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var assembly = new Option<FileInfo>("--assembly") { Description = "The compiled assembly holding [StarRocksTable] types.", Required = true };
        var jdbcUrl = new Option<string>("--jdbc-url") { Description = "The FEs' MySQL-protocol address, jdbc:mysql://fe1:9030[,fe2:9030].", Required = true };
        var user = new Option<string>("--user") { Description = "The StarRocks user.", DefaultValueFactory = _ => "root" };
        var passwordEnv = new Option<string?>("--password-env") { Description = "The environment variable holding the password (none: empty password)." };
        var database = new Option<string?>("--database") { Description = "Checks every table in this database instead of each model's own." };
        var command = new Command("check", "Compares the [StarRocksTable] types of an assembly with their live tables and prints the ALTERs that would fix them.")
        {
            assembly, jdbcUrl, user, passwordEnv, database,
        };
        command.SetAction((result, token) => RunAsync(
            result.GetValue(assembly)!.FullName, result.GetValue(jdbcUrl)!, result.GetValue(user)!, result.GetValue(passwordEnv), result.GetValue(database),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, token));
        return command;
    }

    /// <summary>Checks every table; returns <see cref="Matches"/>, <see cref="Drift"/>, <see cref="InvalidArguments"/> or <see cref="QueryFailed"/>.</summary>
    public static async Task<int> RunAsync(
        string assemblyPath, string jdbcUrl, string user, string? passwordEnv, string? database, TextWriter output, TextWriter error,
        Func<string, string?> environment, CancellationToken cancellationToken)
    {
        IReadOnlyList<StarRocksTableInfo> tables;
        DataSource source;
        try
        {
            tables = TableAssembly.Load(assemblyPath);
            var password = passwordEnv is null ? "" : environment(passwordEnv) ?? throw new FormatException($"--password-env: environment variable '{passwordEnv}' is not set.");
            source = new DataSource("check", DataSourceKind.StarRocks, JdbcUrl.Parse(jdbcUrl), user, new Secret(password));
        }
        catch (Exception e) when (e is FileNotFoundException or BadImageFormatException or FileLoadException or FormatException)
        {
            error.WriteLine(e is FormatException && !e.Message.StartsWith("--", StringComparison.Ordinal) ? $"--jdbc-url: {e.Message}" : e.Message);
            return InvalidArguments;
        }

        if (tables.Count == 0)
        {
            error.WriteLine($"--assembly: '{assemblyPath}' has no [StarRocksTable] types.");
            return InvalidArguments;
        }

        await using var dataSource = new MySqlDataSource(source.ConnectionString(null));
        var checker = new SchemaDriftChecker(dataSource, database);
        var exit = Matches;
        foreach (var table in tables)
        {
            StarRocksSchemaDrift drift;
            try
            {
                drift = await checker.CheckAsync(table, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException e)
            {
                error.WriteLine($"checking {database ?? table.Database}.{table.Table} failed: {e.Message}");
                return QueryFailed;
            }

            if (drift.IsEmpty)
            {
                output.WriteLine($"-- {drift.Database}.{drift.Table}: matches its model");
                continue;
            }

            exit = Drift;
            if (!drift.TableExists)
            {
                output.WriteLine($"-- {drift.Database}.{drift.Table}: does not exist");
                output.WriteLine(DdlCommand.Script(database is null ? table : table with
                {
                    Database = database,
                    CreateTableSql = table.CreateTableSql.Replace($"`{table.Database}`.", $"`{database}`.", StringComparison.Ordinal),
                }));
                continue;
            }

            output.WriteLine($"-- {drift.Database}.{drift.Table}: differs from its model");
            foreach (var column in drift.Columns)
            {
                output.WriteLine($"-- {column}");
                output.WriteLine(column.FixSql is { } fix
                    ? fix.TrimEnd(';') + ";"
                    : "-- StarRocks cannot modify this column in place: recreate the table or change the model");
            }
        }

        return exit;
    }
}
