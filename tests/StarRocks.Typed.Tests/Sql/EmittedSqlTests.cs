using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Lookup;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;
using StarRocks.Typed.StandIn.Sql;
using StarRocks.Typed.Tests.Source;

namespace StarRocks.Typed.Tests.Sql;

/// <summary>
/// Every kind of SQL the library sends to StarRocks, built for every table model of this assembly, passes the
/// stand-in's StarRocks parser (StarRocks.g4's rules; CREATE TABLE also its analyzer rules).
/// </summary>
public sealed partial class EmittedSqlTests
{
    private static readonly string[] IntegerTypes = ["TINYINT", "SMALLINT", "INT", "BIGINT"];

    [Fact]
    public void The_stand_ins_StarRocks_parser_accepts_all_SQL_the_library_emits()
    {
        var statements = new List<(string What, string Sql)>();
        foreach (var table in StarRocksTables.All)
        {
            var name = $"{table.Database}.{table.Table}";
            statements.Add(($"{name}: CREATE TABLE", table.CreateTableSql));
            statements.AddRange(DriftFixes(table).Select(sql => ($"{name}: drift fix", sql)));
            statements.AddRange(SourceQueries(table).Select(sql => ($"{name}: source", sql)));
        }

        statements.Add(("drift check", Inline(LiveColumns.Sql, ("@db", "lab"), ("@table", "prices"))));
        foreach (var keys in new[] { 1, 10_000 })
        {
            statements.Add(($"lookup, 1 key column, {keys} keys", LookupQuery(LookupCustomer.Table, keys, i => [(long)i])));
            statements.Add(($"lookup, 2 key columns, {keys} keys", LookupQuery(LookupPrice.Table, keys, i => [new DateOnly(2026, 1, 1).AddDays(i / 100), i % 100])));
            statements.Add(($"lookup, 3 key columns, {keys} keys", LookupQuery(LookupRegionalPrice.Table, keys, i => [$"r{i % 3}", new DateOnly(2026, 1, 1).AddDays(i / 300), i % 100])));
        }

        var refused = new List<string>();
        foreach (var (what, sql) in statements)
        {
            try
            {
                var statement = StarRocksSqlParser.Parse(sql);
                Assert.NotNull(statement);
                if (statement is CreateTableStatement create)
                {
                    CreateTableValidator.Resolve(create);
                }
            }
            catch (StarRocksSqlException e)
            {
                refused.Add($"{what}: {e.Message}\n  {(sql.Length > 300 ? sql[..300] + "…" : sql)}");
            }
        }

        Assert.True(refused.Count == 0, string.Join("\n", refused));
        Assert.Equal(StarRocksSqlParser.ExprChildrenLimit, StarRocksSqlText.ExprChildrenLimit);
        Assert.Contains(statements, s => s.What == "lookup, 3 key columns, 10000 keys");
        Assert.True(statements.Count > 3 * StarRocksTables.All.Length, $"only {statements.Count} statements");
    }

    /// <summary>ADD (at every position), MODIFY and DROP COLUMN for each column, as <see cref="SchemaDriftChecker"/> writes them.</summary>
    private static IEnumerable<string> DriftFixes(StarRocksTableInfo table)
    {
        for (var i = 0; i < table.Columns.Length; i++)
        {
            yield return StarRocksSqlText.AddColumn(table, null, i);
            yield return StarRocksSqlText.ModifyColumn(table, "other_db", i);
        }

        yield return StarRocksSqlText.DropColumn(table, null, "legacy");
    }

    /// <summary>Whole-table, projected and filtered, and split reads (MIN/MAX probe, range, NULL and resumed slices).</summary>
    private static IEnumerable<string> SourceQueries(StarRocksTableInfo table)
    {
        var options = new StarRocksReadOptions();
        var whole = ReadPlan.Create(table, StarRocksReadRequest.All, null, options);
        yield return whole.SliceSql(ScanSlice.Whole, null, null);
        yield return whole.SliceSql(ScanSlice.Whole, null, 10);

        var last = table.Columns[^1];
        var projected = ReadPlan.Create(table, new StarRocksReadRequest
        {
            Columns = [last.MemberName],
            Where = $"{StarRocksSqlText.Quote(last.Name)} IS NOT NULL AND {StarRocksSqlText.Quote(table.Columns[0].Name)} IN (@a, @b)",
        }, null, options);
        yield return Inline(projected.SliceSql(ScanSlice.Whole, null, null), ("@a", 1), ("@b", "x"));

        if (table.Columns.FirstOrDefault(c => IntegerTypes.Contains(c.StarRocksType, StringComparer.OrdinalIgnoreCase)) is { } integer)
        {
            var split = ReadPlan.Create(table, new StarRocksReadRequest { SplitColumn = integer.Name, Where = "1 = 1" }, "other_db", options);
            yield return split.SplitRangeSql();
            yield return Inline(split.SliceSql(ScanSlice.Range(-5, 100), null, null), ("@__from", -5L), ("@__to", 100L));
            yield return Inline(split.SliceSql(ScanSlice.Range(0, 100), 42, 1000), ("@__from", 0L), ("@__to", 100L), ("@__resume", 42L));
            yield return split.SliceSql(ScanSlice.Nulls, null, null);
        }
    }

    /// <summary>The lookup query of <paramref name="count"/> keys, parameters inlined as the client inlines them.</summary>
    private static string LookupQuery(StarRocksTableInfo table, int count, Func<int, object?[]> key)
    {
        using var command = new MySqlCommand();
        var sql = new StringBuilder(StarRocksLookup<LookupCustomer, long>.QueryPrefix(table, null));
        LookupKeyFilter.Append(sql, command, table.KeyColumns.Select(c => StarRocksSqlText.Quote(c.Name)).ToArray(),
            Enumerable.Range(0, count).Select(key).ToArray());
        return Inline(sql.ToString(), command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray());
    }

    /// <summary>
    /// <paramref name="sql"/> with each <c>@name</c> replaced by its value as a literal, as the client-side
    /// binding sends it (strings quoted, dates as <c>'yyyy-MM-dd HH:mm:ss'</c>).
    /// </summary>
    private static string Inline(string sql, params (string Name, object? Value)[] parameters)
    {
        var values = parameters.ToDictionary(p => p.Name, p => p.Value);
        return Placeholder().Replace(sql, match => values.TryGetValue(match.Value, out var value) ? Literal(value) : match.Value);
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime time => "'" + time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'",
        DateOnly day => "'" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    [GeneratedRegex("@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Placeholder();
}
