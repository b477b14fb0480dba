namespace StarRocks.Typed.Tests.Source;

/// <summary>A PRIMARY KEY table read by the source tests (key-ordered slices stream from MariaDB); <see cref="Bucket"/> is a nullable split column.</summary>
[StarRocksTable("reads", "scan_rows", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record ScanRow
{
    [StarRocksKey(0)] public long Id { get; init; }
    public long? Bucket { get; init; }
    [StarRocksColumn(Length = 400, Default = "n/a")] public string? Name { get; init; }
    public int Qty { get; init; }
}

/// <summary>A PRIMARY KEY dimension with a single key, looked up by the lookup tests.</summary>
[StarRocksTable("reads", "customers", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record LookupCustomer
{
    [StarRocksKey(0)] public required long CustomerId { get; init; }
    [StarRocksColumn(Length = 100)] public required string Name { get; init; }
    [StarRocksColumn(Length = 16)] public string? Tier { get; init; }
}

/// <summary>A PRIMARY KEY dimension with a composite key (date, sku).</summary>
[StarRocksTable("reads", "prices", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record LookupPrice
{
    [StarRocksKey(0)] public required DateOnly Day { get; init; }
    [StarRocksKey(1)] public required int Sku { get; init; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public required decimal Price { get; init; }
}

/// <summary>A table of LARGEINT and floating-point extremes, read back through the stand-in's MySQL endpoint.</summary>
[StarRocksTable("reads", "wide_numbers", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record WideNumber
{
    [StarRocksKey(0)] public long Id { get; init; }
    public Int128 Big { get; init; }
    public Int128? MaybeBig { get; init; }
    public float Single { get; init; }
    public double Double { get; init; }
}

/// <summary>A PRIMARY KEY dimension with a three-column key (region, date, sku).</summary>
[StarRocksTable("reads", "regional_prices", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record LookupRegionalPrice
{
    [StarRocksKey(0)] [StarRocksColumn(Length = 16)] public required string Region { get; init; }
    [StarRocksKey(1)] public required DateOnly Day { get; init; }
    [StarRocksKey(2)] public required int Sku { get; init; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public required decimal Price { get; init; }
}
