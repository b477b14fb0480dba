using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class MariaDbDdlEmitterTests
{
    private static CreateTableStatement Resolve(string sql) =>
        CreateTableValidator.Resolve(Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(sql)));

    [Theory]
    [InlineData("BOOLEAN", "TINYINT(1)")]
    [InlineData("TINYINT", "TINYINT")]
    [InlineData("SMALLINT", "SMALLINT")]
    [InlineData("INT", "INT")]
    [InlineData("BIGINT", "BIGINT")]
    [InlineData("LARGEINT", "DECIMAL(39,0)")]
    [InlineData("FLOAT", "DOUBLE")]
    [InlineData("DOUBLE", "DOUBLE")]
    [InlineData("DECIMAL(27,9)", "DECIMAL(27,9)")]
    [InlineData("DECIMAL128(38,2)", "DECIMAL(38,2)")]
    [InlineData("CHAR(20)", "VARCHAR(20)")]
    [InlineData("VARCHAR(64)", "VARCHAR(64)")]
    [InlineData("VARCHAR(1000)", "TEXT")]
    [InlineData("STRING", "TEXT")]
    [InlineData("VARCHAR(1048576)", "MEDIUMTEXT")]
    [InlineData("DATE", "DATE")]
    [InlineData("DATETIME", "DATETIME(6)")]
    [InlineData("JSON", "LONGTEXT")]
    [InlineData("ARRAY<INT>", "LONGTEXT")]
    [InlineData("MAP<INT,INT>", "LONGTEXT")]
    [InlineData("STRUCT<a INT>", "LONGTEXT")]
    [InlineData("VARBINARY(16)", "VARBINARY(16)")]
    [InlineData("VARBINARY", "LONGBLOB")]
    [InlineData("BITMAP", "LONGBLOB")]
    [InlineData("HLL", "LONGBLOB")]
    public void Types_MapToMariaDb(string starRocks, string mariaDb) =>
        Assert.Equal(mariaDb, MariaDbDdlEmitter.ColumnType(StarRocksSqlParser.ParseColumn($"c {starRocks}").Type));

    [Fact]
    public void PrimaryKeyTable_GetsPrimaryKeyNotNullKeysAndUtf8mb4Bin()
    {
        var sql = MariaDbDdlEmitter.CreateTable(Resolve("""
            CREATE TABLE IF NOT EXISTS d.`t` (id BIGINT COMMENT "it's", v VARCHAR(10) DEFAULT "a", t DATETIME DEFAULT CURRENT_TIMESTAMP, b BOOLEAN DEFAULT "true")
            PRIMARY KEY(id) COMMENT "tbl" DISTRIBUTED BY HASH(id) PROPERTIES ("replication_num" = "1")
            """), "d");
        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `d`.`t` (
              `id` BIGINT NOT NULL COMMENT 'it''s',
              `v` VARCHAR(10) NULL DEFAULT 'a',
              `t` DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6),
              `b` TINYINT(1) NULL DEFAULT 1,
              PRIMARY KEY (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin COMMENT='tbl'
            """.ReplaceLineEndings("\n"), sql);
    }

    [Fact]
    public void DuplicateTable_HasNoUniqueIndex()
    {
        var sql = MariaDbDdlEmitter.CreateTable(Resolve("CREATE TABLE t (a INT, b STRING) DUPLICATE KEY(a)"), "d");
        Assert.DoesNotContain("KEY", sql.Replace("DUPLICATE", ""));
    }

    [Fact]
    public void AggregateAndUniqueTables_HavePrimaryKeyOverKeyColumns()
    {
        Assert.Contains("PRIMARY KEY (`a`, `b`)",
            MariaDbDdlEmitter.CreateTable(Resolve("CREATE TABLE t (a INT, b DATE, v INT SUM) AGGREGATE KEY(a, b) DISTRIBUTED BY HASH(a)"), "d"));
        Assert.Contains("PRIMARY KEY (`a`)",
            MariaDbDdlEmitter.CreateTable(Resolve("CREATE TABLE t (a INT, v INT) UNIQUE KEY(a) DISTRIBUTED BY HASH(a)"), "d"));
    }

    [Fact]
    public void LongStringKeys_GetPrefixesWithinInnoDbIndexLimit()
    {
        var schema = StarRocksSchemaMapper.ToSchema(Resolve("CREATE TABLE t (id STRING NOT NULL, v INT) PRIMARY KEY(id)"), "d");
        Assert.Equal("PRIMARY KEY (`id`(768))", MariaDbDdlEmitter.PrimaryKey(schema));
        var wide = StarRocksSchemaMapper.ToSchema(Resolve("CREATE TABLE t (a VARCHAR(255), b VARCHAR(255), c VARCHAR(255), d VARCHAR(255), n BIGINT, v INT REPLACE) UNIQUE KEY(a, b, c, d, n) DISTRIBUTED BY HASH(a)"), "d");
        Assert.Equal("PRIMARY KEY (`a`(190), `b`(190), `c`(190), `d`(190), `n`)", MariaDbDdlEmitter.PrimaryKey(wide));
        var small = StarRocksSchemaMapper.ToSchema(Resolve("CREATE TABLE t (a VARCHAR(255), b VARCHAR(255), v INT) UNIQUE KEY(a, b) DISTRIBUTED BY HASH(a)"), "d");
        Assert.Equal("PRIMARY KEY (`a`, `b`)", MariaDbDdlEmitter.PrimaryKey(small));
    }

    [Fact]
    public void AutoIncrementOutsideTheKey_GetsAnIndex() =>
        Assert.Contains("KEY (`n`)", MariaDbDdlEmitter.CreateTable(Resolve("CREATE TABLE t (id INT, n BIGINT NOT NULL AUTO_INCREMENT) DUPLICATE KEY(id)"), "d"));

    [Fact]
    public void AlterTable_TranslatesColumnChangesAndRebuildsThePrimaryKey()
    {
        var before = StarRocksSchemaMapper.ToSchema(Resolve("CREATE TABLE t (k INT NOT NULL, v INT REPLACE) UNIQUE KEY(k) DISTRIBUTED BY HASH(k)"), "d");
        var alter = Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse(
            "ALTER TABLE t ADD COLUMN k2 INT KEY DEFAULT \"0\", ADD COLUMN (a STRING, b JSON), MODIFY COLUMN v BIGINT AFTER k2, RENAME COLUMN a TO aa, DROP COLUMN b"));
        var after = alter.Actions.Aggregate(before, StarRocksSchemaMapper.Apply);
        Assert.Equal(["k", "k2", "v", "aa"], after.Columns.Select(c => c.Name));
        Assert.Equal(["k", "k2"], after.KeyColumns);
        Assert.Equal(
            "ALTER TABLE `d`.`t` ADD COLUMN `k2` INT NULL DEFAULT '0' AFTER `k`, ADD COLUMN `a` TEXT NULL, ADD COLUMN `b` LONGTEXT NULL AFTER `a`, MODIFY COLUMN `v` BIGINT NULL AFTER `k2`, RENAME COLUMN `a` TO `aa`, DROP COLUMN `b`, DROP PRIMARY KEY, ADD PRIMARY KEY (`k`, `k2`)",
            MariaDbDdlEmitter.AlterTable(alter, "d", before, after));
    }

    [Fact]
    public void AlterTable_WithOnlyIgnoredClauses_EmitsNothing() =>
        Assert.Null(MariaDbDdlEmitter.AlterTable(Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse("ALTER TABLE t SET (\"a\" = \"b\")")), "d", null, null));
}
