using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Tests.Sql;

[Collection(ProxyCollection.Name)]
public sealed class ProxyIntegrationTests(ProxyFixture fixture)
{
    [Fact]
    public async Task PrimaryKeyTable_IsCreatedRecordedAndUpsertsOnInsert()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("pk");
        string db = connection.Database;
        await connection.ExecAsync("""
            CREATE TABLE IF NOT EXISTS `orders` (
              `id` BIGINT NOT NULL COMMENT "order id",
              `region` VARCHAR(64) NOT NULL,
              `amount` DECIMAL(18, 4) NULL,
              `tags` ARRAY<VARCHAR(32)>,
              `created` DATETIME DEFAULT CURRENT_TIMESTAMP
            ) PRIMARY KEY (`id`, `region`)
            COMMENT "orders"
            DISTRIBUTED BY HASH(`id`) BUCKETS 8
            ORDER BY (`region`)
            PROPERTIES ("replication_num" = "1", "enable_persistent_index" = "true");
            """);

        var schema = await fixture.Catalog.GetAsync(db, "orders");
        Assert.NotNull(schema);
        Assert.Equal(TableKind.Primary, schema.Kind);
        Assert.Equal(["id", "region"], schema.KeyColumns);
        Assert.Equal(["BIGINT", "VARCHAR(64)", "DECIMAL(18,4)", "ARRAY<VARCHAR(32)>", "DATETIME"], schema.Columns.Select(c => c.Type));
        Assert.Equal(64, schema.Columns[1].Length);
        Assert.Equal((18, 4), (schema.Columns[2].Precision, schema.Columns[2].Scale));
        Assert.Equal("order id", schema.Columns[0].Comment);

        await connection.ExecAsync("INSERT INTO orders (id, region, amount, tags) VALUES (1, 'eu', 10.5, '[\"a\"]')");
        await connection.ExecAsync("INSERT INTO orders (id, region, amount, tags) VALUES (1, 'eu', 20, '[\"b\"]'), (2, 'us', 1, NULL)");
        var rows = await connection.RowsAsync("SELECT id, region, amount, tags FROM orders ORDER BY id");
        Assert.Equal(2, rows.Count);
        Assert.Equal(20m, rows[0][2]);
        Assert.Equal("[\"b\"]", rows[0][3]);

