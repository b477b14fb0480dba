using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Tests.Infrastructure;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

[Collection(StandInCollection.Name)]
public sealed class FormatTests(StandInFixture fixture)
{
    private global::StarRocks.Typed.StandIn.Hosting.StarRocksStandIn StandIn => fixture.StandIn;

    private Task<TableSchema> TwoColumnsAsync() =>
        CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("s", "VARCHAR(64)"));

    [Fact]
    public async Task CSV_null_marker_and_empty_field_differ()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "1\t\\N\n2\t\n");

        Assert.Equal(["1|NULL", "2|"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task CSV_enclose_and_escape_work_as_in_StarRocks_3()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table,
            "1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"line\nbreak\"\n4,x\\,y\n5,\"q\\\"q\"\n",
            new Dictionary<string, string> { ["column_separator"] = ",", ["enclose"] = "\"", ["escape"] = "\\" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|a,b", "2|say \"hi\"", "3|line\nbreak", "4|x,y", "5|q\"q"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task CSV_VARBINARY_fields_are_base64_decoded_and_other_text_is_kept_as_bytes()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("b", "VARBINARY(4)"));
        using var http = new StarRocksHttp(StandIn);
        // "AAECAw==" is four bytes, so a 4-byte column takes it although its text has 8; "x!y" is not base64
        var answer = await http.StreamLoadAsync(StandIn, table, "1\tAAECAw==\n2\tx!y\n3\t\n");

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|00010203", "2|782179", "3|"], await QueryAsync(StandIn, table, "id, hex(b)"));
    }

    [Fact]
    public async Task Hex_delimiters_are_decoded()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "1\u0001a\r\n2\u0001b\r\n",
            new Dictionary<string, string> { ["column_separator"] = "\\x01", ["row_delimiter"] = "\\x0D0A" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|a", "2|b"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Multi_byte_separators_and_skip_header_work()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "id||s\n1||a||\n", new Dictionary<string, string> { ["column_separator"] = "||", ["skip_header"] = "1", ["max_filter_ratio"] = "1" });
        var answer = await http.StreamLoadAsync(StandIn, table, "id||s\n2||b\n", new Dictionary<string, string> { ["column_separator"] = "||", ["skip_header"] = "1" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["2|b"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task Columns_header_reorders_fields()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, "a\t1\n", new Dictionary<string, string> { ["columns"] = "`s`, id" });

        Assert.Equal(["1|a"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_object_newline_separated_objects_and_outer_array_load()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        var json = new Dictionary<string, string> { ["format"] = "json" };
        await http.StreamLoadAsync(StandIn, table, """{"id":1,"s":"one"}""", json);
        await http.StreamLoadAsync(StandIn, table, "{\"id\":2,\"s\":\"two\"}\n{\"id\":3,\"s\":null}\n", json);
        await http.StreamLoadAsync(StandIn, table, """[{"id":4,"s":"four"}]""", new Dictionary<string, string> { ["format"] = "json", ["strip_outer_array"] = "true" });
        var withoutStrip = await http.StreamLoadAsync(StandIn, table, """[{"id":5,"s":"five"}]""", json);

        Assert.Equal("Fail", withoutStrip.Status());
        Assert.Equal(["1|one", "2|two", "3|NULL", "4|four"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_jsonpaths_select_nested_values()
    {
        var table = await TwoColumnsAsync();
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, """{"k":{"id":9},"tags":["x","y"]}""",
            new Dictionary<string, string> { ["format"] = "json", ["jsonpaths"] = """["$.k.id","$.tags[1]"]""", ["columns"] = "id, s" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["9|y"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_columns_receive_objects_as_JSON_text()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("doc", "JSON"));
        using var http = new StarRocksHttp(StandIn);
        await http.StreamLoadAsync(StandIn, table, """{"id":1,"doc":{"a":[1,2]}}""", new Dictionary<string, string> { ["format"] = "json" });

        Assert.Equal(["1|{\"a\":[1,2]}"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_columns_keep_a_string_token_as_a_JSON_string_and_VARCHAR_columns_get_StarRocks_text()
    {
        // add_native_json_column keeps the token's JSON value; add_binary_column gives a string slot the string's
        // content, booleans as 1/0 and objects minified (be/src/formats/json/binary_column.cpp)
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT"), Column("doc", "JSON", nullable: false), Column("s", "VARCHAR(64)"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table,
            "{\"id\":1,\"doc\":\"just \\\"a\\\" string\",\"s\":true}\n"
            + "{\"id\":2,\"doc\":\"{\\\"a\\\":1}\",\"s\":{ \"a\" : [1, 2] }}\n"
            + "{\"id\":3,\"doc\":[1,\"two\"],\"s\":\"x\"}\n",
            new Dictionary<string, string> { ["format"] = "json" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["1|\"just \\\"a\\\" string\"|1", "2|\"{\\\"a\\\":1}\"|{\"a\":[1,2]}", "3|[1,\"two\"]|x"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task JSON_op_boolean_is_not_read_as_a_number()
    {
        var table = await CreateAsync(StandIn, TableKind.Primary, Column("id", "INT", key: true), Column("s", "VARCHAR(64)"));
        using var http = new StarRocksHttp(StandIn);
        var json = new Dictionary<string, string> { ["format"] = "json" };
        await http.StreamLoadAsync(StandIn, table, """{"id":1,"s":"x"}""", json);
        var answer = await http.StreamLoadAsync(StandIn, table, """{"id":1,"__op":true}""", json);

        Assert.Equal("Fail", answer.Status());
        Assert.Equal(["1|x"], await QueryAsync(StandIn, table));
    }

    [Fact]
    public async Task A_STRUCT_column_loads_from_JSON_but_fails_a_CSV_load_as_StarRocks_has_no_CSV_converter_for_it()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT", nullable: false), Column("s", "STRUCT<a INT, b STRING>"));
        using var http = new StarRocksHttp(StandIn);

        var csv = await http.StreamLoadAsync(StandIn, table, "1\t{\"a\":1,\"b\":\"x\"}\n");
        Assert.Equal("Fail", csv.Status());
        Assert.StartsWith("Unsupported CSV type STRUCT<A INT, B STRING>", csv.Text("Message"));

        var json = await http.StreamLoadAsync(StandIn, table, """[{"id":3,"s":{"A":1,"B":"x"}}]""",
            new Dictionary<string, string> { ["format"] = "json", ["strip_outer_array"] = "true" });
        Assert.Equal("Success", json.Status());
        Assert.Equal(["3|{\"A\":1,\"B\":\"x\"}"], await QueryAsync(StandIn, table, "id, s"));
    }

    [Fact]
    public async Task A_STRUCT_from_JSON_takes_only_an_object_and_reads_its_fields_by_name_as_StarRocks_does()
    {
        // add_struct_column (be/src/formats/json/struct_column.cpp): an object only; fields by exact name, missing ones
        // NULL, others ignored; a field that does not fit its type is NULL (invalid_as_null), not a filtered row.
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT", nullable: false), Column("s", "STRUCT<A INT, B STRING, C STRUCT<D DOUBLE>>"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, """
            [{"id":1,"s":{"A":1,"B":"x","C":{"D":2.5}}},
             {"id":2,"s":[1,"x"]},
             {"id":3,"s":{"extra":true,"B":"y","A":2}},
             {"id":4,"s":{"A":"not a number","a":5,"B":7,"C":{"D":"nope"}}},
             {"id":5,"s":null}]
            """, new Dictionary<string, string> { ["format"] = "json", ["strip_outer_array"] = "true", ["max_filter_ratio"] = "1", ["strict_mode"] = "true" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(1, answer.Number("NumberFilteredRows")); // the array; without strict_mode it would be a NULL struct
        Assert.Equal(
            [
                """1|{"A":1,"B":"x","C":{"D":2.5}}""",
                """3|{"A":2,"B":"y","C":null}""",
                """4|{"A":null,"B":"7","C":{"D":null}}""",
                "5|NULL",
            ],
            await QueryAsync(StandIn, table, "id, s"));
    }

    [Fact]
    public async Task ARRAY_elements_and_MAP_values_from_JSON_that_do_not_fit_their_type_become_NULL_as_in_StarRocks()
    {
        // add_nullable_array_column and add_map_column (be/src/formats/json/nullable_column.cpp, map_column.cpp) read
        // each element, key and value with invalid_as_null = true: the element is NULL, the array and the row stay.
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT", nullable: false), Column("tags", "ARRAY<VARCHAR(5)>"),
            Column("nums", "ARRAY<TINYINT>"), Column("grid", "ARRAY<ARRAY<VARCHAR(2)>>"), Column("m", "MAP<VARCHAR(3),INT>"),
            Column("s", "STRUCT<A ARRAY<INT>>"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, """
            [{"id":1,"tags":["abcde","abcdef",null,"é€"],"nums":[1,300,"7","x",-128],"grid":[["ab","abc"],"no",null],"m":{"k":1,"v":"x","w":null},"s":{"A":[1,"two"]}},
             {"id":2,"tags":"abc"},
             {"id":3,"m":[1]},
             {"id":4,"m":{"long":1}}]
            """, new Dictionary<string, string> { ["format"] = "json", ["strip_outer_array"] = "true", ["max_filter_ratio"] = "1", ["strict_mode"] = "true" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(3, answer.Number("NumberFilteredRows")); // not an array, not an object, a key that cannot be a MAP key
        Assert.Equal(
            [
                """1|["abcde",null,null,"\u00E9\u20AC"]|[1,null,7,null,-128]|[["ab",null],null,null]|{"k":1,"v":null,"w":null}|{"A":[1,null]}""",
            ],
            await QueryAsync(StandIn, table, "id, tags, nums, grid, m, s"));
    }

    [Fact]
    public async Task An_object_element_of_an_ARRAY_of_VARCHAR_is_its_minified_text_and_checked_against_the_length()
    {
        // add_binary_column: an object or array value into a string slot is simdjson::minify's text
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("id", "INT", nullable: false), Column("docs", "ARRAY<VARCHAR(12)>"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, """{"id":1,"docs":[{ "a" : [1, 2] }, { "long" : "abcdefgh" }]}""",
            new Dictionary<string, string> { ["format"] = "json" });

        Assert.Equal("Success", answer.Status());
        Assert.Equal(["""1|["{\u0022a\u0022:[1,2]}",null]"""], await QueryAsync(StandIn, table, "id, docs")); // stored escaped, as CSV collections are
    }

    [Fact]
    public async Task Values_are_checked_against_their_StarRocks_types()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("i", "TINYINT", nullable: false), Column("big", "LARGEINT"),
            Column("d", "DECIMAL(5,2)"), Column("day", "DATE"), Column("at", "DATETIME"), Column("b", "BOOLEAN"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table,
            "1\t170141183460469231731687303715884105727\t123.456\t0000-01-01\t9999-12-31 23:59:59.999999\ttrue\n" +
            "128\t1\t1\t2024-01-01\t2024-01-01\t0\n" +
            "2\t1\t1000.00\t2024-01-01\t2024-01-01\t0\n" +
            "3\t1\t1\t2023-02-29\t2024-01-01\t0\n",
            new Dictionary<string, string> { ["strict_mode"] = "true", ["max_filter_ratio"] = "1" });

        Assert.Equal(3, answer.Number("NumberFilteredRows"));
        // 123.456 has six digits for DECIMAL(5,2): StarRocks keeps five, so the extra one is truncated, not rounded
        Assert.Equal(["1|170141183460469231731687303715884105727|123.45|0000-01-01|9999-12-31 23:59:59.999999|1"],
            await QueryAsync(StandIn, table, "i, CAST(big AS CHAR), d, CAST(day AS CHAR), CAST(at AS CHAR), b + 0"));
    }

    [Fact]
    public async Task Without_strict_mode_a_bad_value_becomes_NULL_but_a_too_long_string_is_filtered()
    {
        var table = await CreateAsync(StandIn, TableKind.Duplicate, Column("i", "INT"), Column("s", "VARCHAR(3)"));
        using var http = new StarRocksHttp(StandIn);
        var answer = await http.StreamLoadAsync(StandIn, table, "abc\tok\n1\tlonger\n2\té€\n", new Dictionary<string, string> { ["max_filter_ratio"] = "1" });

        Assert.Equal(2, answer.Number("NumberFilteredRows"));
        Assert.Equal(["NULL|ok"], await QueryAsync(StandIn, table));
    }
}
