using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Tests.Sink;
using static StarRocks.Typed.Tests.Cdc.CdcSinkHarness;

namespace StarRocks.Typed.Tests.Cdc;

[Collection(SinkStandInCollection.Name)]
public sealed class CdcSinkTests(SinkStandInFixture fixture)
{
    private static CdcTableSchema Items(string database) => new(
        new CdcTableId(database, "items"),
        [
            new CdcColumn("name", new(CdcTypeKind.VarChar, 20)),
            new CdcColumn("id", new(CdcTypeKind.BigInt), Nullable: false),
            new CdcColumn("price", new(CdcTypeKind.Decimal, 10, 2)),
            new CdcColumn("added", new(CdcTypeKind.Timestamp, 0)),
        ],
        ["id"]);

    /// <summary>Inserts, updates and deletes of <c>items</c>; the final state is ids 1 (renamed), 3, 4.</summary>
    private static async Task WriteStreamAsync(ICdcEventSink sink, CdcTableId table, int from = 0)
    {
        (CdcRowKind Kind, string Row)[] stream =
        [
            (CdcRowKind.Insert, """{"id":1,"name":"one","price":1.5,"added":"2024-01-02 03:04:05"}"""),
            (CdcRowKind.Insert, """{"id":2,"name":"two \"quoted\" ü","price":2.25,"added":null}"""),
            (CdcRowKind.Insert, """ {"id":3,"name":"three","price":3,"added":"2024-03-01 00:00:00"} """),
            (CdcRowKind.Update, """{"id":1,"name":"uno","price":1.75,"added":"2024-01-02 03:04:05"}"""),
            (CdcRowKind.Delete, """{"id":2,"name":"two \"quoted\" ü","price":2.25,"added":null}"""),
            (CdcRowKind.Insert, """{"id":4,"name":"four","price":4,"added":"2024-04-01 00:00:00"}"""),
            (CdcRowKind.Insert, """{"id":5,"name":"five","price":5,"added":null}"""),
            (CdcRowKind.Delete, """{"id":5}"""),
        ];
        foreach (var (kind, row) in stream[from..])
        {
            await sink.WriteRowAsync(table, kind, Json(row), CancellationToken.None);
        }
    }

    private static readonly string[] Final = ["1|uno|1.75|2024-01-02 03:04:05", "3|three|3.00|2024-03-01 00:00:00", "4|four|4.00|2024-04-01 00:00:00"];

    [Fact]
    public async Task Inserts_updates_and_deletes_land_in_the_created_table_as_JSON_loads_without_a_columns_header()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_rows"));
        var schema = Items(harness.Database);
        var (services, sink) = harness.Start(o => o.Connection.Properties["format"] = "csv"); // typed sinks' format: CDC loads stay JSON
        await using (services)
        {
            await sink.ApplyAsync(new CreateTableEvent(schema), CancellationToken.None);
            Assert.Equal(schema, sink.FindSchema(schema.Table));
            await WriteStreamAsync(sink, schema.Table);
            await sink.CheckpointAsync(null, CancellationToken.None);

            Assert.Equal(Final, await harness.RowsAsync("items", "id, name, price, DATE_FORMAT(added, '%Y-%m-%d %H:%i:%s')"));
            Assert.Equal(["id|bigint", "name|varchar(60)", "price|decimal(10,2)", "added|datetime"], await harness.ColumnsAsync("items"));
        }

