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
        var checker = new SchemaDriftChecker(MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString), context.Database);
        Assert.True((await checker.CheckAsync<ScanRow>()).IsEmpty);

        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` DROP COLUMN `qty`");
        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` ADD COLUMN `extra` INT NULL");
        await context.ExecuteAsync("ALTER TABLE `{db}`.`scan_rows` MODIFY COLUMN `name` VARCHAR(2000) NULL DEFAULT \"n/a\""); // StarRocks keeps a default through MODIFY
        var drift = await checker.CheckAsync<ScanRow>();

        Assert.False(drift.IsEmpty);
        var table = $"`{context.Database}`.`scan_rows`";
        Assert.Equal(
        [
            new("name", StarRocksColumnDriftKind.Mistyped, "VARCHAR(1200)", "varchar(2000)", $"ALTER TABLE {table} MODIFY COLUMN `name` VARCHAR(1200) NULL DEFAULT \"n/a\""),
            new("qty", StarRocksColumnDriftKind.Missing, "INT", null, $"ALTER TABLE {table} ADD COLUMN `qty` INT NOT NULL AFTER `name`"),
            new("extra", StarRocksColumnDriftKind.Extra, null, "int", $"ALTER TABLE {table} DROP COLUMN `extra`"),
        ], drift.Columns.ToArray());

        foreach (var fix in drift.Columns.Where(c => c.Kind != StarRocksColumnDriftKind.Mistyped))
        {
            await fixture.QueryAsync(fix.FixSql);
        }

        // StarRocks does not shorten a VARCHAR (Column.checkSchemaChangeAllowed): the wider live column stays.
        var shorten = await Assert.ThrowsAsync<MySqlException>(() => fixture.QueryAsync(drift.Columns[0].FixSql));
        Assert.Equal("Cannot shorten string length", shorten.Message);
        Assert.Equal(["name"], (await checker.CheckAsync<ScanRow>()).Columns.Select(c => c.Column));
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
}
