namespace StarRocks.Typed.Cdc;

/// <summary>What a row change does to its table.</summary>
public enum CdcRowKind
{
    /// <summary>A new row (Debezium <c>c</c> and snapshot reads <c>r</c>).</summary>
    Insert,

    /// <summary>A changed row (Debezium <c>u</c>): an upsert of the after image.</summary>
    Update,

    /// <summary>A deleted row (Debezium <c>d</c>): the before image, at least its primary key.</summary>
    Delete,
}

/// <summary>A change to a source table's schema or existence, in the order the stream carries it.</summary>
/// <param name="Table">The source table.</param>
public abstract record CdcSchemaEvent(CdcTableId Table);

/// <summary>A table appeared (or its schema is announced: Debezium's <c>CREATE</c> table change, a snapshot).</summary>
/// <param name="Schema">The table's schema.</param>
public sealed record CreateTableEvent(CdcTableSchema Schema) : CdcSchemaEvent(Schema.Table);

/// <summary>A table's whole schema after a change whose steps the source does not spell out (Debezium's <c>ALTER</c> table change).</summary>
/// <param name="Schema">The table's schema after the change.</param>
public sealed record TableSchemaChangedEvent(CdcTableSchema Schema) : CdcSchemaEvent(Schema.Table);

/// <summary>A column was added.</summary>
/// <param name="Table">The source table.</param>
/// <param name="Column">The new column.</param>
public sealed record AddColumnEvent(CdcTableId Table, CdcColumn Column) : CdcSchemaEvent(Table);

/// <summary>A column was dropped.</summary>
/// <param name="Table">The source table.</param>
/// <param name="Column">The dropped column's name.</param>
public sealed record DropColumnEvent(CdcTableId Table, string Column) : CdcSchemaEvent(Table);

/// <summary>A column was renamed.</summary>
/// <param name="Table">The source table.</param>
/// <param name="From">The old name.</param>
/// <param name="To">The new name.</param>
public sealed record RenameColumnEvent(CdcTableId Table, string From, string To) : CdcSchemaEvent(Table);

/// <summary>A column's type changed.</summary>
/// <param name="Table">The source table.</param>
/// <param name="Column">The column's name.</param>
/// <param name="Type">The new type.</param>
public sealed record AlterColumnTypeEvent(CdcTableId Table, string Column, CdcColumnType Type) : CdcSchemaEvent(Table);

/// <summary>A table's rows were all removed (Debezium <c>t</c>).</summary>
/// <param name="Table">The source table.</param>
public sealed record TruncateTableEvent(CdcTableId Table) : CdcSchemaEvent(Table);

/// <summary>A table was dropped.</summary>
/// <param name="Table">The source table.</param>
public sealed record DropTableEvent(CdcTableId Table) : CdcSchemaEvent(Table);

/// <summary>
/// What decoded change events are applied to: the CDC sink. A decoder (Debezium's envelope, or any other source) calls it
/// in stream order.
/// </summary>
public interface ICdcEventSink
{
    /// <summary>Buffers one row change.</summary>
    /// <param name="table">The source table.</param>
    /// <param name="kind">Insert, update or delete.</param>
    /// <param name="row">
    /// The row as a UTF-8 JSON object, column name → value in StarRocks's JSON load form (as the library's JSON row writer
    /// writes the same StarRocks type), without <c>__op</c>; the sink owns <c>__op</c>. Valid only during the call.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for buffer room.</param>
    /// <returns>Completes when the row is buffered.</returns>
    ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken);

    /// <summary>Applies a schema change: the table's buffered rows are loaded first, then the change, awaited.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when StarRocks's table has the new schema.</returns>
    ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken);

    /// <summary>
    /// Learns a schema change that was applied before the last checkpoint (read again at a start, e.g. from the schema
    /// history): the source schema it leaves becomes the one <see cref="FindSchema"/> returns, and the table's rows go to
    /// its existing StarRocks table. Nothing is run against StarRocks: no DDL and no compatibility check, since the table
    /// may have evolved after that change.
    /// </summary>
    /// <param name="change">The change, in stream order.</param>
    /// <param name="cancellationToken">Cancels reading the StarRocks table's columns.</param>
    /// <returns>Completes when the schema is learned.</returns>
    ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken);

    /// <summary>The schema the sink knows for a source table (null when none): a decoder reads column types from it when the events carry no schema.</summary>
    /// <param name="table">The source table.</param>
    /// <returns>The schema, or null.</returns>
    CdcTableSchema? FindSchema(CdcTableId table);

    /// <inheritdoc cref="IChangeStreamTarget.CheckpointAsync"/>
    ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken);

    /// <inheritdoc cref="IChangeStreamTarget.RecoverAsync"/>
    ValueTask<string?> RecoverAsync(CancellationToken cancellationToken);
}
