using System.Text.Json;
using StarRocks.Typed.Serialization;
using static StarRocks.Typed.Tests.Generated.GeneratedRows;

namespace StarRocks.Typed.Tests.Generated;

/// <summary>The generated CSV/JSON writers, run through the runtime writers, produce exact bytes for edge values.</summary>
public class GeneratedWriterTests
{
    private static readonly NumberRow Minimum = new()
    {
        Flag = false, Tiny = sbyte.MinValue, Byte = byte.MinValue, Short = short.MinValue, UShort = ushort.MinValue,
        Int = int.MinValue, UInt = uint.MinValue, Long = long.MinValue, ULong = ulong.MinValue, Huge = Int128.MinValue,
        Single = float.MinValue, Double = double.MinValue, Money = decimal.MinValue, Fraction = -0.9999999999999999999999999999m,
    };

    private static readonly NumberRow Maximum = new()
    {
        Flag = true, Tiny = sbyte.MaxValue, Byte = byte.MaxValue, Short = short.MaxValue, UShort = ushort.MaxValue,
        Int = int.MaxValue, UInt = uint.MaxValue, Long = long.MaxValue, ULong = ulong.MaxValue, Huge = Int128.MaxValue,
        Single = float.MaxValue, Double = double.MaxValue, Money = decimal.MaxValue, Fraction = 0.0000000000000000000000000001m,
    };

    [Fact]
    public void NumericExtremesInCsv() => Assert.Equal(
        "0\t-128\t0\t-32768\t0\t-2147483648\t0\t-9223372036854775808\t0\t-170141183460469231731687303715884105728\t-3.4028235E+38\t-1.7976931348623157E+308\t-79228162514264337593543950335\t-0.9999999999999999999999999999\n"
            + "1\t127\t255\t32767\t65535\t2147483647\t4294967295\t9223372036854775807\t18446744073709551615\t170141183460469231731687303715884105727\t3.4028235E+38\t1.7976931348623157E+308\t79228162514264337593543950335\t0.0000000000000000000000000001\n",
        Csv(Minimum, Maximum));

    [Fact]
    public void NumericExtremesInJson() => Assert.Equal(
        "{\"flag\":false,\"tiny\":-128,\"byte\":0,\"short\":-32768,\"u_short\":0,\"int\":-2147483648,\"u_int\":0,\"long\":-9223372036854775808,\"u_long\":0,\"huge\":-170141183460469231731687303715884105728,\"single\":-3.4028235E+38,\"double\":-1.7976931348623157E+308,\"money\":-79228162514264337593543950335,\"fraction\":-0.9999999999999999999999999999}\n"
            + "{\"flag\":true,\"tiny\":127,\"byte\":255,\"short\":32767,\"u_short\":65535,\"int\":2147483647,\"u_int\":4294967295,\"long\":9223372036854775807,\"u_long\":18446744073709551615,\"huge\":170141183460469231731687303715884105727,\"single\":3.4028235E+38,\"double\":1.7976931348623157E+308,\"money\":79228162514264337593543950335,\"fraction\":0.0000000000000000000000000001}\n",
        Json(Minimum, Maximum));

