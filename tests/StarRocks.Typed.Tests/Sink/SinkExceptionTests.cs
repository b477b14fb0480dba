using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// Every sink-facing failure is a <see cref="StarRocksSinkException"/> with the <see cref="StarRocksLoadException"/> as its
/// inner exception (writes, flushes, checkpoints, host start), and its message agrees with <see cref="StarRocksSinkException.RowsNotLoaded"/>.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkExceptionTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task A_checkpoint_whose_commit_fails_throws_a_sink_exception_counting_the_transaction_rows()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 7; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "x" });
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 10)); // outlasts the retries

            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.CheckpointAsync().AsTask());
            fixture.StandIn.Faults.Clear();
            Assert.Equal("sink-events-0", Assert.IsType<StarRocksLoadException>(error.InnerException).Label);
            Assert.Equal((db, "events", 7L), (error.Database, error.Table, error.RowsNotLoaded));
            Assert.Contains("7 buffered row(s)", error.Message, StringComparison.Ordinal);
        }

        File.Delete(journal);
    }

    [Fact]
    public async Task A_final_checkpoint_whose_commit_fails_on_dispose_is_thrown()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, _) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
        for (var i = 0; i < 3; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = "x" });
        fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 10));

        var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => services.DisposeAsync().AsTask()); // no caller saw it: not dropped silently
        fixture.StandIn.Faults.Clear();
        Assert.Equal(3, error.RowsNotLoaded);
        File.Delete(journal);
    }

    [Fact]
    public async Task A_failed_recovery_fails_the_host_start_with_a_sink_exception()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, db) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        using var client = fixture.TransactionClient(db);
        // A crashed process prepared sink-events-0 and journaled it; the start commits it, but the commit keeps failing.
        var crashed = await client.BeginAsync(db, "events", "sink-events-0");
        using (var body = new LoadBatch())
        {
            body.Write(Encoding.UTF8.GetBytes("1000\tcrashed\n").AsSpan());
            body.AddRows();
            await client.LoadAsync(crashed, body);
        }

        await client.PrepareAsync(crashed);
        await new FileCheckpointJournal(journal).WriteAsync(new CheckpointRecord(0, [new PreparedTransaction(db, "events", "sink-events-0")]));
        await using (services)
        {
            services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Http500, FaultPoint.TransactionCommit, Times: 10));
            var host = services.GetServices<IHostedService>().OfType<StarRocksSinkHostedService>().Single();

            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => host.StartAsync(CancellationToken.None));
            fixture.StandIn.Faults.Clear();
            Assert.Equal("sink-events-0", Assert.IsType<StarRocksLoadException>(error.InnerException).Label);
            Assert.Equal((db, "events"), (error.Database, error.Table));
            Assert.Equal(LoadState.Prepared, await client.GetLoadStateAsync(db, "sink-events-0")); // still journaled for the next start
        }

        await client.RollbackAsync(crashed);
        File.Delete(journal);
    }

    [Fact]
    public async Task The_message_counts_the_rows_not_loaded_behind_the_failed_batch()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxRows = 10);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            var slots = services.GetRequiredService<SinkCoordinator>().IoSlots;
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StarRocksOptions>>().Value;
            for (var i = 0; i < options.IoThreadCount; i++) await slots.WaitAsync(); // batches queue up behind the first
            fixture.StandIn.Faults.FailNextLoad(FaultInjector.TooManyFilteredRows);
            for (var i = 0; i < 25; i++) await sink.WriteAsync(new SinkItem { Id = i, Name = $"n{i}", Qty = i }); // 10 + 10 sealed, 5 active
            slots.Release(options.IoThreadCount);

            var error = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
            Assert.Equal(25, error.RowsNotLoaded);
            Assert.Contains("25 buffered row(s)", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, await fixture.CountAsync(db, "items"));
        }
    }
}
