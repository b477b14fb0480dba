namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>A table whose column names are not ASCII: in CSV they travel in the <c>columns</c> header, in JSON as member names.</summary>
[StarRocksTable("roundtrip", "non_ascii_columns", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record NonAsciiColumnsRow
{
    [StarRocksKey(0)] public required long Id { get; init; }
    [StarRocksColumn(Name = "名前", Length = 40)] public string? Name { get; init; }
    [StarRocksColumn(Name = "größe")] public int Size { get; init; }
    [StarRocksColumn(Name = "ünïcödé_ñame")] public DateOnly? Day { get; init; }
}
