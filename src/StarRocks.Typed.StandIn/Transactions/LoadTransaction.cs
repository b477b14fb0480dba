using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Transactions;

/// <summary>StarRocks's transaction states, as <c>get_load_state</c> names them.</summary>
public enum TransactionState
{
    /// <summary>Begun, receiving data (a running Stream Load, or a transaction before prepare).</summary>
    Prepare,
    /// <summary>Pre-committed: data complete, waiting for commit or rollback.</summary>
    Prepared,
    /// <summary>Committed but not yet published (after <c>Publish Timeout</c>).</summary>
    Committed,
    /// <summary>Committed and visible.</summary>
    Visible,
    /// <summary>Rolled back, failed or timed out; its label may be reused.</summary>
    Aborted,
}

/// <summary>
/// One load transaction, named by its label within a database: a Stream Load (begun and finished by one request) or a
/// Transaction Stream Load (begin, load…, prepare, commit/rollback). Loaded rows are staged here and written only at
/// commit.
/// </summary>
public sealed class LoadTransaction
{
    private readonly object _sync = new();

    internal LoadTransaction(long id, string database, string table, string label, TimeSpan timeout, TimeSpan? idleTimeout, bool explicitTransaction)
    {
        Id = id;
        Database = database;
        Table = table;
        Label = label;
        Timeout = timeout;
        IdleTimeout = idleTimeout;
        IsExplicit = explicitTransaction;
        BeganAt = LastActivityAt = DateTime.UtcNow;
    }

    /// <summary>The transaction id (<c>TxnId</c>).</summary>
    public long Id { get; }
    /// <summary>The database.</summary>
    public string Database { get; }
    /// <summary>The table.</summary>
    public string Table { get; }
    /// <summary>The label.</summary>
    public string Label { get; }
    /// <summary>True for the transaction API, false for a plain Stream Load.</summary>
    public bool IsExplicit { get; }
    /// <summary>The current state.</summary>
    public TransactionState State { get; private set; } = TransactionState.Prepare;
    /// <summary>Limit on PREPARE (the <c>timeout</c> header).</summary>
    public TimeSpan Timeout { get; }
    /// <summary>Idle limit between calls (<c>idle_transaction_timeout</c>), if any.</summary>
    public TimeSpan? IdleTimeout { get; }
    /// <summary>Limit on PREPARED (<c>prepared_timeout</c>, default 86400 s).</summary>
    public TimeSpan PreparedTimeout { get; private set; } = TimeSpan.FromSeconds(86_400);
    /// <summary>When it began.</summary>
    public DateTime BeganAt { get; }
    /// <summary>When a call last touched it.</summary>
    public DateTime LastActivityAt { get; private set; }
    /// <summary>When it was prepared.</summary>
    public DateTime? PreparedAt { get; private set; }
    /// <summary>Until when it reports itself RUNNING although written (the Label Already Exists fault).</summary>
    public DateTime? RunningUntil { get; set; }
    /// <summary>Why it was aborted.</summary>
    public string? AbortReason { get; private set; }
    /// <summary>The loads staged so far.</summary>
    public List<ParsedLoad> Loads { get; } = [];
    /// <summary>Serialises calls on this transaction (a concurrent call answers <c>TXN_IN_PROCESSING</c>).</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The state <c>get_load_state</c> reports.</summary>
    public TransactionState ReportedState =>
        State == TransactionState.Visible && RunningUntil > DateTime.UtcNow ? TransactionState.Prepare : State;

    /// <summary>Total rows staged.</summary>
    public long TotalRows => Loads.Sum(l => l.TotalRows);
    /// <summary>Filtered rows staged.</summary>
    public long FilteredRows => Loads.Sum(l => l.FilteredRows);

    internal void Touch() => LastActivityAt = DateTime.UtcNow;

    internal bool TryMove(TransactionState from, TransactionState to)
    {
        lock (_sync)
        {
            if (State != from)
                return false;
            State = to;
            if (to == TransactionState.Prepared)
                PreparedAt = DateTime.UtcNow;
            return true;
        }
    }

    internal void SetPreparedTimeout(TimeSpan timeout) => PreparedTimeout = timeout;

    internal bool Abort(string reason)
    {
        lock (_sync)
        {
            if (State is TransactionState.Committed or TransactionState.Visible or TransactionState.Aborted)
                return false;
            State = TransactionState.Aborted;
            AbortReason = reason;
            Loads.Clear();
            return true;
        }
    }

    internal void Restore(TransactionState state) => State = state;

    /// <summary>Why the transaction has expired now, or null.</summary>
    internal string? ExpiryReason(DateTime now) => State switch
    {
        TransactionState.Prepare when now - BeganAt > Timeout => "timeout by txn manager",
        TransactionState.Prepare when IdleTimeout is { } idle && now - LastActivityAt > idle => "idle transaction timeout",
        TransactionState.Prepared when now - PreparedAt > PreparedTimeout => "prepared transaction timeout",
        _ => null,
    };
}
