using System.Diagnostics;
using System.Text.RegularExpressions;
using StarRocks.Typed.Cli.Sync;

namespace StarRocks.Typed.Cli.Tests.Sync;

/// <summary>What a user sees while <c>sync</c> runs: a live table on a terminal, plain lines when the output is redirected.</summary>
[Collection(SyncStandInCollection.Name)]
public sealed partial class SyncProgressTests(SyncStandInFixture fixture)
{
    [Fact]
    public async Task Redirected_output_gets_plain_lines_per_finished_split_and_no_escape_codes()
    {
        var job = await JobAsync();

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
        var splitLines = run.Output.Split('\n').Where(l => l.StartsWith("read orders order_id ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, splitLines.Count); // 3 key ranges and the NULL keys
        Assert.Contains("read orders order_id 1..2000: 2,000 rows, ", run.Output, StringComparison.Ordinal);
        Assert.Contains("read orders order_id NULL: 0 rows, 0 B", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_gets_a_live_table_per_split_redrawn_in_place()
    {
        var job = await JobAsync();
        var tool = Path.Combine(Path.GetDirectoryName(typeof(SyncCommand).Assembly.Location)!, "StarRocks.Typed.Cli");
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-qfec", $"'{tool}' sync '{job}'", "/dev/null" })
            start.ArgumentList.Add(argument);
        start.Environment[SyncStandInFixture.PasswordVariable] = SyncStandInFixture.Password;
        start.Environment["TERM"] = "xterm-256color";

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("\u001b[", output, StringComparison.Ordinal); // drawn with escape codes, not appended lines
        var screen = Ansi().Replace(output, "");
        Assert.Matches(@"split\s+rows\s+bytes\s+rows/s\s+ETA", screen);
        foreach (var range in new[] { "1..2000", "2001..4000", "4001..6000", "NULL" })
            Assert.Matches($@"{Regex.Escape($"orders order_id {range}")}\s+[\d,]+\s+[\d.]+ [KM]?i?B\s+[\d,]+\s+done", screen);
        Assert.Contains("6,000 rows written", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("read orders", screen, StringComparison.Ordinal); // no plain lines on a terminal
        Assert.Contains("done", screen.Split('\n')[^2..].Last(l => l.Trim().Length > 0), StringComparison.Ordinal);
    }

    private async Task<string> JobAsync()
    {
        var source = await fixture.NewDatabaseAsync("src");
        var target = await fixture.NewDatabaseAsync("dst");
        await fixture.CreateOrdersAsync(source);
        await fixture.CreateOrdersAsync(target);
        await fixture.SeedOrdersAsync(source, 1, 6000);
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(splitPk: "order_id"),
            fixture.StarRocksWriter(more: p => p["maxBatchRows"] = 500), concurrency: 3);
        return job;
    }

    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\r")]
    private static partial Regex Ansi();
}
