using System.Data;
using System.Text.Json;
using StarRocks.Typed.Generated;

namespace StarRocks.Typed.Tests.Serialization;

public class StarRocksReadersTests
{
    private static DataTableReader Row(params (Type Type, object? Value)[] cells)
    {
        var table = new DataTable();
        for (int i = 0; i < cells.Length; i++) table.Columns.Add("c" + i, cells[i].Type);
        table.Rows.Add([.. cells.Select(c => c.Value ?? DBNull.Value)]);
        var reader = table.CreateDataReader();
        Assert.True(reader.Read());
        return reader;
    }

    [Fact]
    public void Reads_integers_from_whatever_type_the_provider_returns()
    {
        using var reader = Row((typeof(long), 5L), (typeof(string), "170141183460469231731687303715884105727"), (typeof(decimal), 18446744073709551615m),
            (typeof(sbyte), (sbyte)1), (typeof(bool), true), (typeof(int), -7));
        Assert.Equal(5, StarRocksReaders.GetInt32(reader, 0));
        Assert.Equal(Int128.MaxValue, StarRocksReaders.GetInt128(reader, 1));
        Assert.Equal(ulong.MaxValue, StarRocksReaders.GetUInt64(reader, 2));
        Assert.True(StarRocksReaders.GetBoolean(reader, 3));
        Assert.True(StarRocksReaders.GetBoolean(reader, 4));
        Assert.Equal(-7L, StarRocksReaders.GetInt64(reader, 5));
        Assert.Equal((short)-7, StarRocksReaders.GetInt16(reader, 5));
        Assert.Throws<OverflowException>(() => StarRocksReaders.GetByte(reader, 5));
    }

    [Theory]
    [InlineData("170141183460469231731687303715884105727")]
    [InlineData("-170141183460469231731687303715884105728")]
    [InlineData("79228162514264337593543950336")] // one past decimal.MaxValue
    [InlineData("-1")]
    public void Reads_LARGEINT_text_over_the_whole_Int128_range(string text)
    {
        using var reader = Row((typeof(string), text));
        Assert.Equal(Int128.Parse(text, System.Globalization.CultureInfo.InvariantCulture), StarRocksReaders.GetInt128(reader, 0));
        Assert.Equal(text, StarRocksReaders.GetInt128(reader, 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reads_dates_guids_enums_and_json()
    {
        var guid = Guid.NewGuid();
        using var reader = Row((typeof(DateTime), new DateTime(2024, 3, 4)), (typeof(DateTime), new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Local)),
            (typeof(string), guid.ToString()), (typeof(string), "Friday"), (typeof(int), 2), (typeof(string), "{\"a\":[1,2]}"), (typeof(string), "2024-03-04 05:06:07.123456"));
        Assert.Equal(new DateOnly(2024, 3, 4), StarRocksReaders.GetDateOnly(reader, 0));
        var dateTime = StarRocksReaders.GetDateTime(reader, 1);
        Assert.Equal(DateTimeKind.Unspecified, dateTime.Kind);
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)), StarRocksReaders.GetDateTimeOffset(reader, 1, zone));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero), StarRocksReaders.GetDateTimeOffset(reader, 1, TimeZoneInfo.Utc));
        Assert.Equal(guid, StarRocksReaders.GetGuid(reader, 2));
        Assert.Equal(DayOfWeek.Friday, StarRocksReaders.GetEnumByName<DayOfWeek>(reader, 3));
        Assert.Equal(DayOfWeek.Tuesday, StarRocksReaders.GetEnumNumber<DayOfWeek>(reader, 4));
        Assert.Equal(2, StarRocksReaders.GetJsonElement(reader, 5).GetProperty("a")[1].GetInt32());
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7).AddTicks(1234560), StarRocksReaders.GetDateTime(reader, 6));
    }

    [Fact]
    public void Reads_StarRocks_collection_text()
    {
        using var reader = Row((typeof(string), "[1,2,null]"), (typeof(string), "[\"a,b\",\"c\\\"d\",null]"), (typeof(string), "{1:\"x\",2:null}"),
            (typeof(string), "[[1,2],[],[3]]"), (typeof(string), "[\"2024-01-02 03:04:05\"]"), (typeof(string), "{\"k\":[1.5,2]}"));
        Assert.Equal([1, 2, null], StarRocksReaders.GetValue<List<int?>, ValueReaders.List<int?, ValueReaders.Nullable<int, ValueReaders.Int32>>>(reader, 0));
        Assert.Equal(new string?[] { "a,b", "c\"d", null }, StarRocksReaders.GetValue<string?[]?, ValueReaders.Array<string?, ValueReaders.String>>(reader, 1));
        var map = StarRocksReaders.GetValue<Dictionary<int, string?>?, ValueReaders.Dictionary<int, string?, ValueReaders.Int32, ValueReaders.String>>(reader, 2)!;
        Assert.Equal("x", map[1]);
        Assert.Null(map[2]);
        var nested = StarRocksReaders.GetValue<int[][]?, ValueReaders.Array<int[], ValueReaders.Array<int, ValueReaders.Int32>>>(reader, 3)!;
        Assert.Equal([[1, 2], [], [3]], nested);
        Assert.Equal([new DateTime(2024, 1, 2, 3, 4, 5)], StarRocksReaders.GetValue<System.Collections.Immutable.ImmutableArray<DateTime>, ValueReaders.ImmutableArray<DateTime, ValueReaders.DateTime>>(reader, 4).ToArray());
        var doubles = StarRocksReaders.GetValue<Dictionary<string, double[]>?, ValueReaders.Dictionary<string, double[], ValueReaders.String, ValueReaders.Array<double, ValueReaders.Double>>>(reader, 5)!;
        Assert.Equal([1.5, 2.0], doubles["k"]);
        Assert.Throws<FormatException>(() => StarRocksReaders.Parse<int[]?, ValueReaders.Array<int, ValueReaders.Int32>>("[1,2"));
    }
}
