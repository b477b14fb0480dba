using StarRocks.Typed.Cli.Check;
using StarRocks.Typed.Cli.Ddl;
using StarRocks.Typed.Cli.Tests.Ddl;
using StarRocks.Typed.Cli.Tests.Sync;

namespace StarRocks.Typed.Cli.Tests.Check;

/// <summary><c>check --assembly PATH</c>: this test assembly's tables against live tables of the stand-in.</summary>
[Collection(SyncStandInCollection.Name)]
public sealed class CheckCommandTests(SyncStandInFixture fixture)
{
    private static string ThisAssembly => typeof(PageView).Assembly.Location;

    [Fact]
    public async Task Drift_and_missing_tables_exit_1_with_the_statements_that_fix_them()
    {
        var database = await fixture.NewDatabaseAsync("chk");
        await fixture.ExecuteAsync(InDatabase(PageView.Table.CreateTableSql, database));
        await fixture.ExecuteAsync($"ALTER TABLE `{database}`.`page_views` DROP COLUMN `url`");
        await fixture.ExecuteAsync($"ALTER TABLE `{database}`.`page_views` ADD COLUMN `legacy` INT NULL");

        var run = await CheckAsync(database);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"-- {database}.accounts: does not exist", run.Output, StringComparison.Ordinal);
        Assert.Contains($"CREATE TABLE IF NOT EXISTS `{database}`.`accounts`", run.Output, StringComparison.Ordinal);
        Assert.Contains($"-- {database}.page_views: differs from its model", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ALTER TABLE `{database}`.`page_views` ADD COLUMN `url` VARCHAR(600) NOT NULL AFTER `user_id`;", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ALTER TABLE `{database}`.`page_views` DROP COLUMN `legacy`;", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_printed_statements_makes_every_table_match_and_exit_0()
    {
        var database = await fixture.NewDatabaseAsync("chk");
        await fixture.ExecuteAsync(InDatabase(PageView.Table.CreateTableSql, database));
        await fixture.ExecuteAsync($"ALTER TABLE `{database}`.`page_views` DROP COLUMN `url`");
        var first = await CheckAsync(database);
        foreach (var statement in first.Output.Split(';').Select(s => string.Join('\n', s.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal))).Trim()).Where(s => s.Length > 0))
            await fixture.ExecuteAsync(statement);

        var second = await CheckAsync(database);

        Assert.Equal(1, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"-- {database}.page_views: matches its model", second.Output, StringComparison.Ordinal);
        Assert.Contains($"-- {database}.accounts: matches its model", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_StarRocks_cannot_modify_in_place_is_printed_as_a_comment_not_a_statement()
    {
        var database = await fixture.NewDatabaseAsync("chk");
        await fixture.ExecuteAsync(InDatabase(PageView.Table.CreateTableSql, database));
        await fixture.ExecuteAsync(InDatabase(Account.Table.CreateTableSql, database));
        var balance = Assert.Single(Account.Table.Columns, c => c.Name == "balance");
        await fixture.ExecuteAsync($"ALTER TABLE `{database}`.`accounts` MODIFY COLUMN `balance` {balance.StarRocksType} NULL");

        var run = await CheckAsync(database);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split(Environment.NewLine);
        var reported = Array.FindIndex(lines, l => l.StartsWith($"-- TableTakesNull column balance (model {balance.StarRocksType} NOT NULL, table ", StringComparison.Ordinal));
        Assert.True(reported >= 0, run.Output);
        Assert.EndsWith(" NULL)", lines[reported], StringComparison.Ordinal);
        Assert.Equal("-- StarRocks cannot modify this column in place: recreate the table or change the model", lines[reported + 1]);
        Assert.DoesNotContain("MODIFY COLUMN", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_4_and_a_bad_url_exits_2()
    {
        var unreachable = await CheckAsync("any", jdbcUrl: "jdbc:mysql://127.0.0.1:1/any");
        var bad = await CheckAsync("any", jdbcUrl: "http://x");

        Assert.Equal(4, unreachable.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("--jdbc-url", bad.Error, StringComparison.Ordinal);
    }

    private static string InDatabase(string createTableSql, string database) =>
        createTableSql.Replace("`cli_test`.", $"`{database}`.", StringComparison.Ordinal).Replace("`cli_accounts`.", $"`{database}`.", StringComparison.Ordinal);

    private async Task<SyncRun> CheckAsync(string database, string? jdbcUrl = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CheckCommand.RunAsync(ThisAssembly, jdbcUrl ?? $"jdbc:mysql://127.0.0.1:{fixture.StandIn.MySql!.Port}", SyncStandInFixture.User,
            SyncStandInFixture.PasswordVariable, database, output, error, name => name == SyncStandInFixture.PasswordVariable ? SyncStandInFixture.Password : null, CancellationToken.None);
        return new SyncRun(exit, output.ToString(), error.ToString());
    }
}