        var load = Assert.Single(fixture.StandIn.Requests.Entries, e => e.Node == "be" && e.Path == $"/api/{harness.Database}/items/_stream_load");
        Assert.Equal(("json", "true", "true"), (load.Headers["format"].ToLowerInvariant(), load.Headers["strip_outer_array"], load.Headers["ignore_json_size"]));
        Assert.False(load.Headers.ContainsKey("columns"));
    }

    [Fact]
    public async Task Back_pressure_keeps_rows_within_twice_max_bytes_while_the_BE_is_slow_and_every_row_lands_once()
    {
        const int maxBytes = 2 * 1024;
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_pressure"));
        var schema = Items(harness.Database);
        var (services, sink) = harness.Start(o => (o.BufferFlushMaxBytes, o.BufferFlushMaxRows) = (maxBytes, 7));
        await using (services)
        {
            await sink.ApplyAsync(new CreateTableEvent(schema), CancellationToken.None);
            for (var i = 0; i < 4; i++) fixture.StandIn.Faults.DelayNextAnswer(TimeSpan.FromMilliseconds(300));
            var budget = services.GetRequiredService<SinkCoordinator>().Buffers.Budget;
            var started = DateTime.UtcNow;
            for (int id = 1; id <= 120; id++) // ~7 KB through a 4 KB budget
            {
                await sink.WriteRowAsync(schema.Table, CdcRowKind.Insert, Json($$"""{"id":{{id}},"name":"n{{id}}","price":{{id}}.5,"added":null}"""), CancellationToken.None);
            }
            for (int id = 2; id <= 120; id += 2)
            {
                await sink.WriteRowAsync(schema.Table, CdcRowKind.Delete, Json($$"""{"id":{{id}}}"""), CancellationToken.None);
            }
            var elapsed = DateTime.UtcNow - started;
            await sink.CheckpointAsync(null, CancellationToken.None);

            Assert.InRange(budget.Peak, maxBytes, 2 * maxBytes);
            Assert.True(elapsed > TimeSpan.FromMilliseconds(250), $"writers never waited ({elapsed})");
            Assert.Equal(0, budget.Reserved);
            Assert.Equal(Enumerable.Range(0, 60).Select(i => $"{2 * i + 1}|n{2 * i + 1}|{2 * i + 1}.50"), await harness.RowsAsync("items", "id, name, price"));
        }

        int loads = fixture.StandIn.Requests.Entries.Count(e => e.Node == "be" && e.Path == $"/api/{harness.Database}/items/_stream_load");
        Assert.InRange(loads, 180 / 7, 180); // batches of at most 7 rows (max-rows)
    }

    [Fact]
    public async Task Binary_columns_arrive_from_their_base64_JSON_members_also_after_a_column_is_added()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_bin"));
        var table = new CdcTableId(harness.Database, "blobs");
        var (services, sink) = harness.Start();
        await using (services)
        {
            await sink.ApplyAsync(new CreateTableEvent(new(table, [new("id", new(CdcTypeKind.Int), Nullable: false), new("b", new(CdcTypeKind.Binary, 4))], ["id"])), CancellationToken.None);
            await sink.WriteRowAsync(table, CdcRowKind.Insert, Json("""{"id":1,"b":"AQID"}"""), CancellationToken.None);
            await sink.ApplyAsync(new AddColumnEvent(table, new("v", new(CdcTypeKind.VarBinary, 8))), CancellationToken.None);
            await sink.WriteRowAsync(table, CdcRowKind.Insert, Json("""{"id":2,"b":"/w==","v":"AAE="}"""), CancellationToken.None);
            await sink.WriteRowAsync(table, CdcRowKind.Delete, Json("""{"id":1}"""), CancellationToken.None);
            await sink.CheckpointAsync(null, CancellationToken.None);
        }

        Assert.Equal(["2|FF|0001"], await harness.RowsAsync("blobs", "id, HEX(b), HEX(v)"));
        Assert.Equal(["id|int", "b|varbinary(6)", "v|varbinary(9)"], (await harness.ColumnsAsync("blobs")).Select(c => c.Replace("int(11)", "int", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_restart_that_replays_the_stream_at_least_once_leaves_the_same_copy()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_replay"));
        var schema = Items(harness.Database);
        for (var run = 0; run < 2; run++)
        {
            var (services, sink) = harness.Start();
            await using (services)
            {
                await sink.ApplyAsync(new CreateTableEvent(schema), CancellationToken.None); // the second time: the table exists and is compatible
                await WriteStreamAsync(sink, schema.Table);
                await sink.CheckpointAsync(null, CancellationToken.None);
            }

            Assert.Equal(Final, await harness.RowsAsync("items", "id, name, price, DATE_FORMAT(added, '%Y-%m-%d %H:%i:%s')"));
        }
    }

    [Fact]
    public async Task Exactly_once_resumes_from_the_checkpointed_position_after_a_restart()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_eo"));
        var schema = Items(harness.Database);
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, sink) = harness.Start(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            Assert.Null(await sink.RecoverAsync(CancellationToken.None));
            await sink.ApplyAsync(new CreateTableEvent(schema), CancellationToken.None);
            await WriteStreamAsync(sink, schema.Table);
            await sink.CheckpointAsync("offset=8", CancellationToken.None);
            await sink.WriteRowAsync(schema.Table, CdcRowKind.Delete, Json("""{"id":1}"""), CancellationToken.None); // not checkpointed: rolled back on stop
        }

        Assert.Equal(Final, await harness.RowsAsync("items", "id, name, price, DATE_FORMAT(added, '%Y-%m-%d %H:%i:%s')"));
        (services, sink) = harness.Start(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            Assert.Equal("offset=8", await sink.RecoverAsync(CancellationToken.None));
            Assert.Null(sink.FindSchema(schema.Table)); // a new process: rows go to the existing table
            await sink.WriteRowAsync(schema.Table, CdcRowKind.Delete, Json("""{"id":1}"""), CancellationToken.None);
            await sink.CheckpointAsync("offset=9", CancellationToken.None);
        }

        Assert.Equal(Final[1..], await harness.RowsAsync("items", "id, name, price, DATE_FORMAT(added, '%Y-%m-%d %H:%i:%s')"));
    }

    [Fact]
    public async Task An_existing_incompatible_table_is_refused_naming_the_column_and_not_recreated()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_compat"));
        var e = await CreateTableRefusedAsync(harness, "id BIGINT NOT NULL, name VARCHAR(10), price DECIMAL(10,2), added DATETIME", "PRIMARY KEY(id)",
            $"INSERT INTO `{harness.Database}`.`items` VALUES (7, 'kept', 1, NULL)");

        Assert.Equal("name", e.Column);
        Assert.Contains("varchar(10)", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("VARCHAR(60)", e.Message, StringComparison.Ordinal);
        Assert.Equal(["7|kept"], await harness.RowsAsync("items", "id, name"));
    }

    [Fact]
    public async Task An_existing_table_refusing_NULL_where_the_source_column_can_be_NULL_is_refused_before_any_row()
    {
        // a NULL name would be filtered by StarRocks ("NULL value in non-nullable column") and fail the load mid-stream
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_null"));
        var e = await CreateTableRefusedAsync(harness, "id BIGINT NOT NULL, name VARCHAR(60) NOT NULL, price DECIMAL(10,2), added DATETIME", "PRIMARY KEY(id)");

        Assert.Equal("name", e.Column);
        Assert.Contains("is NOT NULL", e.Message, StringComparison.Ordinal);
        Assert.Contains("MODIFY COLUMN name varchar(60) NULL", e.Message, StringComparison.OrdinalIgnoreCase);
        await fixture.QueryAsync($"ALTER TABLE `{harness.Database}`.`items` MODIFY COLUMN name VARCHAR(60) NULL");
        var (services, sink) = harness.Start();
        await using (services)
        {
            await sink.ApplyAsync(new CreateTableEvent(Items(harness.Database)), CancellationToken.None); // the fix the message names is enough
        }
    }

    [Fact]
    public async Task An_existing_table_with_another_key_is_refused()
    {
        var e = await CreateTableRefusedAsync(new CdcSinkHarness(fixture, NewDatabase("cdc_key")),
            "id BIGINT NOT NULL, name VARCHAR(60), price DECIMAL(10,2), added DATETIME", "DUPLICATE KEY(id)");

        Assert.Contains("not a PRIMARY KEY table", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Creates <c>items</c> as someone else would, with <paramref name="columns"/> and <paramref name="key"/>, runs
    /// <paramref name="then"/>, and returns how a sink refuses <see cref="Items"/>'s CreateTableEvent.
    /// </summary>
    private async Task<StarRocksCdcException> CreateTableRefusedAsync(CdcSinkHarness harness, string columns, string key, string? then = null)
    {
        await fixture.QueryAsync($"CREATE DATABASE `{harness.Database}`");
        await fixture.QueryAsync($"CREATE TABLE `{harness.Database}`.`items` ({columns}) {key} DISTRIBUTED BY HASH(id)");
        if (then is not null)
            await fixture.QueryAsync(then);
        var (services, sink) = harness.Start();
        await using (services)
        {
            return await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.ApplyAsync(new CreateTableEvent(Items(harness.Database)), CancellationToken.None).AsTask());
        }
    }

    [Fact]
    public async Task Rows_of_a_table_without_schema_or_StarRocks_table_are_refused_naming_it()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_none"));
        var (services, sink) = harness.Start();
        await using (services)
        {
            var table = new CdcTableId(harness.Database, "ghost");
            var e = await Assert.ThrowsAsync<StarRocksCdcException>(() => sink.WriteRowAsync(table, CdcRowKind.Insert, Json("""{"id":1}"""), CancellationToken.None).AsTask());
            Assert.Contains($"{harness.Database}.ghost", e.Message, StringComparison.Ordinal);

            await sink.ApplyAsync(new CreateTableEvent(Items(harness.Database)), CancellationToken.None);
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => sink.WriteRowAsync(Items(harness.Database).Table, CdcRowKind.Insert, Json("[1]"), CancellationToken.None).AsTask());
            Assert.Contains("must be a JSON object", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CDC_options_bind_from_the_section_and_are_checked_naming_the_option()
    {
        var good = Section(new()
        {
            ["table.create.num-buckets"] = "8",
            ["table.create.properties.replication_num"] = "1",
            ["table.schema-change.timeout"] = "90",
            ["unicode-char.max-bytes"] = "4",
        });
        var options = good.GetRequiredService<IOptions<StarRocksCdcOptions>>().Value;
        Assert.Equal((8, "1", TimeSpan.FromSeconds(90), 4), (options.TableCreateNumBuckets, options.TableCreateProperties["replication_num"], options.SchemaChangeTimeout, options.UnicodeCharMaxBytes));

        foreach (var (key, value, message) in new[]
        {
            ("table.create.num-buckets", "0", "table.create.num-buckets must be 1 or more (was 0)."),
            ("unicode-char.max-bytes", "5", "unicode-char.max-bytes must be between 1 and 4 (was 5)."),
            ("table.schema-change.timeout", "0", "table.schema-change.timeout must be 1 or more (was 0)."),
        })
        {
            var e = Assert.Throws<OptionsValidationException>(() => Section(new() { [key] = value }).GetRequiredService<IOptions<StarRocksCdcOptions>>().Value);
            Assert.Contains(message, e.Failures);
        }

        var format = Assert.Throws<FormatException>(() => Section(new() { ["table.schema-change.timeout"] = "30min" }).GetRequiredService<IOptions<StarRocksCdcOptions>>().Value);
        Assert.Contains("table.schema-change.timeout must be an integer", format.Message, StringComparison.Ordinal);

        var routed = Section(new() { ["tables"] = @"shop.\.*", ["tables.exclude"] = "shop.tmp", ["route:0:source-table"] = "shop.a", ["route:0:sink-table"] = "ods.a", ["route:0:replace-symbol"] = "<>", ["route:0:description"] = "d" });
        Assert.NotNull(routed.GetRequiredService<IOptions<StarRocks.Typed.Configuration.StarRocksOptions>>().Value); // the routing keys are known keys
        Assert.Equal("ods.a", routed.GetRequiredService<IOptions<StarRocksCdcOptions>>().Value.Routes[0].SinkTable);

        var unknown = Assert.Throws<OptionsValidationException>(() => Section(new() { ["table.create.num-bucket"] = "2" }).GetRequiredService<IOptions<StarRocks.Typed.Configuration.StarRocksOptions>>().Value);
        Assert.Contains("table.create.num-bucket is not a StarRocks option", unknown.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Section(Dictionary<string, string?> values)
    {
        values["load-url"] = "http://127.0.0.1:1";
        values["username"] = "u";
        values["password"] = "p";
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddStarRocks(section).AddCdcSink().Services.BuildServiceProvider();
    }
}
