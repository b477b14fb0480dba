using System.Collections.Concurrent;
using StarRocks.Typed.StandIn.Transactions;

namespace StarRocks.Typed.StandIn.Observation;

/// <summary>
/// One merged transaction after its window closed: its server-generated label, how many Stream Load requests it
/// merged, the rows they carried, and how it ended.
/// </summary>
public sealed record MergeCommitRecord(
    string Database,
    string Table,
    string Label,
    long TxnId,
    int Loads,
    long TotalRows,
    long FilteredRows,
    TransactionState State,
    string? Reason,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt);

/// <summary>Every merged transaction the stand-in closed, in order, so that tests and benchmarks can count loads and transactions.</summary>
public sealed class MergeCommitLog
{
    private readonly ConcurrentQueue<MergeCommitRecord> _entries = new();

    /// <summary>The merged transactions closed so far.</summary>
    public IReadOnlyList<MergeCommitRecord> Entries => _entries.ToArray();

    /// <summary>The merged transactions closed so far for one table.</summary>
    public IReadOnlyList<MergeCommitRecord> For(string database, string table) =>
        _entries.Where(e => e.Database == database && e.Table == table).ToList();

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _entries.Clear();

    internal void Add(MergeCommitRecord record) => _entries.Enqueue(record);
}
