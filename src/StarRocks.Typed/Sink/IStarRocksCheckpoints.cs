namespace StarRocks.Typed.Sink;

/// <summary>
/// The checkpoints of the sink (all tables of one <c>AddStarRocks</c>), with the application's position in its source.
/// Exactly-once (<c>sink.semantic = exactly-once</c>): a checkpoint commits the rows written since the previous one in
/// every table together with an opaque application state (a Kafka offset, a file position), journaled with the prepared
/// transactions; <see cref="RecoverAsync"/> returns the state of the last committed checkpoint, where the application
/// resumes its source. At-least-once: a checkpoint flushes every table; there is no state to recover.
/// </summary>
/// <example>
/// <code>
/// var position = (await checkpoints.RecoverAsync(ct)).ApplicationState; // on start and after a StarRocksSinkException
/// source.Seek(position is null ? 0 : long.Parse(position));
/// foreach (var (offset, row) in source.Read()) { await sink.WriteAsync(row, ct); if (offset % 10_000 == 0) await checkpoints.CheckpointAsync($"{offset + 1}", ct); }
/// </code>
/// </example>
public interface IStarRocksCheckpoints
{
    /// <summary>
    /// Where the application resumes its source: call it on start and after a <see cref="StarRocksSinkException"/>. It
    /// rolls back every table's open transaction (the rows written since the last checkpoint are dropped: the application
    /// writes them again from the returned state), settles the pending checkpoint (a crash or stop between prepare and
    /// commit, or a failed commit: its transactions are committed; if StarRocks aborted one of them, e.g. after
    /// <c>prepared_timeout</c>, the rest is rolled back and the checkpoint dropped) and returns the state of the last
    /// committed checkpoint. Writes and checkpoints go on from there.
    /// </summary>
    /// <param name="cancellationToken">Cancels the recovery.</param>
    /// <returns>The state to resume from, and what StarRocks aborted.</returns>
    /// <exception cref="StarRocksSinkException">A journaled transaction could not be settled now (call again later).</exception>
    ValueTask<StarRocksRecovery> RecoverAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Exactly-once: loads the buffered rows of every table into their transactions, prepares them, journals the prepared
    /// labels with <paramref name="applicationState"/>, commits them and journals the state as committed. A commit that
    /// fails leaves the checkpoint pending (journaled: tried again by the next checkpoint, the final one on stop, or the
    /// next start), so the application goes on; any other failure needs <see cref="RecoverAsync"/>. At-least-once:
    /// flushes every table.
    /// </summary>
    /// <param name="applicationState">The application's position after the rows written so far (opaque; null for none).</param>
    /// <param name="cancellationToken">Cancels the checkpoint (prepared transactions are committed later).</param>
    /// <returns>Completes when the checkpoint's rows are committed.</returns>
    /// <exception cref="StarRocksSinkException">A load, prepare or commit failed.</exception>
    ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IStarRocksCheckpoints.RecoverAsync"/> found.</summary>
/// <param name="ApplicationState">The state of the last committed checkpoint: resume the source from there (null: from the start).</param>
/// <param name="Aborted">
/// Journaled transactions StarRocks had aborted (e.g. after <c>prepared_timeout</c>): their checkpoint is lost, and its
/// rows are re-written from <paramref name="ApplicationState"/>.
/// </param>
/// <param name="CommittedWithAborted">
/// Transactions of that same checkpoint that were already committed when another was found aborted. StarRocks cannot
/// commit transactions of several tables atomically: these tables hold the lost checkpoint's rows, and get them again
/// when the source is re-read (idempotent on PRIMARY KEY tables, duplicated on the others). Empty when it was atomic.
/// </param>
public sealed record StarRocksRecovery(string? ApplicationState, IReadOnlyList<PreparedTransaction> Aborted, IReadOnlyList<PreparedTransaction> CommittedWithAborted)
{
    /// <summary>Nothing to recover: no state, nothing aborted.</summary>
    public static StarRocksRecovery None { get; } = new(null, [], []);
}
