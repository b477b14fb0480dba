using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Cdc.Schema;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Sink.Buffering;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cdc;

/// <summary>
/// The CDC sink: keeps a StarRocks PRIMARY KEY table per source table, as StarRocks's Flink CDC pipeline sink does
/// (StarRocks docs, "Data ingestion with Flink CDC"). A <see cref="CreateTableEvent"/> creates the database and table
/// (or checks an existing table); rows are loaded through the sink's buffers as JSON with <c>"__op"</c> (0 upsert, 1
/// delete), so a schema change never rewrites a <c>columns</c> header; a schema change first loads the table's buffered
/// rows, then runs its ALTER and waits for it. At-least-once with idempotent PRIMARY KEY upserts, or exactly-once through
/// the sink's checkpoints (<c>sink.semantic</c>). Register it with <c>AddStarRocks(…).AddCdcSink()</c>.
/// </summary>
public sealed partial class StarRocksCdcSink : ICdcEventSink
{
    private readonly SinkCoordinator _sink;
    private readonly CdcDdl _ddl;
    private readonly StarRocksCdcOptions _options;
    private readonly CdcTableRouter _router;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<CdcTableId, CdcTarget?> _tables = new(); // null: excluded by the routing
    private readonly ConcurrentDictionary<(string Database, string Table), TableBuffer> _buffers = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile CdcTarget? _lastWritten; // cleared by every change of _tables (SetTarget, RemoveTarget)

    internal StarRocksCdcSink(SinkCoordinator sink, DbDataSource dataSource, StarRocksCdcOptions options, ILogger logger)
    {
        OptionsFailures.ThrowIfAny<StarRocksCdcOptions>(options.GetFailures());
        (_sink, _options, _logger) = (sink, options, logger);
        _ddl = new CdcDdl(dataSource, options.SchemaChangeTimeout);
        _router = new CdcTableRouter(options);
    }

