using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>Expressions in the <c>columns</c> header: the library's from_base64, BITMAP/HLL constructors, common scalar functions.</summary>
[Collection(StandInCollection.Name)]
public sealed class ColumnExpressionTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    [Fact]
    public async Task JSON_VARBINARY_loads_through_from_base64_as_the_library_sends_it()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("data", "VARBINARY(8)"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, """[{"id":1,"data":"AAH/"},{"id":2,"data":null},{"id":3,"data":"not base64!"}]""",
            new Dictionary<string, string>
            {
                ["format"] = "JSON", ["strip_outer_array"] = "true", ["jsonpaths"] = """["$.id","$.data"]""",
                ["columns"] = "`id`, `__sr_b64_data`, `data` = from_base64(`__sr_b64_data`)",
            });

        Assert.True(answer.Status() == "Success", answer.ToString());
        Assert.Equal(["1|0001FF", "2|NULL", "3|NULL"], await QueryAsync(StandIn, table, "id, HEX(data)"));
    }

    [Fact]
    public async Task Scalar_functions_and_arithmetic_compute_columns()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("cents", "BIGINT"), Column("name", "VARCHAR(20)"),
            Column("day", "DATE"), Column("label", "VARCHAR(20)"), Column("part", "VARCHAR(5)"), Column("n", "INT"), Column("loaded", "DATETIME"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1,12.34,ann,lee,05/03/2024,x\n2,0.5,bo,\\N,31/12/1999,\\N\n",
            new Dictionary<string, string>
            {
                ["column_separator"] = ",",
                ["columns"] = "id, price, first, last, d, flag, cents = price * 100, name = upper(concat_ws(' ', first, last)), "
                    + "day = str_to_date(d, '%d/%m/%Y'), label = if(flag IS NULL, 'none', concat('f-', flag)), "
                    + "part = substr(coalesce(last, first), 2, 2), n = cast(id AS BIGINT) * 2 + 1, loaded = now()",
            });

        Assert.True(answer.Status() == "Success", answer.ToString());
        var rows = await QueryAsync(StandIn, table, "id, cents, name, day, label, part, n, loaded IS NOT NULL");
        Assert.Equal(["1|1234|ANN LEE|2024-03-05 00:00:00.000000|f-x|ee|3|1", "2|50|BO|1999-12-31 00:00:00.000000|none|o|5|1"], rows);
    }

    [Fact]
    public async Task The_op_column_can_be_computed()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("v", "VARCHAR(10)"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\ta\n2\tb\n3\tc\n");
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tx\tD\n2\ty\tU\n",
            new Dictionary<string, string> { ["columns"] = "id, v, kind, __op = if(upper(kind) = 'D', 1, 0)" });

        Assert.True(answer.Status() == "Success", answer.ToString());
        Assert.Equal(["2|y", "3|c"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Unknown_functions_and_references_are_refused_with_StarRocks_messages()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("v", "VARCHAR(10)"));
        using var http = new StarRocksHttp(StandIn);

        var unknownFunction = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["columns"] = "id, t, v = no_such_fn(t, 1)" });
        var unknownReference = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["columns"] = "id, t, v = upper(missing)" });
        var notInTable = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["columns"] = "id, t, w = upper(t)" });

        Assert.Equal("Fail", unknownFunction.Status());
        Assert.Contains("No matching function with signature: no_such_fn(varchar, tinyint(4)).", unknownFunction.Text("Message"));
        Assert.Contains("unknown reference column, column=v, reference=missing", unknownReference.Text("Message"));
        Assert.Contains("Mapping column is not in table. column: w", notInTable.Text("Message"));
    }

    // Load.initColumns: outside a partial update, a columns list must feed every NOT NULL column that has no default
    // (and is neither AUTO_INCREMENT nor generated); the load is refused before a row is read.
    [Fact]
    public async Task A_load_leaving_out_a_NOT_NULL_column_without_default_is_refused()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT", key: true),
            Column("v", "VARCHAR(10)", nullable: false), Column("w", "VARCHAR(10)", nullable: false, defaultValue: "dflt"),
            Column("n", "INT"));
        using var http = new StarRocksHttp(StandIn);

        var missing = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["columns"] = "id, w" });
        var fedByExpression = await http.StreamLoadAsync(StandIn, table, "2\tb\n", new Dictionary<string, string> { ["columns"] = "id, t, v = upper(t)" });
        var defaultsAndNulls = await http.StreamLoadAsync(StandIn, table, "3\tc\n", new Dictionary<string, string> { ["columns"] = "id, v" });

        Assert.Equal("Fail", missing.Status());
        Assert.Contains("Column has no default value. column: v", missing.Text("Message"));
        Assert.True(fedByExpression.Status() == "Success", fedByExpression.ToString());
        Assert.True(defaultsAndNulls.Status() == "Success", defaultsAndNulls.ToString());
        Assert.Equal(["2|B|dflt|NULL", "3|c|dflt|NULL"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_load_may_leave_out_an_AUTO_INCREMENT_column()
    {
        var db = NewDatabase();
        var create = CreateTableValidator.Resolve(Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(
            "CREATE TABLE t (id INT NOT NULL, n BIGINT NOT NULL AUTO_INCREMENT, v VARCHAR(10) NOT NULL) PRIMARY KEY (id) DISTRIBUTED BY HASH(id)")));
        await using (var connection = new MySqlConnection(StandIn.MariaDbConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE `{db}`; " + MariaDbDdlEmitter.CreateTable(create, db);
            await command.ExecuteNonQueryAsync();
        }
        await StandIn.Catalog.SaveAsync(StarRocksSchemaMapper.ToSchema(create, db));
        var table = (await StandIn.Catalog.GetAsync(db, "t"))!;
        using var http = new StarRocksHttp(StandIn);

        var loaded = await http.StreamLoadAsync(StandIn, table, "1\ta\n", new Dictionary<string, string> { ["columns"] = "id, v" });

        Assert.True(loaded.Status() == "Success", loaded.ToString());
        Assert.Equal(["1|1|a"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task BITMAP_and_HLL_columns_load_through_their_functions_and_union_on_aggregate_tables()
    {
        var table = await CreateAsync(StandIn, TableKind.Aggregate, Column("k", "INT", key: true),
            Column("users", "BITMAP", nullable: false, aggregate: AggregateFunction.BitmapUnion),
            Column("visitors", "HLL", nullable: false, aggregate: AggregateFunction.HllUnion));
        using var http = new StarRocksHttp(StandIn);
        var headers = new Dictionary<string, string> { ["column_separator"] = ",", ["columns"] = "k, uid, name, users = to_bitmap(uid), visitors = hll_hash(name)" };

        var first = await http.StreamLoadAsync(StandIn, table, "1,5,ann\n1,3,bo\n2,7,ann\n", headers);
        var second = await http.StreamLoadAsync(StandIn, table, "1,5,ann\n1,10,cy\n", headers);
        var fromString = await http.StreamLoadAsync(StandIn, table, "3,\"1,2,2\"\n",
            new Dictionary<string, string> { ["column_separator"] = ",", ["enclose"] = "\"", ["columns"] = "k, s, users = bitmap_from_string(s), visitors = hll_empty()" });
        var plainText = await http.StreamLoadAsync(StandIn, table, "4,5\n", new Dictionary<string, string> { ["column_separator"] = ",", ["columns"] = "k, users" });
        var badBitmap = await http.StreamLoadAsync(StandIn, table, "5,-1,x\n", headers);

        Assert.True(first.Status() == "Success", first.ToString());
        Assert.True(second.Status() == "Success", second.ToString());
        Assert.True(fromString.Status() == "Success", fromString.ToString());
        Assert.Equal("Fail", plainText.Status());
        Assert.Equal("Fail", badBitmap.Status()); // to_bitmap(-1) filters the row
        var rows = await QueryAsync(StandIn, table, "k, CAST(users AS CHAR), LENGTH(visitors) - LENGTH(REPLACE(visitors, ',', '')) + (visitors <> '')");
        Assert.Equal(["1|3,5,10|3", "2|7|1", "3|1,2|0"], rows);
    }
}
