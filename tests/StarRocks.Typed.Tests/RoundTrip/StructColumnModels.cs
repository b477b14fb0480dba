namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>A positional record as a STRUCT field set: read back through its constructor.</summary>
public sealed record StructAddress(string Street, int? HouseNumber, StructPoint? Location);

/// <summary>A class with settable properties, nested in <see cref="StructAddress"/>.</summary>
public sealed class StructPoint
{
    public double Lat { get; set; }
    public double Lon { get; set; }
}

/// <summary>A value-type struct as a STRUCT.</summary>
public struct StructTag
{
    public string? Name { get; set; }
    public long Weight { get; set; }
    public bool Active { get; set; }
    public DateOnly? Since { get; set; }
    public decimal Score { get; set; }
}

/// <summary>A generic record: each constructed type (<c>StructPair&lt;int, string&gt;</c>) is its own STRUCT.</summary>
public sealed record StructPair<TFirst, TSecond>(TFirst First, TSecond Second);

/// <summary>STRUCT columns: nested, inside an ARRAY, nullable, of a value type, and of constructed generic types.</summary>
[StarRocksTable("roundtrip", "struct_columns", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record StructColumnsRow
{
    [StarRocksKey(0)] public required long Id { get; init; }
    public StructAddress? Home { get; init; }
    public List<StructAddress?> Previous { get; init; } = [];
    public StructTag Tag { get; init; }
    public StructTag? MaybeTag { get; init; }
    public StructPair<int, string>? Pair { get; init; }
    public List<StructPair<string, DateOnly>> Pairs { get; init; } = [];
}
