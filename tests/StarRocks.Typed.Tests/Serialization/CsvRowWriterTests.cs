using System.Text;
using StarRocks.Typed.Generated;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

public class CsvRowWriterTests
{
    private static readonly CsvFormat Plain = new() { Enclose = null };
    private static readonly CsvFormat Enclosed = CsvFormat.Default;

    [Fact]
    public void Writes_fields_with_separator_and_delimiter_and_null_marker()
    {
        var text = TestBuffers.CsvText(Enclosed, (ref CsvRowWriter w) =>
        {
            w.BeginRow();
            w.WriteInt32(42);
            w.WriteNull();
            w.WriteString("abc", "name");
            w.WriteBoolean(true);
            w.WriteBoolean(false);
            w.EndRow();
            w.BeginRow();
            w.WriteInt32(-1);
            w.WriteString(null, "name");
            w.WriteString("", "name");
            w.WriteBoolean(false);
            w.WriteBoolean(true);
            w.EndRow();
        });
        Assert.Equal("42\t\\N\tabc\t1\t0\n-1\t\\N\t\"\"\t0\t1\n", text);
    }

    [Fact]
    public void Appends_the_operation_as_the_last_field()
    {
        var text = TestBuffers.CsvText(Enclosed, (ref CsvRowWriter w) =>
        {
            w.BeginRow(); w.WriteInt64(7); w.EndRow(StarRocksOperation.Upsert);
            w.BeginRow(); w.WriteInt64(8); w.EndRow(StarRocksOperation.Delete);
        });
        Assert.Equal("7\t0\n8\t1\n", text);
    }

    [Fact]
    public void Uses_hex_separators_from_header_notation()
    {
        var format = new CsvFormat { ColumnSeparator = "\\x01", RowDelimiter = "\\x0D0A", Enclose = null };
        var bytes = TestBuffers.Csv(format, (ref CsvRowWriter w) =>
        {
            w.BeginRow(); w.WriteInt32(1); w.WriteString("a\tb\nc", "s"); w.EndRow();
        });
        Assert.Equal(new byte[] { (byte)'1', 0x01, (byte)'a', 9, (byte)'b', 10, (byte)'c', 0x0D, 0x0A }, bytes);
        Assert.Equal("\\x01", format.ColumnSeparator);
        Assert.Equal("\\x0D0A", format.RowDelimiter);
    }

    [Theory]
    [InlineData("a\tb", "\"a\tb\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("say \"hi\"", "say \"\"hi\"\"")]
    [InlineData("tab\tand \"quote\"", "\"tab\tand \"\"quote\"\"\"")]
    [InlineData("\"quoted\"", "\"\"\"quoted\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("\"a\tb", "\"\"\"a\tb\"")]
    [InlineData("nul\0byte", "nul\0\0byte")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("\\N ", "\\N ")]
    [InlineData("N", "N")]
    [InlineData("héllo 😀", "héllo 😀")]
    [InlineData("", "\"\"")]
    public void Encloses_or_doubles_only_when_needed(string value, string expectedField)
    {
        Assert.Equal(expectedField + "\n", Encoding.UTF8.GetString(TestBuffers.CsvField(Enclosed, value)));
    }

