using StarRocks.Typed.Cli.Load;
using StarRocks.Typed.Cli.Tests.Sync;

namespace StarRocks.Typed.Cli.Tests.Load;

/// <summary><c>load FILE --table db.t</c> against the stand-in.</summary>
[Collection(SyncStandInCollection.Name)]
public sealed class LoadCommandTests(SyncStandInFixture fixture) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"load-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task A_csv_file_loads_with_its_label_and_counts_shown()
    {
        var database = await TableAsync();
        File.WriteAllText(_file, "1|paid|12.50\n2|new|\\N\n");

        var run = await LoadAsync(database, ["column_separator=|", "columns=order_id, status, amount"], label: "cli_load_1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("label cli_load_1\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("Success: 2 rows loaded, 0 filtered", run.Output, StringComparison.Ordinal);
        Assert.Equal(["1|paid|12.50", "2|new|NULL"], await fixture.QueryMariaDbAsync(database, "SELECT order_id, status, amount FROM small ORDER BY order_id"));
    }

    [Fact]
    public async Task Rejected_rows_are_shown_from_the_ErrorURL_and_exit_6()
    {
        var database = await TableAsync();
        File.WriteAllText(_file, "1|paid|1\n2|far_too_long_status|2\n");

        var run = await LoadAsync(database, ["column_separator=|", "columns=order_id, status, amount"]);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("too many filtered rows", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("rejected rows", run.Output, StringComparison.Ordinal);
        Assert.Contains("far_too_long_status", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.CountAsync(database, "small"));
    }

    [Fact]
    public async Task Rows_filtered_within_max_filter_ratio_load_around_and_are_shown()
    {
        var database = await TableAsync();
        File.WriteAllText(_file, "1|paid|1\n2|far_too_long_status|2\n3|new|3\n");

        var run = await LoadAsync(database, ["column_separator=|", "columns=order_id, status, amount", "max_filter_ratio=0.5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 rows loaded, 1 filtered", run.Output, StringComparison.Ordinal);
        Assert.Contains("far_too_long_status", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_the_same_label()
    {
        var database = await TableAsync();
        File.WriteAllText(_file, "7|paid|1\n");
        fixture.StandIn.Faults.Clear();
        fixture.StandIn.Faults.FailNextLoadsWithHttp500();

        var run = await LoadAsync(database, ["column_separator=|", "columns=order_id, status, amount"], label: "cli_load_retry");

        Assert.Equal(0, run.ExitCode);
        var attempts = fixture.StandIn.Requests.Entries.Where(e => e.Label == "cli_load_retry" && e.Node.StartsWith("fe", StringComparison.Ordinal)).ToList();
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempts");
        Assert.Equal(1, await fixture.CountAsync(database, "small"));
    }

    [Fact]
    public async Task Bad_arguments_exit_2_before_loading()
    {
        var database = await TableAsync();
        File.WriteAllText(_file, "1|x|1\n");

        var noDot = await LoadAsync(database, [], table: "small");
        var badProperty = await LoadAsync(database, ["column_separator"]);

        Assert.Equal(2, noDot.ExitCode);
        Assert.Contains("--table: must be database.table", noDot.Error, StringComparison.Ordinal);
        Assert.Equal(2, badProperty.ExitCode);
        Assert.Contains("--property: 'column_separator' must be name=value", badProperty.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.LoadsInto(database));
    }

    private async Task<string> TableAsync()
    {
        var database = await fixture.NewDatabaseAsync("load");
        await fixture.ExecuteAsync($"CREATE TABLE `{database}`.`small` (order_id BIGINT NOT NULL, status VARCHAR(8) NOT NULL, amount DECIMAL(10,2) NULL) DUPLICATE KEY(order_id) DISTRIBUTED BY HASH(order_id)");
        return database;
    }

    private async Task<SyncRun> LoadAsync(string database, string[] properties, string? label = null, string? table = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var arguments = new LoadArguments(_file, table ?? $"{database}.small", $"127.0.0.1:{fixture.StandIn.FeHttp.Port}", SyncStandInFixture.User,
            SyncStandInFixture.PasswordVariable, label, properties, 3);
        var exit = await LoadCommand.RunAsync(arguments, output, error, name => name == SyncStandInFixture.PasswordVariable ? SyncStandInFixture.Password : null, CancellationToken.None);
        return new SyncRun(exit, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