        var columns = await fixture.MariaDbRowsAsync($"SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_KEY FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '{db}' AND TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION");
        Assert.Equal(["bigint(20)", "varchar(64)", "decimal(18,4)", "longtext", "datetime(6)"], columns.Select(r => (string)r[1]!));
        Assert.Equal(["PRI", "PRI", "", "", ""], columns.Select(r => (string)r[2]!));
    }

    [Fact]
    public async Task AggregateTable_CombinesInsertedRowsByValueAggregates()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("agg");
        await connection.ExecAsync("""
            CREATE TABLE site_visits (
              site VARCHAR(32) NOT NULL,
              day DATE NOT NULL,
              pv BIGINT SUM DEFAULT "0",
              last_user VARCHAR(64) REPLACE,
              max_ms INT MAX,
              min_ms INT MIN,
              note VARCHAR(64) REPLACE_IF_NOT_NULL
            ) AGGREGATE KEY(site, day)
            DISTRIBUTED BY HASH(site) BUCKETS 4
            """);
        await connection.ExecAsync("INSERT INTO site_visits VALUES ('a', '2024-01-01', 3, 'u1', 10, 10, 'first')");
        await connection.ExecAsync("INSERT INTO site_visits VALUES ('a', '2024-01-01', 4, 'u2', 30, 5, NULL)");
        var row = Assert.Single(await connection.RowsAsync("SELECT pv, last_user, max_ms, min_ms, note FROM site_visits"));
        Assert.Equal([7L, "u2", 30, 5, "first"], row);
        var schema = await fixture.Catalog.GetAsync(connection.Database, "site_visits");
        Assert.Equal(
            [AggregateFunction.None, AggregateFunction.None, AggregateFunction.Sum, AggregateFunction.Replace, AggregateFunction.Max, AggregateFunction.Min, AggregateFunction.ReplaceIfNotNull],
            schema!.Columns.Select(c => c.Aggregate));
    }

    [Fact]
    public async Task DuplicateAndUniqueTables_KeepOrReplaceRows()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("dupuniq");
        await connection.ExecAsync("CREATE TABLE events (ts DATETIME, kind VARCHAR(16), payload JSON) DUPLICATE KEY(ts) PARTITION BY date_trunc('day', ts) DISTRIBUTED BY RANDOM");
        await connection.ExecAsync("CREATE TABLE users (id INT NOT NULL, name STRING) UNIQUE KEY(id) DISTRIBUTED BY HASH(id)");
        await connection.ExecAsync("CREATE TABLE plain (a INT, b DOUBLE)");
        await connection.ExecAsync("INSERT INTO events VALUES ('2024-01-01 00:00:00.123456', 'x', '{}'), ('2024-01-01 00:00:00.123456', 'x', '{}')");
        await connection.ExecAsync("INSERT INTO users VALUES (1, 'a')");
        await connection.ExecAsync("INSERT INTO users VALUES (1, 'b')");
        Assert.Equal(2, (await connection.RowsAsync("SELECT * FROM events")).Count);
        Assert.Equal("b", Assert.Single(await connection.RowsAsync("SELECT name FROM users"))[0]);
        var plain = await fixture.Catalog.GetAsync(connection.Database, "plain");
        Assert.Equal(TableKind.Duplicate, plain!.Kind);
        Assert.Equal(["a"], plain.KeyColumns);
        Assert.Equal("VARCHAR(65533)", (await fixture.Catalog.GetAsync(connection.Database, "users"))!.Columns[1].Type);
    }

    [Fact]
    public async Task AlterForms_ChangeTheTableAndCatalogAndAreListedAsFinishedJobs()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("alter");
        string db = connection.Database;
        await connection.ExecAsync("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR(10)) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)");
        await connection.ExecAsync("INSERT INTO t VALUES (1, 'x')");
        await connection.ExecAsync($"ALTER TABLE `{db}`.`t` ADD COLUMN `score` INT NULL DEFAULT \"5\" COMMENT \"s\", ADD COLUMN note STRING PROPERTIES (\"timeout\" = \"600\")");
        await connection.ExecAsync("ALTER TABLE t ADD COLUMN (a INT, b INT) ");
        await connection.ExecAsync("ALTER TABLE t ADD COLUMN c BOOLEAN AFTER name");
        await connection.ExecAsync("ALTER TABLE t DROP COLUMN a");
        await connection.ExecAsync("ALTER TABLE t MODIFY COLUMN name VARCHAR(100)");
        await connection.ExecAsync("ALTER TABLE t RENAME COLUMN b TO bb");

        var schema = await fixture.Catalog.GetAsync(db, "t");
        Assert.Equal(["id", "name", "c", "score", "note", "bb"], schema!.Columns.Select(c => c.Name));
        Assert.Equal("VARCHAR(100)", schema.Columns[1].Type);
        Assert.Equal("5", schema.Columns[3].Default);
        var row = Assert.Single(await connection.RowsAsync("SELECT * FROM t"));
        Assert.Equal([1L, "x", null, 5, null, null], row);

        var jobs = await connection.RowsAsync($"SHOW ALTER TABLE COLUMN FROM `{db}` WHERE TableName = 't' ORDER BY JobId DESC LIMIT 1");
        var job = Assert.Single(jobs);
        Assert.Equal("t", job[1]);
        Assert.Equal("FINISHED", job[9]);
        Assert.Equal(86400, Convert.ToInt32(job[12]));
        var first = (await connection.RowsAsync($"SHOW ALTER TABLE COLUMN FROM `{db}` WHERE TableName = 't' ORDER BY JobId LIMIT 1"))[0];
        Assert.Equal(600, Convert.ToInt32(first[12]));
        await using (var command = new MySqlCommand("SHOW ALTER TABLE COLUMN", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.Equal(["JobId", "TableName", "CreateTime", "FinishTime", "IndexName", "IndexId", "OriginIndexId", "SchemaVersion", "TransactionId", "State", "Msg", "Progress", "Timeout"],
                Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            int count = 0;
            while (await reader.ReadAsync())
                count++;
            Assert.Equal(6, count);
        }

        await connection.ExecAsync("TRUNCATE TABLE t");
        Assert.Empty(await connection.RowsAsync("SELECT * FROM t"));
        await connection.ExecAsync("DROP TABLE t");
        Assert.Null(await fixture.Catalog.GetAsync(db, "t"));
        await connection.ExecAsync("DROP TABLE IF EXISTS t");
    }

    [Fact]
    public async Task AlterOfPrimaryKeyColumns_IsRefused()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("alterpk");
        await connection.ExecAsync("CREATE TABLE t (id BIGINT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)");
        Assert.Equal("Can not drop key column in primary data model table", (await connection.FailsAsync("ALTER TABLE t DROP COLUMN id")).Message);
        Assert.Equal("Can not modify key column: id for primary key table", (await connection.FailsAsync("ALTER TABLE t MODIFY COLUMN id INT NOT NULL")).Message);
        Assert.Equal("Can not add column which already exists in base table: v", (await connection.FailsAsync("ALTER TABLE t ADD COLUMN v INT")).Message);
    }

    [Fact]
    public async Task StarRocksSessionVariablesAndHints_AreAccepted()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("vars");
        await connection.ExecAsync("SET query_timeout = 600");
        await connection.ExecAsync("SET SESSION query_mem_limit = 1073741824, @x = 1");
        await connection.ExecAsync("SET pipeline_dop = 0, sql_mode = 'STRICT_TRANS_TABLES'");
        await connection.ExecAsync("SET GLOBAL enable_profile = true");
        Assert.Equal("STRICT_TRANS_TABLES", Assert.Single(await connection.RowsAsync("SELECT @@sql_mode"))[0]);
        Assert.Equal(1L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT /*+ SET_VAR(query_timeout = 10) */ 1"))[0]));
        Assert.Equal(1L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SET query_timeout = 5; SELECT @x"))[0]));
    }

    [Fact]
    public async Task CharacterSetResultsNull_IsForwardedAndMetadataStillReadsAsText()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("charset");
        await connection.ExecAsync("CREATE TABLE t (id INT NOT NULL, note VARCHAR(20)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        await connection.ExecAsync("SET character_set_results = NULL");

        Assert.Null(Assert.Single(await connection.RowsAsync("SELECT @@character_set_results"))[0]);
        var columns = await connection.RowsAsync(
            $"SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.`COLUMNS` WHERE TABLE_SCHEMA = '{connection.Database}' ORDER BY ORDINAL_POSITION");
        Assert.Equal(["id|int", "note|varchar"], columns.Select(r => $"{(string)r[0]!}|{(string)r[1]!}"));
        Assert.Equal(["t"], (await connection.RowsAsync("SHOW TABLES")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task InformationSchemaColumns_ReportsStarRocksTypes()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("infoschema");
        string db = connection.Database;
        await connection.ExecAsync("CREATE TABLE t (id LARGEINT NOT NULL, flag BOOLEAN, m MAP<INT, STRING> REPLACE, s STRUCT<a INT, b VARCHAR(8)> REPLACE, j JSON REPLACE, b BITMAP BITMAP_UNION) AGGREGATE KEY(id, flag) DISTRIBUTED BY HASH(id)");
        await connection.ExecAsync("CREATE TABLE p (k VARCHAR(20) NOT NULL, v DATETIME) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)");
        var rows = await connection.RowsAsync($"""
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.COLUMN_KEY FROM INFORMATION_SCHEMA.`COLUMNS` c
            WHERE c.TABLE_SCHEMA = '{db}' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
            """);
        Assert.Equal(
            [
                "k|varchar|varchar(20)|PRI", "v|datetime|datetime|",
                "id|largeint|largeint|AGG", "flag|boolean|boolean|AGG", "m|map|map<int,varchar(65533)>|",
                "s|struct|struct<a int, b varchar(8)>|", "j|json|json|", "b|bitmap|bitmap|",
            ],
            rows.Select(r => string.Join('|', r)));
        var sizes = await connection.RowsAsync($"""
            SELECT `COLUMN_NAME`, `COLUMN_KEY`, `DATA_TYPE`, `COLUMN_SIZE`, `DECIMAL_DIGITS`, CHARACTER_MAXIMUM_LENGTH
            FROM `information_schema`.`COLUMNS` WHERE `TABLE_SCHEMA` = '{db}' AND `TABLE_NAME` = 'p'
            """);
        Assert.Equal(["k|PRI|varchar|20||20", "v||datetime|||"], sizes.Select(r => string.Join('|', r)));
    }

    [Fact]
    public async Task DdlRefusals_ComeBackWithStarRocksMessages()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("refuse");
        var nullable = await connection.FailsAsync("CREATE TABLE t (id INT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)");
        Assert.Equal(1064, nullable.Number);
        Assert.Equal("Getting analyzing error. Detail message: primary key column[id] cannot be nullable", nullable.Message);
        var order = await connection.FailsAsync("CREATE TABLE t (id INT NOT NULL, v INT) PRIMARY KEY(id) ORDER BY (id) DISTRIBUTED BY HASH(id)");
        Assert.Equal(1064, order.Number);
        Assert.StartsWith("Getting syntax error at line 1, column 70. Detail message: Unexpected input 'DISTRIBUTED'", order.Message);
        var bucket = await connection.FailsAsync("CREATE TABLE t (id INT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(v)");
        Assert.Equal("Distribution column[v] is not key column", bucket.Message);
        Assert.Empty(await connection.RowsAsync("SHOW TABLES"));
        await connection.ExecAsync("CREATE TABLE t (id INT NOT NULL) DUPLICATE KEY(id)");
        var exists = await connection.FailsAsync("CREATE TABLE t (id INT NOT NULL) DUPLICATE KEY(id)");
        Assert.Equal("Getting analyzing error. Detail message: Table 't' already exists", exists.Message);
        await connection.ExecAsync("CREATE TABLE IF NOT EXISTS t (other INT NOT NULL) DUPLICATE KEY(other)");
        Assert.Equal("id", (await fixture.Catalog.GetAsync(connection.Database, "t"))!.Columns[0].Name);
    }

    [Fact]
    public async Task DatabaseStatementsAndShowCreateTable_Work()
    {
        string name = $"dbs_{Environment.ProcessId}";
        await using var connection = new MySqlConnection(fixture.ConnectionString());
        await connection.OpenAsync();
        await connection.ExecAsync($"CREATE DATABASE IF NOT EXISTS {name}");
        Assert.Contains(await connection.RowsAsync("SHOW DATABASES"), r => (string)r[0]! == name);
        await connection.ExecAsync($"USE {name}");
        await connection.ExecAsync("CREATE TABLE k (id INT NOT NULL, v BIGINT SUM) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id)");
        Assert.Equal("k", Assert.Single(await connection.RowsAsync("SHOW TABLES"))[0]);
        var create = Assert.Single(await connection.RowsAsync("SHOW CREATE TABLE k"));
        Assert.Equal("k", create[0]);
        Assert.Contains("`v` BIGINT SUM NULL", (string)create[1]!);
        Assert.Contains("AGGREGATE KEY(`id`)", (string)create[1]!);
        await connection.ExecAsync("CREATE TABLE k2 LIKE k");
        Assert.Equal(TableKind.Aggregate, (await fixture.Catalog.GetAsync(name, "k2"))!.Kind);
        await connection.ExecAsync("INSERT INTO k2 VALUES (1, 2), (1, 3)");
        Assert.Equal(5L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT v FROM k2"))[0]));
        var describe = await connection.RowsAsync("DESC k");
        Assert.Equal(["id|INT|NO|true||", "v|BIGINT|YES|false||SUM"], describe.Select(r => string.Join('|', r)));
        await connection.ExecAsync($"DROP DATABASE {name}");
        Assert.Null(await fixture.Catalog.GetAsync(name, "k"));
    }

    [Fact]
    public async Task SqlLog_RecordsEveryStatementWithTheConnectionId()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("log");
        string marker = $"SELECT 'log-marker-{Guid.NewGuid():N}'";
        await connection.ExecAsync(marker);
        await connection.ExecAsync("SET query_timeout = 60");
        long id = Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT CONNECTION_ID()"))[0]);
        var entries = fixture.Log.Entries.Where(e => e.ConnectionId == id).Select(e => e.Statement).ToList();
        Assert.Contains(marker, entries);
        Assert.Contains("SET query_timeout = 60", entries);
    }

    [Fact]
    public async Task LargeResultsAndStatements_PassThrough()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("large");
        await connection.ExecAsync("CREATE TABLE blobs (id INT NOT NULL, body JSON) DUPLICATE KEY(id)");
        string big = new('x', 17 * 1024 * 1024);
        await connection.ExecAsync($"INSERT INTO blobs VALUES (1, '{big}')");
        var length = Assert.Single(await connection.RowsAsync("SELECT LENGTH(body) FROM blobs"))[0];
        Assert.Equal((long)big.Length, Convert.ToInt64(length));
        var rows = await connection.RowsAsync("SELECT seq FROM seq_1_to_200000");
        Assert.Equal(200000, rows.Count);
        Assert.Contains(fixture.Log.Entries, e => e.Statement.Length > big.Length);
    }

    [Fact]
    public async Task StarRocksInsertClauses_AreDroppedAndAggregateInsertSelectMerges()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("insert");
        await connection.ExecAsync("CREATE TABLE e (d DATE, v INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) (PARTITION p1 VALUES LESS THAN (\"2030-01-01\"))");
        await connection.ExecAsync("INSERT INTO e PARTITION (p1) WITH LABEL my_label_1 (d, v) VALUES ('2024-01-01', 1)");
        await connection.ExecAsync("INSERT INTO e TEMPORARY PARTITION (p1) VALUES ('2024-01-02', 2)");
        Assert.Equal(2, (await connection.RowsAsync("SELECT * FROM e")).Count);
        await connection.ExecAsync("CREATE TABLE a (d DATE NOT NULL, total BIGINT SUM) AGGREGATE KEY(d) DISTRIBUTED BY HASH(d)");
        await connection.ExecAsync("INSERT INTO a SELECT d, v FROM e");
        await connection.ExecAsync("INSERT INTO a WITH LABEL l2 SELECT d, v * 10 FROM e");
        var rows = await connection.RowsAsync("SELECT total FROM a ORDER BY d");
        Assert.Equal([11L, 22L], rows.Select(r => Convert.ToInt64(r[0])));
        await connection.ExecAsync("INSERT OVERWRITE a WITH LABEL l3 SELECT d, 1 FROM e WHERE v = 2");
        Assert.Equal("2024-01-02|1", string.Join('|', Assert.Single(await connection.RowsAsync("SELECT DATE_FORMAT(d, '%Y-%m-%d'), total FROM a"))));
    }

    [Fact]
    public async Task StarRocksVariablesAndVersion_CanBeRead()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("readvars");
        Assert.Equal(300L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT @@query_timeout"))[0]));
        await connection.ExecAsync("SET query_timeout = 600");
        Assert.Equal(600L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT @@session.query_timeout"))[0]));
        Assert.Equal("3.5.0-standin", Assert.Single(await connection.RowsAsync("SELECT current_version()"))[0]);
    }

    [Fact]
    public async Task CurrentDatabase_IsTrackedThroughChangeDatabaseAndRequiredForDdl()
    {
        await using var first = await fixture.OpenNewDatabaseAsync("cur");
        string db = first.Database;
        await using var connection = new MySqlConnection(fixture.ConnectionString(pooling: false));
        await connection.OpenAsync();
        var none = await connection.FailsAsync("CREATE TABLE t (id INT) DUPLICATE KEY(id)");
        Assert.Equal("Getting analyzing error. Detail message: No database selected", none.Message);
        Assert.Equal(1046, none.Number);
        await connection.ChangeDatabaseAsync(db);
        await connection.ExecAsync("CREATE TABLE t (id INT) DUPLICATE KEY(id)");
        Assert.NotNull(await fixture.Catalog.GetAsync(db, "t"));
        Assert.Equal("Getting analyzing error. Detail message: Unknown table 'nope'", (await connection.FailsAsync("DROP TABLE nope")).Message);
        Assert.Equal("Getting analyzing error. Detail message: Table nope is not found", (await connection.FailsAsync("ALTER TABLE nope ADD COLUMN x INT")).Message);
        Assert.Empty(await connection.RowsAsync("SHOW ALTER TABLE ROLLUP"));
    }

    [Fact]
    public async Task Batches_PassThroughButDdlMustBeSentAlone()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("batch");
        var error = await connection.FailsAsync("SELECT 1; CREATE TABLE t (id INT) DUPLICATE KEY(id)");
        Assert.Equal("The StarRocks stand-in runs StarRocks DDL and SHOW statements only one per request.", error.Message);
        await connection.ExecAsync("CREATE TABLE t (id INT) DUPLICATE KEY(id)");
        await connection.ExecAsync("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);");
        Assert.Equal(2, (await connection.RowsAsync("SELECT * FROM t")).Count);
    }

    [Fact]
    public async Task AddingAKeyColumnToAnAggregateTable_RebuildsTheMariaDbPrimaryKey()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("aggkey");
        await connection.ExecAsync("CREATE TABLE a (k INT NOT NULL, v BIGINT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
        await connection.ExecAsync("INSERT INTO a VALUES (1, 5)");
        await connection.ExecAsync("ALTER TABLE a ADD COLUMN k2 VARCHAR(300) KEY DEFAULT \"x\"");
        var schema = await fixture.Catalog.GetAsync(connection.Database, "a");
        Assert.Equal(["k", "k2"], schema!.KeyColumns);
        Assert.Equal(["k", "k2", "v"], schema.Columns.Select(c => c.Name));
        await connection.ExecAsync("INSERT INTO a VALUES (1, 'y', 7), (1, 'x', 1)");
        var rows = await connection.RowsAsync("SELECT k2, v FROM a ORDER BY k2");
        Assert.Equal(["x|6", "y|7"], rows.Select(r => $"{r[0]}|{r[1]}"));
        var key = await fixture.MariaDbRowsAsync($"SELECT COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{connection.Database}' AND TABLE_NAME = 'a' AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX");
        Assert.Equal(["k|", "k2|763"], key.Select(r => $"{r[0]}|{r[1]}"));
    }

    // Issue 11: what StarRocks's parser refuses is refused by the proxy with StarRocks's error, before MariaDB (which
    // accepts all four) sees it.
    [Theory]
    [InlineData("SELECT k, v FROM kv WHERE (k, v) IN ((1, 'x'), (2, 'y'))", 37, "(")]
    [InlineData("INSERT INTO kv WITH LABEL l1 PARTITION (kv) VALUES (3, 'z')", 29, "PARTITION")]
    [InlineData("ALTER TABLE kv RENAME COLUMN v TO w PROPERTIES (\"timeout\" = \"60\")", 36, "PROPERTIES")]
    [InlineData("ALTER TABLE kv RENAME COLUMN v w", 31, "w")]
    // '#' starts no comment in StarRocks (StarRocksLex.g4); its lexer skips the character, so "one" is an alias and "two" is left over.
    [InlineData("SELECT k FROM kv # one two", 23, "two")]
    // StarRocksLex.g4 has no BOOL token, so StarRocks.g4's baseType does not take it; DATETIME takes no typeParameter.
    [InlineData("ALTER TABLE kv ADD COLUMN b BOOL", 28, "BOOL")]
    [InlineData("ALTER TABLE kv ADD COLUMN d DATETIME(6)", 36, "(")]
    // An unterminated "/*" is no BRACKETED_COMMENT but the operators '/' and '*'.
    [InlineData("SELECT k FROM kv /* open", 17, "/")]
    public async Task StatementsStarRocksRefuses_AreAnsweredWithItsSyntaxError(string sql, int column, string near)
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("refused");
        await connection.ExecAsync("CREATE TABLE kv (k INT NOT NULL, v VARCHAR(8)) PRIMARY KEY (k) DISTRIBUTED BY HASH(k)");
        await connection.ExecAsync("INSERT INTO kv VALUES (1, 'x'), (2, 'y')");

        var error = await connection.FailsAsync(sql);

        Assert.Equal(1064, error.Number);
        Assert.StartsWith($"Getting syntax error at line 1, column {column}. Detail message: Unexpected input '{near}', the most similar input is {{", error.Message);
        Assert.Equal([[1, "x"], [2, "y"]], await connection.RowsAsync("SELECT k, v FROM kv ORDER BY k"));
    }

    [Fact]
    public async Task StarRocksForms_OfTheSameStatementsPass()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("accepted");
        await connection.ExecAsync("CREATE TABLE kv (k INT NOT NULL, v VARCHAR(8)) PRIMARY KEY (k) DISTRIBUTED BY HASH(k)");
        await connection.ExecAsync("INSERT INTO kv WITH LABEL l1 VALUES (1, 'x'), (2, 'y'), (3, 'z')");

        var rows = await connection.RowsAsync("SELECT k, v FROM kv WHERE `k` IN (1, 2) AND `v` IN ('x', 'y') AND ((`k` = 1 AND `v` = 'x') OR (`k` = 2 AND `v` = 'y')) ORDER BY k");
        await connection.ExecAsync("ALTER TABLE kv RENAME COLUMN v TO w");

        Assert.Equal([[1, "x"], [2, "y"]], rows);
        Assert.Equal([["w"]], await connection.RowsAsync("SELECT COLUMN_NAME FROM information_schema.columns WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kv' AND COLUMN_NAME = 'w'"));
    }

    // StarRocksLex.g4: "--" starts a comment without a following space, and "/*! */" is a plain comment; MariaDB would
    // read "1--1" as 1 - -1 and run the executable comment, so the proxy must hand it StarRocks's tokens only.
    [Fact]
    public async Task Comments_AreStarRocksComments()
    {
        await using var connection = await fixture.OpenNewDatabaseAsync("comments");

        Assert.Equal([[1]], await connection.RowsAsync("SELECT 1--1"));
        Assert.Equal([[3]], await connection.RowsAsync("SELECT 3 /*!, 4 */"));
        Assert.Equal([[5]], await connection.RowsAsync("SELECT 5 --x\r"));
        Assert.Equal([[6, "#"]], await connection.RowsAsync("SELECT 6, '#' #\n"));
        // A quote without its closing quote matches no lexer rule and is skipped like '#'.
        Assert.Equal([[7]], await connection.RowsAsync("SELECT 7 '"));
    }

    // SessionVariable.parse_tokens_limit (default 3 500 000) counts every token of StarRocks's token stream, hidden
    // whitespace and comments included (PostProcessListener.visitTerminal).
    [Fact]
    public async Task StatementsOfParseTokensLimitTokens_AreRefused()
    {
        const string message = "Getting syntax error. Detail message: Statement exceeds maximum length limit, please consider modify 'parse_tokens_limit' session variable.";
        await using var connection = await fixture.OpenNewDatabaseAsync("tokens");

        var atDefault = await connection.FailsAsync("SELECT 1" + string.Concat(Enumerable.Repeat(" #", 3_499_997)));
        Assert.Equal((1064, message), (atDefault.Number, atDefault.Message));

        await connection.ExecAsync("SET parse_tokens_limit = 8");
        Assert.Equal(8L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT @@parse_tokens_limit"))[0]));
        // SELECT(0) WS 1(2) WS +(4) WS 2(6) EOF(7): under 8; a trailing space or comment is one token more.
        Assert.Equal(3L, Convert.ToInt64(Assert.Single(await connection.RowsAsync("SELECT 1 + 2"))[0]));
        var overSet = await connection.FailsAsync("SELECT 1 + 2 ");
        Assert.Equal((1064, message), (overSet.Number, overSet.Message));
        var commented = await connection.FailsAsync("SELECT 1 + 2/**/");
        Assert.Equal(message, commented.Message);
        // Several statements in one request are one token stream: SELECT(0) WS 1(2) ;(3) WS SELECT(5) WS 2(7) EOF(8).
        var batch = await connection.FailsAsync("SELECT 1; SELECT 2");
        Assert.Equal(message, batch.Message);
    }
}
