using StarRocks.Typed.Generators.Parsing;
using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>
/// <see cref="StarRocksNaming.SnakeCase"/> (the default): TPC-H-style members map to TPC-H's column names without a name
/// on every member, and acronyms stay one word.
/// </summary>
public class NamingTests
{
    [Theory]
    [InlineData("LOrderkey", "l_orderkey")]
    [InlineData("lOrderkey", "l_orderkey")]
    [InlineData("L_ORDERKEY", "l_orderkey")]
    [InlineData("l_orderkey", "l_orderkey")]
    [InlineData("OrderId", "order_id")]
    [InlineData("OrderID", "order_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("IOStream", "io_stream")]
    [InlineData("XMLHttpRequest", "xml_http_request")]
    [InlineData("Line2Total", "line2_total")]
    [InlineData("Sha256Hash", "sha256_hash")]
    [InlineData("A", "a")]
    [InlineData("ID", "id")]
    [InlineData("_private", "_private")]
    [InlineData("Über", "über")]
    public void SnakeCaseMapsMemberNamesToColumnNames(string member, string column) =>
        Assert.Equal(column, ColumnNaming.ToSnakeCase(member));

    /// <summary>
    /// TPC-H's <c>lineitem</c> as StarRocks publishes it (StarRocks/BenchmarkTool, sql/tpch/ddl_100.single_table/lineitem.sql),
    /// from a model whose members carry no names: <c>LShipdate</c> (PascalCase) or <c>lShipdate</c> (camelCase) both
    /// become <c>l_shipdate</c>, and <c>MaxBytes</c> gives the VARCHAR lengths as written.
    /// </summary>
    [Theory]
    [InlineData("L")]
    [InlineData("l")]
    public void TpchLineitemWithoutMemberNamesGivesThePublishedColumnNames(string prefix)
    {
        var model = """
            using System;
            using StarRocks.Typed;
            namespace Tpch;
            [StarRocksTable("tpch", "lineitem")]
            [StarRocksHashDistribution(nameof(P_Orderkey), Buckets = 96)]
            [StarRocksProperty("replication_num", "1")]
            public sealed partial record Lineitem
            {
                [StarRocksKey(0)] public DateOnly P_Shipdate { get; init; }
                [StarRocksKey(1)] public int P_Orderkey { get; init; }
                public int P_Linenumber { get; init; }
                public int P_Partkey { get; init; }
                public int P_Suppkey { get; init; }
                [StarRocksColumn(Precision = 15, Scale = 2)] public decimal P_Quantity { get; init; }
                [StarRocksColumn(Precision = 15, Scale = 2)] public decimal P_Extendedprice { get; init; }
                [StarRocksColumn(Precision = 15, Scale = 2)] public decimal P_Discount { get; init; }
                [StarRocksColumn(Precision = 15, Scale = 2)] public decimal P_Tax { get; init; }
                [StarRocksColumn(MaxBytes = 1)] public string P_Returnflag { get; init; } = "";
                [StarRocksColumn(MaxBytes = 1)] public string P_Linestatus { get; init; } = "";
                public DateOnly P_Commitdate { get; init; }
                public DateOnly P_Receiptdate { get; init; }
                [StarRocksColumn(MaxBytes = 25)] public string P_Shipinstruct { get; init; } = "";
                [StarRocksColumn(MaxBytes = 10)] public string P_Shipmode { get; init; } = "";
                [StarRocksColumn(MaxBytes = 44)] public string P_Comment { get; init; } = "";
            }
            """.Replace("P_", prefix, StringComparison.Ordinal);

        var ddl = GeneratorHarness.RunClean(model).CreateTableSql("Tpch.Lineitem");

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `tpch`.`lineitem` (
              `l_shipdate` DATE NOT NULL,
              `l_orderkey` INT NOT NULL,
              `l_linenumber` INT NOT NULL,
              `l_partkey` INT NOT NULL,
              `l_suppkey` INT NOT NULL,
              `l_quantity` DECIMAL(15,2) NOT NULL,
              `l_extendedprice` DECIMAL(15,2) NOT NULL,
              `l_discount` DECIMAL(15,2) NOT NULL,
              `l_tax` DECIMAL(15,2) NOT NULL,
              `l_returnflag` VARCHAR(1) NOT NULL,
              `l_linestatus` VARCHAR(1) NOT NULL,
              `l_commitdate` DATE NOT NULL,
              `l_receiptdate` DATE NOT NULL,
              `l_shipinstruct` VARCHAR(25) NOT NULL,
              `l_shipmode` VARCHAR(10) NOT NULL,
              `l_comment` VARCHAR(44) NOT NULL
            )
            DUPLICATE KEY(`l_shipdate`, `l_orderkey`)
            DISTRIBUTED BY HASH(`l_orderkey`) BUCKETS 96
            PROPERTIES (
              "replication_num" = "1"
            )
            """.ReplaceLineEndings("\n"), ddl);
    }
}
