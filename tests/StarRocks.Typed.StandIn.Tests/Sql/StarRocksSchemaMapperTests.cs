using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class StarRocksSchemaMapperTests
{
    private static TableSchema Schema(string sql) =>
        StarRocksSchemaMapper.ToSchema(CreateTableValidator.Resolve(Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(sql))), "d");

    private static TableSchema Alter(TableSchema schema, string sql) =>
        Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse(sql)).Actions.Aggregate(schema, StarRocksSchemaMapper.Apply);

    [Fact]
    public void Schema_RecordsKindColumnsAndKeys()
    {
        var schema = Schema("""
            CREATE TABLE `T1` (`Id` BIGINT, name VARCHAR(64) NOT NULL COMMENT "n", price DECIMAL(18,4) DEFAULT "1.5", raw VARBINARY, s STRING)
            PRIMARY KEY(id) DISTRIBUTED BY HASH(id)
            """);
        Assert.Equal(("d", "T1", TableKind.Primary), (schema.Database, schema.Name, schema.Kind));
        Assert.Equal(["Id"], schema.KeyColumns);
        Assert.Equal(new ColumnSchema("Id", "BIGINT", "BIGINT", false, true), schema.Columns[0]);
        Assert.Equal(new ColumnSchema("name", "VARCHAR(64)", "VARCHAR", false, false, Length: 64, Comment: "n"), schema.Columns[1]);
        Assert.Equal(new ColumnSchema("price", "DECIMAL(18,4)", "DECIMAL", true, false, Precision: 18, Scale: 4, Default: "1.5"), schema.Columns[2]);
        Assert.Equal(1048576, schema.Columns[3].Length);
        Assert.Equal(65533, schema.Columns[4].Length);
    }

    [Fact]
    public void ReplaceIfNotNull_IsNullable() =>
        Assert.True(Schema("CREATE TABLE t (k INT, v INT REPLACE_IF_NOT_NULL NOT NULL) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)").Columns[1].Nullable);

    [Fact]
    public void AddColumn_AppendsValuesAndPlacesKeysAfterTheLastKey()
    {
        var schema = Schema("CREATE TABLE t (k INT, v BIGINT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
        var after = Alter(schema, "ALTER TABLE t ADD COLUMN k2 DATE, ADD COLUMN m INT MAX");
        Assert.Equal(["k", "k2", "v", "m"], after.Columns.Select(c => c.Name));
        Assert.Equal(["k", "k2"], after.KeyColumns);
    }

    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN k2 INT KEY", "Can not add key column: k2 for primary key table")]
    [InlineData("ALTER TABLE t DROP COLUMN k", "Can not drop key column in primary data model table")]
    [InlineData("ALTER TABLE t MODIFY COLUMN k BIGINT", "Can not modify key column: k for primary key table")]
    [InlineData("ALTER TABLE t ADD COLUMN v INT", "Can not add column which already exists in base table: v")]
    [InlineData("ALTER TABLE t DROP COLUMN nope", "Column[nope] does not exists")]
    [InlineData("ALTER TABLE t RENAME COLUMN v TO k", "Column[k] already exists")]
    [InlineData("ALTER TABLE t ADD COLUMN __op INT", "Getting analyzing error. Detail message: Column name [__op] is a system reserved name. Please choose a different one.")]
    [InlineData("ALTER TABLE t ADD COLUMN x CHAR(300)", "Getting analyzing error. Detail message: Char size must be <= 255: 300")]
    [InlineData("ALTER TABLE t ADD COLUMN x INT SUM", "Getting analyzing error. Detail message: PRIMARY_KEYS table should not specify aggregate type for non-key column[x]")]
    [InlineData("ALTER TABLE t ADD COLUMN x INT AFTER nope", "Column[nope] does not exists")]
    public void PrimaryKeyTableChanges_AreRefusedLikeStarRocks(string sql, string message)
    {
        var schema = Schema("CREATE TABLE t (k INT, v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)");
        Assert.Equal(message, Assert.Throws<StarRocksSqlException>(() => Alter(schema, sql)).Message);
    }

    [Fact]
    public void OtherKindRefusals()
    {
        var unique = Schema("CREATE TABLE t (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k)");
        Assert.Equal("Can not drop key column in Unique data model table", Assert.Throws<StarRocksSqlException>(() => Alter(unique, "ALTER TABLE t DROP COLUMN k")).Message);
        var aggregate = Schema("CREATE TABLE t (k INT, v BIGINT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
        Assert.Equal("Can not assign aggregation method on key column: k", Assert.Throws<StarRocksSqlException>(() => Alter(aggregate, "ALTER TABLE t MODIFY COLUMN k BIGINT SUM")).Message);
        Assert.Equal("Invalid column order. value should be after key.", Assert.Throws<StarRocksSqlException>(() => Alter(aggregate, "ALTER TABLE t ADD COLUMN k2 INT AFTER v")).Message);
    }

    [Theory]
    [InlineData("ALTER TABLE t MODIFY COLUMN s VARCHAR(5)", "Cannot shorten string length")]
    [InlineData("ALTER TABLE t MODIFY COLUMN c CHAR(2)", "Cannot shorten string length")]
    [InlineData("ALTER TABLE t MODIFY COLUMN s VARCHAR(20) NOT NULL", "Can not change from nullable to non-nullable")]
    [InlineData("ALTER TABLE t MODIFY COLUMN n BIGINT NULL", "Can not change default value")]
    [InlineData("ALTER TABLE t MODIFY COLUMN i BIGINT NULL DEFAULT \"7\"", "Can not change default value")]
    [InlineData("ALTER TABLE t MODIFY COLUMN n SMALLINT NULL DEFAULT \"1\"", "Can not change INT to SMALLINT")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d DECIMAL(10,1)", "Can not change DECIMAL(10,2) to DECIMAL(10,1)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d DECIMAL(10,3)", "Can not change DECIMAL(10,2) to DECIMAL(10,3)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d VARCHAR(11)", "Can not change DECIMAL(10,2) to VARCHAR(11)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN dt INT", "Can not change DATETIME to INT")]
    [InlineData("ALTER TABLE t MODIFY COLUMN b INT", "Can not change BOOLEAN to INT")]
    public void ModifyColumn_IsRefusedWhereStarRocksRefusesTheChange(string sql, string message)
    {
        var schema = Schema("""
            CREATE TABLE t (k INT, s VARCHAR(10), c CHAR(4), n INT DEFAULT "1", i INT, d DECIMAL(10,2), dt DATETIME, b BOOLEAN)
            PRIMARY KEY(k) DISTRIBUTED BY HASH(k)
            """);
        Assert.Equal(message, Assert.Throws<StarRocksSqlException>(() => Alter(schema, sql)).Message);
    }

    [Theory]
    [InlineData("ALTER TABLE t MODIFY COLUMN s VARCHAR(30)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN c VARCHAR(4)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN n BIGINT NULL DEFAULT \"1\"")]
    [InlineData("ALTER TABLE t MODIFY COLUMN i DOUBLE")]
    [InlineData("ALTER TABLE t MODIFY COLUMN i VARCHAR(20)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d DECIMAL(12,2)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d DECIMAL(11,3)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN d VARCHAR(12)")]
    [InlineData("ALTER TABLE t MODIFY COLUMN dt DATE")]
    [InlineData("ALTER TABLE t MODIFY COLUMN s INT")]
    public void ModifyColumn_TakesTheChangesStarRocksMakes(string sql)
    {
        var schema = Schema("""
            CREATE TABLE t (k INT, s VARCHAR(10), c CHAR(4), n INT DEFAULT "1", i INT, d DECIMAL(10,2), dt DATETIME, b BOOLEAN)
            PRIMARY KEY(k) DISTRIBUTED BY HASH(k)
            """);
        Assert.NotSame(schema, Alter(schema, sql));
    }

    [Fact]
    public void ModifyAndRename_KeepKeysInSync()
    {
        var schema = Schema("CREATE TABLE t (k INT, v VARCHAR(10)) DUPLICATE KEY(k)");
        var after = Alter(schema, "ALTER TABLE t MODIFY COLUMN v VARCHAR(100) NULL COMMENT 'c', RENAME COLUMN k TO kk");
        Assert.Equal(["kk"], after.KeyColumns);
        Assert.Equal(new ColumnSchema("v", "VARCHAR(100)", "VARCHAR", true, false, Length: 100, Comment: "c"), after.Columns[1]);
    }

    [Fact]
    public void ShowCreateTable_RebuildsStarRocksDdl()
    {
        var ddl = StarRocksSchemaMapper.ToCreateTableSql(Schema("CREATE TABLE t (k INT NOT NULL, v BIGINT SUM DEFAULT \"0\" COMMENT \"total\") AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)"));
        Assert.Equal("""
            CREATE TABLE `t` (
              `k` INT NOT NULL COMMENT "",
              `v` BIGINT SUM NULL DEFAULT "0" COMMENT "total"
            ) ENGINE=OLAP
            AGGREGATE KEY(`k`)
            DISTRIBUTED BY HASH(`k`)
            PROPERTIES (
            "replication_num" = "1"
            );
            """.ReplaceLineEndings("\n"), ddl);
    }
}
