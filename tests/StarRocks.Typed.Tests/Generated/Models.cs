using System.Collections.Immutable;
using System.Text.Json;

namespace StarRocks.Typed.Tests.Generated;

/// <summary>Every integer and floating-point mapping, for extremes.</summary>
[StarRocksTable("lab", "numbers")]
public sealed partial record NumberRow
{
    public bool Flag { get; init; }
    public sbyte Tiny { get; init; }
    public byte Byte { get; init; }
    public short Short { get; init; }
    public ushort UShort { get; init; }
    public int Int { get; init; }
    public uint UInt { get; init; }
    public long Long { get; init; }
    public ulong ULong { get; init; }
    public Int128 Huge { get; init; }
    public float Single { get; init; }
    public double Double { get; init; }
    public decimal Money { get; init; }
    [StarRocksColumn(Precision = 38, Scale = 28)] public decimal Fraction { get; init; }
}

/// <summary>Text, JSON, GUID and enum mappings in a PRIMARY KEY table (so rows can carry <c>__op</c>).</summary>
[StarRocksTable("lab", "texts", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record TextRow
{
    [StarRocksKey(0)] public required long Id { get; init; }
    [StarRocksColumn(Length = 50)] public string? Text { get; init; }
    [StarRocksColumn(Json = true)] public string? Payload { get; init; }
    public Guid? Correlation { get; init; }
    public Priority Priority { get; init; }
    [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public Priority? PriorityName { get; init; }
}

/// <summary>Priorities, stored by number or by name.</summary>
public enum Priority : short
{
    Low = -1,
    Normal = 0,
    High = 10,
}

/// <summary>Dates and times.</summary>
[StarRocksTable("lab", "times")]
public sealed partial class TimeRow
{
    public DateOnly Day { get; set; }
    public DateTime At { get; set; }
    public DateTime? MaybeAt { get; set; }
    public DateTimeOffset Stamp { get; set; }
}

/// <summary>Binary, JSON documents and collections.</summary>
[StarRocksTable("lab", "collections")]
public sealed partial class CollectionRow
{
    public int Id { get; set; }
    public byte[]? Blob { get; set; }
    public JsonElement? Document { get; set; }
    public int[]? Numbers { get; set; }
    public List<string?> Names { get; set; } = [];
    public ImmutableArray<long?> Sparse { get; set; } = [];
    public Dictionary<string, int>? Counts { get; set; }
}

/// <summary>A floating-point measurement; NaN and infinities cannot be stored.</summary>
[StarRocksTable("lab", "measurements")]
public sealed partial class Measurement
{
    [StarRocksKey(0)] public int SensorId { get; set; }
    [StarRocksColumn("reading_value")] public double Reading { get; set; }
    public float? Secondary { get; set; }
}

/// <summary>A positional record with a composite UNIQUE key: read through its constructor.</summary>
[StarRocksTable("lab", "prices", Kind = StarRocksTableKind.UniqueKey)]
public sealed partial record Price(
    [property: StarRocksKey(1)] string Sku,
    [property: StarRocksKey(0)] DateOnly Day,
    [property: StarRocksColumn(Precision = 18, Scale = 4)] decimal Amount);

/// <summary>The most basic class of <see cref="AuditedNote"/>: its members become the first columns.</summary>
public abstract class EntityRow
{
    [StarRocksKey(0)] public long Id { get; init; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not settable from the derived type: written, never read back.</summary>
    public string? Origin { get; private set; }

    public virtual string? Source { get; set; }

    public void SetOrigin(string origin) => Origin = origin;
}

/// <summary>A middle class: an ignored member and a column of its own.</summary>
public abstract class AuditedRow : EntityRow
{
    [StarRocksIgnore] public string? Scratch { get; set; }

    public int Revision { get; set; }
}

/// <summary>A table whose columns are inherited (base members first) and its own; an override drops a base column.</summary>
[StarRocksTable("lab", "audited_notes", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial class AuditedNote : AuditedRow
{
    [StarRocksColumn(Length = 50)] public string Text { get; set; } = "";

    [StarRocksIgnore] public override string? Source { get; set; }
}

/// <summary>A composite key with an enum stored by name, a DATETIME and a string: the key writers against the row writers.</summary>
[StarRocksTable("lab", "shipments", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record Shipment
{
    [StarRocksKey(0), StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public required Priority Priority { get; init; }
    [StarRocksKey(1)] public required DateTime ShippedAt { get; init; }
    [StarRocksKey(2), StarRocksColumn(Length = 20)] public required string Carrier { get; init; }
    public int Parcels { get; init; }
}

/// <summary>LIST partitions over two columns and function/NULL defaults: DDL the stand-in must accept.</summary>
[StarRocksTable("lab", "deliveries", Kind = StarRocksTableKind.PrimaryKey)]
[StarRocksListPartition(nameof(Region), nameof(Carrier))]
[StarRocksPartitionValues("p_north", "north", "dhl", "north", "ups")]
[StarRocksPartitionValues("p_south", "south", "dhl")]
[StarRocksHashDistribution(nameof(Id))]
public sealed partial record Delivery
{
    [StarRocksKey(0)] public required long Id { get; init; }
    [StarRocksKey(1), StarRocksColumn(Length = 10)] public required string Region { get; init; }
    [StarRocksKey(2), StarRocksColumn(Length = 10)] public required string Carrier { get; init; }
    [StarRocksColumn(Default = "CURRENT_TIMESTAMP")] public DateTime CreatedAt { get; init; }
    [StarRocksColumn(Length = 12, Default = "uuid()")] public string Token { get; init; } = "";
    [StarRocksColumn(Default = "uuid_numeric()")] public Int128 Numeric { get; init; }
    [StarRocksColumn(Default = "NULL")] public string? Note { get; init; }
    [StarRocksColumn(Default = "-12")] public int Offset { get; init; }
}

/// <summary>LIST partitions over one nullable column, with a NULL value.</summary>
[StarRocksTable("lab", "regions")]
[StarRocksListPartition(nameof(Region))]
[StarRocksPartitionValues("p_eu", "de", "fr")]
[StarRocksPartitionValues("p_unknown", null)]
public sealed partial record RegionVisit
{
    public long Id { get; init; }
    [StarRocksColumn(Length = 2)] public string? Region { get; init; }
}
