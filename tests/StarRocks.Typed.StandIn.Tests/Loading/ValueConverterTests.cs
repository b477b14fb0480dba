using System.Text;
using StarRocks.Typed.StandIn.Loading;
using static StarRocks.Typed.StandIn.Tests.Infrastructure.TestTables;

namespace StarRocks.Typed.StandIn.Tests.Loading;

/// <summary>Type checks of loaded values, without HTTP or MariaDB.</summary>
public sealed class ValueConverterTests
{
    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    public void MurmurHash3_32_matches_the_reference_vectors(string text, uint seed, uint expected) =>
        Assert.Equal(expected, Murmur.Hash32(Encoding.UTF8.GetBytes(text), seed));

    [Theory]
    [InlineData("FLOAT", "3.4028235e38", (double)float.MaxValue)]
    [InlineData("FLOAT", "-3.4028235E+38", (double)float.MinValue)]
    [InlineData("FLOAT", "1.4e-45", (double)float.Epsilon)]
    [InlineData("FLOAT", "0.1", (double)0.1f)]
    [InlineData("FLOAT", " 1.5 ", 1.5)]
    [InlineData("DOUBLE", "1.7976931348623157e308", double.MaxValue)]
    [InlineData("DOUBLE", "4.9e-324", double.Epsilon)]
    [InlineData("DOUBLE", "2.2250738585072014E-308", 2.2250738585072014E-308)]
    [InlineData("DOUBLE", "1.2.3", 1.2)] // fast_float reads the number at the start
    [InlineData("DOUBLE", "5.", 5.0)]
    [InlineData("DOUBLE", ".5", 0.5)]
    [InlineData("DOUBLE", "-0", -0.0)]
    public void Reads_floating_point_values_as_StarRocks_does(string type, string text, double expected)
    {
        Assert.True(ValueConverter.TryConvert(Column("c", type), text, out var value, out var error), error);
        Assert.Equal(expected, (double)value!);
    }

    [Theory]
    [InlineData("DOUBLE", "1e400", "not a valid")]      // the double overflows: PARSE_OVERFLOW
    [InlineData("DOUBLE", "abc", "not a valid")]
    [InlineData("DOUBLE", "1e5e5", "not a valid")]
    [InlineData("DOUBLE", "1,5", "not a valid")]
    [InlineData("DOUBLE", "", "not a valid")]
    [InlineData("FLOAT", "3.5e38", "infinite as FLOAT")] // StarRocks casts to float infinity; MariaDB cannot store it
    [InlineData("DOUBLE", "inf", "infinite as DOUBLE")]
    [InlineData("DOUBLE", "NaN", "NaN as DOUBLE")]
    public void Refuses_floating_point_values(string type, string text, string message)
    {
        Assert.False(ValueConverter.TryConvert(Column("c", type), text, out _, out var error));
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("DECIMAL(5,2)", "123.456", "123.45")]     // 6 digits: only the first 5 are kept, so the 6 is truncated (string_to_decimal)
    [InlineData("DECIMAL(5,2)", "-123.455", "-123.45")]
    [InlineData("DECIMAL(5,2)", "999.995", "999.99")]     // truncated too: no carry past the precision
    [InlineData("DECIMAL(5,2)", "1.456", "1.46")]         // 4 digits: the first dropped digit is kept, so it rounds
    [InlineData("DECIMAL(5,2)", "-1.455", "-1.46")]       // half away from zero
    [InlineData("DECIMAL(5,2)", "9.995", "10.00")]        // rounds into a new integer digit, within the precision
    [InlineData("DECIMAL(5,2)", "1.5e2", "150.00")]
    [InlineData("DECIMAL(5,2)", "15e-1", "1.50")]
    [InlineData("DECIMAL(5,2)", " \t12.5 ", "12.50")]
    [InlineData("DECIMAL(5,2)", "1e-200", "0.00")]        // an exponent below int8 is PARSE_UNDERFLOW, which loads 0
    [InlineData("DECIMAL(5,2)", ".", "0.00")]
    [InlineData("DECIMAL(5,2)", "-0.001", "0.00")]
    [InlineData("DECIMAL(5,2)", "7", "7.00")]
    [InlineData("DECIMAL(38,10)", "1234567890123456789012345678.0123456789", "1234567890123456789012345678.0123456789")]
    [InlineData("LARGEINT", "-170141183460469231731687303715884105728", "-170141183460469231731687303715884105728")]
    [InlineData("DATE", "20240229", "2024-02-29")]
    [InlineData("DATE", "0000-02-29", "0000-02-29")]
    [InlineData("DATE", "2024-01-02 10:00:00", "2024-01-02")]
    [InlineData("DATETIME", "2024-01-02T03:04:05.5", "2024-01-02 03:04:05.500000")]
    [InlineData("DATETIME", "2024-01-02", "2024-01-02 00:00:00.000000")]
    [InlineData("DATETIME", "9999-12-31 23:59:59.999999", "9999-12-31 23:59:59.999999")]
    [InlineData("VARCHAR(3)", "é€", null)]
    [InlineData("VARCHAR(5)", "é€", "é€")]
    public void Accepts_and_normalises(string type, string text, string? expected)
    {
        var ok = ValueConverter.TryConvert(Column("c", type), text, out var value, out var error);

        if (expected is null)
        {
            Assert.False(ok);
            Assert.Contains("too long", error);
        }
        else
        {
            Assert.True(ok, error);
            Assert.Equal(expected, value);
        }
    }

