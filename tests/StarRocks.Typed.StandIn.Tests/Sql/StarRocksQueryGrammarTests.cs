using System.Text;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.Tests.Sql;

/// <summary>Accepted/refused pairs for the query grammar (StarRocks.g4's queryStatement, expression and DML rules).</summary>
public sealed class StarRocksQueryGrammarTests
{
    private static StarRocksSqlException SyntaxError(string sql) =>
        Assert.Throws<StarRocksSqlException>(() => StarRocksSqlParser.Parse(sql));

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT * FROM t")]
    [InlineData("SELECT t.*, `d`.`t`.`c` FROM `d`.`t` AS t")]
    [InlineData("SELECT /*+ SET_VAR(query_timeout=600) */ `id`, `name` FROM `db`.`items` WHERE `id` BETWEEN 1 AND 10 AND `name` IS NOT NULL ORDER BY `id` LIMIT 100")]
    [InlineData("SELECT MIN(`k`), MAX(`k`), COUNT(*) - COUNT(`k`) FROM `d`.`t` WHERE (`v` > 0)")]
    [InlineData("SELECT id, COUNT(*) FROM events GROUP BY id HAVING COUNT(*) > 1")]
    [InlineData("SELECT COUNT(DISTINCT a, b), SUM(name = 'x'), AVG(DISTINCT v) FROM t")]
    [InlineData("SELECT a FROM t WHERE a IN (1, 2, 3) AND b NOT IN ('x', \"y\") OR c LIKE 'p%' AND d NOT BETWEEN 1 AND 2")]
    [InlineData("SELECT a FROM t WHERE (a, b) IN (SELECT x, y FROM u)")]
    [InlineData("SELECT a FROM t WHERE a IN (SELECT x FROM u) AND EXISTS (SELECT 1 FROM u WHERE u.x = t.a)")]
    [InlineData("SELECT CAST(a AS VARCHAR(10)), CAST(b AS DECIMAL(10, 2)), CAST(c AS SIGNED), CONVERT(d, DATETIME) FROM t")]
    [InlineData("SELECT CASE WHEN a > 1 THEN 'x' WHEN a < 0 THEN 'y' ELSE 'z' END, CASE a WHEN 1 THEN 2 END FROM t")]
    [InlineData("SELECT IF(a, 1, 2), LEFT(s, 2), REPLACE(s, 'a', 'b'), MOD(a, 3), a DIV 2, a % 2, -a, ~a, !a FROM t")]
    [InlineData("SELECT x.a FROM (SELECT a FROM t) x JOIN u ON x.a = u.a LEFT OUTER JOIN v USING (a) CROSS JOIN w")]
    [InlineData("SELECT a FROM t UNION ALL SELECT b FROM u UNION SELECT c FROM v ORDER BY 1 LIMIT 2, 3")]
    [InlineData("(SELECT a FROM t) UNION ALL (SELECT b FROM u)")]
    [InlineData("SELECT a FROM t LEFT SEMI JOIN u ON t.a = u.a RIGHT ANTI JOIN v ON v.a = t.a FULL JOIN w ON w.a = t.a INNER JOIN x USING (a)")]
    [InlineData("WITH c (x) AS (SELECT 1) SELECT x FROM c")]
    [InlineData("SELECT k.a FROM (VALUES (1, 'x'), (2, 'y')) AS k (a, b)")]
    [InlineData("SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t")]
    [InlineData("SELECT DATE '2024-01-01', DATETIME '2024-01-01 00:00:00', INTERVAL 1 DAY, NULL, TRUE, 1.5e3, .5, X'0A' FROM dual")]
    [InlineData("SELECT @x, @@query_timeout, @@session.sql_mode, current_version(), CURRENT_TIMESTAMP, NOW()")]
    [InlineData("SELECT a FROM t WHERE a <=> NULL AND b <> 1 AND c != 2 AND d >= 3 AND e <= 4 AND f && g || h")]
    [InlineData("SELECT a FROM t PARTITION (p1, p2) WHERE `rank` = 1 LIMIT 10 OFFSET 5;")]
    [InlineData("SELECT seq FROM seq_1_to_200000")]
    [InlineData("UPDATE `d`.`customers` SET tier = 'new', name = DEFAULT WHERE customer_id IN (1, 2)")]
    [InlineData("DELETE FROM `d`.`t` WHERE id = 5")]
    public void Accepts(string sql) => Assert.NotNull(StarRocksSqlParser.Parse(sql));

