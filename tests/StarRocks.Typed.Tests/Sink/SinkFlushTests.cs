using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Observation;

namespace StarRocks.Typed.Tests.Sink;

[Collection(SinkStandInCollection.Name)]
public sealed class SinkFlushTests(SinkStandInFixture fixture)
{
    private static SinkEvent Event(int id) => new() { Id = id, Payload = $"payload-{id:D6}-padding-padding-padding" };

    private IEnumerable<RequestLogEntry> LoadsInto(string db) =>
        fixture.StandIn.Requests.Entries.Where(e => e.Node == "be" && e.Path.Contains($"/{db}/", StringComparison.Ordinal) && e.LoadStatus == "Success");

    [Fact]
    public async Task Max_rows_flushes_a_batch_per_row_limit_without_FlushAsync()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxRows = 50);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 120; i++) await sink.WriteAsync(Event(i));
            await WaitUntilAsync(async () => await fixture.CountAsync(db, "events") == 100);
            Assert.Equal(2, LoadsInto(db).Count());
        }
    }

    [Fact]
    public async Task Max_bytes_flushes_when_the_buffered_bytes_reach_the_limit()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxBytes = 4096);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var i = 0; i < 200; i++) await sink.WriteAsync(Event(i)); // ~9 KB
            await WaitUntilAsync(() => Task.FromResult(LoadsInto(db).Count() >= 2));
            Assert.InRange(await fixture.CountAsync(db, "events"), 100, 199); // the rest waits for the next trigger
        }
    }

    [Fact]
    public async Task Interval_flushes_rows_older_than_the_interval()
    {
        // timed by when the load reached the BE, not by polling, so that a slow machine cannot fail it
        var interval = TimeSpan.FromMilliseconds(300);
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushInterval = interval);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var written = DateTimeOffset.UtcNow;
            await sink.WriteAsync(Event(1));
            await WaitUntilAsync(async () => await fixture.CountAsync(db, "events") == 1);
            Assert.InRange(Assert.Single(LoadsInto(db)).At - written, interval, TimeSpan.MaxValue);
        }
    }

    [Fact]
    public async Task Scan_frequency_is_how_often_batch_ages_are_checked_against_the_interval()
    {
        // a row 100 ms old is not sealed before the first scan, 1.5 s after the sink started
        var scanFrequency = TimeSpan.FromMilliseconds(1500);
        var started = DateTimeOffset.UtcNow;
        var (services, db) = await fixture.StartAsync(o => (o.BufferFlushInterval, o.ScanFrequency) = (TimeSpan.FromMilliseconds(100), scanFrequency));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Event(1));
            await WaitUntilAsync(async () => await fixture.CountAsync(db, "events") == 1);
            Assert.InRange(Assert.Single(LoadsInto(db)).At - started, scanFrequency, TimeSpan.MaxValue);
        }
    }

    [Fact]
    public async Task Concurrent_writers_of_one_table_load_every_row_once_and_intact()
    {
        // Writers serialize in parallel (each into its own thread's row buffer) and append under the region's lock.
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxRows = 64_000);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; i < 5_000; i++) await sink.WriteAsync(Event(writer * 5_000 + i));
            })));
            await sink.FlushAsync();
            var summary = await fixture.QueryAsync($"SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id), SUM(payload = CONCAT('payload-', LPAD(id, 6, '0'), '-padding-padding-padding')) FROM `{db}`.`events`");
            Assert.Equal("20000|20000|0|19999|20000", summary[0]);
        }
    }

    [Fact]
    public async Task VARBINARY_values_up_to_the_column_length_load_exactly_through_CSV()
    {
        // base64 in the CSV field, decoded by StarRocks's VarBinaryConverter: a 4-byte value fits VARBINARY(4)
        byte[][] blobs = [[], [0], [0x09, 0x0A], [0x22, 0x00, 0x5C], [0xFF, 0xFE, 0x00, 0x22]];
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkBlob>>();
            for (var i = 0; i < blobs.Length; i++)
                await sink.WriteAsync(new SinkBlob { Id = i, Data = blobs[i] });
            await sink.WriteAsync(new SinkBlob { Id = blobs.Length, Data = null });
            await sink.FlushAsync();
            Assert.Equal([.. blobs.Select((b, i) => $"{i}|{Convert.ToHexString(b)}"), $"{blobs.Length}|NULL"],
                await fixture.QueryAsync($"SELECT id, hex(data) FROM `{db}`.`blobs` ORDER BY id"));
        }
    }

    [Fact]
    public async Task Strings_with_quotes_separators_and_NUL_load_exactly_through_CSV()
    {
        // written enclosed or with doubled quotes/NULs, read back by the stand-in's port of StarRocks's CSV reader
        string[] names = ["\"", "\"hi", "say \"hi\"", "end\"", "a\tb", "line\nbreak", "nul\0x", "\\\\N", "😀"];
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 0; i < names.Length; i++)
                await sink.WriteAsync(new SinkItem { Id = i, Name = names[i], Qty = i });
            await sink.FlushAsync();
            Assert.Equal(names, await fixture.QueryAsync($"SELECT name FROM `{db}`.`items` ORDER BY id"));
        }
    }

    [Theory]
    [InlineData("\\N")] // StarRocks would read it as NULL: no faithful CSV form
    public async Task A_row_rejected_half_way_is_cut_out_of_the_batch(string name)
    {
        // The id field is already in the batch when the name is refused: the batch must be cut back, never half a row.
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            await sink.WriteAsync(new SinkItem { Id = 1, Name = "before", Qty = 1 });
            var rejected = await Assert.ThrowsAsync<StarRocks.Typed.Serialization.StarRocksSerializationException>(
                async () => await sink.WriteAsync(new SinkItem { Id = 2, Name = name, Qty = 2 }));
            Assert.Contains("name", rejected.Message, StringComparison.Ordinal);
            await sink.WriteAsync(new SinkItem { Id = 3, Name = "after", Qty = 3 });
            await sink.FlushAsync();
            Assert.Equal(["1|before|1", "3|after|3"], await fixture.QueryAsync($"SELECT id, name, qty FROM `{db}`.`items` ORDER BY id"));
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task A_string_longer_than_its_column_in_bytes_is_refused_naming_member_and_column_and_cut_out_of_the_batch(string format)
    {
        // name is VARCHAR(1200) (Length = 400 characters × 3): 600 two-byte characters fit exactly, 601 do not.
        var (services, db) = await fixture.StartAsync(o => o.Connection.Properties["format"] = format);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            var atLimit = new string('é', 600);
            await sink.WriteAsync(new SinkItem { Id = 1, Name = atLimit, Qty = 1 });
            var refused = await Assert.ThrowsAsync<StarRocks.Typed.Serialization.StarRocksSerializationException>(
                async () => await sink.WriteAsync(new SinkItem { Id = 2, Name = atLimit + "é", Qty = 2 }));
            Assert.Equal(("name", "Name"), (refused.Column, refused.Member));
            Assert.StartsWith("Column 'name' (member Name): String (length=1202) is too long. The max length of 'name' is 1200", refused.Message, StringComparison.Ordinal);
            await sink.WriteAsync(new SinkItem { Id = 3, Name = "after", Qty = 3 });
            await sink.FlushAsync();
            Assert.Equal([$"1|{atLimit}", "3|after"], await fixture.QueryAsync($"SELECT id, name FROM `{db}`.`items` ORDER BY id"));
        }
    }

    [Fact]
    public async Task Dispose_loads_the_buffered_rows()
    {
        var (services, db) = await fixture.StartAsync();
        var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
        for (var i = 0; i < 10; i++) await sink.WriteAsync(Event(i));
        Assert.Equal(0, await fixture.CountAsync(db, "events"));
        await services.DisposeAsync();
        Assert.Equal(10, await fixture.CountAsync(db, "events"));
    }

    [Fact]
    public async Task Host_stop_drains_every_table()
    {
        var (setup, db) = await fixture.StartAsync();
        await setup.DisposeAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddStarRocks(fixture.Options(db)).AddSinks(visitor => { visitor.Visit<SinkEvent>(); visitor.Visit<SinkItem>(); });
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IStarRocksSink<SinkEvent>>().WriteAsync(Event(1));
        await host.Services.GetRequiredService<IStarRocksSink<SinkItem>>().WriteAsync(new SinkItem { Id = 1, Name = "a", Qty = 1 });
        await host.StopAsync();
        Assert.Equal(1, await fixture.CountAsync(db, "events"));
        Assert.Equal(1, await fixture.CountAsync(db, "items"));
    }

    [Theory]
    [InlineData("a call per row")]
    [InlineData("one span")]
    [InlineData("one lazy enumerable")]
    public async Task Back_pressure_keeps_buffered_bytes_within_twice_max_bytes_while_the_BE_is_slow(string calls)
    {
        const int maxBytes = 8 * 1024;
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxBytes = maxBytes);
        await using (services)
        {
            for (var i = 0; i < 4; i++) fixture.StandIn.Faults.DelayNextAnswer(TimeSpan.FromMilliseconds(300));
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var budget = services.GetRequiredService<SinkCoordinator>().Buffers.Budget;
            var started = DateTime.UtcNow;
            await WriteAsync(sink, Enumerable.Range(0, 1000).Select(Event), calls); // ~45 KB through a 16 KB budget
            var elapsed = DateTime.UtcNow - started;
            await sink.FlushAsync();
            Assert.InRange(budget.Peak, maxBytes, 2 * maxBytes);
            Assert.True(elapsed > TimeSpan.FromMilliseconds(250), $"writers never waited ({elapsed})");
            Assert.Equal(1000, await fixture.CountAsync(db, "events"));
            Assert.Equal(0, budget.Reserved);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Max_rows_seals_inside_one_write_of_many_rows(string format)
    {
        var (services, db) = await fixture.StartAsync(o => (o.BufferFlushMaxRows, o.Connection.Properties["format"]) = (1000, format));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Enumerable.Range(0, 2500).Select(Event).ToArray().AsSpan()); // chunks of 1,024 rows cross the limit
            // The request log records a load after its rows are visible: wait for both.
            await WaitUntilAsync(async () => await fixture.CountAsync(db, "events") == 2000 && LoadsInto(db).Count() >= 2);
            Assert.Equal(2, LoadsInto(db).Count());
            await sink.FlushAsync();
            var summary = await fixture.QueryAsync($"SELECT COUNT(*), COUNT(DISTINCT id), SUM(payload = CONCAT('payload-', LPAD(id, 6, '0'), '-padding-padding-padding')) FROM `{db}`.`events`");
            Assert.Equal("2500|2500|2500", summary[0]);
            Assert.Equal(3, LoadsInto(db).Count());
        }
    }

    [Theory]
    [InlineData("one span")]
    [InlineData("one lazy enumerable")]
    public async Task A_row_refused_in_a_write_of_many_rows_keeps_the_rows_before_it_and_none_from_it_on(string calls)
    {
        // Row 1,500 is in the second chunk: the first chunk and the rows of the second before it are buffered.
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            var rows = Enumerable.Range(1, 2000).Select(i => new SinkItem { Id = i, Name = i == 1500 ? "\\N" : $"name {i}", Qty = i });
            var refused = await Assert.ThrowsAsync<StarRocks.Typed.Serialization.StarRocksSerializationException>(() => WriteAsync(sink, rows, calls));
            Assert.Contains("name", refused.Message, StringComparison.Ordinal);
            await sink.FlushAsync();
            Assert.Equal(["1499|1|1499|1499"], await fixture.QueryAsync($"SELECT COUNT(*), MIN(id), MAX(id), SUM(name = CONCAT('name ', id)) FROM `{db}`.`items`"));
        }
    }

    [Fact]
    public async Task An_idle_sink_drops_its_segment_pool_after_a_flush_interval_and_keeps_loading()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushInterval = TimeSpan.FromMilliseconds(300));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var coordinator = services.GetRequiredService<SinkCoordinator>();
            await sink.WriteAsync(Enumerable.Range(0, 500).Select(Event));
            await sink.FlushAsync();
            var used = WeakPool(coordinator);
            await WaitUntilAsync(() => Task.FromResult(!ReferenceEquals(coordinator.Buffers.SegmentPool, used.Target)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(used.IsAlive, "the replaced pool (and the segments it kept) is still referenced");

            await sink.WriteAsync(Enumerable.Range(500, 500).Select(Event));
            await sink.FlushAsync();
            Assert.Equal(1000, await fixture.CountAsync(db, "events"));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // no strong reference left in the test's frame
    private static WeakReference WeakPool(SinkCoordinator coordinator) => new(coordinator.Buffers.SegmentPool);

    private static async Task WriteAsync<T>(IStarRocksSink<T> sink, IEnumerable<T> rows, string calls) where T : IStarRocksTable<T>
    {
        switch (calls)
        {
            case "a call per row":
                foreach (var row in rows) await sink.WriteAsync(row);
                break;
            case "one span":
                await sink.WriteAsync(rows.ToArray().AsSpan());
                break;
            default:
                await sink.WriteAsync(rows);
                break;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}
