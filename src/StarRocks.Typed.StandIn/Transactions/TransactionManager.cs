using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.StandIn.Transactions;

/// <summary>
/// Labels and load transactions of every database, shared by all FEs and the BE. A label is unique per database
/// until its transaction aborts. Label states are kept in MariaDB (<c>__standin.labels</c>) so that
/// <c>get_load_state</c> and label reuse checks survive a restart; staged rows live in memory until commit.
/// </summary>
public sealed partial class TransactionManager
{
    private readonly ConcurrentDictionary<(string Db, string Label), LoadTransaction> _transactions = new();
    private readonly string _connectionString;
    private readonly TableWriter _writer;
    private readonly PreparedTransactionStore _prepared;
    private long _nextId;

    /// <summary>Creates the manager over the MariaDB reached by <paramref name="connectionString"/>.</summary>
    public TransactionManager(string connectionString, SchemaCatalog catalog)
    {
        _connectionString = connectionString;
        _writer = new TableWriter(connectionString);
        _prepared = new PreparedTransactionStore(connectionString, catalog);
    }

    /// <summary>Creates the label table and loads the labels recorded by earlier runs (unfinished ones come back ABORTED).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText =
                $"CREATE TABLE IF NOT EXISTS `{SchemaCatalog.StateDatabase}`.`labels` (db VARCHAR(256) NOT NULL, label VARCHAR(128) NOT NULL, " +
                "txn_id BIGINT NOT NULL, table_name VARCHAR(1024) NOT NULL, state VARCHAR(16) NOT NULL, reason TEXT NULL, " +
                "updated_at DATETIME(6) NOT NULL, PRIMARY KEY (db, label))";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await _prepared.InitializeAsync(cancellationToken);
        var restored = new List<LoadTransaction>();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT db, label, txn_id, table_name, state FROM `{SchemaCatalog.StateDatabase}`.`labels`";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = Enum.Parse<TransactionState>(reader.GetString(4), ignoreCase: true);
            var transaction = new LoadTransaction(reader.GetInt64(2), reader.GetString(0), reader.GetString(3), reader.GetString(1),
                TimeSpan.Zero, null, explicitTransaction: true);
            transaction.Restore(state is TransactionState.Prepare or TransactionState.Prepared ? TransactionState.Aborted : state);
            if (state == TransactionState.Prepared)
                restored.Add(transaction);
            _transactions[(transaction.Database, transaction.Label)] = transaction;
            _nextId = Math.Max(_nextId, transaction.Id);
        }
        await reader.CloseAsync();
        foreach (var transaction in restored)
        {
            // a PREPARED transaction comes back PREPARED with its staged rows, as in StarRocks
            if (await _prepared.LoadAsync(transaction.Database, transaction.Label, cancellationToken) is { } loads)
            {
                transaction.Loads.AddRange(loads);
                transaction.Restore(TransactionState.Prepared);
            }
        }
    }

    /// <summary>StarRocks's label rule: <c>^[-\w]{1,128}$</c>.</summary>
    public static bool IsValidLabel(string label) => LabelPattern().IsMatch(label);

    /// <summary>The transaction holding <paramref name="label"/> in <paramref name="database"/>, or null.</summary>
    public LoadTransaction? Find(string database, string label)
    {
        if (!_transactions.TryGetValue((database, label), out var transaction))
            return null;
        ExpireIfDue(transaction);
        return transaction;
    }

    /// <summary>
    /// Begins a transaction under <paramref name="label"/>. When the label is held by a live or finished transaction,
    /// returns false with that transaction in <paramref name="existing"/>.
    /// </summary>
    public bool TryBegin(string database, string table, string label, TimeSpan timeout, TimeSpan? idleTimeout, bool explicitTransaction,
        out LoadTransaction transaction, out LoadTransaction? existing)
    {
        var created = new LoadTransaction(Interlocked.Increment(ref _nextId), database, table, label, timeout, idleTimeout, explicitTransaction);
        transaction = created;
        while (true)
        {
            existing = Find(database, label);
            if (existing is null)
            {
                if (_transactions.TryAdd((database, label), created))
                    break;
                continue;
            }
            if (existing.State != TransactionState.Aborted)
                return false;
            if (_transactions.TryUpdate((database, label), created, existing))
                break;
        }
        existing = null; // PREPARE is not persisted: after a restart it would come back ABORTED anyway
        return true;
    }

    /// <summary>Writes the staged rows and marks the transaction VISIBLE (or COMMITTED when <paramref name="publishTimeout"/>).</summary>
    public async Task CommitAsync(LoadTransaction transaction, bool publishTimeout, CancellationToken cancellationToken)
    {
        if (transaction.State == TransactionState.Aborted)
            throw new InvalidOperationException($"Transaction {transaction.Id} has been aborted: {transaction.AbortReason}");
        await _writer.ApplyAsync(transaction.Loads, cancellationToken);
        var from = transaction.State;
        transaction.TryMove(from, publishTimeout ? TransactionState.Committed : TransactionState.Visible);
        transaction.Loads.Clear();
        await PersistAsync(transaction);
        if (transaction.IsExplicit)
            await _prepared.DeleteAsync(transaction);
    }

    /// <summary>Moves PREPARE to PREPARED.</summary>
    public async Task<bool> PrepareAsync(LoadTransaction transaction, TimeSpan? preparedTimeout)
    {
        if (preparedTimeout is { } timeout)
            transaction.SetPreparedTimeout(timeout);
        if (!transaction.TryMove(TransactionState.Prepare, TransactionState.Prepared))
            return false;
        await _prepared.SaveAsync(transaction);
        await PersistAsync(transaction);
        return true;
    }

    /// <summary>Aborts the transaction (no effect once committed).</summary>
    public async Task<bool> AbortAsync(LoadTransaction transaction, string reason)
    {
        if (!transaction.Abort(reason))
            return false;
        await PersistAsync(transaction);
        if (transaction.IsExplicit)
            await _prepared.DeleteAsync(transaction);
        return true;
    }

    /// <summary>
    /// Rolls back a transaction still in PREPARE whose label a new <c>begin</c> re-used, as StarRocks's transaction
    /// interface does ("the previous transaction will fail and be rolled back"); waits for a call in progress on it.
    /// PREPARED and finished transactions are settled by the FE and stay as they are.
    /// </summary>
    public async Task RollBackReusedAsync(LoadTransaction existing)
    {
        await existing.Gate.WaitAsync();
        try
        {
            if (existing.State == TransactionState.Prepare)
                await AbortAsync(existing, $"label {existing.Label} re-used by another begin");
        }
        finally
        {
            existing.Gate.Release();
        }
    }

    /// <summary>Aborts every transaction whose timeout has passed.</summary>
    public void ExpireDue()
    {
        foreach (var transaction in _transactions.Values)
            ExpireIfDue(transaction);
    }

    private void ExpireIfDue(LoadTransaction transaction)
    {
        if (transaction.ExpiryReason(DateTime.UtcNow) is { } reason && transaction.Gate.Wait(0))
        {
            try
            {
                if (transaction.ExpiryReason(DateTime.UtcNow) is not null)
                    _ = AbortAsync(transaction, reason);
            }
            finally
            {
                transaction.Gate.Release();
            }
        }
    }

    private async Task PersistAsync(LoadTransaction transaction)
    {
        try
        {
            await using var connection = new MySqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"REPLACE INTO `{SchemaCatalog.StateDatabase}`.`labels` (db, label, txn_id, table_name, state, reason, updated_at) " +
                "VALUES (@db, @label, @id, @table, @state, @reason, UTC_TIMESTAMP(6))";
            command.Parameters.AddWithValue("@db", transaction.Database);
            command.Parameters.AddWithValue("@label", transaction.Label);
            command.Parameters.AddWithValue("@id", transaction.Id);
            command.Parameters.AddWithValue("@table", transaction.Table);
            command.Parameters.AddWithValue("@state", transaction.State.ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("@reason", transaction.AbortReason);
            await command.ExecuteNonQueryAsync();
        }
        catch (MySqlException)
        {
            // the in-memory state stays authoritative while the process lives
        }
    }

    [GeneratedRegex(@"^[-\w]{1,128}$")]
    private static partial Regex LabelPattern();
}