    // The lookup of issue 11: a row constructor before IN needs a subquery after it (StarRocks.g4 tupleInSubquery).
    [Theory]
    [InlineData("SELECT a FROM t WHERE (a, b) IN ((1, 'x'), (2, 'y'))", 33, "(")]
    [InlineData("SELECT a FROM t WHERE (a, b) IN (1, 2)", 33, "1")]
    [InlineData("SELECT a FROM t WHERE a IN ()", 28, ")")]
    [InlineData("SELECT a FROM t WHERE a XOR b", 24, "XOR")]
    [InlineData("SELECT a FROM t WHERE a IS TRUE", 27, "TRUE")]
    [InlineData("SELECT a FROM t ORDER BY a UNION SELECT b FROM u", 27, "UNION")]
    [InlineData("SELECT a, FROM t", 10, "FROM")]
    [InlineData("SELECT rank FROM t", 7, "rank")]
    [InlineData("SELECT a FROM order", 14, "order")]
    [InlineData("SELECT a FROM t LIMIT -1", 22, "-")]
    [InlineData("SELECT a FROM t LEFT JOIN u", 27, "<EOF>")]
    [InlineData("SELECT a FROM t FULL SEMI JOIN u ON t.a = u.a", 21, "SEMI")]
    [InlineData("SELECT ROW_NUMBER() FROM t", 20, "FROM")]
    [InlineData("SELECT a FROM t WHERE a = 1 b", 28, "b")]
    [InlineData("UPDATE t SET a = 1 WHERE", 24, "<EOF>")]
    public void Refuses(string sql, int column, string near)
    {
        var error = SyntaxError(sql);
        Assert.Equal(StarRocksSqlException.SyntaxErrorCode, error.ErrorCode);
        Assert.StartsWith($"Getting syntax error at line 1, column {column}. Detail message: Unexpected input '{near}', the most similar input is {{", error.Message);
    }

    [Fact]
    public void ReportsLineAndColumnOnLaterLines()
    {
        var error = SyntaxError("SELECT a\nFROM t\nWHERE (a, b) IN ((1, 2))");
        Assert.StartsWith("Getting syntax error at line 3, column 17.", error.Message);
    }

    // PostProcessListener.exitExpressionList: an expression list may hold expr_children_limit (10000) expressions.
    [Fact]
    public void InList_AllowsTenThousandValuesAndRefusesMore()
    {
        Assert.NotNull(StarRocksSqlParser.Parse(InQuery(10_000)));
        var error = SyntaxError(InQuery(10_001));
        Assert.Equal(
            "Getting syntax error from line 1, column 28 to line 1, column " + (28 + (10_000 * 2)) + ". Detail message: The number of exprs are 10001 exceeded the maximum limit 10000, please consider modify 'expr_children_limit' in FE conf.",
            error.Message);
    }

    [Fact]
    public void InsertValues_AllowsTenThousandRowsAndRefusesMore()
    {
        Assert.IsType<InsertStatement>(StarRocksSqlParser.Parse(InsertValues(10_000)));
        Assert.Contains("Detail message: The inserted rows are 10001 exceeded the maximum limit 10000", SyntaxError(InsertValues(10_001)).Message);
    }

    [Fact]
    public void DeeplyNestedBalancedDisjunction_ParsesInLinearTime()
    {
        // The lookup's composite-key filter: 10 000 conjunctions under a balanced tree of ORs.
        var sql = new StringBuilder("SELECT a FROM t WHERE ");
        AppendBalanced(sql, 0, 9_999);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.NotNull(StarRocksSqlParser.Parse(sql.ToString()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    private static void AppendBalanced(StringBuilder sql, int from, int to)
    {
        if (from == to)
        {
            sql.Append("(a = ").Append(from).Append(" AND b = 'k").Append(from).Append("')");
            return;
        }
        int middle = (from + to) / 2;
        sql.Append('(');
        AppendBalanced(sql, from, middle);
        sql.Append(" OR ");
        AppendBalanced(sql, middle + 1, to);
        sql.Append(')');
    }

    // Every value is one character and a comma: "0,0,0,...".
    private static string InQuery(int values) => "SELECT a FROM t WHERE a IN (" + string.Join(",", Enumerable.Repeat("0", values)) + ")";

    private static string InsertValues(int rows) => "INSERT INTO t VALUES " + string.Join(", ", Enumerable.Repeat("(1)", rows));
}
