using System.Data.Common;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cdc.Schema;

/// <summary>
/// Applies one schema event to a StarRocks table as StarRocks's Flink CDC pipeline sink does (Flink CDC,
/// <c>StarRocksMetadataApplier</c>): ADD COLUMN appended at the end (StarRocks keeps key columns first, so the source's
/// position is not kept: lenient), DROP COLUMN, RENAME COLUMN (StarRocks 3.3.2 and later), MODIFY COLUMN with the
/// column's default kept, TRUNCATE TABLE, DROP TABLE. Each step is compared with the live table first, so a change
/// replayed after a restart (already applied) does nothing.
/// </summary>
/// <param name="ddl">Runs the statements.</param>
/// <param name="options">The type mapping's options.</param>
/// <param name="known">The table before the change.</param>
/// <param name="merged">
/// Whether a route merges several source tables into the table: then a source's TRUNCATE, DROP TABLE and dropped
/// columns are not applied (they would remove the other sources' rows or columns), only logged.
/// </param>
/// <param name="logger">Logs each change.</param>
internal sealed partial class CdcSchemaEvolution(CdcDdl ddl, StarRocksCdcOptions options, CdcTarget known, bool merged, ILogger logger)
{
    private readonly string _database = known.Table.Database;
    private readonly string _table = known.Table.Table;
    private CdcTableId _source;

    /// <summary>Applies <paramref name="change"/>; returns the table's source schema (null when unknown) and StarRocks table after it, or null when the table was dropped.</summary>
    public async Task<(CdcTableSchema? Source, StarRocksTableInfo Table)?> ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
    {
        _source = change.Table;
        var live = await ddl.ReadColumnsAsync(_database, _table, cancellationToken).ConfigureAwait(false);
        var source = known.Source;
        if (merged && change is TruncateTableEvent or DropTableEvent or DropColumnEvent)
        {
            NotAppliedToMergedTable(logger, change.GetType().Name, change.Table.ToString(), _database, _table);
            return (source, known.Table);
        }

        switch (change)
        {
            case TruncateTableEvent:
                await RunAsync(null, $"TRUNCATE TABLE {Name}", cancellationToken).ConfigureAwait(false);
                break;
            case DropTableEvent:
                await RunAsync(null, $"DROP TABLE IF EXISTS {Name}", cancellationToken).ConfigureAwait(false);
                return null;
            case AddColumnEvent add:
                if (!Has(live, add.Column.Name))
                {
                    await AlterAsync(add.Column.Name, "ADD COLUMN " + Definition(add.Column, -1), cancellationToken).ConfigureAwait(false);
                }

                break;
            case DropColumnEvent drop:
                if (live.FirstOrDefault(c => Same(c.Name, drop.Column)) is { } dropped)
                {
                    if (dropped.IsKey)
                    {
                        throw new StarRocksCdcException(change.Table, drop.Column, $"Column {drop.Column} of {change.Table} is a primary key column of {_database}.{_table}; StarRocks cannot drop key columns.");
                    }

                    await AlterAsync(drop.Column, "DROP COLUMN " + StarRocksSqlText.Quote(dropped.Name), cancellationToken).ConfigureAwait(false);
                }

                break;
            case RenameColumnEvent rename:
                await RenameAsync(live, rename.From, rename.To, cancellationToken).ConfigureAwait(false);
                break;
            case AlterColumnTypeEvent alter:
                var before = source?.Columns.FirstOrDefault(c => Same(c.Name, alter.Column));
                var liveColumn = live.FirstOrDefault(c => Same(c.Name, alter.Column))
                    ?? throw new StarRocksCdcException(change.Table, alter.Column, $"Column {alter.Column} of {change.Table} is not in {_database}.{_table}; its type cannot change.");
                var altered = (before ?? new CdcColumn(liveColumn.Name, alter.Type, liveColumn.IsNullable)) with { Type = alter.Type };
                await ModifyAsync(liveColumn, altered, KeyOrder(altered.Name), cancellationToken).ConfigureAwait(false);
                break;
            case TableSchemaChangedEvent changed:
                await EvolveAsync(live, changed.Schema, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"{change.GetType().Name} is not a schema change the CDC sink knows.");
        }

        source = SourceAfter(source, change);

        return source is not null
            ? (source, CdcTableMapping.ToStarRocksTable(source, _database, _table, options))
            : (null, CdcTableMapping.FromLive(_database, _table, await ddl.ReadColumnsAsync(_database, _table, cancellationToken).ConfigureAwait(false)));
    }