    [Theory]
    [InlineData("DECIMAL(5,2)", "1000.00")]
    [InlineData("DECIMAL(5,2)", "1e200")]
    [InlineData("DECIMAL(5,2)", "1.2.3")]
    [InlineData("DECIMAL(5,2)", "")]
    [InlineData("DECIMAL(5,2)", "-")]
    [InlineData("DECIMAL(5,2)", "1e3")]
    [InlineData("TINYINT", "128")]
    [InlineData("SMALLINT", "-32769")]
    [InlineData("INT", "1.5")]
    [InlineData("LARGEINT", "170141183460469231731687303715884105728")]
    [InlineData("BOOLEAN", "yes")]
    [InlineData("DATE", "1900-02-29")]
    [InlineData("DATE", "2024-13-01")]
    [InlineData("DATETIME", "2024-01-01 24:00:00")]
    [InlineData("DATETIME", "2024-01-01 00:00:00.1234567")]
    [InlineData("JSON", "{not json")]
    [InlineData("CHAR(2)", "abc")]
    public void Refuses(string type, string text) =>
        Assert.False(ValueConverter.TryConvert(Column("c", type), text, out _, out _));

    [Fact]
    public void CSV_binary_is_base64_decoded_after_leading_whitespace_else_kept_as_text()
    {
        var column = Column("c", "VARBINARY(3)");
        Assert.True(ValueConverter.TryConvert(column, "  /wAB", out var decoded, out _, csv: true));
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x01 }, decoded);
        Assert.True(ValueConverter.TryConvert(column, "/wAB \n", out var trailing, out _, csv: true));
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x01 }, trailing);
        Assert.True(ValueConverter.TryConvert(column, "a-b", out var raw, out _, csv: true));
        Assert.Equal("a-b"u8.ToArray(), raw);
        Assert.True(ValueConverter.TryConvert(Column("c", "VARBINARY(8)"), " YQ==?", out var fallback, out _, csv: true));
        Assert.Equal(" YQ==?"u8.ToArray(), fallback);
        Assert.True(ValueConverter.TryConvert(column, " \t", out var blank, out _, csv: true));
        Assert.Equal(Array.Empty<byte>(), blank);
        Assert.False(ValueConverter.TryConvert(column, "AAECAw==", out _, out _, csv: true));
        Assert.True(ValueConverter.TryConvert(column, "AAA=", out var decodedCsv, out _, csv: true));
        Assert.Equal(new byte[] { 0, 0 }, decodedCsv);
        Assert.False(ValueConverter.TryConvert(column, "AAA=", out _, out _));
    }

    [Fact]
    public void Binary_length_is_counted_in_bytes()
    {
        Assert.True(ValueConverter.TryConvert(Column("c", "VARBINARY(4)"), "ab", out var value, out _));
        Assert.Equal("ab"u8.ToArray(), (byte[])value!);
        Assert.False(ValueConverter.TryConvert(Column("c", "VARBINARY(4)"), "ééé", out _, out _));
    }

    [Fact]
    public void Csv_reader_splits_quoted_and_plain_bodies_alike()
    {
        var plain = CsvRowReader.Read("a,\\N,\n"u8, new LoadOptions { ColumnSeparator = ","u8.ToArray() });
        var quoted = CsvRowReader.Read("\"a\",\\N,\n"u8, new LoadOptions { ColumnSeparator = ","u8.ToArray(), Enclose = (byte)'"' });

        Assert.Equal("a|NULL|", string.Join('|', plain.Single().Fields!.Select(f => f ?? "NULL")));
        Assert.Equal("a|NULL|", string.Join('|', quoted.Single().Fields!.Select(f => f ?? "NULL")));
        Assert.Equal(3, CsvRowReader.CountRows(Encoding.ASCII.GetBytes("1\r\n2\r\n3\r\n"), "\r\n"u8));
    }

    [Fact]
    public void Columns_header_forms()
    {
        var mapping = ColumnMapping.Parse("`id`, v, tmp, __op = tmp, c = 'x', n = 5");

        Assert.Equal(["id", "v", "tmp"], mapping.SourceFields);
        Assert.Contains(new ColumnTarget("__op", 2), mapping.Targets);
        Assert.Contains(new ColumnTarget("c", -1, "x"), mapping.Targets);
        Assert.Contains(new ColumnTarget("n", -1, "5"), mapping.Targets);
        var computed = Assert.Single(ColumnMapping.Parse("a, b = a * 100").Targets, t => t.Column == "b").Expression!;
        Assert.Equal(250.0, computed.Evaluate(new ExpressionContext(["2.5"], DateTime.Now)));
        var refused = Assert.Throws<FormatException>(() => ColumnMapping.Parse("a, b = md5sum(a)"));
        Assert.Equal("No matching function with signature: md5sum(varchar).", refused.Message);
    }
}
