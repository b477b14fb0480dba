using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

[Collection(StandInCollection.Name)]
public sealed class TableKindTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    [Fact]
    public async Task Duplicate_tables_keep_every_row()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("v", "INT"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\t1\n1\t1\n");
        await http.StreamLoadAsync(StandIn, table, "1\t1\n");

        Assert.Equal(["1|1", "1|1", "1|1"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Primary_key_tables_upsert_and_delete_through_op_in_CSV_columns()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(10)"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1,a\n2,b\n3,c\n", new Dictionary<string, string> { ["column_separator"] = "," });
        var answer = await http.StreamLoadAsync(StandIn, table, "1,A,0\n2,b,1\n1,AA,upsert\n",
            new Dictionary<string, string> { ["column_separator"] = ",", ["columns"] = "id, v, tmp, __op = tmp" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|AA", "3|c"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Primary_key_tables_take_a_constant_delete_op_and_a_plain_op_column()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(10)"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\ta\n2\tb\n3\tc\n");
        await http.StreamLoadAsync(StandIn, table, "1\tx\n", new Dictionary<string, string> { ["columns"] = "id, v, __op='delete'" });
        await http.StreamLoadAsync(StandIn, table, "2\tx\t1\n", new Dictionary<string, string> { ["columns"] = "id, v, __op" });

        Assert.Equal(["3|c"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_op_key_is_auto_projected()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(10)"));
        using var http = new StarRocksHttp(StandIn);
        var json = new Dictionary<string, string> { ["format"] = "JSON", ["strip_outer_array"] = "true" };
        await http.StreamLoadAsync(StandIn, table, """[{"id":1,"v":"a"},{"id":2,"v":"b"}]""", json);
        var answer = await http.StreamLoadAsync(StandIn, table, """[{"id":1,"v":"a","__op":1},{"id":2,"v":"B","__op":0}]""", json);

        Assert.True(answer.Status() == "Success", answer.ToString());

        Assert.Equal(["2|B"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Unique_key_tables_keep_the_last_write()
    {
        var table = await CreateAsync(StandIn, TableKind.Unique, Column("id", "INT", key: true), Column("v", "INT"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\t10\n2\t20\n1\t11\n");
        await http.StreamLoadAsync(StandIn, table, "2\t21\n");

        Assert.Equal(["1|11", "2|21"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Aggregate_tables_combine_by_each_columns_aggregate()
    {
        var table = await CreateAsync(StandIn, TableKind.Aggregate, Column("k", "INT", key: true),
            Column("total", "BIGINT", aggregate: AggregateFunction.Sum), Column("hi", "INT", aggregate: AggregateFunction.Max),
            Column("lo", "INT", aggregate: AggregateFunction.Min), Column("last", "VARCHAR(5)", aggregate: AggregateFunction.Replace),
            Column("kept", "VARCHAR(5)", aggregate: AggregateFunction.ReplaceIfNotNull));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\t5\t5\t5\ta\tx\n1\t7\t9\t1\tb\t\\N\n");
        await http.StreamLoadAsync(StandIn, table, "1\t3\t2\t4\tc\t\\N\n2\t1\t1\t1\td\ty\n");

        Assert.Equal(["1|15|9|1|c|x", "2|1|1|1|d|y"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Partial_update_writes_only_the_listed_columns()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("a", "VARCHAR(5)"), Column("b", "VARCHAR(5)"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\ta1\tb1\n2\ta2\tb2\n");
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tB1\n",
            new Dictionary<string, string> { ["partial_update"] = "true", ["columns"] = "id,b" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|a1|B1", "2|a2|b2"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Partial_update_keeps_stored_values_of_unlisted_NOT_NULL_columns_and_fills_new_rows_with_zero()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("name", "VARCHAR(10)", nullable: false),
            Column("amount", "INT", nullable: false), Column("note", "VARCHAR(10)", nullable: false));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\ta\t80\tx\n");
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tA\n2\tB\n",
            new Dictionary<string, string> { ["partial_update"] = "true", ["columns"] = "id,name" });

        Assert.True(answer.Status() == "Success", answer.ToString());
        Assert.Equal(["1|A|80|x", "2|B|0|"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Partial_update_keeps_unlisted_NOT_NULL_DATE_and_JSON_columns_and_refuses_new_rows_it_cannot_fill()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("name", "VARCHAR(10)", nullable: false),
            Column("day", "DATE", nullable: false), Column("doc", "JSON", nullable: false));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\ta\t2024-02-29\t{\"k\":1}\n");

        var update = await http.StreamLoadAsync(StandIn, table, "1\tA\n",
            new Dictionary<string, string> { ["partial_update"] = "true", ["columns"] = "id,name" });
        var insert = await http.StreamLoadAsync(StandIn, table, "1\tB\n2\tC\n",
            new Dictionary<string, string> { ["partial_update"] = "true", ["columns"] = "id,name" });

        Assert.True(update.Status() == "Success", update.ToString());
        Assert.Equal("Fail", insert.Status());
        Assert.Contains("NOT NULL column 'day'", insert.Text("Message"));
        Assert.Equal(["1|A|2024-02-29 00:00:00.000000|{\"k\":1}"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Partial_update_is_refused_on_tables_other_than_primary_key()
    {
        var table = await CreateAsync(StandIn, TableKind.Unique, Column("id", "INT", key: true), Column("a", "VARCHAR(5)"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["partial_update"] = "true", ["columns"] = "id,a" });

        Assert.Equal("Fail", answer.Status());
        Assert.Contains("Only primary key table support partial update", answer.Text("Message"));
    }

    [Fact]
    public async Task Columns_not_loaded_get_their_default()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("status", "VARCHAR(8)", nullable: false, defaultValue: "new"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "7\n", new Dictionary<string, string> { ["columns"] = "id" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["7|new"], await QueryAsync(StandIn, table));
    }
}
