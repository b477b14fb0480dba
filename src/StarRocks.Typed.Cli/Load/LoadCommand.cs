using System.CommandLine;
using Spectre.Console;
using StarRocks.Typed.Cli.Sync;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;

namespace StarRocks.Typed.Cli.Load;

/// <summary>
/// <c>load FILE --table db.t --load-url fe:8030 [--user U] [--password-env VAR] [--label L] [--property k=v]… [--retries N]</c>:
/// one Stream Load of a file's bytes as they are (the library's <see cref="StreamLoadClient"/>: the label kept across
/// retries, the FE's redirect followed; the file read while it is sent, <see cref="FileLoadBody"/>), printing the label,
/// StarRocks's answer and the rejected rows from its <c>ErrorURL</c>.
/// </summary>
internal static class LoadCommand
{
    private const int MaxRejectedRowsBytes = 16 * 1024;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The file to load, sent as it is (CSV unless --property format=json)." };
        var table = new Option<string>("--table") { Description = "The target table, database.table.", Required = true };
        var loadUrl = new Option<string>("--load-url") { Description = "The FEs' HTTP addresses, host:port[;host:port…].", Required = true };
        var user = new Option<string>("--user") { Description = "The StarRocks user.", DefaultValueFactory = _ => "root" };
        var passwordEnv = new Option<string?>("--password-env") { Description = "The environment variable holding the password (none: empty password)." };
        var label = new Option<string?>("--label") { Description = "The load's label (default: starrocks_typed_load-<table>-<uuid>)." };
        var properties = new Option<string[]>("--property", "-p") { Description = "A Stream Load property as name=value (column_separator, format, max_filter_ratio, columns, …); repeatable.", AllowMultipleArgumentsPerToken = false };
        var retries = new Option<int>("--retries") { Description = "Retries of a transient failure, with the same label.", DefaultValueFactory = _ => 3 };
        var command = new Command("load", "Loads one file into a StarRocks table with one Stream Load.") { file, table, loadUrl, user, passwordEnv, label, properties, retries };
        command.SetAction((result, token) => RunAsync(
            new LoadArguments(result.GetValue(file)!.FullName, result.GetValue(table)!, result.GetValue(loadUrl)!, result.GetValue(user)!,
                result.GetValue(passwordEnv), result.GetValue(label), result.GetValue(properties) ?? [], result.GetValue(retries)),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, token));
        return command;
    }

    /// <summary>Runs the load; returns 0, or the <see cref="SyncExitCode"/> of what failed (2 bad arguments, 5 load failed, 6 rows rejected).</summary>
    public static async Task<int> RunAsync(LoadArguments arguments, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        if (Validate(arguments, environment) is { } invalid)
        {
            error.WriteLine(invalid);
            return (int)SyncExitCode.InvalidJob;
        }

        var (database, table) = SplitTable(arguments.Table);
        var options = new StarRocksConnectionOptions
        {
            LoadUrls = arguments.LoadUrl,
            Username = arguments.User,
            Password = arguments.PasswordEnv is null ? "" : environment(arguments.PasswordEnv)!,
            LabelPrefix = "starrocks_typed_load",
            MaxRetries = arguments.Retries,
        };
        using var client = new StreamLoadClient(options);
        var labelText = arguments.Label ?? new LoadLabelGenerator(options.LabelPrefix).Next(table);
        console.WriteLine($"label {labelText}");
        var request = new StreamLoadRequest(database, table, new FileLoadBody(arguments.File)) { Headers = [.. arguments.Properties.Select(Property)], Label = labelText };
        try
        {
            var result = await client.LoadAsync(request, cancellationToken).ConfigureAwait(false);
            console.WriteLine($"{result.Status}: {result.NumberLoadedRows:N0} rows loaded, {result.NumberFilteredRows:N0} filtered, {result.NumberUnselectedRows:N0} unselected, {result.LoadBytes:N0} bytes in {result.LoadTimeMs} ms{(result.State is null ? "" : $" (label already {result.State})")}");
            if (result.NumberFilteredRows > 0 && result.ErrorUrl is not null)
                await WriteRejectedRowsAsync(console, client, result.ErrorUrl, cancellationToken).ConfigureAwait(false);
            return (int)SyncExitCode.Ok;
        }
        catch (StarRocksLoadException e)
        {
            error.WriteLine(e.Message.Split(Environment.NewLine)[0]);
            if (e.RejectedRows is not null)
                console.Write(new Panel(new Text(e.RejectedRows)).Header("rejected rows"));
            return (int)(e.Result is { NumberFilteredRows: > 0 } || (e.StarRocksMessage?.Contains("too many filtered rows", StringComparison.OrdinalIgnoreCase) ?? false)
                ? SyncExitCode.RowsRejected
                : SyncExitCode.LoadFailed);
        }
        catch (InvalidDataException e) // the file changed while it was sent
        {
            error.WriteLine(e.Message);
            return (int)SyncExitCode.LoadFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (int)SyncExitCode.Cancelled;
        }
    }

    private static string? Validate(LoadArguments arguments, Func<string, string?> environment)
    {
        if (!File.Exists(arguments.File))
            return $"FILE: no file at '{arguments.File}'.";
        if (arguments.Table.Split('.') is not [{ Length: > 0 }, { Length: > 0 }])
            return $"--table: must be database.table (was '{arguments.Table}').";
        if (arguments.PasswordEnv is { } variable && environment(variable) is null)
            return $"--password-env: environment variable '{variable}' is not set.";
        if (arguments.Label is { } label && !LoadLabelGenerator.IsValidLabel(label))
            return $"--label: '{label}' must match ^[-_A-Za-z0-9]{{1,128}}$.";
        if (arguments.Properties.FirstOrDefault(p => p.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad)
            return $"--property: '{bad}' must be name=value.";
        if (arguments.Properties.FirstOrDefault(p => Property(p).Key.Equals("label", StringComparison.OrdinalIgnoreCase)) is not null)
            return "--property: set the label with --label.";
        try
        {
            StarRocksConnectionOptions.ParseLoadUrls(arguments.LoadUrl);
        }
        catch (FormatException e)
        {
            return $"--load-url: {e.Message}";
        }

        return arguments.Retries < 0 ? "--retries: must be 0 or more." : null;
    }

    private static (string Database, string Table) SplitTable(string table) => table.Split('.') is [var database, var name] ? (database, name) : throw new ArgumentException(table);

    private static KeyValuePair<string, string> Property(string property)
    {
        var equals = property.IndexOf('=', StringComparison.Ordinal);
        return new(property[..equals].Trim(), property[(equals + 1)..]);
    }

    private static async Task WriteRejectedRowsAsync(IAnsiConsole console, StreamLoadClient client, string errorUrl, CancellationToken cancellationToken)
    {
        var log = await ((IErrorLogSource)client).FetchErrorLogLinesAsync(errorUrl, MaxRejectedRowsBytes, cancellationToken).ConfigureAwait(false);
        console.WriteLine($"ErrorURL {errorUrl}");
        if (log is not null)
            console.Write(new Panel(new Text(string.Join(Environment.NewLine, log.Lines) + (log.Truncated ? Environment.NewLine + "…" : ""))).Header("rejected rows"));
    }
}

/// <summary>The arguments of <c>load</c>.</summary>
internal sealed record LoadArguments(string File, string Table, string LoadUrl, string User, string? PasswordEnv, string? Label, IReadOnlyList<string> Properties, int Retries);
