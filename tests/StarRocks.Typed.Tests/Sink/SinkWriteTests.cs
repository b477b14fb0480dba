using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.Sink;

[Collection(SinkStandInCollection.Name)]
public sealed class SinkWriteTests(SinkStandInFixture fixture)
{
    private const string Tricky = "tab\there, comma, \"quoted\" 'single'\nnew line\r\nback\\slash | pipe ünï €";

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Upserts_deletes_and_partial_updates_arrive_in_write_order(string format)
    {
        var (services, db) = await fixture.StartAsync(o => o.Connection.Properties["format"] = format);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 1; i <= 6; i++)
            {
                await sink.WriteAsync(new SinkItem { Id = i, Name = $"{Tricky} #{i}", Qty = i });
            }

            await sink.WriteAsync(new SinkItem { Id = 2, Name = "replaced", Qty = 20 });
            await sink.DeleteAsync(new SinkItem { Id = 3, Name = "ignored", Qty = 0 });
            await sink.DeleteByKeyAsync(4L);
            await sink.WritePartialAsync(new SinkItem { Id = 5, Name = "must not be written", Qty = 50 }, StarRocksColumnSet<SinkItem>.Of("qty"));
            await sink.WriteAsync(new SinkItem { Id = 4, Name = "re-inserted after delete", Qty = 40 });
            await sink.FlushAsync();

            var rows = await fixture.QueryAsync($"SELECT id, name, qty FROM `{db}`.`items` ORDER BY id");
            Assert.Equal(
                [$"1|{Tricky} #1|1", "2|replaced|20", "4|re-inserted after delete|40", $"5|{Tricky} #5|50", $"6|{Tricky} #6|6"],
                rows);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Deletes_by_composite_and_enum_by_name_keys_arrive_as_written_by_the_row_writers(string format)
    {
        var (services, db) = await fixture.StartAsync(o => o.Connection.Properties["format"] = format);
        await using (services)
        {
            var tickets = services.GetRequiredService<IStarRocksSink<SinkTicket>>();
            foreach (var state in Enum.GetValues<SinkTicketState>())
            {
                for (var id = 1; id <= 3; id++)
                {
                    await tickets.WriteAsync(new SinkTicket { State = state, Id = id, Qty = id });
                }
            }

            await tickets.DeleteByKeyAsync((SinkTicketState.InProgress, 2L));
            await tickets.DeleteByKeyAsync(SinkTicket.GetKey(new SinkTicket { State = SinkTicketState.Closed, Id = 1 }));
            await tickets.DeleteByKeyAsync((SinkTicketState.Open, 99L)); // no such row: nothing happens
            await tickets.FlushAsync();

            var states = services.GetRequiredService<IStarRocksSink<SinkTicketStateRow>>();
            foreach (var state in Enum.GetValues<SinkTicketState>())
            {
                await states.WriteAsync(new SinkTicketStateRow { State = state, Label = state.ToString().ToLowerInvariant() });
            }

            await states.DeleteByKeyAsync(SinkTicketState.InProgress);
            await states.FlushAsync();

            Assert.Equal(
                ["Closed|2|2", "Closed|3|3", "InProgress|1|1", "InProgress|3|3", "Open|1|1", "Open|2|2", "Open|3|3"],
                await fixture.QueryAsync($"SELECT state, id, qty FROM `{db}`.`tickets` ORDER BY state, id"));
            Assert.Equal(
                ["Closed|closed", "Open|open"],
                await fixture.QueryAsync($"SELECT state, label FROM `{db}`.`ticket_states` ORDER BY state"));
        }
    }

    [Fact]
    public async Task VARBINARY_values_arrive_through_JSON_loads()
    {
        var (services, db) = await fixture.StartAsync(o => o.Connection.Properties["format"] = "json");
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkBlob>>();
            await sink.WriteAsync(new SinkBlob { Id = 1, Data = [0x00, 0xFF, (byte)'\n', (byte)'"'] });
            await sink.WriteAsync(new SinkBlob { Id = 2, Data = [] });
            await sink.WriteAsync(new SinkBlob { Id = 3, Data = null });
            await sink.FlushAsync();

            Assert.Equal(["1|00FF0A22", "2|", "3|NULL"], await fixture.QueryAsync($"SELECT id, HEX(data) FROM `{db}`.`blobs` ORDER BY id"));
        }
    }

    [Fact]
    public async Task Span_enumerable_and_async_enumerable_writes_all_arrive()
    {
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var rows = Enumerable.Range(1, 300).Select(i => new SinkEvent { Id = i, Payload = $"p{i}" }).ToArray();
            await sink.WriteAsync(rows.AsSpan(0, 100));
            await sink.WriteAsync(rows.Skip(100).Take(100));
            await sink.WriteAsync(rows.Skip(200).ToAsyncEnumerable());
            await sink.FlushAsync();
            Assert.Equal(300, await fixture.CountAsync(db, "events"));
            Assert.Equal(["1|p1"], await fixture.QueryAsync($"SELECT id, payload FROM `{db}`.`events` WHERE id = 1"));
        }
    }

    [Fact]
    public async Task Deletes_are_refused_on_tables_without_primary_key()
    {
        var (services, _) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await Assert.ThrowsAsync<NotSupportedException>(() => sink.DeleteAsync(new SinkEvent { Id = 1 }).AsTask());
            Assert.Throws<NotSupportedException>(() => StarRocksColumnSet<SinkEvent>.Of("payload") is var set
                ? sink.WritePartialAsync(new SinkEvent { Id = 1 }, set) : default);
        }
    }

    [Fact]
    public async Task A_rejected_batch_surfaces_once_with_StarRocks_message_and_rejected_rows_then_the_sink_loads_again()
    {
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            await fixture.NarrowEventPayloadAsync(db);
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(new SinkEvent { Id = 1, Payload = new string('x', 100) }); // fits the model, not the narrowed table
            var error = await Record.ExceptionAsync(() => sink.FlushAsync().AsTask());
            Assert.True(error is StarRocksSinkException, $"{string.Join(";", await fixture.QueryAsync($"SELECT id, length(payload) FROM `{db}`.`events`"))} {string.Join(";", fixture.StandIn.Requests.Entries.TakeLast(3))}");
            var failure = (StarRocksSinkException)error;
            Assert.Contains("too many filtered rows", failure.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, failure.RowsNotLoaded);
            Assert.False(string.IsNullOrEmpty(failure.RejectedRows));
            Assert.Equal(0, await fixture.CountAsync(db, "events"));
            await sink.WriteAsync(new SinkEvent { Id = 2, Payload = "fits" }); // thrown once: the sink accepts writes again
            await sink.FlushAsync();
            Assert.Equal(["2|fits"], await fixture.QueryAsync($"SELECT id, payload FROM `{db}`.`events`"));
        }
    }
}