    /// <inheritdoc />
    public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken)
    {
        // Rows come in runs of one table: the last table written to is found again without hashing its name.
        var target = _lastWritten;
        if (target is null || target.Id != table)
        {
            if (!_tables.TryGetValue(table, out target))
            {
                return WriteAfterResolvingAsync(table, kind, row.ToArray(), cancellationToken);
            }

            if (target is null)
            {
                return default;
            }

            _lastWritten = target;
        }

        target.Buffer.ThrowIfFaulted();
        var members = RowMembers(row.Span, kind, table, out var end);
        return TryAppend(target, members, end) ? default : AppendAfterWaitAsync(target, kind, row.ToArray(), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (RouteOrExclude(change.Table) is not { } route)
        {
            return;
        }

        var (database, table, merged) = route;

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var known = _tables.GetValueOrDefault(change.Table);
            if (change is CreateTableEvent create)
            {
                SetTarget(change.Table, await CreateTableAsync(create.Schema, database, table, cancellationToken).ConfigureAwait(false));
                return;
            }

            known ??= await ResolveLiveAsync(change.Table, database, table, cancellationToken).ConfigureAwait(false);
            if (known is null)
            {
                if (change is DropTableEvent)
                {
                    return; // gone already (a replay)
                }

                throw new StarRocksCdcException(change.Table, null, $"{change.GetType().Name} for {change.Table}, whose StarRocks table {database}.{table} does not exist (a CreateTableEvent must come first).");
            }

            await LoadBufferedRowsAsync(known, cancellationToken).ConfigureAwait(false);
            if (await new CdcSchemaEvolution(_ddl, _options, known, merged, _logger).ApplyAsync(change, cancellationToken).ConfigureAwait(false) is { } evolved)
            {
                SetTarget(change.Table, Target(change.Table, evolved.Source, evolved.Table));
            }
            else
            {
                RemoveTarget(change.Table);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A routing that merges several source tables into one StarRocks table keeps a dropped column and the table itself,
    /// as <see cref="ApplyAsync"/> does. A table whose StarRocks table does not exist (dropped since) is not learned: its
    /// rows are refused until a <see cref="CreateTableEvent"/> creates it again.
    /// </remarks>
    public async ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (RouteOrExclude(change.Table) is not { } route)
        {
            return;
        }

        var (database, table, merged) = route;
        if (change is TruncateTableEvent || (merged && change is DropTableEvent or DropColumnEvent))
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (change is DropTableEvent)
            {
                RemoveTarget(change.Table);
                return;
            }

            if ((_tables.GetValueOrDefault(change.Table) ?? await ResolveLiveAsync(change.Table, database, table, cancellationToken).ConfigureAwait(false)) is { } known)
            {
                SetTarget(change.Table, known with { Source = CdcSchemaEvolution.SourceAfter(known.Source, change) });
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <inheritdoc />
    public CdcTableSchema? FindSchema(CdcTableId table) => (_lastWritten is { } last && last.Id == table ? last : _tables.GetValueOrDefault(table))?.Source;

    /// <inheritdoc />
    public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => _sink.CheckpointAsync(applicationState, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) =>
        (await _sink.RecoverAsync(cancellationToken).ConfigureAwait(false)).ApplicationState;

    /// <summary>Where the routing sends <paramref name="table"/>; null when it excludes the table (its rows are dropped from then on).</summary>
    private CdcRoute? RouteOrExclude(CdcTableId table)
    {
        var route = _router.Route(table);
        if (route is null)
        {
            SetTarget(table, null);
        }

        return route;
    }

    private void SetTarget(CdcTableId table, CdcTarget? target)
    {
        _tables[table] = target;
        _lastWritten = null;
    }

    private void RemoveTarget(CdcTableId table)
    {
        _tables.TryRemove(table, out _);
        _lastWritten = null;
    }

    /// <summary>
    /// The members of <paramref name="row"/> (the JSON object without its closing brace) and in <paramref name="end"/> what
    /// ends the row the sink loads: <c>"__op"</c> as its last member, the brace and a newline (<c>,"__op":0}</c>).
    /// </summary>
    private static ReadOnlySpan<byte> RowMembers(ReadOnlySpan<byte> row, CdcRowKind kind, CdcTableId table, out ReadOnlySpan<byte> end)
    {
        // A decoder's row has no whitespace around it and starts with a member; anything else is trimmed and checked.
        bool decoded = row.Length > 2 && row[0] == (byte)'{' && row[1] == (byte)'"' && row[^1] == (byte)'}';
        if (!decoded)
        {
            row = row.Trim(" \t\r\n"u8);
            if (row.Length < 2 || row[0] != (byte)'{' || row[^1] != (byte)'}')
            {
                throw new ArgumentException($"A row of {table} must be a JSON object.", nameof(row));
            }
        }

        var members = row[..^1];
        end = kind == CdcRowKind.Delete ? ",\"__op\":1}\n"u8 : ",\"__op\":0}\n"u8;
        if (!decoded && members[1..].Trim(" \t\r\n"u8).IsEmpty)
        {
            end = end[1..]; // no member before it: no comma
        }

        return members;
    }

    /// <summary>Appends the row straight to the table's batch if the budget has room for it.</summary>
    private bool TryAppend(CdcTarget target, ReadOnlySpan<byte> members, ReadOnlySpan<byte> end)
    {
        if (!_sink.Buffers.Budget.TryReserve(TableBuffer.ReservedBytes(members, end)))
        {
            return false;
        }

        target.Buffer.AppendJsonRow(target.Shape, members, end);
        _sink.Buffers.SealLargestIfFull();
        return true;
    }

    private bool TryAppend(CdcTarget target, CdcRowKind kind, byte[] row) => TryAppend(target, RowMembers(row, kind, target.Id, out var end), end);

    private async ValueTask AppendAfterWaitAsync(CdcTarget target, CdcRowKind kind, byte[] row, CancellationToken cancellationToken)
    {
        do
        {
            await _sink.Buffers.WaitForRoomAsync(ReservedBytes(target, kind, row), cancellationToken).ConfigureAwait(false);
            target.Buffer.ThrowIfFaulted();
        }
        while (!TryAppend(target, kind, row));
    }

    private static long ReservedBytes(CdcTarget target, CdcRowKind kind, byte[] row) => TableBuffer.ReservedBytes(RowMembers(row, kind, target.Id, out var end), end);

    /// <summary>Rows of a table the sink has not seen a schema event of (after a restart): they go to its existing StarRocks table.</summary>
    private async ValueTask WriteAfterResolvingAsync(CdcTableId table, CdcRowKind kind, byte[] row, CancellationToken cancellationToken)
    {
        if (_router.Route(table) is ({ } database, { } name, _))
        {
            await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_tables.ContainsKey(table))
                {
                    SetTarget(table, await ResolveLiveAsync(table, database, name, cancellationToken).ConfigureAwait(false)
                        ?? throw new StarRocksCdcException(table, null, $"A row of {table} arrived before its schema (a CreateTableEvent), and StarRocks has no table {database}.{name}."));
                }
            }
            finally
            {
                _schemaGate.Release();
            }
        }
        else
        {
            SetTarget(table, null);
        }

        await WriteRowAsync(table, kind, row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the database and table, or checks the existing table; the table's target from then on.</summary>
    private async Task<CdcTarget> CreateTableAsync(CdcTableSchema schema, string database, string table, CancellationToken cancellationToken)
    {
        var info = CdcTableMapping.ToStarRocksTable(schema, database, table, _options);
        var live = await _ddl.ReadColumnsAsync(database, table, cancellationToken).ConfigureAwait(false);
        if (live.Count == 0)
        {
            await _ddl.ExecuteAsync(StarRocksSqlText.CreateDatabase(database), cancellationToken).ConfigureAwait(false);
            await _ddl.ExecuteAsync(info.CreateTableSql, cancellationToken).ConfigureAwait(false);
            CdcLog.TableCreated(_logger, schema.Table.ToString(), database, table);
        }
        else
        {
            CdcTableCompatibility.Check(schema.Table, info, live);
        }

        return Target(schema.Table, schema, info);
    }

    /// <summary>The target of <paramref name="source"/> from its live StarRocks table (null when there is none); no source schema is known.</summary>
    private async Task<CdcTarget?> ResolveLiveAsync(CdcTableId source, string database, string table, CancellationToken cancellationToken)
    {
        var live = await _ddl.ReadColumnsAsync(database, table, cancellationToken).ConfigureAwait(false);
        return live.Count == 0 ? null : Target(source, null, CdcTableMapping.FromLive(database, table, live));
    }

    /// <summary>The target of a StarRocks table: its buffer (one per StarRocks table, shared by the source tables routed to it) and its JSON shape.</summary>
    private CdcTarget Target(CdcTableId id, CdcTableSchema? source, StarRocksTableInfo table) => new(
        id,
        source,
        table,
        _buffers.GetOrAdd((table.Database, table.Table), key => _sink.CreateTable(key.Database, key.Table, json: true)),
        new SinkRowShape(StarRocksHeaders.ForJson(JsonFormat.Default, table, withOperation: true)));

    /// <summary>
    /// Loads the table's buffered rows before its schema changes. In exactly-once they are in the table's open transaction,
    /// which StarRocks's ALTER would wait for: a checkpoint (keeping the last application state) commits them first, so a
    /// restart replays from before the change (its rows are idempotent upserts, the change is found applied).
    /// </summary>
    private async Task LoadBufferedRowsAsync(CdcTarget target, CancellationToken cancellationToken)
    {
        if (_sink.Checkpoints is not null)
        {
            await _sink.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await target.Buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class CdcLog
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Created StarRocks table {Database}.{Table} for {Source}")]
        public static partial void TableCreated(ILogger logger, string source, string database, string table);
    }
}

/// <summary>Where the rows of source table <c>Id</c> go: its known schema (null when only the StarRocks table is known), the StarRocks table, its buffer and the JSON shape of its rows.</summary>
internal sealed record CdcTarget(CdcTableId Id, CdcTableSchema? Source, StarRocksTableInfo Table, TableBuffer Buffer, SinkRowShape Shape);
