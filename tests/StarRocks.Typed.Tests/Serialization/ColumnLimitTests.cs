using System.Text.Json;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

/// <summary>
/// The row writers refuse what StarRocks would filter: a string longer than its CHAR/VARCHAR in UTF-8 bytes, an enum
/// name longer than its VARCHAR, a DECIMAL with more integer digits than precision − scale. Each check in CSV and JSON.
/// </summary>
public class ColumnLimitTests
{
    private enum Shade { Red, DarkRed, Blue }

    [Flags]
    private enum Access { None = 0, Read = 1, Write = 2, Execute = 4 }

    private static string Csv(TestBuffers.CsvBody body) => TestBuffers.CsvText(CsvFormat.Default, (ref CsvRowWriter w) =>
    {
        w.BeginRow();
        body(ref w);
        w.EndRow();
    });

    private static string Json(TestBuffers.JsonBody body) => TestBuffers.JsonText(JsonFormat.Default, (ref JsonRowWriter w) =>
    {
        w.BeginRow();
        w.WriteName("\"title\":"u8);
        body(ref w);
        w.EndRow();
    });

    [Theory]
    [InlineData("abcde", 5)]            // ASCII, exactly the length
    [InlineData("héllo", 6)]            // é is 2 bytes
    [InlineData("日本", 6)]              // 3 bytes each
    [InlineData("😀", 4)]               // a surrogate pair is 4 bytes
    [InlineData("", 1)]
    public void A_string_exactly_at_its_byte_length_is_written(string value, int maxBytes)
    {
        Assert.Equal(value.Length == 0 ? "\"\"\n" : value + "\n", Csv((ref CsvRowWriter w) => w.WriteString(value, maxBytes, "title")));
        using var json = JsonDocument.Parse(Json((ref JsonRowWriter w) => w.WriteString(value, maxBytes)));
        Assert.Equal(value, json.RootElement[0].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("abcdef", 5, 6)]
    [InlineData("héllo", 5, 6)]         // 5 characters, 6 bytes: StarRocks counts bytes
    [InlineData("日本", 5, 6)]
    [InlineData("😀", 3, 4)]
    public void A_string_longer_than_its_byte_length_is_refused_naming_the_column(string value, int maxBytes, int bytes)
    {
        var csv = Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteString(value, maxBytes, "title")));
        var json = Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteString(value, maxBytes)));
        foreach (var e in new[] { csv, json })
        {
            Assert.Equal("title", e.Column);
            Assert.Contains($"String (length={bytes}) is too long. The max length of 'title' is {maxBytes}", e.Message);
            Assert.DoesNotContain(value, e.Message); // the value itself may be private
        }
    }

    [Fact]
    public void A_lone_surrogate_counts_as_the_three_bytes_of_the_U_FFFD_it_is_written_as()
    {
        var value = "a\ud800";
        Assert.Equal("a\ufffd\n", Csv((ref CsvRowWriter w) => w.WriteString(value, 4, "title")));
        var e = Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteString(value, 3, "title")));
        Assert.Contains("String (length=4) is too long", e.Message);
        Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteString(value, 3)));
    }

    [Fact]
    public void A_long_string_is_counted_not_estimated()
    {
        // 30,000 ASCII characters fit 65,533 bytes, although 3 bytes a character would not.
        var ascii = new string('x', 30_000);
        Assert.Equal(30_001, Csv((ref CsvRowWriter w) => w.WriteString(ascii, 65_533, "title")).Length);
        var wide = new string('é', 32_767); // 65,534 bytes
        Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteString(wide, 65_533, "title")));
        Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteString(wide, 65_533)));
    }

    [Fact]
    public void A_null_string_is_null_whatever_the_length()
    {
        Assert.Equal("\\N\n", Csv((ref CsvRowWriter w) => w.WriteString(null, 1, "title")));
        Assert.Contains("\"title\":null", Json((ref JsonRowWriter w) => w.WriteString(null, 1)));
    }

    [Fact]
    public void A_char_must_fit_its_CHAR_in_bytes()
    {
        Assert.Equal("x\n", Csv((ref CsvRowWriter w) => w.WriteChar('x', 1, "title")));
        Assert.Contains("\"title\":\"é\"", Json((ref JsonRowWriter w) => w.WriteChar('é', 3)));
        Assert.Equal("title", Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteChar('é', 1, "title"))).Column);
        Assert.Equal("title", Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteChar('é', 1))).Column);
    }

    [Fact]
    public void An_enum_name_must_fit_its_VARCHAR()
    {
        Assert.Equal("DarkRed\n", Csv((ref CsvRowWriter w) => w.WriteEnumName(Shade.DarkRed, 7, "title")));
        Assert.Contains("\"title\":\"Read, Write, Execute\"", Json((ref JsonRowWriter w) => w.WriteEnumName(Access.Read | Access.Write | Access.Execute, 20)));
        var csv = Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteEnumName(Access.Read | Access.Write, 7, "title")));
        var json = Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteEnumName((Shade)12345, 4)));
        Assert.Contains("String (length=11) is too long. The max length of 'title' is 7", csv.Message);
        Assert.Contains("String (length=5) is too long. The max length of 'title' is 4", json.Message);
    }

    [Theory]
    [InlineData("999.99", 5, 2)]        // the largest DECIMAL(5,2)
    [InlineData("-999.99", 5, 2)]
    [InlineData("999.994", 5, 2)]       // digits past the scale are StarRocks's to round or truncate, not refused
    [InlineData("0.99", 2, 2)]
    [InlineData("79228162514264337593543950335", 38, 9)] // decimal.MaxValue: any decimal fits 29 integer digits
    [InlineData("-9999999999999999999999999999", 28, 0)]
    [InlineData("0", 1, 1)]
    public void A_decimal_within_its_integer_digits_is_written(string text, int precision, int scale)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(text + "\n", Csv((ref CsvRowWriter w) => w.WriteDecimal(value, precision, scale, "title")));
        Assert.Contains($"\"title\":{text}", Json((ref JsonRowWriter w) => w.WriteDecimal(value, precision, scale)));
    }

    [Theory]
    [InlineData("1000", 5, 2)]
    [InlineData("-1000.00", 5, 2)]
    [InlineData("1", 2, 2)]
    [InlineData("10000000000000000000000000000", 37, 9)] // 29 integer digits, 28 allowed
    [InlineData("12", 1, 0)]
    public void A_decimal_past_its_integer_digits_is_refused_naming_the_column(string text, int precision, int scale)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var csv = Assert.Throws<StarRocksSerializationException>(() => Csv((ref CsvRowWriter w) => w.WriteDecimal(value, precision, scale, "title")));
        var json = Assert.Throws<StarRocksSerializationException>(() => Json((ref JsonRowWriter w) => w.WriteDecimal(value, precision, scale)));
        foreach (var e in new[] { csv, json })
        {
            Assert.Equal("title", e.Column);
            Assert.Contains($"more than {precision - scale} integer digits, which DECIMAL({precision},{scale}) cannot hold", e.Message);
        }
    }
}
