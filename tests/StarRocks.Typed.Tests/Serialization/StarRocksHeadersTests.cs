using System.Collections.Immutable;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

public class StarRocksHeadersTests
{
    private static StarRocksTableInfo Table(params (string Name, string Type)[] columns) => new(
        "db", "t", StarRocksTableKind.PrimaryKey,
        [.. columns.Select((c, i) => new StarRocksColumnInfo(c.Name, c.Name, c.Type, false, i == 0 ? 0 : -1, StarRocksAggregate.None, null, null))],
        "CREATE TABLE …");

    [Fact]
    public void Csv_headers_describe_the_dialect_and_column_order()
    {
        var format = new CsvFormat { ColumnSeparator = "\\x01", RowDelimiter = "\\x0D0A", Escape = (byte)'\\' };
        var headers = StarRocksHeaders.ForCsv(format, Table(("id", "BIGINT"), ("we`ird", "VARCHAR(10)"), ("payload", "VARBINARY")), withOperation: true)
            .ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("CSV", headers["format"]);
        Assert.Equal("\\x01", headers["column_separator"]);
        Assert.Equal("\\x0D0A", headers["row_delimiter"]);
        Assert.Equal("\"", headers["enclose"]);
        Assert.Equal("\\", headers["escape"]);
        Assert.Equal("`id`, `we``ird`, `payload`, __op", headers["columns"]);
    }

    [Fact]
    public void Default_csv_headers_use_tab_newline_and_quote()
    {
        var headers = StarRocksHeaders.ForCsv(CsvFormat.Default, Table(("id", "INT"))).ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("\\x09", headers["column_separator"]);
        Assert.Equal("\\x0A", headers["row_delimiter"]);
        Assert.Equal("\"", headers["enclose"]);
        Assert.False(headers.ContainsKey("escape"));
        Assert.Equal("`id`", headers["columns"]);
    }

    [Fact]
    public void Json_headers_strip_the_outer_array_and_decode_binary_members()
    {
        var plain = StarRocksHeaders.ForJson(JsonFormat.Default, Table(("id", "INT"), ("name", "STRING")), withOperation: true).ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("JSON", plain["format"]);
        Assert.Equal("true", plain["strip_outer_array"]);
        Assert.False(plain.ContainsKey("columns")); // members match columns by name; __op is auto-projected

        var lines = StarRocksHeaders.ForJson(new JsonFormat { Layout = JsonRowLayout.NewlineDelimited }, Table(("id", "INT"))).ToDictionary(h => h.Key, h => h.Value);
        Assert.False(lines.ContainsKey("strip_outer_array"));

        var binary = StarRocksHeaders.ForJson(JsonFormat.Default, Table(("id", "INT"), ("payload", "VARBINARY(16)")), withOperation: true).ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("[\"$.id\",\"$.payload\",\"$.__op\"]", binary["jsonpaths"]);
        Assert.Equal("`id`, `__sr_b64_payload`, __op, `payload` = from_base64(`__sr_b64_payload`)", binary["columns"]);
    }
}
