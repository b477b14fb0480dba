using System.Text.Json.Nodes;

namespace StarRocks.Typed.Cli.Tests.Sync;

/// <summary>Each exit code of <c>sync</c>, from the failure that causes it, and what was (not) written.</summary>
[Collection(SyncStandInCollection.Name)]
public sealed class SyncExitCodeTests(SyncStandInFixture fixture)
{
    [Fact]
    public async Task An_invalid_job_exits_2_with_the_json_path_and_runs_nothing()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(),
            fixture.StarRocksWriter(more: p => { p["maxBatchRows"] = 0; p["preSql"] = new JsonArray("CREATE TABLE pre_sql_ran (x INT)"); }));

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.steps[1].parameter.maxBatchRows: must be between 1 and 2147483647 (was 0).", run.Error, StringComparison.Ordinal);
        Assert.Empty(await fixture.QueryMariaDbAsync(target, "SHOW TABLES LIKE 'pre_sql_ran'"));
    }

    [Fact]
    public async Task Writer_columns_that_do_not_match_the_columns_read_exit_2_before_preSql()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(),
            fixture.StarRocksWriter(more: p => { p["column"] = new JsonArray("order_id", "status"); p["preSql"] = new JsonArray("CREATE TABLE pre_sql_ran (x INT)"); }));

        var run = await SyncStandInFixture.SyncAsync(job, json: true);

        Assert.Equal(2, run.ExitCode);
        var summary = JsonNode.Parse(run.Output)!;
        Assert.Equal("InvalidJob", (string)summary["status"]!);
        Assert.Contains("the writer's column lists 2 columns but the reader reads 12", (string)summary["error"]!, StringComparison.Ordinal);
        Assert.Empty(await fixture.QueryMariaDbAsync(target, "SHOW TABLES LIKE 'pre_sql_ran'"));
        Assert.Equal(0, fixture.LoadsInto(target));
    }

    [Fact]
    public async Task A_failing_preSql_exits_3_before_any_load()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(),
            fixture.StarRocksWriter(more: p => p["preSql"] = new JsonArray("truncate table orders", "DROP TABLE no_such_table")));

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("preSql[1] failed", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.LoadsInto(target));
        Assert.Equal(0, await fixture.CountAsync(target));
    }

    [Fact]
    public async Task A_source_table_that_does_not_exist_exits_4()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(table: "no_such_table"), fixture.StarRocksWriter());

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("no_such_table", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.LoadsInto(target));
    }

    [Fact]
    public async Task A_load_StarRocks_refuses_exits_5()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(), fixture.StarRocksWriter(table: "no_such_table"));

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("no_such_table", run.Error, StringComparison.Ordinal);
        Assert.Contains("failed (5 LoadFailed)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_holding_the_csv_column_separator_exits_5_naming_the_column()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(), fixture.StarRocksWriter(loadProps: new JsonObject()));

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("a value of column 'note' holds the column separator (\\x09)", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync(target));
    }

    [Fact]
    public async Task A_cancelled_run_exits_130_and_loads_nothing()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(), fixture.StarRocksWriter());

        var run = await SyncStandInFixture.SyncAsync(job, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(130, run.ExitCode);
        Assert.Equal(0, fixture.LoadsInto(target));
    }

    [Fact]
    public async Task A_successful_run_exits_0_with_the_summary_table()
    {
        var (source, target) = await SourceAndTargetAsync();
        var job = fixture.WriteJob(source, target, SyncStandInFixture.DatabaseReader(), fixture.StarRocksWriter());

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("read", StringComparison.Ordinal) && l.Contains("written", StringComparison.Ordinal) && l.Contains("filtered", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal) && l.Contains("time", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│\s+20\s+│\s+20\s+│\s+0\s+│\s+0\s+│\s+1\s+│"));
        Assert.Contains("done", run.Output, StringComparison.Ordinal);
    }

    private async Task<(string Source, string Target)> SourceAndTargetAsync()
    {
        var source = await fixture.NewDatabaseAsync("src");
        var target = await fixture.NewDatabaseAsync("dst");
        await fixture.CreateOrdersAsync(source);
        await fixture.CreateOrdersAsync(target);
        await fixture.SeedOrdersAsync(source, 1, 20);
        return (source, target);
    }
}
