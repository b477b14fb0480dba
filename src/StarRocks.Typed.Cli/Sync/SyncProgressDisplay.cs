using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace StarRocks.Typed.Cli.Sync;

/// <summary>
/// Shows a running sync's progress per split (rows, bytes, rows/s, ETA when the split's row count is known): a live
/// table redrawn in place on a terminal, plain lines (a total every few seconds, one line per finished split) when
/// the output is redirected.
/// </summary>
internal sealed class SyncProgressDisplay(IAnsiConsole console, SyncCounters counters, bool terminal)
{
    private static readonly TimeSpan TerminalRefresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Shows progress until <paramref name="run"/> completes.</summary>
    public Task ShowUntilAsync(Task run) => terminal ? LiveAsync(run) : LinesAsync(run);

    private Task LiveAsync(Task run) =>
        console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(TerminalRefresh)).ConfigureAwait(false);
                context.UpdateTarget(Render());
            }
        });

    private async Task LinesAsync(Task run)
    {
        var reported = new HashSet<SplitProgress>();
        var nextTotal = LineInterval;
        while (true)
        {
            var finished = run.IsCompleted;
            foreach (var split in counters.Splits.Where(s => s.Done && reported.Add(s)))
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {split.Name}: {split.Rows:N0} rows, {Size(split.Bytes)}"));
            if (finished)
                return;
            if (_clock.Elapsed >= nextTotal)
            {
                nextTotal += LineInterval;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"progress: {counters.RowsRead:N0} rows read, {counters.RowsWritten:N0} written, {Size(counters.BytesRead)}, {Rate(counters.RowsRead):N0} rows/s"));
            }

            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
        }
    }

    private IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("split", "rows", "bytes", "rows/s", "ETA");
        for (var i = 1; i < table.Columns.Count; i++)
            table.Columns[i].RightAligned();
        foreach (var split in counters.Splits)
        {
            var rate = Rate(split.Rows);
            var eta = split.Done ? "done"
                : split.EstimatedRows is { } total && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - split.Rows) / rate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
                : "-";
            table.AddRow(Markup.Escape(split.Name), split.Rows.ToString("N0", CultureInfo.InvariantCulture), Size(split.Bytes), rate.ToString("N0", CultureInfo.InvariantCulture), eta);
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture, $"{counters.RowsWritten:N0} rows written in {counters.Loads:N0} loads"));
        return table;
    }

    private double Rate(long rows) => _clock.Elapsed.TotalSeconds > 0 ? rows / _clock.Elapsed.TotalSeconds : 0;

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 30):0.0} GiB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):0.0} MiB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
