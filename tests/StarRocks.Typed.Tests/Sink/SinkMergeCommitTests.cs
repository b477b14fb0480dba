using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>The sink with Merge Commit (<c>sink.properties.enable_merge_commit</c>) against the stand-in.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkMergeCommitTests(SinkStandInFixture fixture)
{
    private static SinkEvent Event(int id) => new() { Id = id, Payload = $"payload-{id:D6}" };

    private static Action<StarRocksOptions> MergeCommit(int intervalMs, Action<StarRocksOptions>? more = null) => o =>
    {
        o.Connection.Properties["enable_merge_commit"] = "true";
        o.Connection.Properties["merge_commit_interval_ms"] = intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        more?.Invoke(o);
    };

    private List<StandIn.Observation.RequestLogEntry> LoadsInto(string db) =>
        fixture.StandIn.Requests.Entries.Where(e => e.Node == "be" && e.Path == $"/api/{db}/events/_stream_load").ToList();

    [Fact]
    public async Task Many_writers_flushing_small_batches_make_fewer_transactions_than_loads_and_every_row_arrives()
    {
        var (services, db) = await fixture.StartAsync(MergeCommit(400, o => o.BufferFlushMaxRows = 10));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++) await sink.WriteAsync(Event(writer * 1000 + i));
            })));
            await sink.FlushAsync();
            Assert.Equal(320, await fixture.CountAsync(db, "events")); // at-least-once: in StarRocks when FlushAsync returns

            var loads = LoadsInto(db);
            var merged = fixture.StandIn.MergeCommits.For(db, "events");
            Assert.Equal(32, loads.Count);
            Assert.All(loads, l => Assert.False(l.Headers.ContainsKey("label")));
            Assert.Equal(32, merged.Sum(m => m.Loads));
            Assert.True(merged.Count < loads.Count / 2, $"{merged.Count} transactions for {loads.Count} loads");
            Assert.All(merged, m => Assert.Equal(TransactionState.Visible, m.State));
        }
    }

    [Fact]
    public async Task With_no_concurrent_requests_each_load_is_committed_before_the_next_is_sent()
    {
        var (services, db) = await fixture.StartAsync(MergeCommit(150, o =>
        {
            o.BufferFlushMaxRows = 10;
            o.MergeCommitMaxConcurrentRequests = 0;
        }));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 40; i++) await sink.WriteAsync(Event(i));
            await sink.FlushAsync();

            Assert.Equal(40, await fixture.CountAsync(db, "events"));
            var merged = fixture.StandIn.MergeCommits.For(db, "events");
            Assert.Equal(4, merged.Count);
            Assert.All(merged, m => Assert.Equal(1, m.Loads));
            Assert.Equal(merged.OrderBy(m => m.OpenedAt).Select(m => m.TxnId), merged.OrderBy(m => m.TxnId).Select(m => m.TxnId));
        }
    }

    [Fact]
    public async Task A_batch_is_at_most_the_chunk_size()
    {
        var (services, db) = await fixture.StartAsync(MergeCommit(100, o => o.MergeCommitChunkSize = 1000));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 200; i++) await sink.WriteAsync(Event(i));
            await sink.FlushAsync();

            Assert.Equal(200, await fixture.CountAsync(db, "events"));
            var loads = LoadsInto(db);
            Assert.True(loads.Count >= 4, $"{loads.Count} loads");
            Assert.All(loads, l => Assert.InRange(l.BodyBytes, 1, 1000));
        }
    }

    [Fact]
    public async Task A_merged_transaction_StarRocks_aborts_surfaces_once_with_its_rows_and_the_sink_loads_again()
    {
        var (services, db) = await fixture.StartAsync(MergeCommit(100));
        await using (services)
        {
            await fixture.NarrowEventPayloadAsync(db);
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Event(1));
            await sink.WriteAsync(new SinkEvent { Id = 2, Payload = new string('x', 100) }); // fits the model, not the narrowed table
            var e = await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
            Assert.Contains("There is a data quality issue", e.ToString());
            Assert.Equal(2, e.RowsNotLoaded);

            await sink.WriteAsync(Event(3));
            await sink.FlushAsync();
            Assert.Equal(["3"], await fixture.QueryAsync($"SELECT id FROM `{db}`.`events`"));
        }
    }
}
