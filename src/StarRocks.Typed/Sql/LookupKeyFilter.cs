using System.Data.Common;
using System.Text;
using StarRocks.Typed.Source;

namespace StarRocks.Typed.Sql;

/// <summary>
/// The <c>WHERE</c> condition of a lookup query: the rows whose key is one of a batch of keys, values bound as parameters.
/// </summary>
/// <remarks>
/// <para>One key column: <c>`k` IN (@k0_0, @k1_0, …)</c>.</para>
/// <para>
/// Several key columns: <c>`a` IN (…) AND `b` IN (…) AND ((`a` = @k0_0 AND `b` = @k0_1) OR (…))</c>. The row-constructor
/// form <c>(a, b) IN ((1, 'x'), …)</c> that MariaDB and MySQL accept is a syntax error on StarRocks: its grammar
/// (StarRocks repo <c>fe/fe-core/src/main/java/com/starrocks/sql/parser/StarRocks.g4</c>, rule <c>predicate</c>) allows a
/// row constructor before <c>IN</c> only as <c>tupleInSubquery</c>, with a subquery after it. A join against a
/// <c>VALUES</c> or <c>UNION ALL</c> derived table would parse too, but makes every lookup a join with a constant
/// relation (and a 10 000-branch <c>UNION ALL</c> a deep query tree), whereas a filter keeps it a scan of one table:
/// single-column <c>IN</c> predicates are what StarRocks pushes down to the storage layer as column predicates
/// (checked against zone maps and bloom filters, and turned into prefix-index ranges when the lists are short) and what
/// MariaDB's range optimizer turns into primary-key ranges; an <c>OR</c> across columns alone gives neither. The
/// disjunction then keeps exactly the requested combinations. The disjunction is nested as a balanced tree, so its depth grows with the
/// logarithm of the batch (14 levels for 10 000 keys): a flat chain of 10 000 <c>OR</c>s is a 10 000-deep expression
/// tree, which StarRocks's recursive AST builder and analyzer are not written for (newer versions rebalance such chains,
/// <c>fe/fe-core/src/main/java/com/starrocks/sql/parser/rewriter/CompoundPredicateExprRewriter.java</c>).
/// </para>
/// <para>
/// Limits: StarRocks's parser refuses an expression list (here an <c>IN</c> list) of more than <c>expr_children_limit</c>
/// expressions (<see cref="StarRocksSqlText.ExprChildrenLimit"/>); an <c>IN</c> list holds at most one value per key of
/// the batch, so a batch of up to that many keys (<c>lookup.batch.max-keys</c> is capped there) always fits. The
/// <c>AND</c>/<c>OR</c> operands are not an expression list and are not counted.
/// </para>
/// </remarks>
internal static class LookupKeyFilter
{
    /// <summary>
    /// Appends to <paramref name="sql"/> the condition selecting <paramref name="keys"/> (each the parts of one key, in
    /// the order of <paramref name="keyColumns"/>, already quoted) and adds the parameters <c>@k{key}_{part}</c> to
    /// <paramref name="command"/>.
    /// </summary>
    public static void Append(StringBuilder sql, DbCommand command, IReadOnlyList<string> keyColumns, IReadOnlyList<object?[]> keys)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count, nameof(keys));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keys.Count, StarRocksSqlText.ExprChildrenLimit, nameof(keys));
        for (var k = 0; k < keys.Count; k++)
        {
            for (var p = 0; p < keyColumns.Count; p++)
            {
                StarRocksSqlText.AddParameter(command, ParameterName(k, p), keys[k][p]);
            }
        }

        for (var p = 0; p < keyColumns.Count; p++)
        {
            AppendInList(sql.Append(p > 0 ? " AND " : ""), keyColumns[p], keys, p);
        }

        if (keyColumns.Count > 1)
        {
            AppendDisjunction(sql.Append(" AND "), keyColumns, 0, keys.Count - 1);
        }
    }

    private static string ParameterName(int key, int part) => $"@k{key}_{part}";

    /// <summary><c>`col` IN (…)</c> with the parameter of the first key that has each distinct value of part <paramref name="part"/>.</summary>
    private static void AppendInList(StringBuilder sql, string column, IReadOnlyList<object?[]> keys, int part)
    {
        sql.Append(column).Append(" IN (");
        var seen = new HashSet<object?>();
        var first = true;
        for (var k = 0; k < keys.Count; k++)
        {
            if (seen.Add(keys[k][part]))
            {
                sql.Append(first ? "" : ", ").Append(ParameterName(k, part));
                first = false;
            }
        }

        sql.Append(')');
    }

    /// <summary>The keys <paramref name="from"/>..<paramref name="to"/> as a balanced, parenthesized tree of <c>OR</c>s.</summary>
    private static void AppendDisjunction(StringBuilder sql, IReadOnlyList<string> keyColumns, int from, int to)
    {
        if (from == to)
        {
            sql.Append('(');
            for (var p = 0; p < keyColumns.Count; p++)
            {
                sql.Append(p > 0 ? " AND " : "").Append(keyColumns[p]).Append(" = ").Append(ParameterName(from, p));
            }

            sql.Append(')');
            return;
        }

        var middle = from + ((to - from) / 2);
        sql.Append('(');
        AppendDisjunction(sql, keyColumns, from, middle);
        sql.Append(" OR ");
        AppendDisjunction(sql, keyColumns, middle + 1, to);
        sql.Append(')');
    }
}
