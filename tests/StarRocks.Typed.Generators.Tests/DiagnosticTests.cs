using Microsoft.CodeAnalysis;
using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>Every diagnostic fires with the right ID at the right place, and not on the corrected model.</summary>
public class DiagnosticTests
{
    /// <summary>(ID, invalid model, source text of the expected location, corrected model).</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        {
            "SRT001",
            """[StarRocksTable("s", "t")] public class Model { public int Id { get; set; } }""",
            "Model",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT001",
            """public class Outer { [StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } } }""",
            "Model",
            """public partial class Outer { [StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } } }"""
        },
        {
            "SRT001",
            """[StarRocksTable("s", "t")] file partial class Model { public int Id { get; set; } }""",
            "Model",
            """[StarRocksTable("s", "t")] internal partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT002",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } }"""
        },
        {
            "SRT003",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] public partial class Model { [StarRocksKey(0)] public int A { get; set; } [StarRocksKey(2)] public int B { get; set; } }""",
            "StarRocksKey(2)",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] public partial class Model { [StarRocksKey(0)] public int A { get; set; } [StarRocksKey(1)] public int B { get; set; } }"""
        },
        {
            "SRT003",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int A { get; set; } [StarRocksKey(0)] public int B { get; set; } }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int A { get; set; } [StarRocksKey(1)] public int B { get; set; } }"""
        },
        {
            "SRT004",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn(Length = 10)] public string? Code { get; set; } }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn(Length = 10)] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT005",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0)] public decimal Price { get; set; } }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0)] public long Price { get; set; } }"""
        },
        {
            "SRT005",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn(Length = 2, FixedLength = true)] public string Code { get; set; } = ""; }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn(Length = 2)] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT006",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public double Score { get; set; } }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public decimal Score { get; set; } }"""
        },
        {
            "SRT006",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int[] Tags { get; set; } = []; }""",
            "StarRocksKey(0)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public int[] Tags { get; set; } = []; }"""
        },
        {
            "SRT007",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksHashDistribution(nameof(Name))] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public string Name { get; set; } = ""; }""",
            "StarRocksHashDistribution(nameof(Name))",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksHashDistribution(nameof(Id))] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public string Name { get; set; } = ""; }"""
        },
        {
            "SRT007",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksPartitionBy("date_trunc('day', at)")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public DateTime At { get; set; } }""",
            """StarRocksPartitionBy("date_trunc('day', at)")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksPartitionBy("date_trunc('day', at)")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksKey(1)] public DateTime At { get; set; } }"""
        },
        {
            "SRT008",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] [StarRocksOrderBy("name")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public string Name { get; set; } = ""; }""",
            """StarRocksOrderBy("name")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] [StarRocksOrderBy("id")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public string Name { get; set; } = ""; }"""
        },
        {
            "SRT009",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Length = 400000)] public string Text { get; set; } = ""; }""",
            "StarRocksColumn(Length = 400000)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Length = 300000)] public string Text { get; set; } = ""; }"""
        },
        {
            "SRT009",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "CHAR(256)")] public string Code { get; set; } = ""; }""",
            """StarRocksColumn(Type = "CHAR(256)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "CHAR(255)")] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT009",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "VARCHAR(0)")] public string Code { get; set; } = ""; }""",
            """StarRocksColumn(Type = "VARCHAR(0)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "VARCHAR(1)")] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT009",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "VARCHAR(99999999999999999999)")] public string Code { get; set; } = ""; }""",
            """StarRocksColumn(Type = "VARCHAR(99999999999999999999)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Type = "VARCHAR(1048576)")] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT010",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Precision = 40, Scale = 2)] public decimal Amount { get; set; } }""",
            "StarRocksColumn(Precision = 40, Scale = 2)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Precision = 38, Scale = 2)] public decimal Amount { get; set; } }"""
        },
        {
            "SRT010",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Precision = 10, Scale = 11)] public decimal Amount { get; set; } }""",
            "StarRocksColumn(Precision = 10, Scale = 11)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Precision = 10, Scale = 10)] public decimal Amount { get; set; } }"""
        },
        {
            "SRT011",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public System.Uri? Link { get; set; } }""",
            "Link",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksIgnore] public System.Uri? Link { get; set; } }"""
        },
        {
            "SRT011",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public System.Collections.Generic.List<System.Text.Json.Nodes.JsonNode>? Nodes { get; set; } }""",
            "Nodes",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public System.Collections.Generic.List<System.Text.Json.JsonElement>? Nodes { get; set; } }"""
        },
        {
            "SRT012",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("__op")] public int Op { get; set; } }""",
            "StarRocksColumn(\"__op\")",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("op")] public int Op { get; set; } }"""
        },
        {
            "SRT012",
            """[StarRocksTable("s", "t", Naming = StarRocksNaming.AsDeclared)] public partial class Model { public int Id { get; set; } public int __ROW { get; set; } }""",
            "__ROW",
            """[StarRocksTable("s", "t", Naming = StarRocksNaming.AsDeclared)] public partial class Model { public int Id { get; set; } public int __row_id { get; set; } }"""
        },
        {
            "SRT013",
            """[StarRocksTable("s", "t")] public partial class Model { public int OrderId { get; set; } [StarRocksColumn("ORDER_ID")] public int Other { get; set; } }""",
            "StarRocksColumn(\"ORDER_ID\")",
            """[StarRocksTable("s", "t")] public partial class Model { public int OrderId { get; set; } [StarRocksColumn("other_id")] public int Other { get; set; } }"""
        },
        {
            "SRT014",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public long Total { get; set; } }""",
            "Total",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public long Total { get; set; } }"""
        },
        {
            "SRT015",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public long Total { get; set; } }""",
            "StarRocksColumn(Aggregate = StarRocksAggregate.Sum)",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public long Total { get; set; } }"""
        },
        {
            "SRT015",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn(Aggregate = StarRocksAggregate.Max)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public long Total { get; set; } }""",
            "StarRocksColumn(Aggregate = StarRocksAggregate.Max)",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public long Total { get; set; } }"""
        },
        {
            "SRT016",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksRandomDistribution] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } }""",
            "StarRocksRandomDistribution",
            """[StarRocksTable("s", "t")] [StarRocksRandomDistribution] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } }"""
        },
        {
            "SRT017",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("nope")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksHashDistribution("nope")""",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT017",
            """[StarRocksTable("s", "t")] [StarRocksPartitionBy("date_trunc('day', created)")] public partial class Model { public DateTime At { get; set; } }""",
            """StarRocksPartitionBy("date_trunc('day', created)")""",
            """[StarRocksTable("s", "t")] [StarRocksPartitionBy("date_trunc('day', at)")] public partial class Model { public DateTime At { get; set; } }"""
        },
        {
            "SRT017",
            """[StarRocksTable("s", "t")] [StarRocksOrderBy("Missing")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksOrderBy("Missing")""",
            """[StarRocksTable("s", "t")] [StarRocksOrderBy("Id")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day")] public partial class Model { public DateOnly Day { get; set; } }""",
            """StarRocksRangePartition("day")""",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day")] [StarRocksPartition("p1", "2025-01-01")] public partial class Model { public DateOnly Day { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01")] public partial class Model { public DateOnly Day { get; set; } }""",
            """StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01")""",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 DAY")] public partial class Model { public DateOnly Day { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksListPartition("region")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksPartitionValues("p1", "a")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] [StarRocksPartitionValues("P1", "b")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksListPartition("region")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] [StarRocksPartitionValues("p2", "b")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksRangePartition("id")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksRangePartition("id")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT017",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("area")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksListPartition("area")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT022",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region", "Region")] [StarRocksPartitionValues("p1", "a", "b")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksListPartition("region", "Region")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region", "id")] [StarRocksPartitionValues("p1", "a", "1")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT022",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("score")] [StarRocksPartitionValues("p1", "1.5")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksListPartition("score")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("id")] [StarRocksPartitionValues("p1", "1")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT022",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("score")] [StarRocksPartition("p1", "1.5")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksRangePartition("score")""",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("id")] [StarRocksPartition("p1", "100")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT023",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region", "id")] [StarRocksPartitionValues("p1", "a", "1", "b")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksPartitionValues("p1", "a", "1", "b")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region", "id")] [StarRocksPartitionValues("p1", "a", "1", "b", "2")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT023",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a", null)] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksPartitionValues("p1", "a", null)""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a", null)] public partial class Model { public int Id { get; set; } public string? Region { get; set; } }"""
        },
        {
            "SRT023",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] [StarRocksPartitionValues("p2", "b", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }""",
            """StarRocksPartitionValues("p2", "b", "a")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] [StarRocksPartitionValues("p2", "b", "c")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public double Score { get; set; } }"""
        },
        {
            "SRT023",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("id")] [StarRocksPartitionValues("p1", "1", "x2")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public DateOnly Day { get; set; } }""",
            """StarRocksPartitionValues("p1", "1", "x2")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("id")] [StarRocksPartitionValues("p1", "1", "2")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public DateOnly Day { get; set; } }"""
        },
        {
            "SRT023",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("day", "region")] [StarRocksPartitionValues("p1", "2024-13-01", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public DateOnly Day { get; set; } }""",
            """StarRocksPartitionValues("p1", "2024-13-01", "a")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("day", "region")] [StarRocksPartitionValues("p1", "2024-12-01", "a")] public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; public DateOnly Day { get; set; } }"""
        },
        {
            "SRT007",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } public string Region { get; set; } = ""; }""",
            """StarRocksListPartition("region")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksHashDistribution("id")] [StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksKey(1), StarRocksColumn(Length = 10)] public string Region { get; set; } = ""; }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "300")] public sbyte Level { get; set; } }""",
            """StarRocksColumn(Default = "300")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "100")] public sbyte Level { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "-2147483649")] public int Count { get; set; } }""",
            """StarRocksColumn(Default = "-2147483649")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "-2147483648")] public int Count { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "170141183460469231731687303715884105728")] public Int128 Huge { get; set; } }""",
            """StarRocksColumn(Default = "170141183460469231731687303715884105728")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "170141183460469231731687303715884105727")] public Int128 Huge { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "123456789")] public float Rate { get; set; } }""",
            """StarRocksColumn(Default = "123456789")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "1.1234567")] public float Rate { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "abc")] public double Score { get; set; } }""",
            """StarRocksColumn(Default = "abc")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "1e10")] public double Score { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 5, Scale = 2, Default = "1234.5")] public decimal Price { get; set; } }""",
            """StarRocksColumn(Precision = 5, Scale = 2, Default = "1234.5")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 5, Scale = 2, Default = "123.45")] public decimal Price { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 5, Scale = 2, Default = "1.234")] public decimal Price { get; set; } }""",
            """StarRocksColumn(Precision = 5, Scale = 2, Default = "1.234")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 5, Scale = 2, Default = "1.230")] public decimal Price { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "yes")] public bool Flag { get; set; } }""",
            """StarRocksColumn(Default = "yes")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "true")] public bool Flag { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 2, Default = "toolong")] public string Code { get; set; } = ""; }""",
            """StarRocksColumn(Length = 2, Default = "toolong")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 2, Default = "abcdef")] public string Code { get; set; } = ""; }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "2023-02-29")] public DateOnly Day { get; set; } }""",
            """StarRocksColumn(Default = "2023-02-29")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "2024-02-29")] public DateOnly Day { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "2024-01-01 24:00:00")] public DateTime At { get; set; } }""",
            """StarRocksColumn(Default = "2024-01-01 24:00:00")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "2024-01-01 23:59:59.123456")] public DateTime At { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "[1]")] public int[] Numbers { get; set; } = []; }""",
            """StarRocksColumn(Default = "[1]")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public int[] Numbers { get; set; } = []; }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "CURRENT_TIMESTAMP")] public DateOnly Day { get; set; } }""",
            """StarRocksColumn(Default = "CURRENT_TIMESTAMP")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "CURRENT_TIMESTAMP")] public DateTime Day { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "current_timestamp(7)")] public DateTime At { get; set; } }""",
            """StarRocksColumn(Default = "current_timestamp(7)")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "current_timestamp(6)")] public DateTime At { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 10, Default = "uuid()")] public string Key { get; set; } = ""; }""",
            """StarRocksColumn(Length = 10, Default = "uuid()")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 12, Default = "uuid()")] public string Key { get; set; } = ""; }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "uuid_numeric()")] public long Key { get; set; } }""",
            """StarRocksColumn(Default = "uuid_numeric()")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "uuid_numeric()")] public Int128 Key { get; set; } }"""
        },
        {
            "SRT024",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "NULL")] public int Count { get; set; } }""",
            """StarRocksColumn(Default = "NULL")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "NULL")] public int? Count { get; set; } }"""
        },
        {
            "SRT019",
            """[StarRocksTable("s", "t")] public partial class Model(int id, string unrelated) { public int Id { get; } = id; public string Other => unrelated; }""",
            "Model",
            """[StarRocksTable("s", "t")] public partial class Model(int id, string other) { public int Id { get; } = id; public string Other => other; }"""
        },
        {
            "SRT019",
            """[StarRocksTable("s", "t")] public abstract partial class Model { public int Id { get; set; } }""",
            "Model",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT020",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksColumn(Json = true)] public int Id { get; set; } }""",
            "StarRocksColumn(Json = true)",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Json = true)] public string Data { get; set; } = "{}"; }"""
        },
        {
            "SRT020",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 10)] public int Count { get; set; } }""",
            "StarRocksColumn(Length = 10)",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Length = 10)] public string Name { get; set; } = ""; }"""
        },
        {
            "SRT020",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 10)] public List<double> Values { get; set; } = []; }""",
            "StarRocksColumn(Precision = 10)",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Precision = 10)] public List<decimal> Values { get; set; } = []; }"""
        },
        {
            "SRT020",
            """[StarRocksTable("s", "t", UnicodeCharMaxBytes = 0)] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("s", "t", UnicodeCharMaxBytes = 0)""",
            """[StarRocksTable("s", "t", UnicodeCharMaxBytes = 4)] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT021",
            """[StarRocksTable("s", "t")] public partial class Model { public double Score { get; set; } public int Id { get; set; } }""",
            "Score",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public double Score { get; set; } }"""
        },
        {
            "SRT026",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public string Table { get; set; } = ""; }""",
            "Table",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("table")] public string TableName { get; set; } = ""; }"""
        },
        {
            "SRT026",
            """[StarRocksTable("s", "t")] public partial record Model(int Id, string CreateTableSql);""",
            "CreateTableSql",
            """[StarRocksTable("s", "t")] public partial record Model(int Id, [property: StarRocksColumn("create_table_sql")] string Sql);"""
        },
        {
            "SRT026",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public static Model Read(System.Data.Common.DbDataReader reader, int[] ordinals) => new(); }""",
            "Read",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public static Model Read(System.Data.Common.DbDataReader reader) => new(); }"""
        },
        {
            "SRT026",
            """public class Base { public string GetKey { get; set; } = ""; } [StarRocksTable("s", "t")] public partial class Model : Base { [StarRocksKey(0)] public int Id { get; set; } }""",
            "Model",
            """public class Base { public string Key { get; set; } = ""; } [StarRocksTable("s", "t")] public partial class Model : Base { [StarRocksKey(0)] public int Id { get; set; } }"""
        },
        {
            "SRT026",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public static int __StarRocksBytes60 => 60; }""",
            "__StarRocksBytes60",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public static int StarRocksBytes60 => 60; }"""
        },
        {
            "SRT027",
            """[StarRocksTable("s", "t")] public partial class Model { }""",
            "Model",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT027",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksIgnore] public int Id { get; set; } public static int Count { get; set; } }""",
            "Model",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } public static int Count { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("s", "")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "t\0x")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("s", "t\0x")""",
            """[StarRocksTable("s", "t x ✓ -- `quoted`")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("1shop", "t")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("1shop", "t")""",
            """[StarRocksTable("shop-1~", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("_", "t")] public partial class Model { public int Id { get; set; } }""",
            """StarRocksTable("_", "t")""",
            """[StarRocksTable("_1", "t")] public partial class Model { public int Id { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("a=b")] public int A { get; set; } }""",
            """StarRocksColumn("a=b")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("a-b")] public int A { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn("")] public int A { get; set; } }""",
            """StarRocksColumn("")""",
            """[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(" ")] public int A { get; set; } }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public string Name { get; set; } = ""; }""",
            """StarRocksColumn(Aggregate = StarRocksAggregate.Sum)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Max)] public string Name { get; set; } = ""; }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public short Count { get; set; } }""",
            """StarRocksColumn(Aggregate = StarRocksAggregate.Sum)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public int Count { get; set; } }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.BitmapUnion)] public long Visitors { get; set; } }""",
            """StarRocksColumn(Aggregate = StarRocksAggregate.BitmapUnion)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Type = "BITMAP", Aggregate = StarRocksAggregate.BitmapUnion)] public long Visitors { get; set; } }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.HllUnion)] public string Visitor { get; set; } = ""; }""",
            """StarRocksColumn(Aggregate = StarRocksAggregate.HllUnion)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Type = "HLL", Aggregate = StarRocksAggregate.HllUnion)] public string Visitor { get; set; } = ""; }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Max)] public bool Flag { get; set; } }""",
            """StarRocksColumn(Aggregate = StarRocksAggregate.Max)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Aggregate = StarRocksAggregate.Replace)] public bool Flag { get; set; } }"""
        },
        {
            "SRT030",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Type = "HLL", Aggregate = StarRocksAggregate.ReplaceIfNotNull)] public string Visitor { get; set; } = ""; }""",
            """StarRocksColumn(Type = "HLL", Aggregate = StarRocksAggregate.ReplaceIfNotNull)""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } [StarRocksColumn(Type = "HLL", Aggregate = StarRocksAggregate.HllUnion)] public string Visitor { get; set; } = ""; }"""
        },
        {
            "SRT031",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "HLL")] public string Visitor { get; set; } = ""; }""",
            """StarRocksColumn(Type = "HLL")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "HLL")] public string Visitor { get; set; } = ""; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "VARCHAR(10")] public string Name { get; set; } = ""; }""",
            """StarRocksColumn(Type = "VARCHAR(10")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "VARCHAR(10)")] public string Name { get; set; } = ""; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "VARCHR(10)")] public string Name { get; set; } = ""; }""",
            """StarRocksColumn(Type = "VARCHR(10)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "text")] public string Name { get; set; } = ""; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "BIGINT")] public string Name { get; set; } = ""; }""",
            """StarRocksColumn(Type = "BIGINT")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "CHAR(10)")] public string Name { get; set; } = ""; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "STRING")] public int Count { get; set; } }""",
            """StarRocksColumn(Type = "STRING")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "integer(11)")] public int Count { get; set; } }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<HLL>")] public List<string> Tags { get; set; } = []; }""",
            """StarRocksColumn(Type = "ARRAY<HLL>")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<VARCHAR(20)>")] public List<string> Tags { get; set; } = []; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<INT>")] public List<string> Tags { get; set; } = []; }""",
            """StarRocksColumn(Type = "ARRAY<INT>")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<STRING>")] public List<string> Tags { get; set; } = []; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "MAP<ARRAY<INT>,INT>")] public Dictionary<string, int> Counts { get; set; } = []; }""",
            """StarRocksColumn(Type = "MAP<ARRAY<INT>,INT>")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "MAP<VARCHAR(10),BIGINT>")] public Dictionary<string, int> Counts { get; set; } = []; }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "TIME")] public DateTime At { get; set; } }""",
            """StarRocksColumn(Type = "TIME")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "DATE")] public DateTime At { get; set; } }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "VARCHAR(32)")] public Guid Token { get; set; } }""",
            """StarRocksColumn(Type = "VARCHAR(32)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "CHAR(36)")] public Guid Token { get; set; } }"""
        },
        {
            "SRT032",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "JSON")] public string Data { get; set; } = "{}"; }""",
            """StarRocksColumn(Type = "JSON")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Json = true)] public string Data { get; set; } = "{}"; }"""
        },
        {
            "SRT010",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "DECIMAL32(10,2)")] public decimal Price { get; set; } }""",
            """StarRocksColumn(Type = "DECIMAL32(10,2)")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "DECIMAL64(10,2)")] public decimal Price { get; set; } }"""
        },
        {
            "SRT009",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<CHAR(300)>")] public List<string> Codes { get; set; } = []; }""",
            """StarRocksColumn(Type = "ARRAY<CHAR(300)>")""",
            """[StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } [StarRocksColumn(Type = "ARRAY<CHAR(30)>")] public List<string> Codes { get; set; } = []; }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksHashDistribution""",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id", Buckets = -1)] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksHashDistribution("id", Buckets = -1)""",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id", Buckets = 8)] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksRandomDistribution(Buckets = -4)] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksRandomDistribution(Buckets = -4)""",
            """[StarRocksTable("s", "t")] [StarRocksRandomDistribution(Buckets = 4)] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("score")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public double Score { get; set; } }""",
            """StarRocksHashDistribution("score")""",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public double Score { get; set; } }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id", nameof(Id))] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksHashDistribution("id", nameof(Id))""",
            """[StarRocksTable("s", "t")] [StarRocksHashDistribution("id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT034",
            """[StarRocksTable("s", "t")] [StarRocksOrderBy("at", "id", "at")] public partial class Model { public long Id { get; set; } public DateTime At { get; set; } }""",
            """StarRocksOrderBy("at", "id", "at")""",
            """[StarRocksTable("s", "t")] [StarRocksOrderBy("at", "id")] public partial class Model { public long Id { get; set; } public DateTime At { get; set; } }"""
        },
        {
            "SRT033",
            """[StarRocksTable("s", "t")] [StarRocksProperty("colocate_with", "g1")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksProperty("colocate_with", "g1")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("colocate_with", "g1"), StarRocksHashDistribution("id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT034",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksOrderBy("price")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public decimal Price { get; set; } }""",
            """StarRocksOrderBy("price")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] [StarRocksOrderBy("id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public decimal Price { get; set; } }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t")] [StarRocksProperty("replication_num", "0")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksProperty("replication_num", "0")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("replication_num", "3")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t")] [StarRocksProperty("replication_num", "three")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksProperty("replication_num", "three")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("replication_num", "1")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_columns", "id,nope")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksProperty("bloom_filter_columns", "id,nope")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_columns", "ID")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_columns", "score")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public double Score { get; set; } }""",
            """StarRocksProperty("bloom_filter_columns", "score")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_columns", "name")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public string Name { get; set; } = ""; }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] [StarRocksProperty("bloom_filter_columns", "name")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public string Name { get; set; } = ""; }""",
            """StarRocksProperty("bloom_filter_columns", "name")""",
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.UniqueKey)] [StarRocksProperty("bloom_filter_columns", "id")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public string Name { get; set; } = ""; }"""
        },
        {
            "SRT035",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_fpp", "0.5")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }""",
            """StarRocksProperty("bloom_filter_fpp", "0.5")""",
            """[StarRocksTable("s", "t")] [StarRocksProperty("bloom_filter_fpp", "0.01")] public partial class Model { [StarRocksKey(0)] public long Id { get; set; } }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day"), StarRocksPartition("p-2024", "2025-01-01")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }""",
            """StarRocksPartition("p-2024", "2025-01-01")""",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day"), StarRocksPartition("p_2024", "2025-01-01")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }"""
        },
        {
            "SRT029",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region"), StarRocksPartitionValues("placeholder_eu", "eu")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }""",
            """StarRocksPartitionValues("placeholder_eu", "eu")""",
            """[StarRocksTable("s", "t")] [StarRocksListPartition("region"), StarRocksPartitionValues("p_eu", "eu")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day"), StarRocksPartition("p1", "2024-01-01"), StarRocksPartition("p2", "2024-13-01")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }""",
            """StarRocksPartition("p2", "2024-13-01")""",
            """[StarRocksTable("s", "t")] [StarRocksRangePartition("day"), StarRocksPartition("p1", "2024-01-01"), StarRocksPartition("p2", "2024-12-01"), StarRocksPartition("p3", "MAXVALUE")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } public string Region { get; set; } = ""; }"""
        },
        {
            "SRT034",
            """[StarRocksTable("s", "t"), StarRocksOrderBy] public partial class Model { public long Id { get; set; } }""",
            "StarRocksOrderBy",
            """[StarRocksTable("s", "t"), StarRocksOrderBy("id")] public partial class Model { public long Id { get; set; } }"""
        },
        {
            "SRT018",
            """[StarRocksTable("s", "t"), StarRocksListPartition, StarRocksPartitionValues("p1", "1")] public partial class Model { public long Id { get; set; } }""",
            "StarRocksListPartition",
            """[StarRocksTable("s", "t"), StarRocksListPartition("id"), StarRocksPartitionValues("p1", "1")] public partial class Model { public long Id { get; set; } }"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FiresOnTheOffendingDeclaration(string id, string invalid, string location, string valid)
    {
        _ = valid;
        var output = GeneratorHarness.Run(Wrap(invalid));

        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)); // no CSxxxx from generated code
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(location, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.StartsWith("https://", diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal("StarRocks.Typed", diagnostic.Descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoesNotFireOnTheValidVariant(string id, string invalid, string location, string valid)
    {
        _ = (id, invalid, location);
        GeneratorHarness.RunClean(Wrap(valid));
    }

    [Theory]
    [InlineData("""[StarRocksHashDistribution("id", nameof(Id))]""", "SRT033", "Duplicated distribution column id (member 'Id')")]
    [InlineData("""[StarRocksOrderBy(nameof(Id), "id")]""", "SRT034", "Duplicate sort key column id (member 'Id'): StarRocks refuses a sort key that repeats a column")]
    public void ARepeatedLayoutColumnIsNamedWithStarRocksWords(string attribute, string id, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap(attribute + """ [StarRocksTable("s", "t")] public partial class Model { public long Id { get; set; } public string Name { get; set; } = ""; }""")).GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void PrimaryKeyNullabilityMessageUsesStarRocksWords()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap(
            """[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0)] public long? Id { get; set; } }""")).GeneratorDiagnostics);
        Assert.StartsWith("Invalid primary key. Column 'id' is nullable.", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a")] [StarRocksPartitionValues("p2", "b", "a")]""", "List partition 'p2': Duplicated value a (each value may be in one partition only)")]
    [InlineData("""[StarRocksListPartition("region", "id")] [StarRocksPartitionValues("p1", "a", "1", "a", "1")]""", "List partition 'p1': Duplicate values (\"a\",\"1\") not allow (each value may be in one partition only)")]
    [InlineData("""[StarRocksListPartition("id")] [StarRocksPartitionValues("p1", "128", "99999999999")]""", "List partition 'p1': Number out of range[99999999999]. type: INT")]
    [InlineData("""[StarRocksListPartition("region")] [StarRocksPartitionValues("p1", "a", null)]""", "List partition 'p1': Partition column[region] could not be null but contains null value in partition[p1]")]
    public void ListPartitionMessagesQuoteStarRocks(string attributes, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t")] """ + attributes + """ public partial class Model { public int Id { get; set; } public string Region { get; set; } = ""; }""")).GeneratorDiagnostics);
        Assert.Equal("SRT023", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksColumn(Length = 2, Default = "toolong")] public string Code { get; set; } = "";""", "Member 'Code' (column 'code'): StarRocks refuses Default = \"toolong\": Default value is too long: toolong")]
    [InlineData("""[StarRocksColumn(Default = "1.12345678")] public float Rate { get; set; }""", "Member 'Rate' (column 'rate'): StarRocks refuses Default = \"1.12345678\": Default value will loose precision: 1.12345678")]
    [InlineData("""[StarRocksColumn(Default = "NULL")] public int Count { get; set; }""", "Member 'Count' (column 'count'): StarRocks refuses Default = \"NULL\": Invalid default value for 'count'")]
    [InlineData("""[StarRocksColumn(Default = "1")] public List<int> Values { get; set; } = [];""", "Member 'Values' (column 'values'): StarRocks refuses Default = \"1\": Default value for complex type 'ARRAY<INT>' not supported")]
    [InlineData("""[StarRocksColumn(Length = 10, Default = "uuid()")] public string Key { get; set; } = "";""", "Member 'Key' (column 'key'): StarRocks refuses Default = \"uuid()\": Varchar type length must be greater than 36 for uuid function")]
    [InlineData("""[StarRocksColumn(Default = "300")] public sbyte Level { get; set; }""", "Member 'Level' (column 'level'): StarRocks refuses Default = \"300\": Number out of range[300]. type: TINYINT")]
    [InlineData("""[StarRocksColumn(Default = "now()")] public DateOnly Day { get; set; }""", "Member 'Day' (column 'day'): StarRocks refuses Default = \"now()\": Default function now() for type DATE is not supported")]
    [InlineData("""[StarRocksColumn(Default = "uuid()")] public long Key { get; set; }""", "Member 'Key' (column 'key'): StarRocks refuses Default = \"uuid()\": Default function uuid() for type BIGINT is not supported")]
    [InlineData("""[StarRocksColumn(Default = "uuid_numeric()")] public long Key { get; set; }""", "Member 'Key' (column 'key'): StarRocks refuses Default = \"uuid_numeric()\": Default function uuid_numeric() for type BIGINT is not supported")]
    [InlineData("""[StarRocksColumn(Json = true, Default = "{}")] public string Data { get; set; } = "{}";""", "Member 'Data' (column 'data'): StarRocks refuses Default = \"{}\": Cannot add default value for type 'JSON'")]
    public void DefaultValueMessagesQuoteStarRocks(string member, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } """ + member + " }")).GeneratorDiagnostics);
        Assert.Equal("SRT024", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksKey(0)] public string Code { get; set; } = "";""", "code STRING: 65533", 65533)]
    [InlineData("""[StarRocksKey(0), StarRocksColumn(Length = 40)] public string Code { get; set; } = ""; [StarRocksKey(1)] public long Id { get; set; }""", "code VARCHAR(120): 122, id BIGINT: 8", 130)]
    [InlineData("""[StarRocksKey(0)] public Guid A { get; set; } [StarRocksKey(1)] public Guid B { get; set; } [StarRocksKey(2)] public Guid C { get; set; } [StarRocksKey(3)] public Int128 D { get; set; }""", "a VARCHAR(36): 38, b VARCHAR(36): 38, c VARCHAR(36): 38, d LARGEINT: 16", 130)]
    public void LargePrimaryKeysWarnWithTheirBound(string members, string parts, int bytes)
    {
        var output = GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { """ + members + " }"));

        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("SRT025", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("""StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)""", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains($"can reach {bytes} bytes ({parts}), more than the 128 bytes", diagnostic.GetMessage());
        Assert.Contains("Model.g.cs", string.Join(",", output.HintNames)); // a warning: the table is still generated
    }

    [Theory]
    [InlineData("""[StarRocksKey(0)] public long Id { get; set; } [StarRocksKey(1), StarRocksColumn(Length = 40)] public string Code { get; set; } = "";""")] // 8 + 120, the last column needs no terminator
    [InlineData("""[StarRocksKey(0), StarRocksColumn(Length = 42)] public string Code { get; set; } = ""; public string Value { get; set; } = "";""")] // 126
    [InlineData("""[StarRocksKey(0)] public Guid A { get; set; } [StarRocksKey(1)] public Guid B { get; set; } [StarRocksKey(2)] public Guid C { get; set; } [StarRocksKey(3)] public long D { get; set; }""")] // 3 × 38 + 8 = 122
    public void PrimaryKeysWithinTheLimitDoNotWarn(string members) =>
        GeneratorHarness.RunClean(Wrap("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { """ + members + " }"));

    [Theory]
    [InlineData("0.1")]
    [InlineData("1.1234567")]
    [InlineData("1.99E38")]
    [InlineData("-166.68")]
    public void FloatDefaultsStarRocksTypesAsFloatAreAccepted(string value) =>
        GeneratorHarness.RunClean(Wrap($$"""[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } [StarRocksColumn(Default = "{{value}}")] public float Rate { get; set; } }"""));

    [Fact]
    public void TwoModelsOfOneTableAreReportedOnEachNamingTheOther()
    {
        var output = GeneratorHarness.Run(Wrap("""
            [StarRocksTable("s", "t")] public partial class First { public int Id { get; set; } }
            [StarRocksTable("s", "t")] public partial class Second { public int Id { get; set; } }
            [StarRocksTable("s", "T")] public partial class Third { public int Id { get; set; } }
            """));

        Assert.All(output.GeneratorDiagnostics, d => Assert.Equal("SRT028", d.Id));
        Assert.Equal(
            ["'Shop.First' and 'Shop.Second' both map to table s.t: each table needs exactly one model (change the database or table name of one)",
             "'Shop.Second' and 'Shop.First' both map to table s.t: each table needs exactly one model (change the database or table name of one)"],
            output.GeneratorDiagnostics.Select(d => d.GetMessage()).Order());
        Assert.Equal(["First", "Second"], output.GeneratorDiagnostics.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)).Order());
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1024)]
    public void TableNamesUpTo1024CharactersAreValid(int length) =>
        GeneratorHarness.RunClean(Wrap($$"""[StarRocksTable("s", "{{new string('t', length)}}")] public partial class Model { public int Id { get; set; } }"""));

    [Fact]
    public void ATableNameOf1025CharactersIsRefused()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap($$"""[StarRocksTable("s", "{{new string('t', 1025)}}")] public partial class Model { public int Id { get; set; } }""")).GeneratorDiagnostics);
        Assert.Equal("SRT029", diagnostic.Id);
        Assert.StartsWith("Incorrect table name 'tttt", diagnostic.GetMessage());
        Assert.EndsWith("': a table name has 1 to 1024 characters, none of them NUL", diagnostic.GetMessage());
    }

    [Fact]
    public void TablesCodeAtAssemblyLevelCannotNameKeepTheirDdlAsTextAndStayOutOfTheRegistry()
    {
        var output = GeneratorHarness.RunClean(Wrap("""
            public partial class Outer
            {
                [StarRocksTable("s", "hidden")] private partial class Hidden { public int Id { get; set; } }
                [StarRocksTable("s", "shown")] internal partial class Shown { public int Id { get; set; } }
            }
            """));

        var hidden = output.Source("Shop.Outer.Hidden.g.cs");
        Assert.Contains("""[assembly: global::System.Reflection.AssemblyMetadata("StarRocks.Typed.Ddl:s.hidden", "CREATE TABLE IF NOT EXISTS""", hidden);
        Assert.Contains("""[assembly: global::System.Reflection.AssemblyMetadata("StarRocks.Typed.Ddl:s.shown", global::Shop.Outer.Shown.CreateTableSql)]""", output.Source("Shop.Outer.Shown.g.cs"));
        var registry = output.Source("StarRocksTables.g.cs"); // a namespace-level class cannot name a private nested type
        Assert.Contains("global::Shop.Outer.Shown.Table", registry);
        Assert.DoesNotContain("Hidden", registry);
    }

    [Theory]
    [InlineData("a\\nb")]
    [InlineData("a\\u2028b")]
    [InlineData("<orders> & \\\"co\\\"")]
    [InlineData("t`x */ // \\\\")]
    public void AnyValidTableNameCompiles(string table) =>
        GeneratorHarness.RunClean(Wrap($$"""[StarRocksTable("s", "{{table}}")] public partial class Model { public int Id { get; set; } }"""));

    [Fact]
    public void TypesWhoseNamesDifferOnlyInCaseCompile() =>
        GeneratorHarness.RunClean(Wrap("""
            [StarRocksTable("s", "upper")] public partial class Model { public int Id { get; set; } }
            [StarRocksTable("s", "lower")] public partial class model { public int Id { get; set; } }
            """));

    [Fact]
    public void AUserTypeNamedLikeTheRegistryGetsAWarningNotACompileError()
    {
        var output = GeneratorHarness.Run("""
            using StarRocks.Typed;
            namespace Tests.Models;
            public static class StarRocksTables { public static int Count => 0; }
            [StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }
            """);

        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("SRT036", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("StarRocksTables", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("Tests.Models.Model.g.cs", output.HintNames);
    }

    [Theory]
    [InlineData("""[StarRocksTable("s", "t")] public readonly partial record struct Model(int Id, string Name);""")]
    [InlineData("""[StarRocksTable("s", "t")] public readonly partial struct Model { public int Id { get; init; } }""")]
    [InlineData("""[StarRocksTable("s", "t")] public sealed partial class Model { public required int Id { get; init; } }""")]
    [InlineData("""public static partial class Outer { [StarRocksTable("s", "t")] public partial record Model(int Id); }""")]
    [InlineData("""[StarRocksTable("s", "t")] public partial class Model { public int Id; public readonly string Name = ""; }""")]
    [InlineData("""[StarRocksTable("s", "t")] public partial class @class { public int Id { get; set; } }""")]
    [InlineData("""public partial class @event { [StarRocksTable("s", "t")] public partial record @struct(int Id); }""")]
    [InlineData("""public class Base { public int Secret { private get; set; } } [StarRocksTable("s", "t")] public partial class Model : Base { public int Id { get; set; } }""")]
    [InlineData("""public interface IKeyed { int Id { get; } } [StarRocksTable("s", "t")] public partial class Model : IKeyed { int IKeyed.Id => 1; public int Code { get; set; } }""")]
    [InlineData("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0), StarRocksColumn("a\"b\\c\nd é ✓ `x` /")] public int Id { get; set; } [StarRocksColumn(Comment = "\"*/\n\\")] public string Name { get; set; } = ""; }""")]
    public void TypeShapesCompile(string model) => GeneratorHarness.RunClean(Wrap(model));

    [Fact]
    public void KeywordNamespacesCompile() =>
        GeneratorHarness.RunClean("""
            using StarRocks.Typed;
            namespace Shop.@event.@namespace;
            [StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } }
            """);

    [Fact]
    public void MembersNamedLikeKeywordsCompile() =>
        GeneratorHarness.RunClean(Wrap("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] public partial class Model { [StarRocksKey(0)] public int @class { get; set; } [StarRocksKey(1)] public int @event { get; set; } public string @string { get; set; } = ""; }"""));

    [Theory]
    [InlineData("""[StarRocksColumn(Length = 100000000)] public string Name { get; set; } = "";""", "SRT009", "Member 'Name' (column 'name'): Varchar size must be <= 1048576: 300000000")]
    [InlineData("""[StarRocksColumn(Precision = 40)] public decimal Price { get; set; }""", "SRT010", "Member 'Price' (column 'price'): Precision of DECIMAL128 must between 1 and 38, precision was set to: 40.")]
    [InlineData("""[StarRocksColumn("amount", Precision = 10, Scale = 12)] public decimal Price { get; set; }""", "SRT010", "Member 'Price' (column 'amount'): Scale of DECIMAL64 must between 0 and 10,  scale was set to: 12.")]
    [InlineData("""public List<byte[]> Blobs { get; set; } = [];""", "SRT011", "Member 'Blobs' has type 'System.Collections.Generic.List<byte[]>', which has no StarRocks mapping: the element type byte[] would be VARBINARY inside an ARRAY, MAP or STRUCT, which this library cannot write or read in CSV or JSON loads; an ARRAY element, MAP value or STRUCT field can be any other mapped type (numbers, strings, dates, bool, Guid, enums, JsonElement, nested arrays, maps and structs). Change its type or mark it [StarRocksIgnore].")]
    [InlineData("""public Dictionary<int[], int> Lookup { get; set; } = [];""", "SRT011", "Member 'Lookup' has type 'System.Collections.Generic.Dictionary<int[], int>', which has no StarRocks mapping: Invalid map.key's type: ARRAY<INT>. A MAP key must be a scalar type (a number, string, date, bool, Guid or enum). Change its type or mark it [StarRocksIgnore].")]
    [InlineData("""[StarRocksColumn(Length = 26, MaxBytes = 26)] public string Name { get; set; } = "";""", "SRT020", "Member 'Name': set Length (characters, multiplied by unicode-char.max-bytes) or MaxBytes (bytes, as written), not both")]
    [InlineData("""[StarRocksColumn(MaxBytes = 8)] public byte[] Data { get; set; } = [];""", "SRT020", "Member 'Data': MaxBytes applies to string and char members only (byte[] and ReadOnlyMemory<byte> take their VARBINARY bytes in Length)")]
    [InlineData("""[StarRocksColumn(MaxBytes = 0x100000 + 1)] public string Name { get; set; } = "";""", "SRT009", "Member 'Name' (column 'name'): Varchar size must be <= 1048576: 1048577")]
    [InlineData("""[StarRocksColumn(MaxBytes = -1)] public string Name { get; set; } = "";""", "SRT009", "Member 'Name' (column 'name'): VARCHAR size must be at least 1 byte: -1")]
    [InlineData("""public List<Uri> Links { get; set; } = [];""", "SRT011", "Member 'Links' has type 'System.Collections.Generic.List<System.Uri>', which has no StarRocks mapping: its element type 'System.Uri' has none (")]
    [InlineData("""public Node? Head { get; set; } public sealed class Node { public int Value { get; set; } public List<Node> Next { get; set; } = []; }""", "SRT038",
        "Member 'Head' (column 'head'): type 'Shop.Model.Node' contains itself (Node → Node); a STRUCT type cannot contain itself")]
    [InlineData("""public Outer? Tree { get; set; } public sealed record Outer(Inner Child); public sealed record Inner(Outer? Parent);""", "SRT038",
        "Member 'Tree' (column 'tree'): type 'Shop.Model.Outer' contains itself (Outer → Inner → Outer)")]
    [InlineData("""public Node<int>? Head { get; set; } public sealed class Node<T> { public T Value { get; set; } = default!; public Node<T>? Next { get; set; } }""", "SRT038",
        "Member 'Head' (column 'head'): type 'Shop.Model.Node<int>' contains itself (Node → Node)")]
    [InlineData("""public Wrap<int>? Top { get; set; } public sealed class Wrap<T> { public T Value { get; set; } = default!; public Wrap<List<T>>? Inner { get; set; } }""", "SRT038",
        "Member 'Top' (column 'top'): type 'Shop.Model.Wrap<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<System.Collections.Generic.List<int>>>>>>>>>' contains itself (Wrap → Wrap → Wrap → Wrap → Wrap → Wrap → Wrap → Wrap → Wrap)")]
    [InlineData("""public Empty? Nothing { get; set; } public sealed class Empty { }""", "SRT011",
        "Member 'Nothing' has type 'Shop.Model.Empty', which has no StarRocks mapping: a record, class or struct maps to STRUCT through its public readable properties, and this type has none")]
    [InlineData("""public Sealed? Closed { get; set; } public sealed class Sealed { public Sealed(string code) { Name = code; } public string Name { get; } }""", "SRT011",
        "Member 'Closed' has type 'Shop.Model.Sealed', which has no StarRocks mapping: a STRUCT is read back through a public parameterless constructor or one whose parameters are all properties")]
    [InlineData("""public Holder? Box { get; set; } public sealed class Holder { public byte[] Data { get; set; } = []; }""", "SRT011",
        "Member 'Box' has type 'Shop.Model.Holder', which has no StarRocks mapping: the property 'Data' type byte[] would be VARBINARY inside an ARRAY, MAP or STRUCT")]
    public void MappingMessagesNameTheMemberAndTheColumn(string member, string id, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t")] public partial class Model { public int Id { get; set; } """ + member + " }")).GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksColumn(Aggregate = StarRocksAggregate.Sum)] public string Name { get; set; } = "";""", "SRT030",
        "Invalid aggregate function 'SUM' for 'name' (member 'Name', type STRING): SUM takes INT, BIGINT, LARGEINT, FLOAT, DOUBLE or DECIMAL columns (not TINYINT or SMALLINT: use an int or long member)")]
    [InlineData("""[StarRocksColumn(Aggregate = StarRocksAggregate.BitmapUnion)] public long Visitors { get; set; }""", "SRT030",
        "Invalid aggregate function 'BITMAP_UNION' for 'visitors' (member 'Visitors', type BIGINT): BITMAP_UNION takes a BITMAP column (Type = \"BITMAP\")")]
    [InlineData("""[StarRocksColumn(Type = "bigint", Aggregate = StarRocksAggregate.Sum)] public string Name { get; set; } = "";""", "SRT032",
        "Member 'Name' (column 'name'): Type = \"BIGINT\" does not fit the .NET type string: its column can be CHAR, VARCHAR or STRING (a string holding JSON text takes Json = true), or HLL or BITMAP for an AGGREGATE KEY value")]
    [InlineData("""[StarRocksColumn(Type = "VARCHAR(10", Aggregate = StarRocksAggregate.Max)] public string Name { get; set; } = "";""", "SRT032",
        "Member 'Name' (column 'name'): Type = \"VARCHAR(10\" is not a StarRocks type (expected ')' at the end); a StarRocks type is BOOLEAN")]
    [InlineData("""[StarRocksColumn(Type = "ARRAY<BITMAP>", Aggregate = StarRocksAggregate.Replace)] public List<long> Ids { get; set; } = [];""", "SRT032",
        "Member 'Ids' (column 'ids'): Type = \"ARRAY<BITMAP>\" is refused by StarRocks: Invalid data type: BITMAP")]
    [InlineData("""[StarRocksColumn(Type = "DECIMAL128(40, 2)", Aggregate = StarRocksAggregate.Sum)] public decimal Total { get; set; }""", "SRT010",
        "Member 'Total' (column 'total'): Precision of DECIMAL128 must between 1 and 38, precision was set to: 40.")]
    public void AggregateTableMessagesQuoteStarRocksAndNameMemberAndColumn(string member, string id, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.AggregateKey)] public partial class Model { [StarRocksKey(0)] public int Id { get; set; } """ + member + " }")).GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksHashDistribution] """, "", "Number of hash column is zero.")]
    [InlineData("""[StarRocksHashDistribution("score")] """, "", "DOUBLE column can not be distribution column (column 'score', member 'Score')")]
    [InlineData("""[StarRocksProperty("replication_num", "0")] """, "", "\"replication_num\" = \"0\": Replication num should larger than 0. (suggested 3)")]
    [InlineData("""[StarRocksProperty("bloom_filter_columns", "nope")] """, "", "\"bloom_filter_columns\" = \"nope\": Invalid bloom filter column 'nope': not exists")]
    [InlineData("""[StarRocksProperty("bloom_filter_columns", "score")] """, "", "\"bloom_filter_columns\" = \"score\": Invalid bloom filter column 'score': unsupported type DOUBLE (member 'Score')")]
    [InlineData("""[StarRocksProperty("bloom_filter_columns", "id, ID")] """, "", "\"bloom_filter_columns\" = \"id, ID\": Duplicate bloom filter column 'ID'")]
    [InlineData("""[StarRocksProperty("bloom_filter_fpp", "1")] """, "", "\"bloom_filter_fpp\" = \"1\": Bloom filter fpp should in [1.0E-4, 0.05]")]
    [InlineData("", """[StarRocksColumn(Type = "HLL")] public string Visitor { get; set; } = "";""", "No aggregate function specified for 'visitor' (member 'Visitor', type HLL)")]
    public void DuplicateKeyTableMessagesQuoteStarRocks(string attributes, string member, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t")] """ + attributes + """public partial class Model { public long Id { get; set; } public double Score { get; set; } """ + member + " }")).GeneratorDiagnostics);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksRangePartition("day"), StarRocksPartition("p1", "2024-02-30")]""", "SRT018", "Invalid partitioning: partition 'p1' VALUES LESS THAN (\"2024-02-30\"): Invalid value for partition column 'day': '2024-02-30' is not a DATE (yyyy-MM-dd)")]
    [InlineData("""[StarRocksRangePartition("id"), StarRocksPartition("p1", "1e3")]""", "SRT018", "Invalid partitioning: partition 'p1' VALUES LESS THAN (\"1e3\"): Invalid value for partition column 'id': '1e3' is not an integer")]
    [InlineData("""[StarRocksRangePartition("day"), StarRocksPartition("p 1", "2024-02-01")]""", "SRT029", "Incorrect partition name 'p 1': a partition name starts with a letter")]
    [InlineData("""[StarRocksRangePartition("day", Start = "2024-02-01", End = "2024-01-01", Every = "INTERVAL 1 DAY")]""", "SRT018", "Invalid partitioning: Batch build partition start date should less than end date.")]
    [InlineData("""[StarRocksRangePartition("day", Start = "2024-01-01", End = "soon", Every = "INTERVAL 1 MONTH")]""", "SRT018", "Invalid partitioning: Batch build partition EVERY is date type but START or END does not type match.")]
    [InlineData("""[StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 QUARTER")]""", "SRT018", "Invalid partitioning: Batch build partition does not support time interval type: QUARTER")]
    [InlineData("""[StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 HOUR")]""", "SRT018", "Invalid partitioning: Every = \"INTERVAL 1 HOUR\": HOUR partitions need a DATETIME column, 'day' is DATE")]
    [InlineData("""[StarRocksRangePartition("day", Start = "2024-01-01", End = "2025-01-01", Every = "INTERVAL 1 DAY); DROP TABLE x; --")]""", "SRT018", "Invalid partitioning: Every = \"INTERVAL 1 DAY); DROP TABLE x; --\": over the DATE column 'day' EVERY is INTERVAL n HOUR, DAY, WEEK, MONTH or YEAR")]
    [InlineData("""[StarRocksRangePartition("id", Start = "100", End = "10", Every = "10")]""", "SRT018", "Invalid partitioning: Batch build partition start value should less then end value.")]
    [InlineData("""[StarRocksRangePartition("id", Start = "1", End = "100", Every = "INTERVAL 1 DAY")]""", "SRT018", "Invalid partitioning: Batch build partition EVERY is date type but START or END does not type match.")]
    [InlineData("""[StarRocksRangePartition("id", Start = "a", End = "100", Every = "10")]""", "SRT018", "Invalid partitioning: Batch build partition EVERY is number type but START or END does not type match.")]
    [InlineData("""[StarRocksPartitionBy("date_trunc('day', day")]""", "SRT018", "Invalid partitioning: [StarRocksPartitionBy(\"date_trunc('day', day\")] leaves a parenthesis open")]
    [InlineData("""[StarRocksPartitionBy("date_trunc('day, day)")]""", "SRT018", "Invalid partitioning: [StarRocksPartitionBy(\"date_trunc('day, day)\")] has an unclosed '")]
    [InlineData("""[StarRocksPartitionBy("date_trunc('day', day)) DISTRIBUTED BY RANDOM; DROP TABLE t; --")]""", "SRT018", "Invalid partitioning: [StarRocksPartitionBy(\"date_trunc('day', day)) DISTRIBUTED BY RANDOM; DROP TABLE t; --\")] closes a parenthesis it did not open")]
    [InlineData("""[StarRocksPartitionBy("date_trunc('day', day); DROP TABLE t")]""", "SRT018", "Invalid partitioning: [StarRocksPartitionBy(\"date_trunc('day', day); DROP TABLE t\")] contains ';': it must be one partition expression")]
    public void PartitionMessagesQuoteStarRocks(string attributes, string id, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t")] """ + attributes + """ public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } }""")).GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.StartsWith(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("""[StarRocksHashDistribution(nameof(Name))]""", "Distribution column[name] is not key column (member 'Name'): in a PRIMARY KEY table bucketing columns must be key columns")]
    [InlineData("""[StarRocksRangePartition("day"), StarRocksPartition("p1", "2024-01-01")]""", "The partition column could not be aggregated column and unique table's partition column must be key column: 'day' (member 'Day') is not a key column of this PRIMARY KEY table")]
    public void LayoutColumnsOfKeyTablesQuoteStarRocksAndNameTheMember(string attributes, string message)
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t", Kind = StarRocksTableKind.PrimaryKey)] """ + attributes + """ public partial class Model { [StarRocksKey(0)] public long Id { get; set; } public string Name { get; set; } = ""; public DateOnly Day { get; set; } }""")).GeneratorDiagnostics);
        Assert.Equal("SRT007", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void MoreThan1024BucketsOnAPartitionedTableWarnButStillGenerate()
    {
        var output = GeneratorHarness.Run(Wrap("""[StarRocksTable("s", "t"), StarRocksHashDistribution("id", Buckets = 1025), StarRocksRangePartition("day"), StarRocksPartition("p1", "2025-01-01")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } }"""));

        var diagnostic = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("SRT037", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.StartsWith("The number of buckets is too large, the maximum is 1024.", diagnostic.GetMessage());
        Assert.Contains("Shop.Model.g.cs", output.HintNames);
        GeneratorHarness.RunClean(Wrap("""[StarRocksTable("s", "t"), StarRocksHashDistribution("id", Buckets = 1024), StarRocksRangePartition("day"), StarRocksPartition("p1", "2025-01-01")] public partial class Model { public long Id { get; set; } public DateOnly Day { get; set; } }"""));
        GeneratorHarness.RunClean(Wrap("""[StarRocksTable("s", "t"), StarRocksHashDistribution("id", Buckets = 2048)] public partial class Model { public long Id { get; set; } }"""));
    }

    [Fact]
    public void TypeOverridesAreEmittedInStarRocksSpelling()
    {
        var ddl = GeneratorHarness.RunClean(Wrap("""
            [StarRocksTable("s", "t")] public partial class Model
            {
                public long Id { get; set; }
                [StarRocksColumn(Type = "integer(11)")] public int Count { get; set; }
                [StarRocksColumn(Type = "text")] public string Note { get; set; } = "";
                [StarRocksColumn(Type = "numeric(10, 2)")] public decimal Price { get; set; }
                [StarRocksColumn(Type = "array< varchar(20) >")] public List<string> Tags { get; set; } = [];
                [StarRocksColumn(Type = "binary(16)")] public byte[] Hash { get; set; } = [];
            }
            """)).CreateTableSql();

        Assert.Contains("`count` INT NOT NULL", ddl);
        Assert.Contains("`note` STRING NOT NULL", ddl);
        Assert.Contains("`price` DECIMAL(10,2) NOT NULL", ddl);
        Assert.Contains("`tags` ARRAY<VARCHAR(20)> NOT NULL", ddl);
        Assert.Contains("`hash` VARBINARY(16) NOT NULL", ddl);
    }

    [Fact]
    public void A_STRUCT_key_column_is_refused_as_StarRocks_refuses_it()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Run(Wrap("""
            [StarRocksTable("s", "t")] public partial class Model { [StarRocksKey(0)] public Point Origin { get; set; } public int Id { get; set; } }
            public record struct Point(int X, int Y);
            """)).GeneratorDiagnostics);
        Assert.Equal("SRT006", diagnostic.Id);
        Assert.Contains("STRUCT<x INT, y INT>", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDescriptorIsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var ids = typeof(StarRocksTableGenerator).Assembly.GetType("StarRocks.Typed.Generators.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);
        foreach (var id in ids)
            Assert.Contains($"## {id}", docs);
    }

    private static string Wrap(string model) => "using System;\nusing System.Collections.Generic;\nusing StarRocks.Typed;\nnamespace Shop;\n" + model;

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
