using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

[Collection(SinkStandInCollection.Name)]
public sealed class SinkTransactionTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task Exactly_once_survives_a_crash_between_prepare_and_commit_without_loss_or_duplicates()
    {
        var journal = Path.Combine(Path.GetTempPath(), $"sink-journal-{Guid.NewGuid():N}.json");
        void ExactlyOnce(StarRocksOptions o)
        {
            o.Semantic = StarRocksSinkSemantic.ExactlyOnce;
            o.JournalPath = journal;
            o.BufferFlushMaxRows = 25; // chunks go into the transaction as buffers fill
        }

        var (crashed, db) = await fixture.StartAsync(ExactlyOnce);
        var coordinator = crashed.GetRequiredService<SinkCoordinator>();
        var sink = crashed.GetRequiredService<IStarRocksSink<SinkEvent>>();
        for (var i = 0; i < 100; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "checkpoint 1" });
        await sink.CheckpointAsync();
        for (var i = 100; i < 150; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "checkpoint 2" });
        coordinator.Checkpoints!.StopAfterJournalForTesting = true;
        await sink.CheckpointAsync(); // prepared and journaled, never committed: the process "dies" here
        for (var i = 150; i < 170; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "in flight" });
        await sink.FlushAsync(); // loaded into a begun, never prepared transaction (lingering)
        Assert.Equal(100, await fixture.CountAsync(db, "events"));

        // A new process with the same journal (and the same database: the crashed sink's options).
        var restarted = new ServiceCollection()
            .AddStarRocks(fixture.Options(db, ExactlyOnce)).AddSink<SinkEvent>().Services.BuildServiceProvider();
        await using (restarted)
        {
            var again = restarted.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await restarted.GetRequiredService<SinkCoordinator>().StartAsync(CancellationToken.None);
            Assert.Equal(150, await fixture.CountAsync(db, "events"));
            for (var i = 150; i < 170; i++) await again.WriteAsync(new SinkEvent { Id = i, Payload = "replayed" });
            await again.CheckpointAsync();
        }

        var ids = await fixture.QueryAsync($"SELECT id, COUNT(*) FROM `{db}`.`events` GROUP BY id HAVING COUNT(*) > 1");
        Assert.Empty(ids);
        Assert.Equal(170, await fixture.CountAsync(db, "events"));
        Assert.Equal(["0"], await fixture.QueryAsync($"SELECT COUNT(*) FROM `{db}`.`events` WHERE payload = 'in flight'"));
        File.Delete(journal);
    }

    [Fact]
    public async Task At_least_once_with_transaction_stream_load_commits_the_chunks_of_a_flush_in_one_transaction()
    {
        var (services, db) = await fixture.StartAsync(o =>
        {
            o.UseTransactionStreamLoad = true;
            o.BufferFlushMaxRows = 10;
        });
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 0; i < 35; i++) await sink.WriteAsync(new SinkItem { Id = i, Name = $"n{i}", Qty = i });
            await sink.FlushAsync();
            Assert.Equal(35, await fixture.CountAsync(db, "items"));
            var calls = fixture.StandIn.Requests.Entries.Where(e => e.Node == "be" && e.Path.StartsWith("/api/transaction/", StringComparison.Ordinal)
                && e.Label is { } label && label.Contains("-items-", StringComparison.Ordinal) && e.Headers.TryGetValue("db", out var d) && d == db).ToList();
            Assert.Equal(4, calls.Count(c => c.Path.StartsWith("/api/transaction/load", StringComparison.Ordinal)));
            Assert.Single(calls.Select(c => c.Label).Distinct());
        }
    }

    [Theory]
    [InlineData(FaultPoint.TransactionLoad)]
    [InlineData(FaultPoint.TransactionPrepare)]
    [InlineData(FaultPoint.TransactionCommit)]
    public async Task At_least_once_with_transaction_stream_load_rolls_back_a_transaction_that_failed_for_good(FaultPoint point)
    {
        var (services, db) = await fixture.StartAsync(o => o.UseTransactionStreamLoad = true);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            // Loads are never retried; prepare and commit are, so their fault outlasts the retries (sink.max-retries = 3).
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, point, Times: point == FaultPoint.TransactionLoad ? 1 : 10));
            for (var i = 0; i < 5; i++) await sink.WriteAsync(new SinkItem { Id = i, Name = $"n{i}", Qty = i });

            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
            fixture.StandIn.Faults.Clear();
            var label = Assert.IsType<StarRocksLoadException>(error.InnerException).Label;
            Assert.NotNull(label);
            Assert.Equal(5, error.RowsNotLoaded); // the rolled-back transaction's rows, also when its chunk was loaded
            Assert.Contains(fixture.StandIn.Requests.Entries, e => e.Path.StartsWith("/api/transaction/rollback", StringComparison.Ordinal)
                && e.Label == label && e.Headers.TryGetValue("db", out var d) && d == db);
            var options = new StarRocksOptions();
            fixture.Options(db)(options);
            using var states = new TransactionStreamLoadClient(options.Connection);
            Assert.Equal(LoadState.Aborted, await states.GetLoadStateAsync(db, label));
            Assert.Equal(0, await fixture.CountAsync(db, "items"));
        }
    }
}
