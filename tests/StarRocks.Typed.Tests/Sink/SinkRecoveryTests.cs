using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// Recoverable failures (issue 12): at-least-once surfaces a failure once and loads again; exactly-once resumes the
/// application's source from the state of the last committed checkpoint, with 0 rows lost and 0 duplicated end to end.
/// The source is a list of events whose offset is the application state.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkRecoveryTests(SinkStandInFixture fixture)
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)] // the same fault twice in a row
    [InlineData(true, 1)] // at-least-once over transactions
    [InlineData(true, 2)]
    public async Task At_least_once_a_load_failure_surfaces_once_then_writes_load_again(bool transactions, int failuresInARow)
    {
        var (services, db) = await fixture.StartAsync(o => o.UseTransactionStreamLoad = transactions);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var round = 0; round < failuresInARow; round++)
            {
                fixture.StandIn.Faults.Add(new Fault(FaultKind.Fail, transactions ? FaultPoint.TransactionLoad : FaultPoint.StreamLoad, Message: FaultInjector.TooManyFilteredRows));
                await sink.WriteAsync(Events(100 * round, 5));
                var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
                Assert.Equal(5, error.RowsNotLoaded);
            }

            await sink.FlushAsync(); // surfaced once: nothing more to throw
            await sink.WriteAsync(Events(1000, 7));
            await sink.FlushAsync();
            Assert.Equal(Enumerable.Range(1000, 7).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        }
    }

    [Fact]
    public async Task At_least_once_rows_queued_before_the_failure_is_thrown_are_counted_and_the_rows_after_it_load()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxRows = 5);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            fixture.StandIn.Faults.FailNextLoad(FaultInjector.TooManyFilteredRows);
            StarRocksSinkException? error = null;
            var accepted = 0;
            for (var id = 0; error is null; id++)
            {
                Assert.True(id < 100_000, "the failure never surfaced");
                try
                {
                    await sink.WriteAsync(new SinkEvent { Id = id, Payload = "before" });
                    accepted++;
                }
                catch (StarRocksSinkException e)
                {
                    error = e;
                }
            }

            for (var id = 0; id < 12; id++) await sink.WriteAsync(new SinkEvent { Id = 1_000_000 + id, Payload = "after" });
            await sink.FlushAsync(); // nothing else failed
            var loadedBefore = long.Parse((await fixture.QueryAsync($"SELECT COUNT(*) FROM `{db}`.`events` WHERE payload = 'before'"))[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(error.RowsNotLoaded >= 5, $"{error.RowsNotLoaded}");
            Assert.Equal(accepted, loadedBefore + error.RowsNotLoaded); // every accepted row is loaded or counted, never dropped silently
            Assert.Equal(["12"], await fixture.QueryAsync($"SELECT COUNT(*) FROM `{db}`.`events` WHERE payload = 'after'"));
        }
    }

    [Theory]
    [InlineData(false)] // the stop's final checkpoint commits the pending one
    [InlineData(true)] // the stop fails too; the restart's recovery commits it
    public async Task Exactly_once_a_failed_commit_then_a_graceful_stop_and_a_restart_resume_the_source_without_loss_or_duplicates(bool faultOutlastsStop)
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        var checkpoints = services.GetRequiredService<IStarRocksCheckpoints>();
        var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
        Assert.Null((await checkpoints.RecoverAsync()).ApplicationState);
        await sink.WriteAsync(Events(0, 10));
        await checkpoints.CheckpointAsync("10");
        await sink.WriteAsync(Events(10, 10));
        fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 1000));
        var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("20").AsTask());
        Assert.Equal(10, error.RowsNotLoaded);
        if (!faultOutlastsStop)
        {
            fixture.StandIn.Faults.Clear();
        }

        await sink.WriteAsync(Events(20, 5)); // after the last checkpoint: rolled back on stop, read again from the state
        var host = services.GetServices<IHostedService>().OfType<StarRocksSinkHostedService>().Single();
        var stopError = await Record.ExceptionAsync(() => host.StopAsync(CancellationToken.None));
        await Record.ExceptionAsync(() => services.DisposeAsync().AsTask());
        fixture.StandIn.Faults.Clear();
        Assert.Equal(faultOutlastsStop, stopError is StarRocksSinkException);

        await using (var restarted = Restart(db, journal))
        {
            var recovery = await restarted.GetRequiredService<IStarRocksCheckpoints>().RecoverAsync();
            Assert.Equal("20", recovery.ApplicationState);
            Assert.Empty(recovery.Aborted);
            await restarted.GetRequiredService<IStarRocksSink<SinkEvent>>().WriteAsync(Events(20, 10));
            await restarted.GetRequiredService<IStarRocksCheckpoints>().CheckpointAsync("30");
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        File.Delete(journal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the other table's transaction of that checkpoint was committed already: reported as not atomic
    public async Task Exactly_once_a_prepared_transaction_StarRocks_aborted_resumes_from_the_state_before_it(bool otherTableCommitted)
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (crashed, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        var checkpoints = crashed.GetRequiredService<IStarRocksCheckpoints>();
        var events = crashed.GetRequiredService<IStarRocksSink<SinkEvent>>();
        var items = crashed.GetRequiredService<IStarRocksSink<SinkItem>>();
        await events.WriteAsync(Events(0, 10));
        await items.WriteAsync(Items(0, 10));
        await checkpoints.CheckpointAsync("10");
        await events.WriteAsync(Events(10, 10));
        await items.WriteAsync(Items(10, 10));
        crashed.GetRequiredService<SinkCoordinator>().Checkpoints!.StopAfterJournalForTesting = true;
        await checkpoints.CheckpointAsync("20"); // prepared and journaled, never committed: the process "dies" here
        await crashed.DisposeAsync();

        // StarRocks aborts the prepared transaction of events (prepared_timeout) before the application restarts.
        var transactions = fixture.StandIn.Transactions;
        Assert.True(await transactions.AbortAsync(transactions.Find(db, "sink-events-1")!, "prepared transaction timeout"));
        if (otherTableCommitted)
        {
            using var client = fixture.TransactionClient(db);
            await client.CommitAsync(new StreamLoadTransaction(db, "items", "sink-items-1"));
        }

        await using (var restarted = Restart(db, journal))
        {
            var recovery = await restarted.GetRequiredService<IStarRocksCheckpoints>().RecoverAsync();
            Assert.Equal("10", recovery.ApplicationState);
            Assert.Equal(["sink-events-1"], recovery.Aborted.Select(t => t.Label));
            Assert.Equal(otherTableCommitted ? ["sink-items-1"] : [], recovery.CommittedWithAborted.Select(t => t.Label));
            using var states = fixture.TransactionClient(db);
            Assert.Equal(otherTableCommitted ? LoadState.Visible : LoadState.Aborted, await states.GetLoadStateAsync(db, "sink-items-1"));

            // The application re-reads its source from offset 10.
            await restarted.GetRequiredService<IStarRocksSink<SinkEvent>>().WriteAsync(Events(10, 20));
            await restarted.GetRequiredService<IStarRocksSink<SinkItem>>().WriteAsync(Items(10, 20));
            await restarted.GetRequiredService<IStarRocksCheckpoints>().CheckpointAsync("30");
        }

        await using (var again = Restart(db, journal)) // and a later start: no error, the last state
        {
            Assert.Equal("30", (await again.GetRequiredService<IStarRocksCheckpoints>().RecoverAsync()).ApplicationState);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        Assert.Equal(["30|30"], await fixture.QueryAsync($"SELECT COUNT(*), COUNT(DISTINCT id) FROM `{db}`.`items`"));
        File.Delete(journal);
    }

    [Fact]
    public async Task Exactly_once_a_pending_checkpoint_StarRocks_aborted_while_running_is_resumed_from_in_process()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            var checkpoints = services.GetRequiredService<IStarRocksCheckpoints>();
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Events(0, 10));
            await checkpoints.CheckpointAsync("10");
            await sink.WriteAsync(Events(10, 10));
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 1000));
            await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("20").AsTask()); // pending
            var transactions = fixture.StandIn.Transactions;
            await transactions.AbortAsync(transactions.Find(db, "sink-events-1")!, "prepared transaction timeout");
            fixture.StandIn.Faults.Clear();
            await sink.WriteAsync(Events(20, 3));
            var aborted = await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("23").AsTask());
            Assert.Contains("sink-events-1", aborted.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.CheckpointAsync().AsTask()); // until the application resumes

            var recovery = await checkpoints.RecoverAsync();
            Assert.Equal("10", recovery.ApplicationState);
            await sink.WriteAsync(Events(10, 20));
            await checkpoints.CheckpointAsync("30");
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        File.Delete(journal);
    }

    [Fact]
    public async Task Exactly_once_recovering_after_a_failed_commit_commits_the_pending_checkpoint_and_drops_the_rows_after_it()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            var checkpoints = services.GetRequiredService<IStarRocksCheckpoints>();
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Events(0, 20));
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 1000));
            await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("20").AsTask());
            await sink.WriteAsync(Events(20, 5));
            await sink.FlushAsync(); // in the open transaction
            await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.RecoverAsync().AsTask()); // the commit still fails: try later
            fixture.StandIn.Faults.Clear();

            Assert.Equal("20", (await checkpoints.RecoverAsync()).ApplicationState);
            await sink.WriteAsync(Events(20, 10));
            await checkpoints.CheckpointAsync("30");
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        File.Delete(journal);
    }

    [Fact]
    public async Task Exactly_once_a_failed_load_rolls_back_every_table_and_the_application_resumes_from_the_last_state()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            var checkpoints = services.GetRequiredService<IStarRocksCheckpoints>();
            var events = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var items = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            await events.WriteAsync(Events(0, 10));
            await items.WriteAsync(Items(0, 10));
            await checkpoints.CheckpointAsync("10");
            await items.WriteAsync(Items(10, 5));
            await items.FlushAsync(); // loaded into the open transaction of items
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Fail, FaultPoint.TransactionLoad, Message: FaultInjector.TooManyFilteredRows));
            await events.WriteAsync(Events(10, 5));
            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("15").AsTask());
            Assert.Equal("events", error.Table);

            Assert.Equal("10", (await checkpoints.RecoverAsync()).ApplicationState);
            Assert.Equal(10, await fixture.CountAsync(db, "items"));
            await events.WriteAsync(Events(10, 10));
            await items.WriteAsync(Items(10, 10));
            await checkpoints.CheckpointAsync("20");
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}|1"), await IdCountsAsync(db, "events"));
        Assert.Equal(["20|20"], await fixture.QueryAsync($"SELECT COUNT(*), COUNT(DISTINCT id) FROM `{db}`.`items`"));
        File.Delete(journal);
    }

    [Fact]
    public async Task A_journal_registered_in_the_services_and_a_journal_path_fail_the_start_naming_the_option()
    {
        var path = SinkStandInFixture.NewJournalPath();
        await using var services = new ServiceCollection()
            .AddSingleton<ICheckpointJournal>(new FileCheckpointJournal(SinkStandInFixture.NewJournalPath()))
            .AddStarRocks(fixture.Options("sk_unused", o => SinkStandInFixture.ExactlyOnce(o, path))).AddSink<SinkEvent>()
            .Services.BuildServiceProvider();
        var host = services.GetServices<IHostedService>().OfType<StarRocksSinkHostedService>().Single();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));
        Assert.Contains("sink.exactly-once.journal-path", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ICheckpointJournal), error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    private ServiceProvider Restart(string db, string journal) => new ServiceCollection()
        .AddStarRocks(fixture.Options(db, o => SinkStandInFixture.ExactlyOnce(o, journal)))
        .AddSink<SinkEvent>().AddSink<SinkItem>().Services.BuildServiceProvider();

    private static SinkEvent[] Events(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new SinkEvent { Id = i, Payload = $"offset {i}" })];

    private static SinkItem[] Items(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new SinkItem { Id = i, Name = $"offset {i}", Qty = i })];

    private Task<List<string>> IdCountsAsync(string db, string table) =>
        fixture.QueryAsync($"SELECT id, COUNT(*) FROM `{db}`.`{table}` GROUP BY id ORDER BY id");
}
