using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MySqlConnector;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Source;

[Collection(SinkStandInCollection.Name)]
public sealed class SchemaDriftTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task Drift_of_a_table_altered_behind_the_models_back_is_reported_with_fixes()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        var checker = Checker(context);
        Assert.True((await checker.CheckAsync<ScanRow>()).IsEmpty);

        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` DROP COLUMN `qty`");
        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` ADD COLUMN `extra` INT NULL");
        var drift = await checker.CheckAsync<ScanRow>();

        Assert.False(drift.IsEmpty);
        var table = $"`{context.Database}`.`scan_rows`";
        Assert.Equal(
        [
            new("qty", StarRocksColumnDriftKind.Missing, "INT", null, $"ALTER TABLE {table} ADD COLUMN `qty` INT NOT NULL AFTER `name`"),
            new("extra", StarRocksColumnDriftKind.Extra, null, "int", $"ALTER TABLE {table} DROP COLUMN `extra`"),
        ], drift.Columns.ToArray());

        foreach (var fix in drift.Columns)
        {
            await fixture.QueryAsync(fix.FixSql!);
        }

        Assert.True((await checker.CheckAsync<ScanRow>()).IsEmpty);
    }

    [Fact]
    public async Task A_column_StarRocks_cannot_modify_back_in_place_is_reported_without_a_fix()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        var checker = Checker(context);
        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `name` VARCHAR(2000) NULL DEFAULT \"n/a\"");

        var drift = await checker.CheckAsync<ScanRow>();

        var name = Assert.Single(drift.Columns);
        Assert.Equal(new("name", StarRocksColumnDriftKind.Mistyped, "VARCHAR(1200)", "varchar(2000)", null), name);
        Assert.Contains("cannot modify the column in place", drift.ToString(), StringComparison.Ordinal);
        var shorten = await Assert.ThrowsAsync<MySqlException>(() => context.ExecuteAsync(
            "ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `name` VARCHAR(1200) NULL DEFAULT \"n/a\""));
        Assert.Contains("Cannot shorten string length", shorten.Message, StringComparison.Ordinal);
        var dropDefault = await Assert.ThrowsAsync<MySqlException>(() => context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `name` VARCHAR(3000) NULL"));
        Assert.Contains("Can not change default value", dropDefault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nullability_drift_is_reported_both_ways_with_a_fix_only_where_StarRocks_makes_one()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        var checker = Checker(context);
        await RecreateScanRowsAsync(context, "`id` BIGINT NOT NULL, `bucket` BIGINT NOT NULL, `name` VARCHAR(1200) NULL DEFAULT \"n/a\", `qty` INT NULL");

        var drift = await checker.CheckAsync<ScanRow>();

        var table = $"`{context.Database}`.`scan_rows`";
        Assert.Equal(
        [
            new("bucket", StarRocksColumnDriftKind.TableRefusesNull, "BIGINT", "bigint", $"ALTER TABLE {table} MODIFY COLUMN `bucket` BIGINT NULL"),
            new("qty", StarRocksColumnDriftKind.TableTakesNull, "INT", "int", null),
        ], drift.Columns.ToArray());
        Assert.Contains("TableRefusesNull column bucket (model BIGINT NULL, table bigint NOT NULL)", drift.ToString(), StringComparison.Ordinal);
        Assert.Contains("TableTakesNull column qty (model INT NOT NULL, table int NULL)", drift.ToString(), StringComparison.Ordinal);
        var narrowing = await Assert.ThrowsAsync<MySqlException>(() => context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `qty` INT NOT NULL"));
        Assert.Contains("Can not change from nullable to non-nullable", narrowing.Message, StringComparison.Ordinal);

        await fixture.QueryAsync(drift.Columns[0].FixSql!);

        Assert.Equal(["qty"], (await checker.CheckAsync<ScanRow>()).Columns.Select(c => c.Column));
    }

    [Fact]
    public async Task A_type_change_is_fixed_only_when_the_default_matches_and_never_on_a_primary_key_column()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        var checker = Checker(context);
        await RecreateScanRowsAsync(context, "`id` INT NOT NULL, `bucket` INT NULL, `name` VARCHAR(800) NULL DEFAULT \"n/a\", `qty` SMALLINT NOT NULL DEFAULT \"0\"");

        var drift = await checker.CheckAsync<ScanRow>();

        var table = $"`{context.Database}`.`scan_rows`";
        Assert.Equal(
        [
            new("id", StarRocksColumnDriftKind.Mistyped, "BIGINT", "int", null),
            new("bucket", StarRocksColumnDriftKind.Mistyped, "BIGINT", "int", $"ALTER TABLE {table} MODIFY COLUMN `bucket` BIGINT NULL"),
            new("name", StarRocksColumnDriftKind.Mistyped, "VARCHAR(1200)", "varchar(800)", $"ALTER TABLE {table} MODIFY COLUMN `name` VARCHAR(1200) NULL DEFAULT \"n/a\""),
            new("qty", StarRocksColumnDriftKind.Mistyped, "INT", "smallint", null),
        ], drift.Columns.ToArray());
        var key = await Assert.ThrowsAsync<MySqlException>(() => context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `id` BIGINT NOT NULL"));
        Assert.Contains("Can not modify key column", key.Message, StringComparison.Ordinal);
        var defaulted = await Assert.ThrowsAsync<MySqlException>(() => context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `qty` INT NOT NULL"));
        Assert.Contains("Can not change default value", defaulted.Message, StringComparison.Ordinal);

        foreach (var fix in drift.Columns.Where(c => c.FixSql is not null))
        {
            await fixture.QueryAsync(fix.FixSql!);
        }

        Assert.Equal(["id", "qty"], (await checker.CheckAsync<ScanRow>()).Columns.Select(c => c.Column));
    }

    [Fact]
    public async Task Start_fails_on_drift_when_asked()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` DROP COLUMN `qty`");
        await using var services = new ServiceCollection()
            .AddStarRocks(fixture.Options(context.Database))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .CheckSchemaOnStart<ScanRow>()
            .Services.BuildServiceProvider();

        var failure = await Assert.ThrowsAsync<StarRocksSchemaDriftException>(async () =>
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        });
        Assert.Contains("ADD COLUMN `qty` INT NOT NULL", failure.Message, StringComparison.Ordinal);
    }

    private SchemaDriftChecker Checker(ReadTestContext context) =>
        new(MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString), context.Database);

    /// <summary>Replaces the model's <c>scan_rows</c> with a PRIMARY KEY table of <paramref name="columns"/>, as if created by someone else.</summary>
    private static async Task RecreateScanRowsAsync(ReadTestContext context, string columns)
    {
        await context.ExecuteAsync("DROP TABLE `{db}`.`scan_rows`");
        await context.ExecuteAsync($"CREATE TABLE `{{db}}`.`scan_rows` ({columns}) PRIMARY KEY (`id`) DISTRIBUTED BY HASH(`id`)");
    }
}
