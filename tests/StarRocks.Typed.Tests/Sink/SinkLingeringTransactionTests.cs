using System.Buffers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// Exactly-once start: transactions a crashed instance left behind with the sink's next labels are rolled back
/// (<c>sink.exactly-once.enable-abort-lingering-txn</c>, <c>sink.exactly-once.check-num-lingering-txn</c>).
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkLingeringTransactionTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task Lingering_transactions_with_the_next_labels_are_rolled_back_and_the_new_checkpoint_commits()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            // A crashed instance: three prepared checkpoints nobody journaled as complete, and one still in PREPARE.
            await LeaveTransactionAsync(db, "events", "sink-events-0", LoadState.Prepared);
            await LeaveTransactionAsync(db, "events", "sink-events-1", LoadState.Prepared);
            await LeaveTransactionAsync(db, "events", "sink-events-2", LoadState.Prepared);
            await LeaveTransactionAsync(db, "events", "sink-events-3", LoadState.Prepare);
            await LeaveTransactionAsync(db, "items", "sink-items-0", LoadState.Prepared);

            var events = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await services.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None);
            Assert.Equal(5, LoadStateProbes(db, "sink-events-")); // four lingering labels, then the first unknown one
            using var states = fixture.TransactionClient(db);
            for (var id = 0; id < 4; id++)
            {
                Assert.Equal(LoadState.Aborted, await states.GetLoadStateAsync(db, $"sink-events-{id}"));
            }

            Assert.Equal(0, await fixture.CountAsync(db, "events"));

            for (var i = 0; i < 10; i++) await events.WriteAsync(new SinkEvent { Id = i, Payload = "new" });
            await events.CheckpointAsync();
            Assert.Equal(10, await fixture.CountAsync(db, "events"));
            Assert.Equal(LoadState.Visible, await states.GetLoadStateAsync(db, "sink-events-0"));

            // A table whose sink is first resolved after recovery is checked before its first transaction.
            var items = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 0; i < 5; i++) await items.WriteAsync(new SinkItem { Id = i, Name = "new", Qty = i });
            await items.CheckpointAsync();
            Assert.Equal(["5|0"], await fixture.QueryAsync($"SELECT COUNT(*), SUM(name = 'lingering') FROM `{db}`.`items`"));
            Assert.Equal(LoadState.Visible, await states.GetLoadStateAsync(db, "sink-items-0"));
        }

        File.Delete(journal);
    }

    [Fact]
    public async Task A_committed_label_ahead_fails_the_start_telling_to_use_a_new_label_prefix()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await LeaveTransactionAsync(db, "events", "sink-events-0", LoadState.Prepared);
        await LeaveTransactionAsync(db, "events", "sink-events-1", LoadState.Visible);
        await using (services)
        {
            services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => services.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None));
            Assert.Contains("sink-events-1", error.Message, StringComparison.Ordinal);
            Assert.Contains("VISIBLE", error.Message, StringComparison.Ordinal);
            Assert.Contains("new sink.label-prefix", error.Message, StringComparison.Ordinal);
            Assert.Equal((db, "events"), (error.Database, error.Table));
            Assert.Equal("sink-events-1", Assert.IsType<StarRocksLoadException>(error.InnerException).Label);
        }

        using var states = fixture.TransactionClient(db);
        Assert.Equal(LoadState.Aborted, await states.GetLoadStateAsync(db, "sink-events-0"));
        Assert.Equal(1, await fixture.CountAsync(db, "events")); // only the committed transaction's row
        File.Delete(journal);
    }

    [Fact]
    public async Task A_committed_label_ahead_of_a_table_checked_after_recovery_faults_its_sink_and_dispose_does_not_rethrow_it()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await LeaveTransactionAsync(db, "items", "sink-items-0", LoadState.Visible); // e.g. another sink with the same prefix
        await using (services)
        {
            services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await services.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None); // events: nothing lingering

            var items = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 0; i < 3; i++) await items.WriteAsync(new SinkItem { Id = i, Name = "new", Qty = i });
            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => items.CheckpointAsync().AsTask());
            Assert.Contains("sink-items-0", error.Message, StringComparison.Ordinal);
            Assert.Contains("new sink.label-prefix", error.Message, StringComparison.Ordinal);
        } // the failure was seen: disposing does not throw it again

        Assert.Equal(["1|1"], await fixture.QueryAsync($"SELECT COUNT(*), SUM(name = 'lingering') FROM `{db}`.`items`"));
        File.Delete(journal);
    }

    [Fact]
    public async Task Check_num_limits_the_labels_probed_and_the_check_can_be_turned_off()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o =>
        {
            SinkStandInFixture.ExactlyOnce(o, journal);
            o.LingeringTransactionCheckCount = 2;
        });
        for (var id = 0; id < 4; id++)
        {
            await LeaveTransactionAsync(db, "events", $"sink-events-{id}", LoadState.Prepared);
        }

        using var states = fixture.TransactionClient(db);
        await using (services)
        {
            services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await services.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None);
            Assert.Equal(2, LoadStateProbes(db, "sink-events-"));
            Assert.Equal(LoadState.Aborted, await states.GetLoadStateAsync(db, "sink-events-0"));
            Assert.Equal(LoadState.Aborted, await states.GetLoadStateAsync(db, "sink-events-1"));
            Assert.Equal(LoadState.Prepared, await states.GetLoadStateAsync(db, "sink-events-2"));
        }

        // enable-abort-lingering-txn = false: no probe at all, the prepared transactions stay.
        var off = new ServiceCollection()
            .AddStarRocks(fixture.Options(db, o =>
            {
                SinkStandInFixture.ExactlyOnce(o, journal);
                o.AbortLingeringTransactions = false;
            }))
            .AddSink<SinkEvent>().Services.BuildServiceProvider();
        var before = LoadStateProbes(db, "sink-events-");
        await using (off)
        {
            off.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await off.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None);
            Assert.Equal(before, LoadStateProbes(db, "sink-events-"));
            Assert.Equal(LoadState.Prepared, await states.GetLoadStateAsync(db, "sink-events-3"));
        }

        foreach (var label in new[] { "sink-events-2", "sink-events-3" })
        {
            await states.RollbackAsync(new StreamLoadTransaction(db, "events", label));
        }

        Assert.Equal(0, await fixture.CountAsync(db, "events"));
        File.Delete(journal);
    }

    /// <summary>get_load_state requests the stand-in received for labels of <paramref name="db"/> starting with <paramref name="labelStart"/>.</summary>
    private int LoadStateProbes(string db, string labelStart) => fixture.StandIn.Requests.Entries.Count(e =>
        e.Path.StartsWith($"/api/{db}/get_load_state?", StringComparison.Ordinal) && e.Path.Contains($"label={labelStart}", StringComparison.Ordinal));

    /// <summary>Begins a transaction with <paramref name="label"/>, loads one row (id 1000, 'lingering') and leaves it in <paramref name="state"/>.</summary>
    private async Task LeaveTransactionAsync(string db, string table, string label, LoadState state)
    {
        using var client = fixture.TransactionClient(db);
        var transaction = await client.BeginAsync(db, table, label);
        using (var body = new LoadBatch())
        {
            body.Write(Encoding.UTF8.GetBytes(table == "items" ? "1000\tlingering\t1\n" : "1000\tlingering\n").AsSpan());
            body.AddRows();
            await client.LoadAsync(transaction, body);
        }

        if (state is LoadState.Prepared or LoadState.Visible)
        {
            await client.PrepareAsync(transaction);
        }

        if (state is LoadState.Visible)
        {
            await client.CommitAsync(transaction);
        }
    }
}
