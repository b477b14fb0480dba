using StarRocks.Typed.Cdc;
using StarRocks.Typed.Tests.Sink;
using static StarRocks.Typed.Tests.Cdc.CdcSinkHarness;

namespace StarRocks.Typed.Tests.Cdc;

[Collection(SinkStandInCollection.Name)]
public sealed class CdcSchemaEvolutionTests(SinkStandInFixture fixture)
{
    private static readonly string LongTitle = new('t', 45);

    /// <summary>One step of a recorded change stream: a row change or a schema change.</summary>
    private sealed record Step(CdcSchemaEvent? Change = null, CdcTableId Table = default, CdcRowKind Kind = default, string? Row = null);

    /// <summary>
    /// Inserts, updates and deletes with every schema change in the middle: add, rename, type change, drop, a whole new
    /// schema (a rename, an added column, a wider DECIMAL), a truncate, a create and drop of another table.
    /// </summary>
    private static List<Step> Stream(string db)
    {
        var items = new CdcTableId(db, "items");
        var logs = new CdcTableId(db, "logs");
        var tmp = new CdcTableId(db, "tmp");
        var id = new CdcColumn("id", new(CdcTypeKind.BigInt), Nullable: false);
        var title40 = new CdcColumn("title", new(CdcTypeKind.VarChar, 40));
        Step Row(CdcTableId table, CdcRowKind kind, string json) => new(Table: table, Kind: kind, Row: json);
        Step Change(CdcSchemaEvent change) => new(change);
        return
        [
            Change(new CreateTableEvent(new(items, [id, new("name", new(CdcTypeKind.VarChar, 20)), new("price", new(CdcTypeKind.Decimal, 10, 2)), new("added", new(CdcTypeKind.Timestamp))], ["id"]))),
            Row(items, CdcRowKind.Insert, """{"id":1,"name":"one","price":1.50,"added":"2024-01-01 00:00:00"}"""),
            Row(items, CdcRowKind.Insert, """{"id":2,"name":"two","price":2.00,"added":null}"""),
            Row(items, CdcRowKind.Insert, """{"id":3,"name":"three","price":3.00,"added":null}"""),
            Change(new AddColumnEvent(items, new("qty", new(CdcTypeKind.Int), DefaultValue: "0"))),
            Row(items, CdcRowKind.Insert, """{"id":4,"name":"four","price":4.00,"added":null,"qty":4}"""),
            Row(items, CdcRowKind.Update, """{"id":1,"name":"uno","price":1.50,"added":"2024-01-01 00:00:00","qty":10}"""),
            Change(new RenameColumnEvent(items, "name", "title")),
            Row(items, CdcRowKind.Insert, """{"id":5,"title":"title five","price":5.00,"added":null,"qty":5}"""),
            Row(items, CdcRowKind.Update, """{"id":2,"title":"title two","price":2.00,"added":null,"qty":2}"""),
            Change(new AlterColumnTypeEvent(items, "title", new(CdcTypeKind.VarChar, 40))),
            Row(items, CdcRowKind.Insert, $$"""{"id":6,"title":"{{LongTitle}}","price":6.00,"added":null,"qty":6}"""),
            Change(new AlterColumnTypeEvent(items, "qty", new(CdcTypeKind.BigInt))), // its default "0" is kept
            Row(items, CdcRowKind.Update, """{"id":6,"title":"ttttttttttttttttttttttttttttttttttttttttttttt","price":6.00,"added":null,"qty":6000000000}"""),
            Change(new DropColumnEvent(items, "added")),
            Row(items, CdcRowKind.Delete, """{"id":3,"title":"three","price":3.00,"qty":0}"""),
            Change(new TableSchemaChangedEvent(new(items,
                [id, title40, new("price", new(CdcTypeKind.Decimal, 12, 2)), new("quantity", new(CdcTypeKind.BigInt), DefaultValue: "0"), new("note", new(CdcTypeKind.VarChar, 10))], ["id"]))),
            Row(items, CdcRowKind.Insert, """{"id":7,"title":"seven","price":1234567890.12,"quantity":7,"note":"n7"}"""),
            Row(items, CdcRowKind.Update, """{"id":4,"title":"four","price":4.00,"quantity":44,"note":"n4"}"""),
            Change(new CreateTableEvent(new(logs, [new("id", new(CdcTypeKind.Int), Nullable: false), new("msg", new(CdcTypeKind.String))], ["id"]))),
            Row(logs, CdcRowKind.Insert, """{"id":1,"msg":"a"}"""),
            Row(logs, CdcRowKind.Insert, """{"id":2,"msg":"b"}"""),
            Change(new TruncateTableEvent(logs)),
            Row(logs, CdcRowKind.Insert, """{"id":3,"msg":"c"}"""),
            Change(new CreateTableEvent(new(tmp, [new("id", new(CdcTypeKind.Int), Nullable: false)], ["id"]))),
            Row(tmp, CdcRowKind.Insert, """{"id":1}"""),
            Change(new DropTableEvent(tmp)),
        ];
    }

    /// <summary>
    /// Feeds steps [from, to) as a consumer loop does: around each schema change it checkpoints its position (before: the
    /// change's own, after: the next), so a restart resumes at the latest at the change; returns the last committed position.
    /// </summary>
    private static async Task<int> FeedAsync(ICdcEventSink sink, List<Step> steps, int from, int to, bool checkpointAfterLast = true)
    {
        var committed = from;
        for (var i = from; i < to; i++)
        {
            var step = steps[i];
            if (step.Change is { } change)
            {
                await sink.CheckpointAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
                committed = i;
                await sink.ApplyAsync(change, CancellationToken.None);
                if (i + 1 < to || checkpointAfterLast)
                {
                    await sink.CheckpointAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
                    committed = i + 1;
                }
            }
            else
            {
                await sink.WriteRowAsync(step.Table, step.Kind, Json(step.Row!), CancellationToken.None);
            }
        }

        return committed;
    }