    [Theory]
    [InlineData("\\N")]
    public void Rejects_values_enclose_mode_cannot_represent_naming_the_column(string value)
    {
        var e = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.CsvField(Enclosed, value));
        Assert.Equal("c", e.Column);
        Assert.Contains("JSON", e.Message);
    }

    [Theory]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("\\N")]
    public void Rejects_separators_without_enclose(string value)
    {
        Assert.Throws<StarRocksSerializationException>(() => TestBuffers.CsvField(Plain, value));
    }

    [Fact]
    public void Plain_mode_writes_quotes_and_backslashes_verbatim()
    {
        Assert.Equal("say \"hi\" \\ \"\n", Encoding.UTF8.GetString(TestBuffers.CsvField(Plain, "say \"hi\" \\ \"")));
    }

    [Fact]
    public void Blank_single_field_rows_are_enclosed_or_rejected()
    {
        Assert.Equal("\"\"\n", Encoding.UTF8.GetString(TestBuffers.CsvField(Enclosed, "")));
        Assert.Equal("\"\"\n", TestBuffers.CsvText(Enclosed, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteBinary([]); w.EndRow(); }));
        Assert.Throws<StarRocksSerializationException>(() => TestBuffers.CsvField(Plain, ""));
        var escapeOnly = new CsvFormat { Enclose = null, Escape = (byte)'\\' };
        var nulEnclosed = TestBuffers.CsvField(escapeOnly, "");
        Assert.Equal("\0\0\n"u8.ToArray(), nulEnclosed);
        Assert.Equal([[""]], StarRocksCsvModel.Parse(nulEnclosed, escapeOnly));
        Assert.Equal("\t\n", Encoding.UTF8.GetString(TestBuffers.Csv(Plain, (ref CsvRowWriter w) =>
        {
            w.BeginRow(); w.WriteString("", "a"); w.WriteString("", "b"); w.EndRow();
        })));
    }

    [Fact]
    public void Multi_byte_separator_prefix_at_the_end_of_a_value_is_enclosed()
    {
        var format = new CsvFormat { ColumnSeparator = "||" };
        var text = TestBuffers.CsvText(format, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteString("x|", "a"); w.WriteString("y", "b"); w.EndRow(); });
        Assert.Equal("\"x|\"||y\n", text);
        Assert.Equal([["x|", "y"]], StarRocksCsvModel.Parse(Encoding.UTF8.GetBytes(text), format));
        Assert.Throws<StarRocksSerializationException>(() => TestBuffers.CsvField(new CsvFormat { ColumnSeparator = "||", Enclose = null }, "x|"));
    }

    [Fact]
    public void Escape_mode_escapes_separators_quotes_and_the_escape()
    {
        var format = new CsvFormat { Escape = (byte)'\\' };
        Assert.Equal("a\\\tb\\\"c\\\\d\\\n\n", Encoding.UTF8.GetString(TestBuffers.CsvField(format, "a\tb\"c\\d\n")));
    }

    [Fact]
    public void Writes_numbers_dates_guids_binary_invariantly()
    {
        var text = TestBuffers.CsvText(Enclosed, (ref CsvRowWriter w) =>
        {
            w.BeginRow();
            w.WriteInt64(long.MinValue);
            w.WriteUInt64(ulong.MaxValue);
            w.WriteInt128(Int128.MaxValue);
            w.WriteInt128(Int128.MinValue);
            w.WriteSByte(sbyte.MinValue);
            w.WriteByte(byte.MaxValue);
            w.WriteInt16(short.MinValue);
            w.WriteUInt16(ushort.MaxValue);
            w.WriteUInt32(uint.MaxValue);
            w.WriteDecimal(-1.50m);
            w.WriteDecimal(decimal.MaxValue);
            w.WriteDecimal(0.0000000000000000000000000001m);
            w.WriteDouble(0.1, "d");
            w.WriteDouble(-0.0, "d");
            w.WriteSingle(float.Epsilon, "f");
            w.WriteDate(new DateOnly(2024, 2, 29));
            w.WriteDateTime(DateTime.MinValue);
            w.WriteDateTime(DateTime.MaxValue);
            w.WriteDateTime(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234567));
            w.WriteGuid(new Guid("01234567-89ab-cdef-0123-456789abcdef"));
            w.WriteBinary([0, 1, 2, 255]);
            w.WriteEnumNumber(DayOfWeek.Friday);
            w.WriteEnumName(DayOfWeek.Friday, "e");
            w.EndRow();
        });
        Assert.Equal(
            "-9223372036854775808\t18446744073709551615\t170141183460469231731687303715884105727\t-170141183460469231731687303715884105728\t" +
            "-128\t255\t-32768\t65535\t4294967295\t-1.50\t79228162514264337593543950335\t0.0000000000000000000000000001\t" +
            "0.1\t-0\t1E-45\t2024-02-29\t0001-01-01 00:00:00\t9999-12-31 23:59:59.999999\t2024-01-02 03:04:05.123456\t" +
            "01234567-89ab-cdef-0123-456789abcdef\tAAEC/w==\t5\tFriday\n", text);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_non_finite_doubles_naming_the_column(double value)
    {
        var e = Assert.Throws<StarRocksSerializationException>(() =>
            TestBuffers.Csv(Enclosed, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteDouble(value, "price"); w.EndRow(); }));
        Assert.Equal("price", e.Column);
        Assert.Contains("price", e.Message);
        Assert.Throws<StarRocksSerializationException>(() =>
            TestBuffers.Csv(Enclosed, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteSingle((float)value, "ratio"); w.EndRow(); }));
    }

    [Fact]
    public void Converts_offsets_to_the_configured_zone()
    {
        var instant = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal("2024-06-01 10:00:00\n", TestBuffers.CsvText(Enclosed, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteDateTimeOffset(instant, "t"); w.EndRow(); }));
        var tokyo = new CsvFormat { TimeZone = TimeZoneInfo.CreateCustomTimeZone("plus9", TimeSpan.FromHours(9), "plus9", "plus9") };
        Assert.Equal("2024-06-01 19:00:00\n", TestBuffers.CsvText(tokyo, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteDateTimeOffset(instant, "t"); w.EndRow(); }));
    }

    [Fact]
    public void Writes_collections_as_StarRocks_CSV_collection_text()
    {
        var text = TestBuffers.CsvText(new CsvFormat { ColumnSeparator = "," }, (ref CsvRowWriter w) =>
        {
            w.BeginRow();
            w.WriteValue<int[], ValueWriters.Array<int, ValueWriters.Int32>>([1, 2, 3], "ids");
            w.WriteValue<List<string?>, ValueWriters.List<string?, ValueWriters.String>>(["a\"b", null, "c\\d"], "tags");
            w.WriteValue<Dictionary<int, string?>, ValueWriters.Dictionary<int, string?, ValueWriters.Int32, ValueWriters.String>>(new() { [1] = "x" }, "m");
            w.WriteValue<int[][], ValueWriters.Array<int[], ValueWriters.Array<int, ValueWriters.Int32>>>([[1], []], "nested");
            w.WriteValue<int[]?, ValueWriters.Array<int, ValueWriters.Int32>>(null, "none");
            w.EndRow();
        });
        Assert.Equal("\"[1,2,3]\",\"[\"\"a\"\"\"\"b\"\",null,\"\"c\\d\"\"]\",{1:\"\"x\"\"},\"[[1],[]]\",\\N\n", text);
    }

    [Fact]
    public void Rejects_collections_StarRocks_CSV_cannot_split()
    {
        var e = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.Csv(Enclosed, (ref CsvRowWriter w) =>
        {
            w.BeginRow();
            w.WriteValue<Dictionary<string, int>[], ValueWriters.Array<Dictionary<string, int>, ValueWriters.Dictionary<string, int, ValueWriters.String, ValueWriters.Int32>>>(
                [new() { ["a"] = 1, ["b"] = 2 }], "maps");
            w.EndRow();
        }));
        Assert.Equal("maps", e.Column);
    }

    [Fact]
    public void Random_strings_round_trip_through_the_StarRocks_parser_model_or_are_rejected()
    {
        var formats = new[]
        {
            Plain,
            Enclosed,
            new CsvFormat { ColumnSeparator = ",", Enclose = (byte)'"' },
            new CsvFormat { ColumnSeparator = "||", Enclose = (byte)'"' },
            new CsvFormat { ColumnSeparator = "||", RowDelimiter = "\\x0D0A", Enclose = null },
            new CsvFormat { Escape = (byte)'\\' },
            new CsvFormat { Escape = (byte)'\\', Enclose = null },
            new CsvFormat { ColumnSeparator = "\\x01", RowDelimiter = "\\x02", Enclose = null },
        };
        string[] atoms = ["a", "b", "N", "\\", "\"", "\t", "\n", "\r", ",", "|", " ", "\0", "é", "😀", "\u0001", "\u0002", "\\N"];
        var random = new Random(1234);
        foreach (var format in formats)
        {
            int written = 0, rejected = 0;
            for (int i = 0; i < 4000; i++)
            {
                var row = new string?[random.Next(1, 4)];
                for (int f = 0; f < row.Length; f++)
                {
                    if (random.Next(10) == 0) continue;
                    var text = new StringBuilder();
                    for (int n = random.Next(0, 6); n > 0; n--) text.Append(atoms[random.Next(atoms.Length)]);
                    row[f] = text.ToString();
                }
                byte[] bytes;
                try
                {
                    bytes = TestBuffers.Csv(format, (ref CsvRowWriter w) =>
                    {
                        w.BeginRow();
                        foreach (var value in row) w.WriteString(value, "c");
                        w.EndRow(StarRocksOperation.Upsert);
                    });
                }
                catch (StarRocksSerializationException)
                {
                    rejected++;
                    continue;
                }
                written++;
                var parsed = StarRocksCsvModel.Parse(bytes, format);
                Assert.Single(parsed);
                Assert.Equal([.. row, "0"], parsed[0]);
            }
            Assert.True(written > 1000, $"{format.ColumnSeparator}/{format.Enclose}/{format.Escape}: only {written} rows written ({rejected} rejected)");
        }
    }

    [Fact]
    public void Edge_strings_round_trip_through_StarRocks_CSV_reader_or_are_refused_for_a_stated_reason()
    {
        string[] values =
        [
            "\"hi", "say \"hi\"", "say \"\"hi\"\"", "end\"", "\"", "\"\"", "\"\t\"", "a\tb", "a\nb", "a\r\nb", "cr\r",
            "\\\\N", "a\\N", "\\N ", "\\", "", "😀 é", "nul\0", "\0", "\0\"", "x|", "|x", "a||b", "\u0001\u0002", " lead", "trail ",
        ];
        var formats = new (CsvFormat Format, Func<string, bool> MayRefuse)[]
        {
            (Enclosed, _ => false),
            (new CsvFormat { ColumnSeparator = ",", Enclose = (byte)'"' }, _ => false),
            (new CsvFormat { ColumnSeparator = "||" }, _ => false),
            (new CsvFormat { ColumnSeparator = "\\x0102" }, _ => false),
            (new CsvFormat { Escape = (byte)'\\' }, _ => false),
            (new CsvFormat { ColumnSeparator = "||", Escape = (byte)'\\', Enclose = null }, v => v.EndsWith('|')),
            (Plain, v => v.Contains('\t') || v.Contains('\n')),
        };
        foreach (var (format, mayRefuse) in formats)
        {
            foreach (var value in values)
            {
                byte[] bytes;
                try
                {
                    bytes = TestBuffers.Csv(format, (ref CsvRowWriter w) => { w.BeginRow(); w.WriteString(value, "c"); w.WriteString("z", "d"); w.EndRow(); });
                }
                catch (StarRocksSerializationException) when (mayRefuse(value))
                {
                    continue;
                }
                Assert.Equal([[value, "z"]], StarRocksCsvModel.Parse(bytes, format));
            }
            var refused = Assert.Throws<StarRocksSerializationException>(() => TestBuffers.CsvField(format, "\\N"));
            Assert.Contains("nullable_converter.cpp", refused.Message);
        }
    }

    [Fact]
    public void Collections_and_JSON_values_read_back_as_their_exact_text()
    {
        var bytes = TestBuffers.Csv(Enclosed, (ref CsvRowWriter w) =>
        {
            w.BeginRow();
            w.WriteValue<List<string?>, ValueWriters.List<string?, ValueWriters.String>>(["a\"b", "t\tx", "\"", null], "tags");
            w.WriteValue<Dictionary<string, string?>, ValueWriters.Dictionary<string, string?, ValueWriters.String, ValueWriters.String>>(new() { ["k\""] = "v" }, "m");
            w.WriteJsonText("{\"a\":\"x\\ty\"}", "j");
            w.WriteJsonText("\"just a string\"", "s");
            w.EndRow();
        });
        Assert.Equal(
            [["[\"a\"\"b\",\"t\tx\",\"\"\"\",null]", "{\"k\"\"\":\"v\"}", "{\"a\":\"x\\ty\"}", "\"just a string\""]],
            StarRocksCsvModel.Parse(bytes, Enclosed));
    }

    [Fact]
    public void Rejects_dialects_that_cannot_keep_values_apart()
    {
        Assert.Throws<InvalidOperationException>(() => TestBuffers.CsvField(new CsvFormat { ColumnSeparator = " " }, "x"));
        Assert.Throws<InvalidOperationException>(() => TestBuffers.CsvField(new CsvFormat { ColumnSeparator = "\\x0A" }, "x"));
        Assert.Throws<InvalidOperationException>(() => TestBuffers.CsvField(new CsvFormat { ColumnSeparator = "\"" }, "x"));
        Assert.Throws<ArgumentException>(() => new CsvFormat { ColumnSeparator = "\\x0" });
        var multiByte = Assert.Throws<InvalidOperationException>(() => TestBuffers.CsvField(new CsvFormat { RowDelimiter = "\\x0D0A" }, "x"));
        Assert.Contains("is_row_delimiter", multiByte.Message);
    }
}
