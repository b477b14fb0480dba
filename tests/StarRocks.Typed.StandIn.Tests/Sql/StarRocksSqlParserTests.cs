using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class StarRocksSqlParserTests
{
    private static CreateTableStatement Create(string sql) => Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(sql));

    private static StarRocksSqlException SyntaxError(string sql) =>
        Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse(sql));

    [Fact]
    public void CreateTable_ReadsEveryClause()
    {
        var table = Create("""
            CREATE TABLE IF NOT EXISTS `db`.`t` (
              `id` BIGINT NOT NULL COMMENT "the id",
              name VARCHAR(64) NULL DEFAULT "x",
              amount DECIMAL(18, 4),
              INDEX idx_name (name) USING BITMAP COMMENT 'i'
            ) ENGINE = OLAP PRIMARY KEY (`id`) COMMENT "table"
            PARTITION BY RANGE (id) (START ("1") END ("100") EVERY (10))
            DISTRIBUTED BY HASH(`id`) BUCKETS 8
            ORDER BY (name)
            PROPERTIES ("replication_num" = "1", "enable_persistent_index" = "true");
            """);
        Assert.Equal(new TableName("db", "t"), table.Table);
        Assert.True(table.IfNotExists);
        Assert.Equal(TableKind.Primary, table.Kind);
        Assert.Equal(["id"], table.KeyColumns);
        Assert.Equal("table", table.Comment);
        Assert.Equal(PartitionKind.Range, table.Partition!.Kind);
        Assert.Equal(["id"], table.Partition.Columns);
        Assert.Equal(8, table.Distribution!.Buckets);
        Assert.Equal(["id"], table.Distribution.Columns);
        Assert.Equal(["name"], table.OrderBy);
        Assert.Equal("true", table.Properties["enable_persistent_index"]);
        Assert.Equal(3, table.Columns.Count);
        Assert.Equal(new ColumnDefinition("id", new StarRocksType("BIGINT"), Nullable: false, Comment: "the id"), table.Columns[0]);
        Assert.Equal(new DefaultValue(DefaultKind.Literal, "x"), table.Columns[1].Default);
        Assert.True(table.Columns[1].Nullable);
        Assert.Null(table.Columns[2].Nullable);
        Assert.Equal("DECIMAL(18,4)", table.Columns[2].Type.ToString());
    }

    [Theory]
    [InlineData("STRING", "VARCHAR(65533)")]
    [InlineData("TEXT", "VARCHAR(65533)")]
    [InlineData("VARCHAR", "VARCHAR(1)")]
    [InlineData("char(10)", "CHAR(10)")]
    [InlineData("DECIMAL", "DECIMAL(10,0)")]
    [InlineData("decimal64(18, 6)", "DECIMAL64(18,6)")]
    [InlineData("DECIMAL128(38,10)", "DECIMAL128(38,10)")]
    [InlineData("BOOLEAN", "BOOLEAN")]
    [InlineData("INTEGER", "INT")]
    [InlineData("INT(11)", "INT")]
    [InlineData("tinyint(1)", "TINYINT")]
    [InlineData("LARGEINT", "LARGEINT")]
    [InlineData("BINARY", "VARBINARY")]
    [InlineData("VARBINARY(16)", "VARBINARY(16)")]
    [InlineData("ARRAY<ARRAY<INT>>", "ARRAY<ARRAY<INT>>")]
    [InlineData("MAP<VARCHAR(10), DECIMAL(9,2)>", "MAP<VARCHAR(10),DECIMAL(9,2)>")]
    [InlineData("STRUCT<a INT, `b` STRING>", "STRUCT<a INT, b VARCHAR(65533)>")]
    [InlineData("JSON", "JSON")]
    [InlineData("BITMAP", "BITMAP")]
    [InlineData("HLL", "HLL")]
    [InlineData("DATETIME", "DATETIME")]
    public void Types_ResolveToStarRocksNames(string written, string reported) =>
        Assert.Equal(reported, StarRocksSqlParser.ParseColumn($"c {written}").Type.ToString());

    [Fact]
    public void ColumnDefinition_ReadsKeyAggregateDefaultsAndGenerated()
    {
        Assert.Equal(AggregateFunction.ReplaceIfNotNull, StarRocksSqlParser.ParseColumn("v INT REPLACE_IF_NOT_NULL").Aggregate);
        Assert.True(StarRocksSqlParser.ParseColumn("k INT KEY DEFAULT \"1\"").KeyMarked);
        Assert.Equal(DefaultKind.CurrentTimestamp, StarRocksSqlParser.ParseColumn("t DATETIME DEFAULT CURRENT_TIMESTAMP").Default!.Kind);
        Assert.Equal(DefaultKind.CurrentTimestamp, StarRocksSqlParser.ParseColumn("t DATETIME DEFAULT now()").Default!.Kind);
        Assert.Equal(new DefaultValue(DefaultKind.Literal, "-5"), StarRocksSqlParser.ParseColumn("i INT DEFAULT -5").Default);
        Assert.Equal(new DefaultValue(DefaultKind.Expression, "(uuid())"), StarRocksSqlParser.ParseColumn("u VARCHAR(64) DEFAULT (uuid())").Default);
        Assert.True(StarRocksSqlParser.ParseColumn("id BIGINT NOT NULL AUTO_INCREMENT").AutoIncrement);
        Assert.Equal("a + 1", StarRocksSqlParser.ParseColumn("g BIGINT AS a + 1").GeneratedExpression);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a INT) COMMENT 'c' DUPLICATE KEY(a)", "DUPLICATE")]
    [InlineData("CREATE TABLE t (a INT) DUPLICATE KEY(a) ORDER BY (a) DISTRIBUTED BY HASH(a)", "DISTRIBUTED")]
    [InlineData("CREATE TABLE t (a INT) DUPLICATE KEY(a) PROPERTIES (\"a\" = \"b\") DISTRIBUTED BY HASH(a)", "DISTRIBUTED")]
    [InlineData("CREATE TABLE t (a INT DEFAULT \"0\" NOT NULL)", "NOT")]
    [InlineData("CREATE TABLE t (a INT COMMENT \"x\" NOT NULL)", "NOT")]
    [InlineData("CREATE TABLE t (a INT) PRIMARY KEY a", "a")]
    [InlineData("CREATE TABLE t (a INT) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS AUTO", "AUTO")]
    [InlineData("CREATE TABLE t (a INT, INDEX i (a) USING BITMAP, b INT)", "b")]
    [InlineData("CREATE TABLE t (a UNKNOWNTYPE)", "UNKNOWNTYPE")]
    // StarRocks.g4 baseType/decimalType: no BOOL alias, and only integer, CHAR/VARCHAR, (VAR)BINARY and decimal types
    // take a parameter, a single one except for decimals.
    [InlineData("CREATE TABLE t (a BOOL)", "BOOL")]
    [InlineData("CREATE TABLE t (a DATETIME(6))", "(")]
    [InlineData("CREATE TABLE t (a FLOAT(7))", "(")]
    [InlineData("CREATE TABLE t (a STRING(10))", "(")]
    [InlineData("CREATE TABLE t (a BOOLEAN(1))", "(")]
    [InlineData("CREATE TABLE t (a INT(10, 2))", ",")]
    [InlineData("CREATE TABLE t (a VARCHAR(10, 2))", ",")]
    [InlineData("CREATE TABLE t (a DECIMAL(10, 2, 1))", ",")]
    [InlineData("ALTER TABLE t ADD COLUMN b BOOL", "BOOL")]
    [InlineData("ALTER TABLE t ADD COLUMN", "<EOF>")]
    public void GrammarOrder_IsASyntaxError(string sql, string unexpected)
    {
        var error = SyntaxError(sql);
        Assert.Equal(1064, error.ErrorCode);
        Assert.StartsWith("Getting syntax error at line 1, column ", error.Message);
        Assert.Contains($"Detail message: Unexpected input '{unexpected}'", error.Message);
    }

    private const string TokensExceedLimit =
        "Getting syntax error. Detail message: Statement exceeds maximum length limit, please consider modify 'parse_tokens_limit' session variable.";

    // PostProcessListener.visitTerminal: a matched token whose stream index (hidden tokens included) reaches
    // parse_tokens_limit is refused; a statement that parses matches EOF last, whose index is its token count.
    [Theory]
    [InlineData("SELECT 1", 3, true)]
    [InlineData("SELECT 1", 4, false)]
    [InlineData("SELECT /* c */ 1", 5, true)]
    [InlineData("SHOW TABLES", 3, true)]
    [InlineData("SHOW TABLES", 4, false)]
    public void StatementOfAtLeastParseTokensLimitTokens_IsRefused(string sql, int limit, bool refused)
    {
        if (!refused)
        {
            StarRocksSqlParser.Parse(sql, limit);
            return;
        }
        var error = Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse(sql, limit));
        Assert.Equal((1064, TokensExceedLimit), (error.ErrorCode, error.Message));
    }

    [Fact]
    public void TokensLimit_ComesBeforeASyntaxErrorPastIt_AndAfterOneBeforeIt()
    {
        // SELECT(0) a(2) b(4) c(6): "c" is the syntax error; "b" (index 4) was matched before it.
        Assert.Equal(TokensExceedLimit, Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse("SELECT a b c", 4)).Message);
        Assert.StartsWith("Getting syntax error at line 1, column 11. Detail message: Unexpected input 'c'",
            Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse("SELECT a b c", 5)).Message);
    }

    [Fact]
    public void DefaultParseTokensLimit_IsStarRocksDefault()
    {
        // SELECT, WS, 1, then 1 749 998 pairs of (WS, '#'-separated WS): 3 + 3 499 996 = 3 499 999 tokens before EOF.
        string under = "SELECT 1" + string.Concat(Enumerable.Repeat(" #", 3_499_996));
        Assert.IsType<CheckedStatement>(StarRocksSqlParser.Parse(under));
        Assert.Equal(TokensExceedLimit, Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse(under + " #")).Message);
    }

    [Fact]
    public void SyntaxError_CountsLinesFromOneAndColumnsFromZero()
    {
        var error = SyntaxError("CREATE TABLE t (\n  a INT\n) ORDER BY (a) DISTRIBUTED BY HASH(a)");
        Assert.StartsWith("Getting syntax error at line 3, column 15. Detail message: Unexpected input 'DISTRIBUTED'", error.Message);
    }

    [Fact]
    public void AutoIncrementNullColumn_IsRefusedByTheAstBuilder() =>
        Assert.Contains("AUTO_INCREMENT column id must be NOT NULL", SyntaxError("CREATE TABLE t (id BIGINT NULL AUTO_INCREMENT)").Message);

    [Theory]
    [InlineData("PARTITION BY date_trunc('day', ts)", PartitionKind.Expression, "date_trunc", "day")]
    [InlineData("PARTITION BY time_slice(ts, INTERVAL 1 hour)", PartitionKind.Expression, "time_slice", "hour")]
    [InlineData("PARTITION BY (ts)", PartitionKind.Columns, null, null)]
    [InlineData("PARTITION BY ts", PartitionKind.Columns, null, null)]
    [InlineData("PARTITION BY RANGE(ts) (PARTITION p1 VALUES LESS THAN (\"2024-01-01\"), PARTITION p2 VALUES [(\"2024-01-01\"), (\"2024-02-01\")))", PartitionKind.Range, null, null)]
    [InlineData("PARTITION BY LIST(ts) (PARTITION p1 VALUES IN (\"2024-01-01\"))", PartitionKind.List, null, null)]
    public void PartitionForms_AreRead(string clause, PartitionKind kind, string? function, string? unit)
    {
        var partition = Create($"CREATE TABLE t (ts DATETIME, v INT) DUPLICATE KEY(ts) {clause} DISTRIBUTED BY RANDOM").Partition!;
        Assert.Equal(kind, partition.Kind);
        Assert.Equal(["ts"], partition.Columns);
        Assert.Equal(function, partition.Function);
        Assert.Equal(unit, partition.Unit);
    }

    [Fact]
    public void AlterTable_ReadsSchemaEvolutionForms()
    {
        var alter = Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse(
            "ALTER TABLE `db`.`t` ADD COLUMN c1 INT NULL DEFAULT \"1\" COMMENT \"x\" AFTER id, ADD COLUMN (a INT, b STRING), DROP COLUMN old, RENAME COLUMN p TO q, MODIFY COLUMN v BIGINT FIRST PROPERTIES (\"timeout\" = \"600\")"));
        Assert.Equal(new TableName("db", "t"), alter.Table);
        var add = Assert.IsType<AddColumnsAction>(alter.Actions[0]);
        Assert.Equal(new ColumnPosition(false, "id"), add.Position);
        Assert.Equal(["a", "b"], Assert.IsType<AddColumnsAction>(alter.Actions[1]).Columns.Select(c => c.Name));
        Assert.Equal(new DropColumnAction("old"), alter.Actions[2]);
        Assert.Equal(new RenameColumnAction("p", "q"), alter.Actions[3]);
        Assert.Equal(new ColumnPosition(true, null), Assert.IsType<ModifyColumnAction>(alter.Actions[4]).Position);
        Assert.True(alter.ChangesColumns);
        Assert.Equal(600, alter.TimeoutSeconds);
    }

    [Fact]
    public void AlterTable_IgnoredClauses()
    {
        var comment = Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse("ALTER TABLE t COMMENT = \"x\""));
        Assert.False(comment.ChangesColumns);
        Assert.Null(StarRocksSqlParser.Parse("ALTER TABLE t RENAME t2"));
        Assert.StartsWith("Getting syntax error at line 1, column 14. Detail message: Unexpected input 'ENGINE'", SyntaxError("ALTER TABLE t ENGINE = InnoDB").Message);
    }

    // StarRocks.g4 columnRenameClause: RENAME COLUMN oldColumn=identifier TO newColumn=identifier (no properties);
    // PROPERTIES belongs to addColumnClause, addColumnsClause, dropColumnClause and modifyColumnClause only.
    [Theory]
    [InlineData("ALTER TABLE t RENAME COLUMN a b", 30, "b")]
    [InlineData("ALTER TABLE t RENAME COLUMN a TO b PROPERTIES (\"timeout\" = \"600\")", 35, "PROPERTIES")]
    [InlineData("ALTER TABLE t RENAME COLUMN a TO b, PROPERTIES (\"timeout\" = \"600\")", 36, "PROPERTIES")]
    [InlineData("ALTER TABLE t COMMENT \"x\"", 22, "\"x\"")]
    public void AlterTable_RefusesWhatStarRocksGrammarRefuses(string sql, int column, string near)
    {
        var error = SyntaxError(sql);
        Assert.Equal(StarRocksSqlException.SyntaxErrorCode, error.ErrorCode);
        Assert.StartsWith($"Getting syntax error at line 1, column {column}. Detail message: Unexpected input '{near.Trim('"')}'", error.Message);
    }

    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN c INT PROPERTIES (\"timeout\" = \"60\")")]
    [InlineData("ALTER TABLE t DROP COLUMN c PROPERTIES (\"timeout\" = \"60\")")]
    [InlineData("ALTER TABLE t MODIFY COLUMN c BIGINT AFTER b PROPERTIES (\"timeout\" = \"60\")")]
    [InlineData("ALTER TABLE t ADD COLUMN (c INT, d INT) PROPERTIES (\"timeout\" = \"60\"), RENAME COLUMN a TO b")]
    public void AlterTable_AcceptsPropertiesOnColumnClauses(string sql) =>
        Assert.Equal(60, Assert.IsType<AlterTableStatement>(StarRocksSqlParser.Parse(sql)).TimeoutSeconds);

    [Fact]
    public void OtherStatements_AreRecognisedOrPassedThrough()
    {
        Assert.Equal(new DropTableStatement(new TableName("d", "t"), true), StarRocksSqlParser.Parse("DROP TABLE IF EXISTS d.t FORCE"));
        Assert.Equal(new TruncateTableStatement(new TableName(null, "t")), StarRocksSqlParser.Parse("TRUNCATE TABLE t PARTITION (p1, p2)"));
        Assert.Equal(new DropDatabaseStatement("d", false), StarRocksSqlParser.Parse("DROP DATABASE d FORCE"));
        Assert.Equal(new UseStatement("d"), StarRocksSqlParser.Parse("USE `d`;"));
        var set = Assert.IsType<SetStatement>(StarRocksSqlParser.Parse("SET SESSION query_timeout = 600, @x = 'a,b', @@session.sql_mode = ''"));
        Assert.Equal(["query_timeout", "@x", "sql_mode"], set.Assignments.Select(a => a.Variable));
        Assert.Equal("SESSION query_timeout = 600", set.Assignments[0].Sql);
        Assert.True(set.Assignments[1].IsUserVariable);
        Assert.Null(StarRocksSqlParser.Parse("SET NAMES utf8mb4"));
        var show = Assert.IsType<ShowAlterTableStatement>(StarRocksSqlParser.Parse("SHOW ALTER TABLE COLUMN FROM `db` WHERE TableName = 't' ORDER BY JobId DESC LIMIT 1;"));
        Assert.Equal(new ShowAlterTableStatement(true, "db", "WHERE TableName = 't' ORDER BY JobId DESC LIMIT 1"), show);
        Assert.Equal(new ShowCreateTableStatement(new TableName(null, "t")), StarRocksSqlParser.Parse("SHOW CREATE TABLE t"));
        Assert.Same(CheckedStatement.Instance, StarRocksSqlParser.Parse("SELECT 1"));
        Assert.Same(CheckedStatement.Instance, StarRocksSqlParser.Parse("DELETE FROM t WHERE a = 1"));
        Assert.Null(StarRocksSqlParser.Parse("CREATE TABLE t2 AS SELECT * FROM t"));
        Assert.Equal(new CreateTableLikeStatement(new TableName(null, "t2"), new TableName("d", "t"), true), StarRocksSqlParser.Parse("CREATE TABLE IF NOT EXISTS t2 LIKE d.t"));
        Assert.Same(CheckedStatement.Instance, StarRocksSqlParser.Parse("CREATE DATABASE IF NOT EXISTS `d`"));
        Assert.StartsWith("Getting syntax error at line 1, column 16.", SyntaxError("CREATE DATABASE select").Message);
    }

    [Fact]
    public void Insert_LocatesTheTableAndStarRocksOnlyClauses()
    {
        const string sql = "INSERT INTO db.t PARTITION (p1, p2) WITH LABEL l1 (a, b) VALUES (1, 2)";
        var insert = Assert.IsType<InsertStatement>(StarRocksSqlParser.Parse(sql));
        Assert.Equal(new TableName("db", "t"), insert.Table);
        Assert.Equal("INSERT INTO", sql[insert.InsertStart..insert.IntoEnd]);
        Assert.Equal(" db.t", sql[insert.IntoEnd..insert.TableEnd]);
        Assert.Equal("(a, b)", insert.Columns);
        Assert.Equal("VALUES (1, 2)", sql[insert.BodyStart..]);
        Assert.True(insert.HasStarRocksClauses);
        var labelAfterColumns = Assert.IsType<InsertStatement>(StarRocksSqlParser.Parse("INSERT INTO t (a) WITH LABEL l SELECT 1"));
        Assert.Equal("(a)", labelAfterColumns.Columns);
        Assert.False(Assert.IsType<InsertStatement>(StarRocksSqlParser.Parse("INSERT INTO t (a) VALUES (1)")).HasStarRocksClauses);
        Assert.True(Assert.IsType<InsertStatement>(StarRocksSqlParser.Parse("INSERT OVERWRITE t SELECT 1")).Overwrite);
    }

    // StarRocks.g4 setVar: userVariable '=' expression | varType? identifier '=' setExprOrDefault.
    [Theory]
    [InlineData("SET query_timeout = ", 20, "<EOF>")]
    [InlineData("SET @x := 1", 7, ":")]
    [InlineData("SET query_timeout = 1 +", 23, "<EOF>")]
    public void Set_RefusesWhatStarRocksGrammarRefuses(string sql, int column, string near) =>
        Assert.StartsWith($"Getting syntax error at line 1, column {column}. Detail message: Unexpected input '{near}'", SyntaxError(sql).Message);

    [Fact]
    public void Set_AcceptsStarRocksValueForms() =>
        Assert.Equal(3, Assert.IsType<SetStatement>(StarRocksSqlParser.Parse("SET a = DEFAULT, @@session.b = ON, c = CONCAT('x', @y)")).Assignments.Count);

    // StarRocks.g4 insertStatement: INSERT (INTO | OVERWRITE) qualifiedName writeBranch? partitionNames?
    // insertLabelOrColumnAliases* properties? (queryStatement | VALUES ...): PARTITION only right after the table.
    [Theory]
    [InlineData("INSERT INTO t WITH LABEL l PARTITION (p) VALUES (1)", 27, "PARTITION")]
    [InlineData("INSERT INTO t (a) PARTITION (p) VALUES (1)", 18, "PARTITION")]
    [InlineData("INSERT OVERWRITE TABLE t SELECT 1", 17, "TABLE")]
    [InlineData("INSERT INTO t VALUES (1), (2,)", 29, ")")]
    [InlineData("INSERT INTO t SELECT 1 FROM", 27, "<EOF>")]
    public void Insert_RefusesWhatStarRocksGrammarRefuses(string sql, int column, string near)
    {
        var error = SyntaxError(sql);
        Assert.StartsWith($"Getting syntax error at line 1, column {column}. Detail message: Unexpected input '{near}'", error.Message);
    }
}
