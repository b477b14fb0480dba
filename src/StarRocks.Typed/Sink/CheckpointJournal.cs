using System.Text.Json;

namespace StarRocks.Typed.Sink;

/// <summary>A transaction prepared by a checkpoint and not yet known to be committed.</summary>
/// <param name="Database">The database.</param>
/// <param name="Table">The table.</param>
/// <param name="Label">The transaction label.</param>
public sealed record PreparedTransaction(string Database, string Table, string Label);

/// <summary>
/// What the journal holds: the last checkpoint id, the application state of the last checkpoint whose transactions are
/// all committed, and the pending checkpoint: its prepared transactions (with those of earlier checkpoints whose commit
/// failed; empty once all are committed) and the application state it becomes once they are.
/// </summary>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="Prepared">The pending checkpoint's prepared transactions, not all known to be committed.</param>
public sealed record CheckpointRecord(long CheckpointId, IReadOnlyList<PreparedTransaction> Prepared)
{
    /// <summary>The application state of the last committed checkpoint (e.g. a source offset), or null.</summary>
    public string? CommittedState { get; init; }

    /// <summary>The application state of the pending checkpoint: committed once every transaction of <see cref="Prepared"/> is.</summary>
    public string? PendingState { get; init; }
}

/// <summary>
/// Durable storage of the exactly-once sink's <see cref="CheckpointRecord"/>: written after prepare and before commit,
/// so a restarted sink commits what a crashed one prepared.
/// </summary>
public interface ICheckpointJournal
{
    /// <summary>Reads the record, or null when none was written.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record.</returns>
    Task<CheckpointRecord?> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the record durably (it survives a crash once this completes).</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when the record is on disk.</returns>
    Task WriteAsync(CheckpointRecord record, CancellationToken cancellationToken = default);
}

/// <summary>A journal in one JSON file, replaced atomically: write a temporary file, flush it to disk, rename over.</summary>
/// <param name="path">The journal file.</param>
public sealed class FileCheckpointJournal(string path) : ICheckpointJournal
{
    /// <summary>The journal file.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <inheritdoc />
    public async Task<CheckpointRecord?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        await using var stream = File.OpenRead(Path);
        return await JsonSerializer.DeserializeAsync<CheckpointRecord>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task WriteAsync(CheckpointRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var temporary = Path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, record, cancellationToken: cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
