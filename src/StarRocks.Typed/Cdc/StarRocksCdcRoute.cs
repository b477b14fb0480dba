namespace StarRocks.Typed.Cdc;

/// <summary>
/// A routing rule, as Flink CDC's pipeline <c>route</c> block writes it (Flink CDC docs, "Route"): source tables matching
/// <see cref="SourceTable"/> go to <see cref="SinkTable"/>. Configured as <c>route:0:source-table</c>, … (a list).
/// </summary>
public sealed class StarRocksCdcRoute
{
    /// <summary><c>source-table</c>: a <c>database.table</c> pattern (regular expressions; <c>\.</c> is the any-character dot).</summary>
    public string? SourceTable { get; set; }

    /// <summary><c>sink-table</c>: the StarRocks <c>database.table</c> (or a table in the source's database); may use <c>$1</c>… and <see cref="ReplaceSymbol"/>.</summary>
    public string? SinkTable { get; set; }

    /// <summary><c>replace-symbol</c>: text of <see cref="SinkTable"/> that stands for the source table's name, e.g. <c>&lt;&gt;</c>.</summary>
    public string? ReplaceSymbol { get; set; }

    /// <summary><c>description</c>: what the rule is for.</summary>
    public string? Description { get; set; }
}
