using System.Text;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Loading;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>
/// How a JSON load's values reach columns, as StarRocks's JSON scanner fills them (be/src/exec/json_scanner.cpp,
/// be/src/formats/json/nullable_column.cpp and binary_column.cpp), without HTTP or MariaDB.
/// </summary>
public sealed class JsonRowReaderTests
{
    private static readonly LoadOptions Json = new() { Format = LoadFormat.Json };

    private static SourceRow Read(string body, params string[] fields) => Read(body, Json, fields);

    private static SourceRow Read(string body, LoadOptions options, params string[] fields)
    {
        var rows = JsonRowReader.Read(Encoding.UTF8.GetBytes(body), options, fields, out var error);
        Assert.Null(error);
        return Assert.Single(rows!);
    }

    private static ColumnSchema Typed(string type) => type.StartsWith("ARRAY<", StringComparison.Ordinal)
        ? new ColumnSchema("v", type, "ARRAY", Nullable: true, IsKey: false)
        : Column("v", type);

    private static object? Load(string type, string body)
    {
        var row = Read(body, "v");
        Assert.True(ValueConverter.TryConvertJsonField(Typed(type), row.Fields![0], row.JsonTokens![0], out var value, out var error), error);
        return value;
    }

    private static string LoadError(string type, string body)
    {
        var row = Read(body, "v");
        Assert.False(ValueConverter.TryConvertJsonField(Typed(type), row.Fields![0], row.JsonTokens![0], out _, out var error));
        return error!;
    }

    [Theory]
    [InlineData("""{"v":"just \"a\" string"}""", """
        "just \"a\" string"
        """)]
    [InlineData("""{"v":"\"quoted\""}""", """
        "\"quoted\""
        """)]
    [InlineData("""{"v":"{\"a\":1}"}""", """
        "{\"a\":1}"
        """)]
    [InlineData("""{"v":""}""", "\"\"")]
    [InlineData("""{"v":12.50}""", "12.50")]
    [InlineData("""{"v":true}""", "true")]
    [InlineData("""{"v":[1,"two",{"three":3}]}""", """[1,"two",{"three":3}]""")]
    [InlineData("""{"v":{"a": [1, 2]}}""", """{"a": [1, 2]}""")]
    public void A_JSON_column_keeps_the_JSON_value_itself_a_string_token_stays_a_JSON_string(string body, string expected) =>
        Assert.Equal(expected, Load("JSON", body));

    [Fact]
    public void A_JSON_null_or_a_missing_key_is_NULL()
    {
        Assert.Null(Load("JSON", """{"v":null}"""));
        Assert.Null(Load("JSON", """{"w":1}"""));
    }

    [Theory]
    [InlineData("""{"v":"a \"b\""}""", "a \"b\"")]                          // a string: its content
    [InlineData("""{"v":-1.50e3}""", "-1.50e3")]                            // a number: its token
    [InlineData("""{"v":true}""", "1")]                                     // a boolean: 1 / 0
    [InlineData("""{"v":false}""", "0")]
    [InlineData("""{"v": { "a" : [1, 2], "s":"x y" } }""", """{"a":[1,2],"s":"x y"}""")] // an object: minified
    [InlineData("""{"v":[ "\" ]", 1 ]}""", """["\" ]",1]""")]               // string tokens kept as sent
    public void A_VARCHAR_column_gets_the_text_StarRocks_puts_into_a_string_slot(string body, string expected) =>
        Assert.Equal(expected, Load("VARCHAR(64)", body));

    [Fact]
    public void The_whole_record_path_gives_a_VARCHAR_column_the_record_as_received()
    {
        const string body = """{"id": 1, "s": "x"}""";
        var row = Read(body, Json with { JsonPaths = ["$.id", "$"] }, "id", "s");
        Assert.Equal(new string?[] { "1", body }, row.Fields!);
    }

    [Theory]
    [InlineData("INT", """{"v":true}""")]
    [InlineData("BIGINT", """{"v":[1]}""")]
    [InlineData("DOUBLE", """{"v":{"a":1}}""")]
    public void Numeric_columns_take_only_numbers_and_strings(string type, string body) =>
        Assert.Contains("Numeric type is required", LoadError(type, body));

    [Fact]
    public void Numbers_and_strings_still_load_into_numeric_and_boolean_columns()
    {
        Assert.Equal(7L, Load("INT", """{"v":7}"""));
        Assert.Equal(7L, Load("INT", """{"v":"7"}"""));
        Assert.Equal((sbyte)1, Load("BOOLEAN", """{"v":true}"""));
        Assert.Equal((sbyte)0, Load("BOOLEAN", """{"v":"false"}"""));
    }

    [Fact]
    public void An_ARRAY_column_takes_only_an_array_not_a_string_holding_one()
    {
        Assert.Equal("[1,2]", Load("ARRAY<INT>", """{"v":[1,2]}"""));
        Assert.Contains("Failed to parse value as array", LoadError("ARRAY<INT>", """{"v":"[1,2]"}"""));
    }

    [Theory]
    [InlineData(" {\"a\" :\t[1 ,\n2]} ", "{\"a\":[1,2]}")]
    [InlineData("\"a b\\\" c\"", "\"a b\\\" c\"")]
    [InlineData("[\"\\\\\", \" \"]", "[\"\\\\\",\" \"]")]
    public void Minify_drops_whitespace_between_tokens_only(string json, string expected) =>
        Assert.Equal(expected, JsonRowReader.Minify(json));
}
