using System.Text;
using System.Text.RegularExpressions;

namespace StarRocks.Typed.Cdc;

/// <summary>A route's target: the StarRocks database and table, and whether the route merges several source tables into it.</summary>
/// <param name="Database">The StarRocks database.</param>
/// <param name="Table">The StarRocks table.</param>
/// <param name="Merged">Whether the route merges tables: its source pattern matches more than one name and its sink table names no part of it (many-to-one).</param>
internal readonly record struct CdcRoute(string Database, string Table, bool Merged);

/// <summary>
/// Which source tables are copied and where to, as Flink CDC's pipelines select and route tables (Flink CDC docs, "Route"
/// and the MySQL pipeline connector's <c>tables</c> / <c>tables.exclude</c>): a table is copied when it matches
/// <c>tables</c> (all when unset) and not <c>tables.exclude</c>; the first <c>route</c> whose <c>source-table</c> matches
/// names its StarRocks table, else it keeps its database and table names.
/// Patterns are <c>database.table</c>, each part a regular expression matched whole; the unescaped dot separates the parts
/// and <c>\.</c> stands for the regular expression's any-character dot (<c>shop.order_\.*</c>); a list separates patterns
/// with commas. A route's <c>sink-table</c> (<c>database.table</c>, or a table kept in the source database) may use
/// <c>$1</c>… for the source pattern's groups and its <c>replace-symbol</c> (e.g. <c>&lt;&gt;</c>) for the source table's
/// name: prefix and suffix (<c>ods.ods_&lt;&gt;</c>), regex replace (<c>shop.order_(\.*)</c> → <c>ods.orders_$1</c>), or
/// many-to-one merge (<c>shop.order_\.*</c> → <c>ods.orders</c>).
/// </summary>
internal sealed partial class CdcTableRouter
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;
    private readonly (Regex Source, StarRocksCdcRoute Route)[] _routes;

    /// <summary>Compiles the options' patterns (checked by <see cref="StarRocksCdcOptions.GetFailures"/>).</summary>
    public CdcTableRouter(StarRocksCdcOptions options)
    {
        _include = Patterns(options.Tables);
        _exclude = Patterns(options.TablesExclude);
        _routes = [.. options.Routes.Select(r => (Pattern(r.SourceTable!), r))];
    }

    /// <summary>The StarRocks table of <paramref name="source"/>, or null when it is not copied.</summary>
    public CdcRoute? Route(CdcTableId source)
    {
        var name = source.Database + "." + source.Table;
        if ((_include.Length > 0 && !_include.Any(p => p.IsMatch(name))) || _exclude.Any(p => p.IsMatch(name)))
        {
            return null;
        }

        foreach (var (pattern, route) in _routes)
        {
            if (pattern.Match(name) is { Success: true } match)
            {
                var symbol = route.ReplaceSymbol;
                var sink = route.SinkTable!;
                var merged = !IsLiteral(route.SourceTable!) && (symbol is null || !sink.Contains(symbol, StringComparison.Ordinal)) && !GroupReference().IsMatch(sink);
                sink = match.Result(sink.Replace("$$", "\0", StringComparison.Ordinal)).Replace("\0", "$", StringComparison.Ordinal);
                if (symbol is not null)
                {
                    sink = sink.Replace(symbol, source.Table, StringComparison.Ordinal);
                }

                var dot = sink.IndexOf('.', StringComparison.Ordinal);
                return dot < 0 ? new CdcRoute(source.Database, sink, merged) : new CdcRoute(sink[..dot], sink[(dot + 1)..], merged);
            }
        }

        return new CdcRoute(source.Database, source.Table, Merged: false);
    }

    /// <summary>Why <paramref name="patterns"/> (a comma-separated list) is not a valid table pattern list, or null.</summary>
    public static string? Check(string patterns)
    {
        try
        {
            _ = Patterns(patterns);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static Regex[] Patterns(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Pattern)];

    /// <summary><c>db.table</c> → <c>^(?:db)\.(?:table)$</c>: the first unescaped dot separates, <c>\.</c> is the any-character dot.</summary>
    private static Regex Pattern(string pattern)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] == '.')
            {
                part.Append('.');
                i++;
            }
            else if (pattern[i] == '.' && parts.Count == 0)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
            else
            {
                part.Append(pattern[i]);
            }
        }

        parts.Add(part.ToString());
        if (parts.Count != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"'{pattern}' is not a database.table pattern (write \\. for a regular expression's any character).");
        }

        return new Regex($"^(?:{parts[0]})\\.(?:{parts[1]})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Whether a pattern matches one name only (no regular expression syntax besides the separating dot).</summary>
    private static bool IsLiteral(string pattern) => pattern.Split('.', 2) is [var database, var table] && Regex.Escape(database) == database && Regex.Escape(table) == table;

    [GeneratedRegex(@"(?<!\$)\$(\d+|\{\w+\})")]
    private static partial Regex GroupReference();
}
