using MySqlConnector;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.Tests.Sink;
using static StarRocks.Typed.Tests.Cdc.CdcSinkHarness;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>
/// Schema-change jobs that do not finish at once: the stand-in records every job FINISHED, so a MariaDB trigger on its
/// job table records this test database's jobs RUNNING, and the test moves them on.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class CdcSchemaChangeJobTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task A_running_job_is_awaited_until_FINISHED_and_fails_when_CANCELLED_or_past_the_timeout()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_job"));
        var table = new CdcTableId(harness.Database, "jobs");
        var trigger = $"`{SchemaCatalog.StateDatabase}`.`running_{harness.Database}`";
        await MariaDbAsync($"""
            CREATE TRIGGER {trigger} BEFORE INSERT ON `{SchemaCatalog.StateDatabase}`.`alter_jobs` FOR EACH ROW
            SET NEW.State = IF(NEW.DbName = '{harness.Database}', 'RUNNING', NEW.State)
            """);
        try
        {
            var (services, sink) = harness.Start(cdc: o => o.SchemaChangeTimeout = TimeSpan.FromSeconds(2));
            await using (services)
            {
                await sink.ApplyAsync(new CreateTableEvent(new(table, [new("id", new(CdcTypeKind.Int), Nullable: false)], ["id"])), CancellationToken.None);

                var finishing = sink.ApplyAsync(new AddColumnEvent(table, new("a", new(CdcTypeKind.Int))), CancellationToken.None).AsTask();
                await Task.Delay(300);
                Assert.False(finishing.IsCompleted); // polling a RUNNING job
                await SetLatestJobAsync(harness.Database, "FINISHED", "");
                await finishing;

                var cancelled = sink.ApplyAsync(new AddColumnEvent(table, new("b", new(CdcTypeKind.Int))), CancellationToken.None).AsTask();
                await Task.Delay(300);
                await SetLatestJobAsync(harness.Database, "CANCELLED", "disk full");
                var e = await Assert.ThrowsAsync<StarRocksCdcException>(() => cancelled);
                Assert.Contains("cancelled", e.Message, StringComparison.Ordinal);
                Assert.Contains("disk full", e.Message, StringComparison.Ordinal);

                var started = DateTime.UtcNow;
                var late = await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.ApplyAsync(new AddColumnEvent(table, new("c", new(CdcTypeKind.Int))), CancellationToken.None).AsTask());
                Assert.Contains("did not finish within table.schema-change.timeout (2 s)", late.Message, StringComparison.Ordinal);
                Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            await MariaDbAsync($"DROP TRIGGER IF EXISTS {trigger}");
        }
    }

    private Task SetLatestJobAsync(string database, string state, string message) => MariaDbAsync(
        $"UPDATE `{SchemaCatalog.StateDatabase}`.`alter_jobs` SET State = '{state}', Msg = '{message}' WHERE DbName = '{database}' ORDER BY JobId DESC LIMIT 1");

    private async Task MariaDbAsync(string sql)
    {
        await using var connection = new MySqlConnection(fixture.StandIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
