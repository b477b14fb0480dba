using System.Collections.Immutable;

namespace StarRocks.Typed.Schema;

/// <summary>How a live column differs from the model.</summary>
public enum StarRocksColumnDriftKind
{
    /// <summary>The model has the column, the table does not.</summary>
    Missing,

    /// <summary>The table has a column the model does not map.</summary>
    Extra,

    /// <summary>Both have the column with different types.</summary>
    Mistyped,

    /// <summary>
    /// Both have the column with the same type; the table takes NULL, the model's member does not (a NULL read back
    /// cannot be materialized). StarRocks does not change a column from nullable to non-nullable in place.
    /// </summary>
    TableTakesNull,

    /// <summary>Both have the column with the same type; the model writes NULL, the table refuses it (the load filters the row).</summary>
    TableRefusesNull,
}

/// <summary>One difference between a model and its live table, with the statement that would fix it.</summary>
/// <param name="Column">The column name.</param>
/// <param name="Kind">What differs.</param>
/// <param name="ModelType">The model's StarRocks type (null for extra columns).</param>
/// <param name="TableType">The live type from <c>information_schema.columns</c> (null for missing columns).</param>
/// <param name="FixSql">
/// The <c>ALTER TABLE</c> statement (StarRocks syntax) that makes the table match the model, or null when StarRocks
/// cannot modify the column in place (a shorter string, a narrower type: <c>SchemaChangeTypeCompatibility</c>; nullable
/// to non-nullable; another default: <c>Column.checkSchemaChangeAllowed</c>; a PRIMARY KEY table's key column); then
/// the table must be recreated or the model changed.
/// </param>
public sealed record StarRocksColumnDrift(string Column, StarRocksColumnDriftKind Kind, string? ModelType, string? TableType, string? FixSql)
{
    /// <summary>What differs, e.g. <c>TableRefusesNull column qty (model INT NULL, table int NOT NULL)</c>.</summary>
    public override string ToString() => Kind switch
    {
        StarRocksColumnDriftKind.TableTakesNull => $"{Kind} column {Column} (model {ModelType} NOT NULL, table {TableType} NULL)",
        StarRocksColumnDriftKind.TableRefusesNull => $"{Kind} column {Column} (model {ModelType} NULL, table {TableType} NOT NULL)",
        _ => $"{Kind} column {Column} (model {ModelType ?? "-"}, table {TableType ?? "-"})",
    };
}

/// <summary>The result of comparing a model with its live table.</summary>
/// <param name="Database">The database checked.</param>
/// <param name="Table">The table checked.</param>
/// <param name="TableExists">Whether the table exists at all.</param>
/// <param name="Columns">The differences, model columns first (table order), then extra columns.</param>
public sealed record StarRocksSchemaDrift(string Database, string Table, bool TableExists, ImmutableArray<StarRocksColumnDrift> Columns)
{
    /// <summary>Whether the live table matches the model.</summary>
    public bool IsEmpty => TableExists && Columns.IsEmpty;

    /// <inheritdoc />
    public override string ToString() => IsEmpty
        ? $"{Database}.{Table} matches its model."
        : !TableExists
            ? $"{Database}.{Table} does not exist."
            : $"{Database}.{Table} differs from its model:" + string.Concat(Columns.Select(c =>
                $"{Environment.NewLine}  {c}: {c.FixSql ?? "StarRocks cannot modify the column in place; recreate the table or change the model"}"));
}

/// <summary>Thrown on start when <c>CheckSchemaOnStart</c> is set to fail and a table differs from its model.</summary>
/// <param name="drift">The differences.</param>
public sealed class StarRocksSchemaDriftException(StarRocksSchemaDrift drift) : Exception(drift.ToString())
{
    /// <summary>The differences.</summary>
    public StarRocksSchemaDrift Drift { get; } = drift;
}
