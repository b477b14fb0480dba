using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>
/// ARRAY/MAP values in CSV read as StarRocks's CSV converters read them (array_reader.cpp, map_converter.cpp,
/// string_converter.cpp, nullable_converter.cpp, date_converter.cpp), given as the JSON text the stand-in stores.
/// </summary>
public sealed class CsvCollectionReaderTests
{
    [Theory]
    [InlineData("ARRAY<INT>", "[]", "[]")]
    [InlineData("ARRAY<INT>", "[1,null,-2147483648]", "[1,null,-2147483648]")]
    [InlineData("ARRAY<VARCHAR(65533)>", "[\"a\"\"b\",\"\"\"\",\"\",null,\"tab\tnew\nline\",\"[x]\",\"{y}\",\"\\N\"]",
        "[\"a\\u0022b\",\"\\u0022\",\"\",null,\"tab\\tnew\\nline\",\"[x]\",\"{y}\",\"\\\\N\"]")]
    [InlineData("ARRAY<VARCHAR(65533)>", "[\"null\",\"x,y\"]", "[\"null\",\"x,y\"]")] // quoted null is a string
    [InlineData("ARRAY<ARRAY<INT>>", "[[],[1,2],null]", "[[],[1,2],null]")]
    [InlineData("ARRAY<DATE>", "[\"0001-01-01\",\"9999-12-31\"]", "[\"0001-01-01\",\"9999-12-31\"]")]
    [InlineData("ARRAY<BOOLEAN>", "[true,0]", "[true,false]")]
    [InlineData("MAP<VARCHAR(65533),INT>", "{}", "{}")]
    [InlineData("MAP<VARCHAR(65533),INT>", "{\"one\":1}", "{\"one\":1}")]
    [InlineData("MAP<VARCHAR(65533),INT>", "{\"q\"\"uote\":1,\"\":null,\"\"\"start\":2147483647,\"a:b,c\":-1}",
        "{\"q\\u0022uote\":1,\"\":null,\"\\u0022start\":2147483647,\"a:b,c\":-1}")]
    [InlineData("MAP<INT,VARCHAR(65533)>", "{-2147483648:\"\"\"start\",0:\"end\"\"\"}", "{\"-2147483648\":\"\\u0022start\",\"0\":\"end\\u0022\"}")]
    [InlineData("MAP<INT,INT>", "{1:1,2:2,1:3}", "{\"2\":2,\"1\":3}")] // of equal keys the last entry is kept
    [InlineData("MAP<VARCHAR(65533),MAP<INT,INT>>", "{\"m\":{1:2,3:4}}", "{\"m\":{\"1\":2,\"3\":4}}")]
    public void Reads_StarRocks_CSV_collection_text(string type, string text, string expected)
    {
        Assert.True(CsvCollectionReader.TryRead(type, text, invalidFieldAsNull: false, out var json, out var error), error);
        Assert.Equal(expected, json);
    }

    [Theory]
    [InlineData("ARRAY<INT>", "")]
    [InlineData("ARRAY<INT>", "null")] // a whole field is NULL only as \N
    [InlineData("ARRAY<INT>", "[1,2")]
    [InlineData("ARRAY<INT>", "[1,[2]")] // unbalanced brackets
    [InlineData("ARRAY<VARCHAR(65533)>", "[\"a\", \"b\"]")] // nothing is trimmed: ' "b"' does not start with a quote
    [InlineData("ARRAY<INT>", "[1,]")] // an empty element is not an INT
    [InlineData("ARRAY<VARCHAR(65533)>", "[a]")] // strings must be quoted
    [InlineData("ARRAY<VARCHAR(65533)>", "[\"a\\\"b\"]")] // no backslash escapes: the quote toggles, leaving it open
    [InlineData("ARRAY<VARCHAR(65533)>", "[\"a]")]
    [InlineData("ARRAY<DATE>", "[2024-01-01]")] // DateConverter::read_quoted_string needs the quotes
    [InlineData("ARRAY<VARCHAR(3)>", "[\"abcd\"]")] // element length checked
    [InlineData("MAP<VARCHAR(65533),INT>", "[\"a\":1]")]
    [InlineData("MAP<VARCHAR(65533),INT>", "{\"a\":}")] // empty value
    [InlineData("MAP<VARCHAR(65533),INT>", "{:1}")] // empty key
    [InlineData("MAP<VARCHAR(65533),INT>", "{\"a\"}")] // key without value
    [InlineData("MAP<VARCHAR(65533),INT>", "{\"a\":1,}")]
    [InlineData("MAP<INT,INT>", "{1:x}")]
    public void Refuses_what_StarRocks_cannot_read(string type, string text) =>
        Assert.False(CsvCollectionReader.TryRead(type, text, invalidFieldAsNull: false, out _, out _));

    [Theory]
    [InlineData("MAP<INT,INT>", "{1:x,2:2}", "{\"1\":null,\"2\":2}")] // NullableConverter: invalid value -> NULL
    [InlineData("MAP<INT,ARRAY<INT>>", "{1:[x],2:[2]}", "{\"1\":null,\"2\":[2]}")]
    public void Without_strict_mode_reads_an_unreadable_map_value_as_NULL(string type, string text, string expected)
    {
        Assert.True(CsvCollectionReader.TryRead(type, text, invalidFieldAsNull: true, out var json, out var error), error);
        Assert.Equal(expected, json);
        Assert.False(CsvCollectionReader.TryRead(type, text, invalidFieldAsNull: false, out _, out _));
    }

    [Theory]
    [InlineData("ARRAY<MAP<INT,INT>>", "[{1:x}]")] // ArrayConverter clears invalid_field_as_null for its elements
    [InlineData("ARRAY<INT>", "[1,x]")]
    [InlineData("MAP<INT,INT>", "{x:1}")] // a NULL key has no JSON object form: the stand-in refuses it
    public void Without_strict_mode_still_refuses_unreadable_array_elements(string type, string text) =>
        Assert.False(CsvCollectionReader.TryRead(type, text, invalidFieldAsNull: true, out _, out _));
}
