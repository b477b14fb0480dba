using Microsoft.Extensions.Configuration;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Tests.Sink;
using static StarRocks.Typed.Tests.Cdc.CdcSinkHarness;

namespace StarRocks.Typed.Tests.Cdc;

[Collection(SinkStandInCollection.Name)]
public sealed class CdcRoutingTests(SinkStandInFixture fixture)
{
    private static CdcTableRouter Router(Action<StarRocksCdcOptions> configure)
    {
        var options = new StarRocksCdcOptions();
        configure(options);
        Assert.Empty(options.GetFailures());
        return new CdcTableRouter(options);
    }

    private static StarRocksCdcRoute Rule(string source, string sink, string? symbol = null) => new() { SourceTable = source, SinkTable = sink, ReplaceSymbol = symbol };

    [Theory]
    [InlineData("shop", "orders", "shop|orders|False")]                // no rule matches: the same names
    [InlineData("shop", "items", "ods|ods_items_v1|False")]            // prefix and suffix through the replace symbol
    [InlineData("shop", "order_2024", "ods|orders|True")]               // many-to-one merge of shards
    [InlineData("crm", "user_eu", "crm_copy|users_eu|False")]           // regex replace with a group
    [InlineData("crm", "notes", "crm|notes_copy|False")]                // a sink table without database stays in the source database
    public void Routes_map_source_tables_by_the_first_matching_rule(string database, string table, string expected)
    {
        var router = Router(o =>
        {
            o.Routes.Add(Rule(@"shop.order_[0-9]+", "ods.orders"));
            o.Routes.Add(Rule(@"shop.item\.*", "ods.ods_<>_v1", "<>"));
            o.Routes.Add(Rule(@"crm.user_(\.*)", "crm_copy.users_$1"));
            o.Routes.Add(Rule(@"crm.notes", "notes_copy"));
            o.Routes.Add(Rule(@"crm.user_eu", "never.used")); // a later rule for a table an earlier one matched
        });
        var route = router.Route(new CdcTableId(database, table));
        Assert.NotNull(route);
        Assert.Equal(expected, $"{route.Value.Database}|{route.Value.Table}|{route.Value.Merged}");
    }

    [Theory]
    [InlineData("shop", "orders", true)]
    [InlineData("shop", "order_tmp", false)]  // excluded
    [InlineData("shop", "orders2", true)]
    [InlineData("crm", "user_12", true)]
    [InlineData("crm", "user_x", false)]      // not included
    [InlineData("hr", "staff", false)]
    [InlineData("shopX", "orders", false)]    // the database part is matched whole
    public void Tables_and_tables_exclude_select_the_copied_tables(string database, string table, bool copied)
    {
        var router = Router(o => (o.Tables, o.TablesExclude) = (@"shop.\.*, crm.user_[0-9]+", @"shop.\.*_tmp"));
        Assert.Equal(copied, router.Route(new CdcTableId(database, table)) is not null);
    }

