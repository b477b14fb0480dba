using System.Globalization;
using System.Text;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Source;

/// <summary>A range of a split read: <c>From ≤ split ≤ To</c>, the <c>IS NULL</c> slice, or the whole table.</summary>
internal readonly record struct ScanSlice(long From, long To, bool IsRange, bool IsNull)
{
    public static ScanSlice Whole => default;

    public static ScanSlice Nulls => new(0, 0, false, true);

    public static ScanSlice Range(long from, long to) => new(from, to, true, false);
}

/// <summary>
/// The SQL and reader ordinals of one read request: the projected columns in table order, then (split reads) the split
/// column again, so <see cref="System.Data.CommandBehavior.SequentialAccess"/> readers see ordinals only ascend.
/// </summary>
internal sealed class ReadPlan
{
    private readonly string _selectFrom;
    private readonly string _from;
    private readonly string? _where;
    private readonly string? _orderBy;

    private ReadPlan(StarRocksTableInfo table, StarRocksReadRequest request, string? database, StarRocksReadOptions options)
    {
        var columns = table.Columns;
        var selected = new bool[columns.Length];
        if (request.Columns is null)
        {
            selected.AsSpan().Fill(true);
        }
        else
        {
            foreach (var name in request.Columns)
            {
                selected[IndexOf(table, name)] = true;
            }

            if (request.IncludeKeyColumns)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    selected[i] |= columns[i].IsKey;
                }
            }
        }

        Ordinals = new int[columns.Length];
        var select = new StringBuilder("SELECT /*+ SET_VAR(query_timeout=")
            .Append(options.ScanQueryTimeoutSeconds.ToString(CultureInfo.InvariantCulture))
            .Append(", query_mem_limit=").Append(options.ScanMemLimitBytes.ToString(CultureInfo.InvariantCulture)).Append(") */ ");
        var next = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            Ordinals[i] = selected[i] ? next++ : -1;
            if (selected[i])
            {
                select.Append(next > 1 ? ", " : "").Append(StarRocksSqlText.Quote(columns[i].Name));
            }
        }

        if (next == 0)
        {
            throw new ArgumentException("The read selects no column.", nameof(request));
        }

        if (request.SplitColumn is { } splitName)
        {
            var split = columns[IndexOf(table, splitName)];
            SplitColumn = StarRocksSqlText.Quote(split.Name);
            SplitOrdinal = next;
            SplitIsNullable = split.IsNullable;
            select.Append(", ").Append(SplitColumn);
            if (options.ScanMaxRetries > 0)
            {
                // Retried slices resume after the last yielded split value, so slices come in split (then key) order.
                _orderBy = " ORDER BY " + string.Join(", ", new[] { SplitColumn }.Concat(table.KeyColumns.Select(c => StarRocksSqlText.Quote(c.Name))).Distinct());
            }
        }

        _from = " FROM " + StarRocksSqlText.QualifiedName(table, database);
        _selectFrom = select.Append(_from).ToString();
        _where = string.IsNullOrWhiteSpace(request.Where) ? null : request.Where;
        Request = request;
    }

    public StarRocksReadRequest Request { get; }

    /// <summary>Reader ordinal of each table column, or -1.</summary>
    public int[] Ordinals { get; }

    /// <summary>The quoted split column, or null.</summary>
    public string? SplitColumn { get; }

    /// <summary>The reader ordinal of the appended split column.</summary>
    public int SplitOrdinal { get; }

    public bool SplitIsNullable { get; }

    public static ReadPlan Create(StarRocksTableInfo table, StarRocksReadRequest request, string? database, StarRocksReadOptions options) =>
        new(table, request, database, options);

    /// <summary>The query of <paramref name="slice"/>; with <paramref name="resumeFrom"/>, only split values from there on.</summary>
    public string SliceSql(ScanSlice slice, long? resumeFrom, long? limit)
    {
        var conditions = new List<string>(3);
        if (_where is not null)
        {
            conditions.Add("(" + _where + ")");
        }

        if (slice.IsRange)
        {
            conditions.Add($"{SplitColumn} BETWEEN @__from AND @__to");
        }
        else if (slice.IsNull)
        {
            conditions.Add($"{SplitColumn} IS NULL");
        }

        if (resumeFrom is not null)
        {
            conditions.Add($"{SplitColumn} >= @__resume");
        }

        var sql = new StringBuilder(_selectFrom);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(_orderBy);
        if (limit is { } rows)
        {
            sql.Append(" LIMIT ").Append(rows.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }

    /// <summary>MIN, MAX and the count of NULLs of the split column among the filtered rows.</summary>
    public string SplitRangeSql() =>
        $"SELECT MIN({SplitColumn}), MAX({SplitColumn}), COUNT(*) - COUNT({SplitColumn}){_from}" + (_where is null ? "" : " WHERE (" + _where + ")");

    /// <summary>Equal-width ranges over [min, max], at most one per value, plus the NULL slice when there are NULLs.</summary>
    public static List<ScanSlice> Slices(long min, long max, long nulls, int count)
    {
        var slices = new List<ScanSlice>(count + 1);
        var span = (Int128)max - min + 1;
        var pieces = (int)Int128.Min(count, span);
        var width = (span + pieces - 1) / pieces;
        for (Int128 from = min; from <= max; from += width)
        {
            slices.Add(ScanSlice.Range((long)from, (long)Int128.Min(from + width - 1, max)));
        }

        if (nulls > 0)
        {
            slices.Add(ScanSlice.Nulls);
        }

        return slices;
    }

    private static int IndexOf(StarRocksTableInfo table, string name)
    {
        var columns = table.Columns;
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].MemberName == name || columns[i].Name == name)
            {
                return i;
            }
        }

        for (var i = 0; i < columns.Length; i++)
        {
            if (string.Equals(columns[i].MemberName, name, StringComparison.OrdinalIgnoreCase) || string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentException($"{table.Database}.{table.Table} has no member or column '{name}'.", nameof(name));
    }
}
