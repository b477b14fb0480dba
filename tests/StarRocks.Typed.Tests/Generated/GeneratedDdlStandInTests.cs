using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.Tests.Generated;

/// <summary>The stand-in's StarRocks DDL parser and analyzer accept the generated LIST partitions and function defaults.</summary>
public class GeneratedDdlStandInTests
{
    [Fact]
    public void ListPartitionsAndFunctionDefaultsParseValidateAndMapToMariaDb()
    {
        Assert.Contains("PARTITION `p_north` VALUES IN ((\"north\", \"dhl\"), (\"north\", \"ups\"))", Delivery.CreateTableSql);
        Assert.Contains("DEFAULT (uuid())", Delivery.CreateTableSql);

        foreach (var ddl in new[] { Delivery.CreateTableSql, RegionVisit.CreateTableSql })
        {
            var statement = CreateTableValidator.Resolve(Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(ddl)));
            Assert.Contains("CREATE TABLE", MariaDbDdlEmitter.CreateTable(statement, "lab"), StringComparison.OrdinalIgnoreCase);
        }
    }
}