    [Fact]
    public void Routes_and_table_lists_bind_from_the_section_and_bad_patterns_fail_naming_the_option()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["tables"] = @"shop.\.*",
            ["tables.exclude"] = @"shop.audit",
            ["route:0:source-table"] = @"shop.order_\.*",
            ["route:0:sink-table"] = "ods.orders",
            ["route:0:description"] = "merge the shards",
            ["route:1:source-table"] = @"shop.\.*",
            ["route:1:sink-table"] = "ods.ods_<>",
            ["route:1:replace-symbol"] = "<>",
        }).Build();
        var options = new StarRocksCdcOptions().Apply(section);
        Assert.Empty(options.GetFailures());
        Assert.Equal((@"shop.\.*", "shop.audit"), (options.Tables, options.TablesExclude));
        Assert.Equal(["shop.order_\\.*|ods.orders||merge the shards", "shop.\\.*|ods.ods_<>|<>|"],
            options.Routes.Select(r => $"{r.SourceTable}|{r.SinkTable}|{r.ReplaceSymbol}|{r.Description}"));
        var router = new CdcTableRouter(options);
        Assert.Equal(new CdcRoute("ods", "ods_customers", false), router.Route(new("shop", "customers")));
        Assert.Null(router.Route(new("shop", "audit")));

        var bad = new StarRocksCdcOptions { Tables = "no_dot", TablesExclude = "shop.(" };
        bad.Routes.Add(new StarRocksCdcRoute { SourceTable = "shop.x" });
        bad.Routes.Add(new StarRocksCdcRoute { SourceTable = "x", SinkTable = "y", ReplaceSymbol = "" });
        var failures = bad.GetFailures();
        Assert.Contains(failures, f => f.StartsWith("tables: 'no_dot' is not a database.table pattern", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("tables.exclude: ", StringComparison.Ordinal));
        Assert.Contains("route:0 needs source-table and sink-table.", failures);
        Assert.Contains(failures, f => f.StartsWith("route:1:source-table: 'x' is not a database.table pattern", StringComparison.Ordinal));
        Assert.Contains("route:1:replace-symbol must not be empty.", failures);
    }

    [Fact]
    public async Task Routed_tables_land_renamed_merged_and_filtered_and_a_shard_cannot_truncate_the_merged_table()
    {
        var harness = new CdcSinkHarness(fixture, NewDatabase("cdc_route"));
        var target = harness.Database + "_ods";
        var (services, sink) = harness.Start(cdc: o =>
        {
            o.TablesExclude = $@"{harness.Database}.\.*_tmp";
            o.Routes.Add(Rule($@"{harness.Database}.order_[0-9]+", $"{target}.orders"));
            o.Routes.Add(Rule($@"{harness.Database}.\.*", $"{target}.ods_<>", "<>"));
        });
        await using (services)
        {
            var id = new CdcColumn("id", new(CdcTypeKind.Int), Nullable: false);
            var note = new CdcColumn("note", new(CdcTypeKind.VarChar, 10));
            foreach (var shard in new[] { "order_1", "order_2" })
            {
                var table = new CdcTableId(harness.Database, shard);
                await sink.ApplyAsync(new CreateTableEvent(new(table, [id, note], ["id"])), CancellationToken.None);
                await sink.WriteRowAsync(table, CdcRowKind.Insert, Json($$"""{"id":{{shard[^1]}},"note":"{{shard}}"}"""), CancellationToken.None);
            }

            await sink.ApplyAsync(new TruncateTableEvent(new(harness.Database, "order_1")), CancellationToken.None); // not applied to the merged table
            var customers = new CdcTableId(harness.Database, "customers");
            await sink.ApplyAsync(new CreateTableEvent(new(customers, [id, note], ["id"])), CancellationToken.None);
            await sink.WriteRowAsync(customers, CdcRowKind.Insert, Json("""{"id":7,"note":"c"}"""), CancellationToken.None);
            var scratch = new CdcTableId(harness.Database, "scratch_tmp");
            await sink.ApplyAsync(new CreateTableEvent(new(scratch, [id], ["id"])), CancellationToken.None); // excluded: ignored
            await sink.WriteRowAsync(scratch, CdcRowKind.Insert, Json("""{"id":1}"""), CancellationToken.None);
            Assert.Null(sink.FindSchema(scratch));
            await sink.CheckpointAsync(null, CancellationToken.None);
        }

        Assert.Equal(["1|order_1", "2|order_2"], await harness.RowsAsync("orders", "id, note", target));
        Assert.Equal(["7|c"], await harness.RowsAsync("ods_customers", "id, note", target));
        Assert.Empty(await fixture.QueryAsync($"SELECT TABLE_NAME FROM information_schema.tables WHERE TABLE_SCHEMA IN ('{harness.Database}', '{target}') AND TABLE_NAME LIKE '%tmp%'"));
        Assert.Empty(await fixture.QueryAsync($"SELECT SCHEMA_NAME FROM information_schema.schemata WHERE SCHEMA_NAME = '{harness.Database}'"));
    }
}