    private async Task AssertFinalCopyAsync(CdcSinkHarness harness)
    {
        Assert.Equal(
            ["id|bigint", "title|varchar(120)", "price|decimal(12,2)", "quantity|bigint", "note|varchar(30)"],
            (await harness.ColumnsAsync("items")).Select(c => c.Replace("int(11)", "int", StringComparison.Ordinal)));
        Assert.Equal(
            ["1|uno|1.50|10|NULL", "2|title two|2.00|2|NULL", "4|four|4.00|44|n4", "5|title five|5.00|5|NULL", $"6|{LongTitle}|6.00|6000000000|NULL", "7|seven|1234567890.12|7|n7"],
            await harness.RowsAsync("items", "id, title, price, quantity, note"));
        Assert.Equal(["3|c"], await harness.RowsAsync("logs", "id, msg"));
        Assert.Empty(await harness.ColumnsAsync("tmp"));
    }

    [Theory]
    [InlineData(4)]  // stopped right after ADD COLUMN, before its checkpoint
    [InlineData(7)]  // after RENAME COLUMN
    [InlineData(10)] // after MODIFY COLUMN (a longer VARCHAR)
    [InlineData(12)] // after MODIFY COLUMN of a column with a default
    [InlineData(14)] // after DROP COLUMN
    [InlineData(16)] // after the whole new schema
    [InlineData(22)] // after TRUNCATE
    [InlineData(26)] // after DROP TABLE
    public async Task A_stream_with_every_schema_change_replayed_after_a_restart_leaves_the_source_final_state(int stopAfter)
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_evo"));
        var steps = Stream(harness.Database);
        Assert.NotNull(steps[stopAfter].Change);
        int committed;
        var (services, sink) = harness.Start();
        await using (services)
        {
            committed = await FeedAsync(sink, steps, 0, stopAfter + 1, checkpointAfterLast: false);
            Assert.Equal(stopAfter, committed); // the change ran; its checkpoint did not
        }

        (services, sink) = harness.Start(); // the restart: a new process resumes at the committed position, the change is found applied
        await using (services)
        {
            await FeedAsync(sink, steps, committed, steps.Count);
            await sink.CheckpointAsync(null, CancellationToken.None);
        }

        await AssertFinalCopyAsync(harness);
    }

    [Fact]
    public async Task Replaying_every_schema_change_twice_in_a_row_changes_nothing_the_second_time_in_exactly_once()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_evo_eo"));
        var steps = Stream(harness.Database);
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, sink) = harness.Start(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            foreach (var step in steps)
            {
                if (step.Change is { } change)
                {
                    await sink.ApplyAsync(change, CancellationToken.None);
                    if (change is not (TruncateTableEvent or CreateTableEvent))
                    {
                        await sink.ApplyAsync(change, CancellationToken.None); // a replay: already applied
                    }
                }
                else
                {
                    await sink.WriteRowAsync(step.Table, step.Kind, Json(step.Row!), CancellationToken.None);
                }
            }

            await sink.CheckpointAsync("end", CancellationToken.None);
            Assert.Equal(["id", "title", "price", "quantity", "note"], sink.FindSchema(steps[0].Change!.Table)!.Columns.Select(c => c.Name));
            Assert.Null(sink.FindSchema(new CdcTableId(harness.Database, "tmp")));
        }

        await AssertFinalCopyAsync(harness);
    }

    [Fact]
    public async Task Dropping_a_key_column_changing_the_key_or_narrowing_a_type_is_refused_naming_it()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_evo_key"));
        var table = new CdcTableId(harness.Database, "keyed");
        var id = new CdcColumn("id", new(CdcTypeKind.Int), Nullable: false);
        var v = new CdcColumn("v", new(CdcTypeKind.Int));
        var (services, sink) = harness.Start();
        await using (services)
        {
            await sink.ApplyAsync(new CreateTableEvent(new(table, [id, v], ["id"])), CancellationToken.None);
            var drop = await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.ApplyAsync(new DropColumnEvent(table, "id"), CancellationToken.None).AsTask());
            Assert.Equal("id", drop.Column);
            var rekey = await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.ApplyAsync(new TableSchemaChangedEvent(new(table, [id, v with { Nullable = false }], ["id", "v"])), CancellationToken.None).AsTask());
            Assert.Contains("primary key", rekey.Message, StringComparison.OrdinalIgnoreCase);
            var narrowed = await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.ApplyAsync(new AlterColumnTypeEvent(table, "v", new(CdcTypeKind.SmallInt)), CancellationToken.None).AsTask());
            Assert.Equal("v", narrowed.Column);
            Assert.Contains("Can not change INT to SMALLINT", narrowed.Message, StringComparison.Ordinal);
            Assert.Equal(["id", "v"], sink.FindSchema(table)!.Columns.Select(c => c.Name)); // the known schema is unchanged
        }

        Assert.Equal(["id|int", "v|int"], (await harness.ColumnsAsync("keyed")).Select(c => c.Replace("int(11)", "int", StringComparison.Ordinal)));
    }
}
