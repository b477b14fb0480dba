using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

public sealed class CreateTableValidatorTests
{
    private const string Analysis = "Getting analyzing error. Detail message: ";

    private static CreateTableStatement Resolve(string sql) =>
        CreateTableValidator.Resolve(Assert.IsType<CreateTableStatement>(StarRocksSqlParser.Parse(sql)));

    private static string Refusal(string sql) => Assert.Throws<StarRocksSqlException>(() => Resolve(sql)).Message;

    [Theory]
    [InlineData("CREATE TABLE t (id INT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] cannot be nullable")]
    [InlineData("CREATE TABLE t (id FLOAT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] type not supported: FLOAT")]
    [InlineData("CREATE TABLE t (id DOUBLE NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] type not supported: DOUBLE")]
    [InlineData("CREATE TABLE t (id DECIMAL(10,2) NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] type not supported: DECIMAL(10,2)")]
    [InlineData("CREATE TABLE t (id CHAR(10) NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] type not supported: CHAR(10)")]
    [InlineData("CREATE TABLE t (id JSON NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "primary key column[id] type not supported: JSON")]
    [InlineData("CREATE TABLE t (v INT, id INT NOT NULL) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "Key columns must be the first few columns of the schema and the order  of the key columns must be consistent with the order of the schema")]
    [InlineData("CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, v INT) PRIMARY KEY(b, a) DISTRIBUTED BY HASH(a)",
        Analysis + "Key columns must be the first few columns of the schema and the order  of the key columns must be consistent with the order of the schema")]
    [InlineData("CREATE TABLE t (a INT NOT NULL, v INT) PRIMARY KEY(x) DISTRIBUTED BY HASH(a)",
        Analysis + "Key column(x) doesn't exist.")]
    [InlineData("CREATE TABLE t (a CHAR(256)) DUPLICATE KEY(a)", Analysis + "Char size must be <= 255: 256")]
    [InlineData("CREATE TABLE t (a INT, b VARCHAR(1048577)) DUPLICATE KEY(a)", Analysis + "Varchar size must be <= 1048576: 1048577")]
    [InlineData("CREATE TABLE t (a INT, b DECIMAL(40, 2)) DUPLICATE KEY(a)",
        Analysis + "Precision of DECIMAL128 must between 1 and 38, precision was set to: 40.")]
    [InlineData("CREATE TABLE t (a INT, b DECIMAL(0, 0)) DUPLICATE KEY(a)",
        Analysis + "Precision of DECIMAL64 must between 1 and 38, precision was set to: 0.")]
    [InlineData("CREATE TABLE t (a INT, b DECIMAL(10, 11)) DUPLICATE KEY(a)",
        Analysis + "Scale of DECIMAL64 must between 0 and 10,  scale was set to: 11.")]
    [InlineData("CREATE TABLE t (a INT, b DECIMAL32(10, 2)) DUPLICATE KEY(a)",
        Analysis + "Precision of DECIMAL32 must between 1 and 9, precision was set to: 10.")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT NOT NULL) PRIMARY KEY(id) DISTRIBUTED BY HASH(v)",
        "Distribution column[v] is not key column")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, d DATE NOT NULL, v INT) PRIMARY KEY(id) PARTITION BY date_trunc('day', d) DISTRIBUTED BY HASH(id)",
        Analysis + "The partition column could not be aggregated column and unique table's partition column must be key column")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY RANDOM",
        Analysis + "PRIMARY KEY must use hash distribution")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY RANDOM",
        Analysis + "UNIQUE KEY must use hash distribution")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT SUM) AGGREGATE KEY(id) DISTRIBUTED BY RANDOM",
        Analysis + "AGGREGATE KEY must use hash distribution")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "AGG_KEYS table should specify aggregate type for non-key column[v]")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT SUM) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "DUP_KEYS table should not specify aggregate type for non-key column[v]")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT MAX) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "PRIMARY_KEYS table should not specify aggregate type for non-key column[v]")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT SUM) AGGREGATE KEY(id)",
        Analysis + "Currently not support default distribution in AGG_KEYS")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT) UNIQUE KEY(id)",
        Analysis + "Currently not support default distribution in UNIQUE_KEYS")]
    [InlineData("CREATE TABLE t (id INT, ID BIGINT) DUPLICATE KEY(id)", Analysis + "Duplicate column name 'ID'")]
    [InlineData("CREATE TABLE t (id INT, __op INT) DUPLICATE KEY(id)",
        Analysis + "Column name [__op] is a system reserved name. Please choose a different one.")]
    [InlineData("CREATE TABLE t (id INT, __row_id INT) DUPLICATE KEY(id)",
        Analysis + "Column name [__row_id] is a system reserved name. Please choose a different one.")]
    [InlineData("CREATE TABLE t (j JSON, v INT) DUPLICATE KEY(j)", Analysis + "Invalid data type of key column 'j': 'JSON'")]
    [InlineData("CREATE TABLE t (f FLOAT, v INT) DUPLICATE KEY(f)", Analysis + "Invalid data type of key column 'f': 'FLOAT', use decimal instead")]
    [InlineData("CREATE TABLE t (f DOUBLE, v INT)", Analysis + "Data type of first column cannot be DOUBLE")]
    [InlineData("CREATE TABLE t (id INT, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(x)", Analysis + "Distribution column(x) doesn't exist.")]
    [InlineData("CREATE TABLE t (id INT, v INT) DUPLICATE KEY(id) ORDER BY (x)", Analysis + "Unknown column 'x' does not exist")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT SUM) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id) ORDER BY (v)",
        Analysis + "The sort columns of AGGREGATE KEY table must be same with key columns")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v DOUBLE) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) ORDER BY (v)",
        Analysis + "sort key column[v] type not supported: DOUBLE")]
    [InlineData("CREATE TABLE t (id INT, d DATE) DUPLICATE KEY(id) PARTITION BY RANGE(x) (PARTITION p VALUES LESS THAN (\"1\"))",
        Analysis + "Partition column[x] does not exist in column list.")]
    [InlineData("CREATE TABLE t (id INT, d DATE) DUPLICATE KEY(id) PARTITION BY substr(d, 1)",
        Analysis + "Only support date_trunc and time_slice as partition expression")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v VARCHAR(10) SUM) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "Invalid aggregate function 'SUM' for 'v'")]
    [InlineData("CREATE TABLE t (id INT NOT NULL, v INT HLL_UNION) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "Invalid aggregate function 'HLL_UNION' for 'v'")]
    [InlineData("CREATE TABLE t (id INT SUM NOT NULL, v INT SUM) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id)",
        Analysis + "Key column[id] should not specify aggregate type.")]
    [InlineData("CREATE TABLE t (id INT, v INT NOT NULL DEFAULT NULL) DUPLICATE KEY(id)", Analysis + "Invalid default value for 'v'")]
    [InlineData("CREATE TABLE t (id INT, v VARCHAR(2) DEFAULT \"abc\") DUPLICATE KEY(id)", Analysis + "Default value is too long: abc")]
    [InlineData("CREATE TABLE t (id INT, v ARRAY<INT> DEFAULT \"[]\") DUPLICATE KEY(id)", Analysis + "Default value for complex type 'ARRAY<INT>' not supported")]
    [InlineData("CREATE TABLE t (id INT, v INT AUTO_INCREMENT) DUPLICATE KEY(id)", Analysis + "The AUTO_INCREMENT column must be BIGINT")]
    [InlineData("CREATE TABLE t (id INT, v MAP<JSON, INT>) DUPLICATE KEY(id)", Analysis + "Invalid map.key's type: JSON")]
    [InlineData("CREATE TABLE t (id INT) DUPLICATE KEY(id) PROPERTIES (\"replication_num\" = \"0\")", "Replication num should larger than 0")]
    public void Refusals_UseStarRocksMessages(string sql, string message) => Assert.Equal(message, Refusal(sql));

    [Fact]
    public void Refusals_AreErrorCode1064() =>
        Assert.Equal(1064, Assert.Throws<StarRocksSqlException>(() => Resolve("CREATE TABLE t (id INT NULL) PRIMARY KEY(id)")).ErrorCode);

    [Fact]
    public void FirstFailureWins_KeysBeforeDistribution() =>
        Assert.Equal(Analysis + "primary key column[id] cannot be nullable",
            Refusal("CREATE TABLE t (id INT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY RANDOM"));

    [Fact]
    public void NoKeyClause_InfersDuplicateKeyPrefix()
    {
        var table = Resolve("CREATE TABLE t (a INT, b BIGINT, c VARCHAR(10), d INT)");
        Assert.Equal(TableKind.Duplicate, table.Kind);
        Assert.Equal(["a", "b", "c"], table.KeyColumns);
        Assert.Equal(["a", "b"], Resolve("CREATE TABLE t (a INT, b BIGINT, f FLOAT)").KeyColumns);
        Assert.Equal(["s"], Resolve("CREATE TABLE t (s VARCHAR(100), b BIGINT)").KeyColumns);
    }

    [Fact]
    public void NoKeyClause_WithAggregates_InfersAggregateKey()
    {
        var table = Resolve("CREATE TABLE t (a INT, b DATE, v BIGINT SUM) DISTRIBUTED BY HASH(a)");
        Assert.Equal(TableKind.Aggregate, table.Kind);
        Assert.Equal(["a", "b"], table.KeyColumns);
    }

    [Fact]
    public void ValidForms_Resolve()
    {
        Resolve("CREATE TABLE t (id BIGINT, v STRING, j JSON, b BITMAP, h HLL) DUPLICATE KEY(id) DISTRIBUTED BY RANDOM BUCKETS 4");
        Resolve("CREATE TABLE t (id BIGINT NOT NULL, d DATETIME NOT NULL, v INT REPLACE) PRIMARY KEY(id, d) PARTITION BY date_trunc('month', d) DISTRIBUTED BY HASH(id) ORDER BY (d)");
        Resolve("CREATE TABLE t (id INT NOT NULL, u BITMAP BITMAP_UNION, h HLL HLL_UNION, m INT MAX, r VARCHAR(5) REPLACE_IF_NOT_NULL) AGGREGATE KEY(id) DISTRIBUTED BY HASH(id) ORDER BY (id)");
        Resolve("CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT, t DATETIME DEFAULT CURRENT_TIMESTAMP, b BOOLEAN DEFAULT \"true\") PRIMARY KEY(id)");
        Resolve("CREATE TABLE t (ts DATETIME NOT NULL, v INT) DUPLICATE KEY(ts) PARTITION BY time_slice(ts, INTERVAL 1 hour) DISTRIBUTED BY HASH(v)");
    }

    [Fact]
    public void PrimaryKeyColumns_WithoutNullability_AreNotNull()
    {
        var table = Resolve("CREATE TABLE t (id INT, v INT) PRIMARY KEY(id)");
        Assert.False(CreateTableValidator.IsNullable(table.Columns[0], TableKind.Primary, isKey: true));
        Assert.True(CreateTableValidator.IsNullable(table.Columns[1], TableKind.Primary, isKey: false));
        Assert.True(CreateTableValidator.IsNullable(table.Columns[0], TableKind.Duplicate, isKey: true));
    }
}
