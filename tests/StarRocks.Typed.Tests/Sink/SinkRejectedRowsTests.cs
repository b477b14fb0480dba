using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>
/// Rows StarRocks filters out of a successful load (<c>max_filter_ratio</c> &gt; 0) reach <c>OnRejectedRows</c> with the
/// table, label, count and the <c>ErrorURL</c> lines, fetched without credentials; a failing handler does not fail the flush.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkRejectedRowsTests(SinkStandInFixture fixture)
{
    private static readonly string TooLong = new('x', 100); // fits the model's payload, not the narrowed table's (NarrowEventPayloadAsync)

    [Fact]
    public async Task Filtered_rows_reach_the_handler_with_table_label_count_and_StarRocks_reasons()
    {
        var received = new List<StarRocksRejectedRows>();
        var (services, db) = await fixture.StartAsync(o =>
        {
            o.Connection.Properties["max_filter_ratio"] = "0.5";
            o.OnRejectedRows = (rows, _) =>
            {
                lock (received) received.Add(rows);
                return ValueTask.CompletedTask;
            };
        });
        await using (services)
        {
            await fixture.NarrowEventPayloadAsync(db);
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Enumerable.Range(0, 6).Select(i => new SinkEvent { Id = i, Payload = i % 3 == 0 ? TooLong + i : "ok" }).ToList());
            await sink.FlushAsync();

            var rejected = Assert.Single(received);
            Assert.Equal((db, "events", 2L), (rejected.Database, rejected.Table, rejected.FilteredRows));
            Assert.StartsWith("sink-events-", rejected.Label, StringComparison.Ordinal);
            Assert.False(rejected.Truncated);
            Assert.Equal(2, rejected.Lines.Count);
            Assert.All(rejected.Lines, l => Assert.Contains("too long than schema", l, StringComparison.Ordinal));
            Assert.Contains(rejected.Lines, l => l.Contains(TooLong + "0", StringComparison.Ordinal));
            Assert.Contains(rejected.Lines, l => l.Contains(TooLong + "3", StringComparison.Ordinal));
            Assert.Equal(4, await fixture.CountAsync(db, "events"));

            var file = new Uri(rejected.ErrorUrl!).PathAndQuery;
            var errorLog = Assert.Single(fixture.StandIn.Requests.Entries, r => r.Path == file);
            Assert.Equal(("be", 200), (errorLog.Node, errorLog.Status));
            Assert.False(errorLog.Headers.ContainsKey("Authorization"));
        }
    }

    [Fact]
    public async Task A_throwing_handler_does_not_fail_the_flush()
    {
        var calls = 0;
        var (services, db) = await fixture.StartAsync(o =>
        {
            o.Connection.Properties["max_filter_ratio"] = "0.5";
            o.OnRejectedRows = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                throw new InvalidOperationException("dead-letter store down");
            };
        });
        await using (services)
        {
            await fixture.NarrowEventPayloadAsync(db);
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync([new SinkEvent { Id = 1, Payload = TooLong }, new SinkEvent { Id = 2, Payload = "ok" }]);
            await sink.FlushAsync();
            await sink.WriteAsync(new SinkEvent { Id = 3, Payload = "ok" });
            await sink.FlushAsync(); // the region is not faulted

            Assert.Equal(1, calls);
            Assert.Equal(2, await fixture.CountAsync(db, "events"));
        }
    }
}
