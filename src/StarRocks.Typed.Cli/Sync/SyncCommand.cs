using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Sync;

/// <summary><c>sync JOB [--datasources FILE] [--json]</c>: runs a batch sync job and reports how it went.</summary>
internal static class SyncCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var job = new Argument<FileInfo>("JOB") { Description = "The job script (DataWorks step form)." };
        var dataSources = new Option<FileInfo?>("--datasources") { Description = "A file holding {\"dataSources\": {…}}, the data sources the job names." };
        var json = new Option<bool>("--json") { Description = "Prints a machine-readable summary (JSON) instead of the table." };
        var command = new Command("sync", "Runs a batch sync job: reads rows from a database or file and writes them to StarRocks or a file.")
        {
            job,
            dataSources,
            json,
        };
        command.SetAction((result, token) => RunAsync(
            result.GetValue(job)!.FullName, result.GetValue(dataSources)?.FullName, result.GetValue(json),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, token,
            terminal: !Console.IsOutputRedirected && result.InvocationConfiguration.Output == Console.Out));
        return command;
    }

    /// <summary>
    /// Runs the job at <paramref name="jobPath"/>; returns the exit code (see <see cref="SyncExitCode"/>). Progress goes to
    /// <paramref name="output"/> unless <paramref name="json"/>: a live table when <paramref name="terminal"/>, else plain lines.
    /// </summary>
    public static async Task<int> RunAsync(
        string jobPath, string? dataSourcesPath, bool json, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken,
        bool terminal = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        JobScript job;
        try
        {
            job = JobScriptFile.Load(jobPath, dataSourcesPath, environment);
        }
        catch (JobScriptException e)
        {
            error.WriteLine(e.Message);
            if (json)
                output.WriteLine(SyncSummary.Of(new SyncCounters(), SyncExitCode.InvalidJob, e.Message, TimeSpan.Zero).ToJson());
            return (int)SyncExitCode.InvalidJob;
        }

        var counters = new SyncCounters();
        var clock = Stopwatch.StartNew();
        var running = RunJobAsync(job, counters, cancellationToken);
        if (!json)
            await new SyncProgressDisplay(console, counters, terminal).ShowUntilAsync(running).ConfigureAwait(false);
        var (exitCode, message) = await running.ConfigureAwait(false);
        var summary = SyncSummary.Of(counters, exitCode, message, clock.Elapsed);
        if (json)
            output.WriteLine(summary.ToJson());
        else
            summary.Write(console);
        if (message is not null)
            error.WriteLine(message);
        return (int)exitCode;
    }

    private static async Task<(SyncExitCode ExitCode, string? Message)> RunJobAsync(JobScript job, SyncCounters counters, CancellationToken cancellationToken)
    {
        try
        {
            await SyncRunner.RunAsync(job, counters, cancellationToken).ConfigureAwait(false);
            return (SyncExitCode.Ok, null);
        }
        catch (SyncException e)
        {
            return (e.ExitCode, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (SyncExitCode.Cancelled, "cancelled.");
        }
    }
}
