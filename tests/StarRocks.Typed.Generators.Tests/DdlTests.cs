using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>The emitted DDL for each table kind and each partition/distribution form, against hand-checked text.</summary>
public class DdlTests
{
    private static string Ddl(string model) => GeneratorHarness.RunClean("using System;\nusing StarRocks.Typed;\nnamespace Shop;\n" + model).CreateTableSql();

    [Fact]
    public void PrimaryKeyTableWithEveryClauseInGrammarOrder()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "orders", Kind = StarRocksTableKind.PrimaryKey, Comment = "Orders")]
            [StarRocksPartitionBy("date_trunc('day', order_date)")]
            [StarRocksHashDistribution(nameof(OrderId), Buckets = 8)]
            [StarRocksOrderBy(nameof(CustomerId))]
            [StarRocksProperty("replication_num", "1")]
            [StarRocksProperty("enable_persistent_index", "true")]
            public sealed partial record Model
            {
                public long CustomerId { get; init; }
                [StarRocksKey(1)] public DateTime OrderDate { get; init; }
                [StarRocksKey(0)] public long OrderId { get; init; }
                [StarRocksColumn(Length = 32, Default = "new")] public string Status { get; init; } = "";
                [StarRocksColumn(Comment = "Free text")] public string? Note { get; init; }
                [StarRocksColumn(Default = "CURRENT_TIMESTAMP")] public DateTime UpdatedAt { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`orders` (
              `order_id` BIGINT NOT NULL,
              `order_date` DATETIME NOT NULL,
              `customer_id` BIGINT NOT NULL,
              `status` VARCHAR(96) NOT NULL DEFAULT "new",
              `note` STRING NULL COMMENT "Free text",
              `updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
            )
            PRIMARY KEY(`order_id`, `order_date`)
            COMMENT "Orders"
            PARTITION BY date_trunc('day', order_date)
            DISTRIBUTED BY HASH(`order_id`) BUCKETS 8
            ORDER BY(`customer_id`)
            PROPERTIES (
              "replication_num" = "1",
              "enable_persistent_index" = "true"
            )
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void DuplicateTableWithoutKeyHasNoKeyClauseAndNoDistribution()
    {
        var ddl = Ddl("""
            [StarRocksTable("logs", "events")]
            public partial class Model
            {
                public DateTime At { get; set; }
                public string Message { get; set; } = "";
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `logs`.`events` (
              `at` DATETIME NOT NULL,
              `message` STRING NOT NULL
            )
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void DuplicateTableWithKeyAndRandomDistribution()
    {
        var ddl = Ddl("""
            [StarRocksTable("logs", "events")]
            [StarRocksRandomDistribution(Buckets = 4)]
            public partial class Model
            {
                [StarRocksKey(0)] public DateTime At { get; set; }
                public int? Level { get; set; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `logs`.`events` (
              `at` DATETIME NOT NULL,
              `level` INT NULL
            )
            DUPLICATE KEY(`at`)
            DISTRIBUTED BY RANDOM BUCKETS 4
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void AggregateTableGetsAggregatesAndHashOnKeysByDefault()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "daily", Kind = StarRocksTableKind.AggregateKey)]
            public partial record Model
            {
                [StarRocksKey(0)] public DateOnly Day { get; init; }
                [StarRocksKey(1), StarRocksColumn(Length = 10)] public string City { get; init; } = "";
                [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public long Orders { get; init; }
                [StarRocksColumn(Aggregate = StarRocksAggregate.Max, Precision = 18, Scale = 2)] public decimal Largest { get; init; }
                [StarRocksColumn(Aggregate = StarRocksAggregate.ReplaceIfNotNull)] public string? LastStatus { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`daily` (
              `day` DATE NOT NULL,
              `city` VARCHAR(30) NOT NULL,
              `orders` BIGINT SUM NOT NULL,
              `largest` DECIMAL(18,2) MAX NOT NULL,
              `last_status` STRING REPLACE_IF_NOT_NULL NULL
            )
            AGGREGATE KEY(`day`, `city`)
            DISTRIBUTED BY HASH(`day`, `city`)
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void UniqueTableWithExplicitRangePartitions()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "prices", Kind = StarRocksTableKind.UniqueKey)]
            [StarRocksRangePartition(nameof(Day))]
            [StarRocksPartition("p2024", "2025-01-01")]
            [StarRocksPartition("pmax", "MAXVALUE")]
            [StarRocksHashDistribution("sku", Buckets = 2)]
            public partial record Model
            {
                [StarRocksKey(0)] public DateOnly Day { get; init; }
                [StarRocksKey(1)] public int Sku { get; init; }
                public decimal Price { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`prices` (
              `day` DATE NOT NULL,
              `sku` INT NOT NULL,
              `price` DECIMAL(38,9) NOT NULL
            )
            UNIQUE KEY(`day`, `sku`)
            PARTITION BY RANGE(`day`) (
              PARTITION `p2024` VALUES LESS THAN ("2025-01-01"),
              PARTITION `pmax` VALUES LESS THAN (MAXVALUE)
            )
            DISTRIBUTED BY HASH(`sku`) BUCKETS 2
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void ListPartitionsOverOneColumn()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "customers", Kind = StarRocksTableKind.PrimaryKey)]
            [StarRocksListPartition(nameof(Country))]
            [StarRocksPartitionValues("p_dach", "DE", "AT", "CH")]
            [StarRocksPartitionValues("p_fr", "FR")]
            public partial record Model
            {
                [StarRocksKey(0)] public long Id { get; init; }
                [StarRocksKey(1), StarRocksColumn(Length = 2)] public string Country { get; init; } = "";
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`customers` (
              `id` BIGINT NOT NULL,
              `country` VARCHAR(6) NOT NULL
            )
            PRIMARY KEY(`id`, `country`)
            PARTITION BY LIST(`country`) (
              PARTITION `p_dach` VALUES IN ("DE", "AT", "CH"),
              PARTITION `p_fr` VALUES IN ("FR")
            )
            DISTRIBUTED BY HASH(`id`, `country`)
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void ListPartitionsOverTwoColumnsWithNull()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "visits")]
            [StarRocksListPartition("day", nameof(City))]
            [StarRocksPartitionValues("p1", "2024-01-01", "Paris", "2024-01-01", "Rome")]
            [StarRocksPartitionValues("p_unknown", "2024-01-01", null)]
            public partial record Model
            {
                public DateOnly Day { get; init; }
                public string? City { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`visits` (
              `day` DATE NOT NULL,
              `city` STRING NULL
            )
            PARTITION BY LIST(`day`, `city`) (
              PARTITION `p1` VALUES IN (("2024-01-01", "Paris"), ("2024-01-01", "Rome")),
              PARTITION `p_unknown` VALUES IN (("2024-01-01", NULL))
            )
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void FunctionAndNullDefaults()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "defaults")]
            public partial record Model
            {
                [StarRocksColumn(Default = "CURRENT_TIMESTAMP")] public DateTime CreatedAt { get; init; }
                [StarRocksColumn(Default = "now(3)")] public DateTime UpdatedAt { get; init; }
                [StarRocksColumn(Length = 12, Default = "uuid()")] public string Uid { get; init; } = "";
                [StarRocksColumn(Default = "uuid_numeric()")] public Int128 Numeric { get; init; }
                [StarRocksColumn(Default = "null")] public string? Note { get; init; }
                [StarRocksColumn(Default = "now")] public string Word { get; init; } = "";
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`defaults` (
              `created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
              `updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
              `uid` VARCHAR(36) NOT NULL DEFAULT (uuid()),
              `numeric` LARGEINT NOT NULL DEFAULT (uuid_numeric()),
              `note` STRING NULL DEFAULT NULL,
              `word` STRING NOT NULL DEFAULT "now"
            )
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void InheritedColumnsComeFirstAndOverridesKeepTheBaseAttributes()
    {
        var ddl = Ddl("""
            public abstract class Entity
            {
                [StarRocksKey(0)] public abstract long Id { get; set; }
                [StarRocksColumn(Length = 10)] public virtual string Code { get; set; } = "";
                public virtual string? Source { get; set; }
            }

            [StarRocksTable("shop", "items", Kind = StarRocksTableKind.PrimaryKey)]
            public partial class Model : Entity
            {
                public int Qty { get; set; }
                public override long Id { get; set; }
                [StarRocksColumn(Length = 20)] public override string Code { get; set; } = "";
                [StarRocksIgnore] public override string? Source { get; set; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`items` (
              `id` BIGINT NOT NULL,
              `code` VARCHAR(60) NOT NULL,
              `qty` INT NOT NULL
            )
            PRIMARY KEY(`id`)
            DISTRIBUTED BY HASH(`id`)
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void BatchRangePartitions()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "visits")]
            [StarRocksRangePartition("visit_day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 MONTH")]
            [StarRocksHashDistribution(nameof(UserId))]
            public partial record Model
            {
                [StarRocksKey(0)] public DateOnly VisitDay { get; init; }
                public long UserId { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`visits` (
              `visit_day` DATE NOT NULL,
              `user_id` BIGINT NOT NULL
            )
            DUPLICATE KEY(`visit_day`)
            PARTITION BY RANGE(`visit_day`) (
              START ("2024-01-01") END ("2025-01-01") EVERY (INTERVAL 1 MONTH)
            )
            DISTRIBUTED BY HASH(`user_id`)
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void IdentifiersAreBackquotedAndLiteralsEscaped()
    {
        var ddl = Ddl("""
            [StarRocksTable("my-db", "odd`name", Comment = "say \"hi\"\\ \n bye", Naming = StarRocksNaming.AsDeclared)]
            public partial class Model
            {
                [StarRocksColumn(Default = "it's \"x\"")] public string Value { get; set; } = "";
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `my-db`.`odd``name` (
              `Value` STRING NOT NULL DEFAULT "it's \"x\""
            )
            COMMENT "say \"hi\"\\ \n bye"
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void SetsDictionaryInterfacesWideIntegersHalfAndTimesMap()
    {
        var ddl = Ddl("""
            [StarRocksTable("shop", "types")]
            public sealed partial record Model
            {
                public long Id { get; init; }
                public System.Collections.Generic.HashSet<int> Tags { get; init; } = [];
                public System.Collections.Generic.ISet<string>? Names { get; init; }
                public System.Collections.Generic.IReadOnlySet<long> Ids { get; init; } = new System.Collections.Generic.HashSet<long>();
                public System.Collections.Generic.IDictionary<string, long>? Totals { get; init; }
                public System.Collections.Immutable.ImmutableDictionary<int, string?>? Notes { get; init; }
                public UInt128 Unsigned { get; init; }
                public System.Numerics.BigInteger? Big { get; init; }
                public Half Ratio { get; init; }
                public TimeOnly Clock { get; init; }
                public TimeSpan? Elapsed { get; init; }
                public char Grade { get; init; }
            }
            """);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `shop`.`types` (
              `id` BIGINT NOT NULL,
              `tags` ARRAY<INT> NOT NULL,
              `names` ARRAY<STRING> NULL,
              `ids` ARRAY<BIGINT> NOT NULL,
              `totals` MAP<STRING,BIGINT> NULL,
              `notes` MAP<INT,STRING> NULL,
              `unsigned` LARGEINT NOT NULL,
              `big` LARGEINT NULL,
              `ratio` FLOAT NOT NULL,
              `clock` VARCHAR(16) NOT NULL,
              `elapsed` VARCHAR(26) NULL,
              `grade` CHAR(3) NOT NULL
            )
            """.ReplaceLineEndings("\n"), ddl);
    }

    [Fact]
    public void MaxBytesGivesTheLengthAsPublishedDdlWritesIt()
    {
        // TPC-H's lineitem: l_returnflag CHAR(1), l_shipinstruct CHAR(25), l_comment VARCHAR(44), whatever unicode-char.max-bytes is.
        var ddl = Ddl("""
            [StarRocksTable("tpch", "t")]
            public sealed partial record Model
            {
                public long Id { get; init; }
                [StarRocksColumn(MaxBytes = 1, FixedLength = true)] public string ReturnFlag { get; init; } = "";
                [StarRocksColumn(MaxBytes = 25, FixedLength = true)] public string ShipInstruct { get; init; } = "";
                [StarRocksColumn(MaxBytes = 44)] public string Comment { get; init; } = "";
                [StarRocksColumn(MaxBytes = 1)] public char Flag { get; init; }
                [StarRocksColumn(MaxBytes = 300, FixedLength = true)] public string Long { get; init; } = "";
                [StarRocksColumn(MaxBytes = 10)] public string[] Tags { get; init; } = [];
                [StarRocksColumn(Length = 1, FixedLength = true)] public string Characters { get; init; } = "";
                public char Letter { get; init; }
                public byte[] Blob { get; init; } = [];
            }
            """);

        Assert.Contains("`return_flag` CHAR(1) NOT NULL,", ddl);
        Assert.Contains("`ship_instruct` CHAR(25) NOT NULL,", ddl);
        Assert.Contains("`comment` VARCHAR(44) NOT NULL,", ddl);
        Assert.Contains("`flag` CHAR(1) NOT NULL,", ddl);
        Assert.Contains("`long` VARCHAR(300) NOT NULL,", ddl); // CHAR holds at most 255 bytes
        Assert.Contains("`tags` ARRAY<VARCHAR(10)> NOT NULL,", ddl);
        Assert.Contains("`characters` CHAR(3) NOT NULL,", ddl); // Length counts characters × unicode-char.max-bytes (3)
        Assert.Contains("`letter` CHAR(3) NOT NULL,", ddl);
        Assert.Contains("`blob` VARBINARY(1048576) NOT NULL", ddl); // unbounded byte[]: StarRocks's largest VARBINARY
    }

    [Fact]
    public void AFlagsEnumByNameFitsEveryCombinationAsEnumToStringWritesIt()
    {
        var ddl = Ddl("""
            [Flags] public enum Access { None = 0, Read = 1, Write = 2, Execute = 4, ReadWrite = Read | Write, Everything = 7, Ünïcode = 8 }
            public enum Plain { Small, ExtraLarge }
            [StarRocksTable("s", "t")]
            public sealed partial record Model
            {
                public long Id { get; init; }
                [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public Access Rights { get; init; }
                [StarRocksColumn(EnumFormat = StarRocksEnumFormat.Name)] public Plain Size { get; init; }
            }
            """);

        // Read, Write, Execute, ReadWrite, Everything, Ünïcode (9 bytes in UTF-8): 4 + 5 + 7 + 9 + 10 + 9 = 44 bytes and 5 separators ", ".
        Assert.Contains("`rights` VARCHAR(54) NOT NULL,", ddl);
        Assert.Contains("`size` VARCHAR(10) NOT NULL", ddl);
    }
}
