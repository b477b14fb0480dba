using System.Data;
using static StarRocks.Typed.Tests.Generated.GeneratedRows;

namespace StarRocks.Typed.Tests.Generated;

/// <summary>The generated reader, key accessor and registry, over a <see cref="DataTable"/> reader.</summary>
public class GeneratedReaderTests
{
    [Fact]
    public void ReadsEveryColumnAndNulls()
    {
        var data = new DataTable();
        data.Columns.Add("id", typeof(long));
        data.Columns.Add("text", typeof(string));
        data.Columns.Add("payload", typeof(string));
        data.Columns.Add("correlation", typeof(string));
        data.Columns.Add("priority", typeof(short));
        data.Columns.Add("priority_name", typeof(string));
        data.Rows.Add(1L, "naïve\t\"x\"", """{"a":1}""", "0f8fad5b-d9cb-469f-a165-70867728950e", (short)10, "Low");
        data.Rows.Add(2L, DBNull.Value, DBNull.Value, DBNull.Value, (short)-1, DBNull.Value);

        var rows = Read<TextRow>(data);

        Assert.Equal(
            [
                new TextRow { Id = 1, Text = "naïve\t\"x\"", Payload = """{"a":1}""", Correlation = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), Priority = Priority.High, PriorityName = Priority.Low },
                new TextRow { Id = 2, Priority = Priority.Low },
            ],
            rows);
    }

    [Fact]
    public void ReadsInheritedMembers()
    {
        var data = new DataTable();
        data.Columns.Add("id", typeof(long));
        data.Columns.Add("created_at", typeof(DateTime));
        data.Columns.Add("origin", typeof(string));
        data.Columns.Add("revision", typeof(int));
        data.Columns.Add("text", typeof(string));
        data.Rows.Add(7L, new DateTime(2025, 3, 4, 5, 6, 7), "import", 2, "hi");

        var note = Assert.Single(Read<AuditedNote>(data));

        Assert.Equal((7L, new DateTime(2025, 3, 4, 5, 6, 7), 2, "hi"), (note.Id, note.CreatedAt, note.Revision, note.Text));
        Assert.Null(note.Origin); // a private setter of a base class: written, not read back
        Assert.Equal(7L, AuditedNote.GetKey(note));
    }

    [Fact]
    public void ColumnsNotSelectedKeepTheirDefaults()
    {
        var data = new DataTable();
        data.Columns.Add("priority", typeof(short));
        data.Columns.Add("id", typeof(long));
        data.Rows.Add((short)10, 7L);

        var row = Assert.Single(Read<TextRow>(data));

        Assert.Equal(new TextRow { Id = 7, Priority = Priority.High }, row);
    }

    [Fact]
    public void ReadsNumbersAtTheirExtremes()
    {
        var data = new DataTable();
        foreach (var (name, type) in new[]
        {
            ("flag", typeof(bool)), ("tiny", typeof(sbyte)), ("byte", typeof(short)), ("short", typeof(short)), ("u_short", typeof(int)),
            ("int", typeof(int)), ("u_int", typeof(long)), ("long", typeof(long)), ("u_long", typeof(string)), ("huge", typeof(string)),
            ("single", typeof(float)), ("double", typeof(double)), ("money", typeof(decimal)), ("fraction", typeof(decimal)),
        })
        {
            data.Columns.Add(name, type);
        }

        data.Rows.Add(true, sbyte.MinValue, (short)255, short.MinValue, 65535, int.MinValue, 4294967295L, long.MinValue,
            "18446744073709551615", "-170141183460469231731687303715884105728", float.MaxValue, double.Epsilon, decimal.MaxValue, 0.0000000000000000000000000001m);

        var row = Assert.Single(Read<NumberRow>(data));

        Assert.Equal(new NumberRow
        {
            Flag = true, Tiny = sbyte.MinValue, Byte = byte.MaxValue, Short = short.MinValue, UShort = ushort.MaxValue, Int = int.MinValue,
            UInt = uint.MaxValue, Long = long.MinValue, ULong = ulong.MaxValue, Huge = Int128.MinValue, Single = float.MaxValue,
            Double = double.Epsilon, Money = decimal.MaxValue, Fraction = 0.0000000000000000000000000001m,
        }, row);
    }

    [Fact]
    public void ReadsDatesTimesAndCollections()
    {
        var times = new DataTable();
        times.Columns.Add("day", typeof(DateTime));
        times.Columns.Add("at", typeof(DateTime));
        times.Columns.Add("maybe_at", typeof(DateTime));
        times.Columns.Add("stamp", typeof(DateTime));
        times.Rows.Add(new DateTime(2024, 2, 29), new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(1234560), DBNull.Value, new DateTime(2024, 1, 1));

        var time = Assert.Single(Read<TimeRow>(times));
        Assert.Equal(new DateOnly(2024, 2, 29), time.Day);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(1234560), time.At);
        Assert.Null(time.MaybeAt);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), time.Stamp);

        var collections = new DataTable();
        collections.Columns.Add("id", typeof(int));
        collections.Columns.Add("numbers", typeof(string));
        collections.Columns.Add("names", typeof(string));
        collections.Columns.Add("sparse", typeof(string));
        collections.Columns.Add("counts", typeof(string));
        collections.Rows.Add(1, "[1,-2,3]", """["a",null,"b,c"]""", "[1,null,3]", """{"x":1,"y":-2}""");

        var row = Assert.Single(Read<CollectionRow>(collections));
        Assert.Equal([1, -2, 3], row.Numbers!);
        Assert.Equal(["a", null, "b,c"], row.Names);
        Assert.Equal(new long?[] { 1, null, 3 }, row.Sparse.ToArray());
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1, ["y"] = -2 }, row.Counts);
    }

    [Fact]
    public void PositionalRecordsAreBuiltThroughTheirConstructor()
    {
        var data = new DataTable();
        data.Columns.Add("day", typeof(DateTime));
        data.Columns.Add("sku", typeof(string));
        data.Columns.Add("amount", typeof(decimal));
        data.Rows.Add(new DateTime(2025, 1, 2), "A-1", 12.3456m);

        var price = Assert.Single(Read<Price>(data));

        Assert.Equal(new Price("A-1", new DateOnly(2025, 1, 2), 12.3456m), price);
    }

    [Fact]
    public void KeysFollowKeyOrder()
    {
        Assert.Equal(42L, TextRow.GetKey(new TextRow { Id = 42 }));
        Assert.Equal((new DateOnly(2025, 1, 2), "A-1"), Price.GetKey(new Price("A-1", new DateOnly(2025, 1, 2), 1m)));
        Assert.Equal(["day", "sku", "amount"], Price.Table.Columns.Select(c => c.Name));
        Assert.Equal(["day", "sku"], Price.Table.KeyColumns.Select(c => c.Name));
        Assert.Equal(5, Measurement.GetKey(new Measurement { SensorId = 5 }));
    }

    [Fact]
    public void RegistryListsAndVisitsEveryTable()
    {
        var mine = new[] { typeof(NumberRow), typeof(TextRow), typeof(TimeRow), typeof(CollectionRow), typeof(Measurement), typeof(Price) };
        var visitor = new CollectingVisitor();

        StarRocksTables.Visit(visitor);

        Assert.Subset(visitor.Types.ToHashSet(), mine.ToHashSet());
        Assert.Equal(visitor.Types.Count, StarRocksTables.All.Length);
        Assert.Contains(StarRocksTables.All, t => t.Database == "lab" && t.Table == "prices" && t.Kind == StarRocksTableKind.UniqueKey);
        Assert.Equal(Price.Table, StarRocksTables.All.Single(t => t.Database == "lab" && t.Table == "prices"));
    }

    private sealed class CollectingVisitor : IStarRocksTableVisitor
    {
        public List<Type> Types { get; } = [];

        public void Visit<T>() where T : IStarRocksTable<T> => Types.Add(typeof(T));
    }
}