    [Fact]
    public void TextEdgeCasesInCsv()
    {
        var rows = new[]
        {
            new TextRow { Id = 1, Text = null, Payload = null, Correlation = null, Priority = Priority.Low, PriorityName = null },
            new TextRow { Id = 2, Text = "", Payload = "{}", Correlation = Guid.Empty, Priority = Priority.High, PriorityName = Priority.High },
            new TextRow { Id = 3, Text = "tab\there, \"quoted\"\nnew line", Payload = """{"a":"x\ty"}""", Priority = (Priority)7, PriorityName = Priority.Normal },
            new TextRow { Id = 4, Text = "naïve 日本 😀 \\N", Payload = "[1,2]", Correlation = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") },
        };

        Assert.Equal("1\t\\N\t\\N\t\\N\t-1\t\\N\n"
            + "2\t\"\"\t{}\t00000000-0000-0000-0000-000000000000\t10\tHigh\n"
            + "3\t\"tab\there, \"\"quoted\"\"\n"
            + "new line\"\t{\"\"a\"\":\"\"x\\ty\"\"}\t\\N\t7\tNormal\n"
            + "4\tnaïve 日本 😀 \\N\t[1,2]\t0f8fad5b-d9cb-469f-a165-70867728950e\t0\t\\N\n", Csv(rows));
    }

    [Fact]
    public void TextEdgeCasesInJson()
    {
        var rows = new[]
        {
            new TextRow { Id = 1, Text = null, Payload = null, Correlation = null, Priority = Priority.Low, PriorityName = null },
            new TextRow { Id = 3, Text = "tab\there, \"quoted\"\nnew line", Payload = """{"a":"x\ty"}""", PriorityName = Priority.High },
            new TextRow { Id = 4, Text = "naïve 日本 😀 </script>", Payload = "[1,2]", Correlation = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") },
        };

        Assert.Equal("{\"id\":1,\"text\":null,\"payload\":null,\"correlation\":null,\"priority\":-1,\"priority_name\":null}\n"
            + "{\"id\":3,\"text\":\"tab\\there, \\\"quoted\\\"\\nnew line\",\"payload\":{\"a\":\"x\\ty\"},\"correlation\":null,\"priority\":0,\"priority_name\":\"High\"}\n"
            + "{\"id\":4,\"text\":\"naïve 日本 \\uD83D\\uDE00 </script>\",\"payload\":[1,2],\"correlation\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"priority\":0,\"priority_name\":null}\n", Json(rows));
    }

    [Fact]
    public void DeleteRowsCarryTheOperationAfterTheGeneratedFields()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new CsvRowWriter(buffer, CsvFormat.Default);
        writer.BeginRow();
        TextRow.WriteCsv(new TextRow { Id = 9, Text = "gone" }, ref writer);
        writer.EndRow(StarRocksOperation.Delete);
        writer.Complete();

        Assert.Equal("9\tgone\t\\N\t\\N\t0\t\\N\t1\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.True(TextRow.Table.SupportsDelete);
    }

    [Fact]
    public void DatesAndTimes()
    {
        var rows = new[]
        {
            new TimeRow { Day = DateOnly.MinValue, At = DateTime.MinValue, MaybeAt = null, Stamp = DateTimeOffset.MinValue },
            new TimeRow { Day = DateOnly.MaxValue, At = DateTime.MaxValue, MaybeAt = new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(1234560), Stamp = new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)) },
        };

        Assert.Equal("0001-01-01\t0001-01-01 00:00:00\t\\N\t0001-01-01 00:00:00\n"
            + "9999-12-31\t9999-12-31 23:59:59.999999\t2024-02-29 23:59:59.123456\t2024-01-01 00:00:00\n", Csv(rows));
        Assert.Equal("{\"day\":\"0001-01-01\",\"at\":\"0001-01-01 00:00:00\",\"maybe_at\":null,\"stamp\":\"0001-01-01 00:00:00\"}\n"
            + "{\"day\":\"9999-12-31\",\"at\":\"9999-12-31 23:59:59.999999\",\"maybe_at\":\"2024-02-29 23:59:59.123456\",\"stamp\":\"2024-01-01 00:00:00\"}\n", Json(rows));
    }

