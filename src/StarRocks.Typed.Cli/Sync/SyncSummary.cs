using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace StarRocks.Typed.Cli.Sync;

/// <summary>The end of a run: what was read, written, filtered and failed, how long it took, and how it ended.</summary>
/// <param name="ExitCode">How it ended.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="RowsWritten">Rows written (loaded).</param>
/// <param name="RowsFiltered">Rows StarRocks filtered out of loads that succeeded.</param>
/// <param name="RowsFailed">Rows of batches StarRocks rejected.</param>
/// <param name="Loads">Stream Loads (or file chunks) written.</param>
/// <param name="Elapsed">The run's time.</param>
/// <param name="RejectedRows">The first rejected rows (or where StarRocks lists them), or null.</param>
internal sealed record SyncSummary(
    SyncExitCode ExitCode, string? Error, long RowsRead, long RowsWritten, long RowsFiltered, long RowsFailed, long Loads, TimeSpan Elapsed, string? RejectedRows)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>The summary of <paramref name="counters"/> after a run that ended with <paramref name="exitCode"/>.</summary>
    public static SyncSummary Of(SyncCounters counters, SyncExitCode exitCode, string? error, TimeSpan elapsed) =>
        new(exitCode, error, counters.RowsRead, counters.RowsWritten, counters.RowsFiltered, counters.RowsFailed, counters.Loads, elapsed, counters.RejectedRows);

    /// <summary>Rows written per second.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsWritten / Elapsed.TotalSeconds : 0;

    /// <summary>Writes the summary table (and the failure, the rejected rows) to <paramref name="console"/>.</summary>
    public void Write(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("read", "written", "filtered", "failed", "loads", "time", "rows/s");
        foreach (var column in table.Columns)
            column.RightAligned();
        table.AddRow(
            Number(RowsRead), Number(RowsWritten), Number(RowsFiltered), Number(RowsFailed), Number(Loads),
            Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture), Number((long)RowsPerSecond));
        console.Write(table);
        if (RejectedRows is not null)
            console.Write(new Panel(new Text(RejectedRows)).Header("rejected rows"));
        if (ExitCode == SyncExitCode.Ok)
            console.MarkupLine("[green]done[/]");
        else
            console.MarkupLineInterpolated($"[red]failed ({(int)ExitCode} {ExitCode}):[/] {Error}");
    }

    /// <summary>The summary as JSON (camelCase members, <c>exitCode</c> as a number and <c>status</c> as its name).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        status = ExitCode.ToString(),
        exitCode = (int)ExitCode,
        error = Error,
        rowsRead = RowsRead,
        rowsWritten = RowsWritten,
        rowsFiltered = RowsFiltered,
        rowsFailed = RowsFailed,
        loads = Loads,
        seconds = Math.Round(Elapsed.TotalSeconds, 3),
        rowsPerSecond = Math.Round(RowsPerSecond),
        rejectedRows = RejectedRows,
    }, JsonOptions);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