    private string Name => StarRocksSqlText.Quote(_database) + "." + StarRocksSqlText.Quote(_table);

    /// <summary>
    /// A whole new schema (Debezium's ALTER table change) against the live table: renames (a column gone and a new one
    /// of the same type at the same position: a drop and an add would lose the column's values), drops, adds (in source
    /// order, appended), then type changes.
    /// </summary>
    private async Task EvolveAsync(IReadOnlyList<LiveColumn> live, CdcTableSchema schema, CancellationToken cancellationToken)
    {
        var wanted = CdcTableMapping.ToStarRocksTable(schema, _database, _table, options);
        var liveKeys = live.Where(c => c.IsKey).Select(c => c.Name);
        if (!liveKeys.SequenceEqual(wanted.KeyColumns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase))
        {
            throw new StarRocksCdcException(schema.Table, null,
                $"The primary key of {schema.Table} changed to ({string.Join(", ", schema.PrimaryKey)}); StarRocks cannot change the key of {_database}.{_table} ({string.Join(", ", liveKeys)}).");
        }

        var renames = known.Source is { } before
            ? Renames(before.Columns.Select(c => (c.Name, (object)c.Type)).ToList(), schema.Columns.Select(c => (c.Name, (object)c.Type)).ToList())
            : Renames(live.Select(c => (c.Name, (object)SchemaDriftChecker.Normalize(c.Type))).ToList(), wanted.Columns.Select(c => (c.Name, (object)SchemaDriftChecker.Normalize(c.StarRocksType))).ToList());
        foreach (var (from, to) in renames.ToList())
        {
            live = await RenameAsync(live, from, to, cancellationToken).ConfigureAwait(false);
        }

        var drops = merged ? [] : live.Where(c => !wanted.Columns.Any(w => Same(w.Name, c.Name))).ToList();
        if (drops.Count > 0)
        {
            await AlterAsync(drops.Count == 1 ? drops[0].Name : null, string.Join(", ", drops.Select(c => "DROP COLUMN " + StarRocksSqlText.Quote(c.Name))), cancellationToken).ConfigureAwait(false);
        }

        var adds = wanted.Columns.Where(w => !Has(live, w.Name)).ToList();
        if (adds.Count > 0)
        {
            await AlterAsync(adds.Count == 1 ? adds[0].Name : null, string.Join(", ", adds.Select(c => "ADD COLUMN " + StarRocksSqlText.ColumnDefinition(c))), cancellationToken).ConfigureAwait(false);
        }

        foreach (var column in schema.Columns)
        {
            if (live.FirstOrDefault(c => Same(c.Name, column.Name)) is { } existing)
            {
                await ModifyAsync(existing, column, schema.PrimaryKey.ToList().IndexOf(column.Name), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Renames a live column unless the rename is applied already; the live columns after it.</summary>
    private async Task<IReadOnlyList<LiveColumn>> RenameAsync(IReadOnlyList<LiveColumn> live, string from, string to, CancellationToken cancellationToken)
    {
        if (Has(live, to) && !Has(live, from))
        {
            return live; // applied before a restart
        }

        if (!Has(live, from))
        {
            throw new StarRocksCdcException(_source, from, $"Column {from} of {_source} is not in {_database}.{_table}; it cannot be renamed to {to}.");
        }

        await AlterAsync(from, $"RENAME COLUMN {StarRocksSqlText.Quote(from)} TO {StarRocksSqlText.Quote(to)}", cancellationToken, withTimeout: false).ConfigureAwait(false);
        return [.. live.Select(c => Same(c.Name, from) ? c with { Name = to } : c)];
    }

    /// <summary>
    /// MODIFY COLUMN to the mapped type of <paramref name="column"/>, unless the live type is that already. The live
    /// default is kept and a NULL column stays NULL: StarRocks refuses a MODIFY that changes either ("Can not change
    /// default value", "Can not change from nullable to non-nullable": <c>Column.checkSchemaChangeAllowed</c>), which
    /// Flink CDC's sink ran into by writing the column without its default (flink-cdc PR #4363).
    /// </summary>
    private async Task ModifyAsync(LiveColumn live, CdcColumn column, int keyOrder, CancellationToken cancellationToken)
    {
        var mapped = CdcTableMapping.ToStarRocksColumn(_source, column, keyOrder, options);
        if (SchemaDriftChecker.Normalize(live.Type) == SchemaDriftChecker.Normalize(mapped.StarRocksType))
        {
            return;
        }

        mapped = mapped with
        {
            Name = live.Name,
            IsNullable = mapped.IsNullable || live.IsNullable,
            Default = live.Default switch
            {
                null => null,
                var value when value.Equals("CURRENT_TIMESTAMP", StringComparison.OrdinalIgnoreCase) => "CURRENT_TIMESTAMP",
                var value => StarRocksSqlText.StringLiteral(value),
            },
        };
        await AlterAsync(column.Name, "MODIFY COLUMN " + StarRocksSqlText.ColumnDefinition(mapped), cancellationToken).ConfigureAwait(false);
    }

    private async Task AlterAsync(string? column, string clauses, CancellationToken cancellationToken, bool withTimeout = true)
    {
        SchemaChanging(logger, _database, _table, clauses);
        try
        {
            await ddl.AlterAsync(_source, _database, _table, clauses, withTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new StarRocksCdcException(_source, column, $"StarRocks refused the schema change of {_database}.{_table} for {_source} ({clauses}): {e.Message}", e);
        }
    }

    private async Task RunAsync(string? column, string sql, CancellationToken cancellationToken)
    {
        SchemaChanging(logger, _database, _table, sql);
        try
        {
            await ddl.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new StarRocksCdcException(_source, column, $"StarRocks refused {sql} for {_source}: {e.Message}", e);
        }
    }

    private string Definition(CdcColumn column, int keyOrder) => StarRocksSqlText.ColumnDefinition(CdcTableMapping.ToStarRocksColumn(_source, column, keyOrder, options));

    private int KeyOrder(string column) => known.Table.KeyColumns.Select(c => c.Name).ToList().FindIndex(k => Same(k, column));

    /// <summary>
    /// Pairs of a column gone from <paramref name="before"/> and one new in <paramref name="after"/> at the same position
    /// with the same type: the source's columns when its schema before is known, else the live columns against the
    /// mapped ones in StarRocks's order (after a restart).
    /// </summary>
    private static IEnumerable<(string From, string To)> Renames(List<(string Name, object Type)> before, List<(string Name, object Type)> after)
    {
        for (var i = 0; i < Math.Min(before.Count, after.Count); i++)
        {
            var (old, now) = (before[i], after[i]);
            if (!Same(old.Name, now.Name) && old.Type.Equals(now.Type)
                && !after.Any(c => Same(c.Name, old.Name)) && !before.Any(c => Same(c.Name, now.Name)))
            {
                yield return (old.Name, now.Name);
            }
        }
    }

    /// <summary>
    /// The source schema after <paramref name="change"/>, as the source sees it (StarRocks's table is not consulted): the
    /// whole schema of a create or <see cref="TableSchemaChangedEvent"/>, else <paramref name="source"/> with the column
    /// change (null while the source schema is unknown).
    /// </summary>
    internal static CdcTableSchema? SourceAfter(CdcTableSchema? source, CdcSchemaEvent change) => change switch
    {
        CreateTableEvent create => create.Schema,
        TableSchemaChangedEvent changed => changed.Schema,
        _ when source is null => null,
        AddColumnEvent add => source.Columns.Any(c => Same(c.Name, add.Column.Name)) ? source : source with { Columns = [.. source.Columns, add.Column] },
        DropColumnEvent drop => source with { Columns = [.. source.Columns.Where(c => !Same(c.Name, drop.Column))] },
        RenameColumnEvent rename => Renamed(source, rename.From, rename.To),
        AlterColumnTypeEvent alter => source with { Columns = [.. source.Columns.Select(c => Same(c.Name, alter.Column) ? c with { Type = alter.Type } : c)] },
        _ => source,
    };

    private static CdcTableSchema Renamed(CdcTableSchema source, string from, string to) => source with
    {
        Columns = [.. source.Columns.Select(c => Same(c.Name, from) ? c with { Name = to } : c)],
        PrimaryKey = [.. source.PrimaryKey.Select(k => Same(k, from) ? to : k)],
    };

    private static bool Has(IReadOnlyList<LiveColumn> live, string name) => live.Any(c => Same(c.Name, name));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "{Change} of {Source} not applied: StarRocks table {Database}.{Table} merges several source tables")]
    private static partial void NotAppliedToMergedTable(ILogger logger, string change, string source, string database, string table);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Schema change of StarRocks table {Database}.{Table}: {Change}")]
    private static partial void SchemaChanging(ILogger logger, string database, string table, string change);
}
