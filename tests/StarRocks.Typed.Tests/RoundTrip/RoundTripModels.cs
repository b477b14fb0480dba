using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>An enum stored by number (its underlying <c>byte</c> maps to SMALLINT).</summary>
public enum RoundTripColor : byte
{
    Red,
    Green,
    Blue = byte.MaxValue,
}

/// <summary>An enum stored by name.</summary>
public enum RoundTripSize
{
    Small,
    Medium,
    ExtraLarge,
}

/// <summary>A <c>[Flags]</c> enum stored by name: combinations are written as <c>Enum.ToString()</c> writes them, <c>"Read, Write"</c>.</summary>
[Flags]
public enum RoundTripAccess
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    Delete = 8,
}

/// <summary>
/// One member of every mapped type (README "Type mapping") but VARBINARY, for the round-trip suite. A PRIMARY KEY table,
/// so partial updates can be checked too; every test case writes its own <see cref="Id"/>. VARBINARY has a table of its
/// own (<see cref="RoundTripBinaryRow"/>): in JSON a VARBINARY column changes how every row is loaded (a <c>jsonpaths</c>
/// and <c>columns</c> header with <c>from_base64</c>), so a failure there would hide every other value class.
/// </summary>
[StarRocksTable("roundtrip", "every_type", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record RoundTripRow
{
    [StarRocksKey(0)] public required long Id { get; init; }
    public bool Flag { get; init; }
    public bool? MaybeFlag { get; init; }
    public sbyte Tiny { get; init; }
    public byte Octet { get; init; }
    public short Small { get; init; }
    public ushort UShort { get; init; }
    public int Int { get; init; }
    public uint UInt { get; init; }
    public long Long { get; init; }
    public long? MaybeLong { get; init; }
    public ulong ULong { get; init; }
    public Int128 Huge { get; init; }
    public float Single { get; init; }
    public double Double { get; init; }
    public double? MaybeDouble { get; init; }
    public decimal Money { get; init; }
    [StarRocksColumn(Precision = 10, Scale = 4)] public decimal? Rate { get; init; }
    public string Text { get; init; } = "";
    public string? MaybeText { get; init; }
    [StarRocksColumn(Length = 20)] public string Short20 { get; init; } = "";
    [StarRocksColumn(Length = 4, FixedLength = true)] public string Code { get; init; } = "";
    public DateOnly Day { get; init; }
    public DateTime At { get; init; }
    public DateTime? MaybeAt { get; init; }
    public DateTimeOffset Stamp { get; init; }
    public Guid Uid { get; init; }
    public RoundTripColor Color { get; init; }
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public RoundTripSize Size { get; init; }
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public RoundTripSize? MaybeSize { get; init; }
    public JsonElement Document { get; init; }
    [StarRocksColumn(Json = true)] public string? JsonText { get; init; }
    public int[] Numbers { get; init; } = [];
    public List<string?>? Names { get; init; }
    public IReadOnlyList<long?> Sparse { get; init; } = [];
    public ImmutableArray<DateOnly> Days { get; init; } = [];
    public List<int[]> Nested { get; init; } = [];
    public IEnumerable<RoundTripSize> Sizes { get; init; } = [];
    public Dictionary<string, int?> Counts { get; init; } = [];
    public IReadOnlyDictionary<int, string>? Labels { get; init; }
    public HashSet<int> Tags { get; init; } = [];
    public ISet<string>? TagNames { get; init; }
    public IReadOnlySet<long> TagIds { get; init; } = new HashSet<long>();
    public IDictionary<string, long> Totals { get; init; } = new Dictionary<string, long>();
    public ImmutableDictionary<int, string?>? Notes { get; init; }
    public UInt128 UnsignedHuge { get; init; }
    public BigInteger Big { get; init; }
    public BigInteger? MaybeBig { get; init; }
    public Half Half { get; init; }
    public Half[] Halves { get; init; } = [];
    public List<BigInteger?> Bigs { get; init; } = [];
    public List<UInt128> UnsignedHuges { get; init; } = [];
    public TimeOnly Clock { get; init; }
    public TimeSpan? Elapsed { get; init; }
    public TimeOnly[] Clocks { get; init; } = [];
    public Dictionary<string, TimeSpan> Durations { get; init; } = [];
    public char Letter { get; init; }
    public char? MaybeLetter { get; init; }
    public List<char> Letters { get; init; } = [];
    public JsonDocument? JsonDocument { get; init; }
    public System.Text.Json.Nodes.JsonNode? JsonNode { get; init; }
    public System.Text.Json.Nodes.JsonObject JsonObject { get; init; } = [];
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public RoundTripAccess Access { get; init; }
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public RoundTripAccess[] Accesses { get; init; } = [];
    [StarRocksColumn(MaxBytes = 1, FixedLength = true)] public string ReturnFlag { get; init; } = "";
    [StarRocksColumn(MaxBytes = 10)] public string? Label10 { get; init; }
    [StarRocksColumn(MaxBytes = 6)] public List<string> ShortNames { get; init; } = [];
    [StarRocksColumn(MaxBytes = 3)] public Dictionary<string, string> ShortCodes { get; init; } = [];
    [StarRocksColumn(Precision = 5, Scale = 2)] public List<decimal> SmallAmounts { get; init; } = [];
}

/// <summary>VARBINARY columns (nullable and not) for the round-trip suite.</summary>
[StarRocksTable("roundtrip", "binary_values", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record RoundTripBinaryRow
{
    [StarRocksKey(0)] public required long Id { get; init; }
    public required byte[] Blob { get; init; }
    public byte[]? MaybeBlob { get; init; }
    public ReadOnlyMemory<byte> Memory { get; init; }
    [StarRocksColumn(Length = 16)] public ReadOnlyMemory<byte>? MaybeMemory { get; init; }
}
