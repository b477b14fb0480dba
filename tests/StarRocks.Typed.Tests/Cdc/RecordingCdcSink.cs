using System.Text;
using StarRocks.Typed.Cdc;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>An <see cref="ICdcEventSink"/> that records every call in order: rows as "Kind db.table {json}", schema events as themselves.</summary>
internal sealed class RecordingCdcSink : ICdcEventSink
{
    public List<object> Calls { get; } = [];

    public Dictionary<CdcTableId, CdcTableSchema> Schemas { get; } = [];

    public List<string?> Checkpoints { get; } = [];

    public IEnumerable<string> Rows => Calls.OfType<string>();

    public IEnumerable<CdcSchemaEvent> Changes => Calls.OfType<CdcSchemaEvent>();

    public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken)
    {
        Calls.Add($"{kind} {table} {Encoding.UTF8.GetString(row.Span)}");
        return default;
    }

    /// <summary>The changes learned (<see cref="LearnAsync"/>), which are not calls that change StarRocks.</summary>
    public List<CdcSchemaEvent> Learned { get; } = [];

    public ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
    {
        Calls.Add(change);
        Follow(change);
        return default;
    }

    public ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
    {
        Learned.Add(change);
        Follow(change);
        return default;
    }

    private void Follow(CdcSchemaEvent change)
    {
        switch (change)
        {
            case CreateTableEvent create: Schemas[create.Table] = create.Schema; break;
            case TableSchemaChangedEvent changed: Schemas[changed.Table] = changed.Schema; break;
            case DropTableEvent drop: Schemas.Remove(drop.Table); break;
        }
    }

    public CdcTableSchema? FindSchema(CdcTableId table) => Schemas.GetValueOrDefault(table);

    public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken)
    {
        Checkpoints.Add(applicationState);
        return default;
    }

    public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Checkpoints.LastOrDefault(s => s is not null));
}
