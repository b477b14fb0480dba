using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>Generated source for representative models, compared with reviewed files in Snapshots/.</summary>
public class SnapshotTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Text.Json;
        using StarRocks.Typed;

        """;

    [Fact]
    public void PrimaryKeyTable() => Verify(nameof(PrimaryKeyTable), """
        namespace Shop;

        [StarRocksTable("shop", "orders", Kind = StarRocksTableKind.PrimaryKey, Comment = "Orders")]
        [StarRocksPartitionBy("date_trunc('day', order_date)")]
        [StarRocksHashDistribution(nameof(OrderId), Buckets = 8)]
        [StarRocksOrderBy(nameof(Status))]
        [StarRocksProperty("replication_num", "1")]
        public sealed partial record Order
        {
            [StarRocksKey(0)] public required long OrderId { get; init; }
            [StarRocksKey(1)] public required DateTime OrderDate { get; init; }
            [StarRocksColumn(Length = 32)] public required string Status { get; init; }
        }
        """, "Shop.Order.g.cs");

    [Fact]
    public void EveryMappedType() => Verify(nameof(EveryMappedType), """
        namespace Shop;

        public enum Color : byte { Red, Green, Blue }
        public enum Size { Small, Medium, ExtraLarge }

        [StarRocksTable("lab", "all_types")]
        [StarRocksHashDistribution(nameof(Id))]
        public partial class AllTypes
        {
            [StarRocksKey(0)] public int Id { get; set; }
            public bool Flag { get; set; }
            public bool? MaybeFlag { get; set; }
            public sbyte Tiny { get; set; }
            public byte Small { get; set; }
            public short Short { get; set; }
            public ushort UShort { get; set; }
            public uint UInt { get; set; }
            public long Long { get; set; }
            public long? MaybeLong { get; set; }
            public ulong ULong { get; set; }
            public Int128 Huge { get; set; }
            public float Single { get; set; }
            public double Double { get; set; }
            public double? MaybeDouble { get; set; }
            public decimal Money { get; set; }
            [StarRocksColumn(Precision = 10, Scale = 4)] public decimal? Rate { get; set; }
            public string Text { get; set; } = "";
            public string? MaybeText { get; set; }
            [StarRocksColumn(Length = 20)] public string Short20 { get; set; } = "";
            [StarRocksColumn(Length = 2, FixedLength = true)] public string Code { get; set; } = "";
            [StarRocksColumn(Length = 100, FixedLength = true)] public string TooLongForChar { get; set; } = "";
            public DateOnly Day { get; set; }
            public DateTime At { get; set; }
            public DateTime? MaybeAt { get; set; }
            public DateTimeOffset Stamp { get; set; }
            public byte[]? Blob { get; set; }
            public Guid Uid { get; set; }
            public Color Color { get; set; }
            [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public Size Size { get; set; }
            [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public Size? MaybeSize { get; set; }
            public JsonElement Document { get; set; }
            [StarRocksColumn(Json = true)] public string? JsonText { get; set; }
            public int[] Numbers { get; set; } = [];
            public List<string?>? Names { get; set; }
            public IReadOnlyList<long?> Sparse { get; set; } = [];
            public ImmutableArray<DateOnly> Days { get; set; }
            public IEnumerable<Size> Sizes { get; set; } = [];
            public List<int[]> Nested { get; set; } = [];
            public Dictionary<string, int?> Counts { get; set; } = [];
            public IReadOnlyDictionary<int, string>? Labels { get; set; }
            [StarRocksIgnore] public TimeSpan Ignored { get; set; }
            public int Computed => Id * 2;
        }
        """, "Shop.AllTypes.g.cs");

    [Fact]
    public void AggregateTable() => Verify(nameof(AggregateTable), """
        namespace Shop.Metrics;

        [StarRocksTable("shop", "daily_metrics", Kind = StarRocksTableKind.AggregateKey, UnicodeCharMaxBytes = 4)]
        [StarRocksHashDistribution(nameof(Day), nameof(City), Buckets = 4)]
        public sealed partial record DailyMetric
        {
            [StarRocksKey(0)] public required DateOnly Day { get; init; }
            [StarRocksKey(1), StarRocksColumn(Length = 50)] public required string City { get; init; }
            [StarRocksColumn(Aggregate = StarRocksAggregate.Sum, Default = "0")] public required long Orders { get; init; }
            [StarRocksColumn(Aggregate = StarRocksAggregate.Max, Precision = 18, Scale = 2)] public decimal LargestOrder { get; init; }
            [StarRocksColumn(Aggregate = StarRocksAggregate.ReplaceIfNotNull, Comment = "Latest")] public DateTime? LastOrderAt { get; init; }
        }
        """, "Shop.Metrics.DailyMetric.g.cs");

    [Fact]
    public void UniqueKeyPositionalRecordWithRangePartitions() => Verify(nameof(UniqueKeyPositionalRecordWithRangePartitions), """
        namespace Shop;

        [StarRocksTable("shop", "prices", Kind = StarRocksTableKind.UniqueKey, Naming = StarRocksNaming.AsDeclared)]
        [StarRocksRangePartition(nameof(Day))]
        [StarRocksPartition("p2024", "2025-01-01")]
        [StarRocksPartition("pmax", "MAXVALUE")]
        [StarRocksHashDistribution(nameof(Sku))]
        [StarRocksProperty("replication_num", "3")]
        public partial record Price([property: StarRocksKey(1)] int Sku, [property: StarRocksKey(0)] DateOnly Day, decimal Amount);
        """, "Shop.Price.g.cs");

    [Fact]
    public void NestedKeylessStructWithBatchPartitions() => Verify(nameof(NestedKeylessStructWithBatchPartitions), """
        namespace Shop;

        public static partial class Telemetry
        {
            [StarRocksTable("logs", "visits")]
            [StarRocksRangePartition("visit_day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 MONTH")]
            [StarRocksRandomDistribution(Buckets = 2)]
            public partial struct Visit
            {
                public DateOnly VisitDay { get; set; }
                [StarRocksColumn("user", Nullability = StarRocksNullability.Null)] public long UserId { get; set; }
                public string Page;
            }
        }
        """, "Shop.Telemetry.Visit.g.cs");

    [Fact]
    public void StructColumns() => Verify(nameof(StructColumns), """
        namespace Shop;

        public sealed record Address(string Street, int? Number, Point? Location);
        public sealed class Point { public double Lat { get; set; } public double Lon { get; init; } }
        public struct Tag { public string? Name { get; set; } public Dictionary<string, long> Weights { get; set; } }

        [StarRocksTable("shop", "customers", Kind = StarRocksTableKind.PrimaryKey)]
        public partial class Customer
        {
            [StarRocksKey(0)] public long Id { get; set; }
            public Address? Home { get; set; }
            public List<Address> Previous { get; set; } = [];
            public Tag? Tag { get; set; }
        }
        """, "Shop.Customer.g.cs");

    [Fact]
    public void ListPartitionedTable() => Verify(nameof(ListPartitionedTable), """
        namespace Shop;

        [StarRocksTable("shop", "deliveries", Kind = StarRocksTableKind.PrimaryKey)]
        [StarRocksListPartition(nameof(Region), nameof(Carrier))]
        [StarRocksPartitionValues("p_north", "north", "dhl", "north", "ups")]
        [StarRocksPartitionValues("p_south", "south", "dhl")]
        [StarRocksHashDistribution(nameof(Id))]
        public sealed partial record Delivery
        {
            [StarRocksKey(0)] public required long Id { get; init; }
            [StarRocksKey(1), StarRocksColumn(Length = 10)] public required string Region { get; init; }
            [StarRocksKey(2), StarRocksColumn(Length = 10)] public required string Carrier { get; init; }
            public DateTime? DeliveredAt { get; init; }
        }
        """, "Shop.Delivery.g.cs");

    [Fact]
    public void InheritedMembers() => Verify(nameof(InheritedMembers), """
        namespace Shop;

        public abstract record Entity([property: StarRocksKey(0)] long Id)
        {
            public DateTime CreatedAt { get; init; }
            [StarRocksIgnore] public string? Scratch { get; init; }
            public string? Origin { get; private set; }
        }

        [StarRocksTable("shop", "notes", Kind = StarRocksTableKind.PrimaryKey)]
        public sealed partial record Note(long Id, [property: StarRocksColumn(Length = 50)] string Text) : Entity(Id)
        {
            public int Revision { get; init; }
        }
        """, "Shop.Note.g.cs");

    [Fact]
    public void TableDerivedFromATableCompilesCleanly()
    {
        var output = GeneratorHarness.RunClean(Usings + """
            namespace Shop;

            [StarRocksTable("shop", "live", Kind = StarRocksTableKind.PrimaryKey)]
            public partial class Live { [StarRocksKey(0)] public long Id { get; set; } public string? Name { get; set; } }

            [StarRocksTable("shop", "archive", Kind = StarRocksTableKind.PrimaryKey)]
            public partial class Archive : Live { public DateTime ArchivedAt { get; set; } }
            """);

        Assert.Contains(@"`id` BIGINT NOT NULL,\n  `name` STRING NULL,\n  `archived_at` DATETIME NOT NULL", output.Source("Shop.Archive.g.cs"));
        Assert.DoesNotContain("#pragma warning disable CS0108", output.Source("Shop.Live.g.cs"));
    }

    [Fact]
    public void Registry() => Verify(nameof(Registry), """
        namespace Shop
        {
            [StarRocksTable("shop", "b")] public partial class B { public int Id { get; set; } }
            [StarRocksTable("shop", "a")] public partial class A { public int Id { get; set; } }
        }

        [StarRocksTable("shop", "global")] public partial class InGlobalNamespace { public int Id { get; set; } }
        """, "StarRocksTables.g.cs");

    private static void Verify(string name, string model, string hintName)
    {
        var output = GeneratorHarness.RunClean(Usings + model);
        Snapshot.Verify($"{name}.{hintName.Replace(".g.cs", "")}", output.Source(hintName));
    }
}