    [Fact]
    public void BinaryJsonAndCollections()
    {
        var rows = new[]
        {
            new CollectionRow { Id = 1 },
            new CollectionRow
            {
                Id = 2,
                Blob = [0, 1, 254, 255],
                Document = JsonDocument.Parse("""{"k": [1, "two", null]}""").RootElement,
                Numbers = [int.MinValue, 0, int.MaxValue],
                Names = ["a", null, "b,\"c\""],
                Sparse = [1, null, long.MaxValue],
                Counts = new() { ["x"] = 1, ["y"] = -2 },
            },
        };

        Assert.Equal("1\t\\N\t\\N\t\\N\t[]\t[]\t\\N\n"
            + "2\tAAH+/w==\t{\"\"k\"\": [1, \"\"two\"\", null]}\t[-2147483648,0,2147483647]\t[\"\"a\"\",null,\"\"b,\"\"\"\"c\"\"\"\"\"\"]\t[1,null,9223372036854775807]\t{\"\"x\"\":1,\"\"y\"\":-2}\n", Csv(rows));
        Assert.Equal("{\"id\":1,\"blob\":null,\"document\":null,\"numbers\":null,\"names\":[],\"sparse\":[],\"counts\":null}\n"
            + "{\"id\":2,\"blob\":\"AAH+/w==\",\"document\":{\"k\": [1, \"two\", null]},\"numbers\":[-2147483648,0,2147483647],\"names\":[\"a\",null,\"b,\\\"c\\\"\"],\"sparse\":[1,null,9223372036854775807],\"counts\":{\"x\":1,\"y\":-2}}\n", Json(rows));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteDoublesAreRejectedNamingTheColumn(double reading)
    {
        var row = new Measurement { SensorId = 1, Reading = reading };

        var csv = Assert.Throws<StarRocksSerializationException>(() => Csv(row));
        Assert.Equal("reading_value", csv.Column);
        var json = Assert.Throws<StarRocksSerializationException>(() => Json(row));
        Assert.Equal("reading_value", json.Column);
    }

    [Fact]
    public void NullableFloatNaNIsRejectedToo()
    {
        var error = Assert.Throws<StarRocksSerializationException>(() => Csv(new Measurement { SensorId = 1, Secondary = float.NaN }));
        Assert.Equal("secondary", error.Column);
    }

    [Fact]
    public void InheritedMembersComeFirstInCsvAndJson()
    {
        var note = new AuditedNote { Id = 7, CreatedAt = new DateTime(2025, 3, 4, 5, 6, 7), Revision = 2, Text = "hi", Scratch = "x", Source = "y" };
        note.SetOrigin("import");

        Assert.Equal(["id", "created_at", "origin", "revision", "text"], AuditedNote.Table.Columns.Select(c => c.Name));
        Assert.Equal("7\t2025-03-04 05:06:07\timport\t2\thi\n", Csv(note));
        Assert.Equal("{\"id\":7,\"created_at\":\"2025-03-04 05:06:07\",\"origin\":\"import\",\"revision\":2,\"text\":\"hi\"}\n", Json(note));
    }

    [Fact]
    public void KeyWritersWriteTheKeyColumnsExactlyAsTheRowWritersDo()
    {
        var rows = new[]
        {
            new Shipment { Priority = Priority.High, ShippedAt = new DateTime(2025, 1, 2, 3, 4, 5, 678), Carrier = "tab\there \"q\"", Parcels = 3 },
            new Shipment { Priority = Priority.Low, ShippedAt = new DateTime(2025, 1, 2), Carrier = "", Parcels = 1 },
        };
        var keys = rows.Select(Shipment.GetKey).ToArray();

        Assert.Equal("High\t2025-01-02 03:04:05.678000\t\"tab\there \"\"q\"\"\"\nLow\t2025-01-02 00:00:00\t\"\"\n", KeyCsv<Shipment, (Priority, DateTime, string)>(keys));
        Assert.Equal(Csv(rows).Replace("\t3\n", "\n").Replace("\t1\n", "\n"), KeyCsv<Shipment, (Priority, DateTime, string)>(keys));
        Assert.Equal(Json(rows).Replace(",\"parcels\":3}", "}").Replace(",\"parcels\":1}", "}"), KeyJson<Shipment, (Priority, DateTime, string)>(keys));
        Assert.StartsWith("{\"priority\":\"High\",", KeyJson<Shipment, (Priority, DateTime, string)>(keys));
    }
}
