using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// Exactly-once after a failed commit (issue 12, defect 1): the transaction is still PREPARED, so it stays journaled until
/// a later checkpoint, the final checkpoint of a graceful stop, or the next start's recovery commits it; no row is lost or
/// loaded twice.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkCommitFailureTests(SinkStandInFixture fixture)
{
    [Theory]
    [InlineData(false)] // the final checkpoint of the stop commits it
    [InlineData(true)] // the stop fails too; the restart's recovery commits it
    public async Task A_checkpoint_whose_commit_failed_is_committed_later_after_a_graceful_stop_and_a_restart(bool faultOutlastsStop)
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
        for (var i = 0; i < 7; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "x" });
        fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 1000)); // outlasts the retries

        var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.CheckpointAsync().AsTask());
        Assert.Equal(7, error.RowsNotLoaded);
        if (!faultOutlastsStop)
        {
            fixture.StandIn.Faults.Clear();
        }

        var stopError = await Record.ExceptionAsync(() => services.DisposeAsync().AsTask()); // graceful stop: the final checkpoint
        fixture.StandIn.Faults.Clear();

        await RestartAndRecoverAsync(db, journal);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"{i}|1").ToList(), await IdCountsAsync(db, "events"));
        if (faultOutlastsStop)
        {
            Assert.Equal(7, Assert.IsType<StarRocksSinkException>(stopError).RowsNotLoaded); // not dropped silently
        }
        else
        {
            Assert.Null(stopError);
        }

        File.Delete(journal);
    }

    [Fact]
    public async Task Two_checkpoints_in_a_row_whose_commits_fail_lose_nothing_over_a_host_stop_and_a_restart()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        var events = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
        var items = services.GetRequiredService<IStarRocksSink<SinkItem>>();
        fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 1000));
        for (var i = 0; i < 5; i++) await events.WriteAsync(new SinkEvent { Id = i, Payload = "checkpoint 1" });
        await Assert.ThrowsAsync<StarRocksSinkException>(() => events.CheckpointAsync().AsTask());
        for (var i = 5; i < 12; i++) await events.WriteAsync(new SinkEvent { Id = i, Payload = "checkpoint 2" });
        for (var i = 0; i < 4; i++) await items.WriteAsync(new SinkItem { Id = i, Name = $"n{i}", Qty = i });
        var committing = fixture.StandIn.Requests.Entries.Count;
        await Assert.ThrowsAsync<StarRocksSinkException>(() => events.CheckpointAsync().AsTask());

        // Every prepared transaction was tried, not only the first one (the earlier checkpoint's is tried again).
        var tried = fixture.StandIn.Requests.Entries.Skip(committing)
            .Where(e => e.Path.StartsWith("/api/transaction/commit", StringComparison.Ordinal) && e.Headers.TryGetValue("db", out var d) && d == db)
            .Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["sink-events-0", "sink-events-1", "sink-items-1"], tried); // items ended the first checkpoint empty: its label id is 1

        var host = services.GetServices<IHostedService>().OfType<StarRocksSinkHostedService>().Single();
        await Assert.ThrowsAsync<StarRocksSinkException>(() => host.StopAsync(CancellationToken.None)); // its final checkpoint fails too
        await Record.ExceptionAsync(() => services.DisposeAsync().AsTask());
        fixture.StandIn.Faults.Clear();

        await RestartAndRecoverAsync(db, journal);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{i}|1").ToList(), await IdCountsAsync(db, "events"));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"{i}|1").ToList(), await IdCountsAsync(db, "items"));
        File.Delete(journal);
    }

    /// <summary>A new process on the same journal: recovers, then writes and checkpoints one more event (id 1000, removed after).</summary>
    private async Task RestartAndRecoverAsync(string db, string journal)
    {
        var restarted = new ServiceCollection()
            .AddStarRocks(fixture.Options(db, o => SinkStandInFixture.ExactlyOnce(o, journal))).AddSink<SinkEvent>().AddSink<SinkItem>().Services.BuildServiceProvider();
        await using (restarted)
        {
            var sink = restarted.GetRequiredService<IStarRocksSink<SinkEvent>>();
            restarted.GetRequiredService<IStarRocksSink<SinkItem>>();
            await restarted.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None);
            await sink.WriteAsync(new SinkEvent { Id = 1000, Payload = "after restart" });
            await sink.CheckpointAsync();
        }

        Assert.Equal(["1"], await fixture.QueryAsync($"SELECT COUNT(*) FROM `{db}`.`events` WHERE id = 1000"));
        await fixture.QueryAsync($"DELETE FROM `{db}`.`events` WHERE id = 1000");
    }

    private Task<List<string>> IdCountsAsync(string db, string table) =>
        fixture.QueryAsync($"SELECT id, COUNT(*) FROM `{db}`.`{table}` GROUP BY id ORDER BY id");
}
