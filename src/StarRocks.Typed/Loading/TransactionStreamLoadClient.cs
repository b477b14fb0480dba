using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Loading;

/// <summary>A Transaction Stream Load transaction: one label on one table. Build one by hand to settle a transaction found after a restart.</summary>
/// <param name="Database">The database.</param>
/// <param name="Table">The table.</param>
/// <param name="Label">The transaction's label.</param>
public sealed record StreamLoadTransaction(string Database, string Table, string Label)
{
    /// <summary>The transaction id answered by <c>begin</c>, when known.</summary>
    public long? TxnId { get; init; }
}

/// <summary>
/// Transaction Stream Load (<c>/api/transaction/{begin,load,prepare,commit,rollback}</c>, StarRocks ≥ 2.4). Every call
/// follows the FE's 307 by hand with credentials and the same headers: the FE hands begin, load and prepare (and commit or
/// rollback while the transaction is in PREPARE) to the coordinator BE. Loads are not retried (their data would be applied
/// twice); prepare, commit and rollback are retried on transient failures and re-checked with <c>get_load_state</c>.
/// </summary>
public sealed class TransactionStreamLoadClient : IDisposable, IErrorLogSource
{
    private readonly LoadCallExecutor _executor;

    /// <summary>Creates a client; the options are validated here.</summary>
    /// <param name="options">Endpoints, credentials, retries and timeouts.</param>
    /// <param name="loggerFactory">Where log events go; none when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public TransactionStreamLoadClient(StarRocksConnectionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _executor = new LoadCallExecutor(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TransactionStreamLoadClient>());
    }

    /// <summary>Begins a transaction (<c>POST /api/transaction/begin</c>).</summary>
    /// <param name="database">The database.</param>
    /// <param name="table">The table.</param>
    /// <param name="label">The label; generated when <see langword="null"/>.</param>
    /// <param name="timeout">The <c>timeout</c> header (PREPARE → PREPARED limit); <c>sink.properties.timeout</c> or 600 s when null.</param>
    /// <param name="idleTimeout">The <c>idle_transaction_timeout</c> header: idle time before StarRocks rolls back.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="StarRocksLoadException">StarRocks refused (e.g. <c>LABEL_ALREADY_EXISTS</c>).</exception>
    public async Task<StreamLoadTransaction> BeginAsync(
        string database, string table, string? label = null, TimeSpan? timeout = null, TimeSpan? idleTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (label is not null && !LoadLabelGenerator.IsValidLabel(label))
        {
            throw new ArgumentException($"Label '{label}' does not match ^[-\\w]{{1,128}}$.", nameof(label));
        }

        var transaction = new StreamLoadTransaction(database, table, label ?? _executor.Labels.Next(table));
        var headers = ControlHeaders(transaction);
        headers.Add(new("timeout", Seconds(timeout ?? _executor.LoadTimeout)));
        if (idleTimeout is { } idle)
        {
            headers.Add(new("idle_transaction_timeout", Seconds(idle)));
        }

        var result = await CallAsync("begin", transaction, HttpMethod.Post, headers, body: null, retry: false, cancellationToken).ConfigureAwait(false);
        return transaction with { TxnId = result.TxnId };
    }

    /// <summary>Sends one batch into the transaction (<c>PUT /api/transaction/load</c>); call as often as needed.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="body">The serialized rows; for CSV every row must end with the row delimiter.</param>
    /// <param name="headers">Headers that describe the body; must be the same on every load of the transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>StarRocks's answer.</returns>
    public Task<StreamLoadResult> LoadAsync(
        StreamLoadTransaction transaction, LoadBody body, IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(body);
        var merged = StreamLoadRequest.MergeHeaders(_executor.Options.Properties, headers, transaction.Label)
            .Concat([new("db", transaction.Database), new("table", transaction.Table)])
            .ToList();
        return CallAsync("load", transaction, HttpMethod.Put, merged, body, retry: false, cancellationToken);
    }

    /// <summary>Pre-commits (<c>POST /api/transaction/prepare</c>); <c>TXN_NOT_EXISTS</c> is re-checked for PREPARED.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>StarRocks's answer.</returns>
    public Task<StreamLoadResult> PrepareAsync(StreamLoadTransaction transaction, CancellationToken cancellationToken = default) =>
        SettleAsync("prepare", transaction, [LoadState.Prepared], cancellationToken);

    /// <summary>Commits (<c>POST /api/transaction/commit</c>); a non-OK answer is re-checked: COMMITTED/VISIBLE is success.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>StarRocks's answer.</returns>
    public Task<StreamLoadResult> CommitAsync(StreamLoadTransaction transaction, CancellationToken cancellationToken = default) =>
        SettleAsync("commit", transaction, [LoadState.Committed, LoadState.Visible], cancellationToken);

    /// <summary>Rolls back (<c>POST /api/transaction/rollback</c>); a non-OK answer is re-checked: ABORTED is success.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>StarRocks's answer.</returns>
    public Task<StreamLoadResult> RollbackAsync(StreamLoadTransaction transaction, CancellationToken cancellationToken = default) =>
        SettleAsync("rollback", transaction, [LoadState.Aborted], cancellationToken);

    /// <summary>Asks the FE for the state of <paramref name="label"/> (<c>GET /api/{db}/get_load_state</c>).</summary>
    /// <param name="database">The database.</param>
    /// <param name="label">The label.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    public Task<LoadState> GetLoadStateAsync(string database, string label, CancellationToken cancellationToken = default) =>
        _executor.GetLoadStateAsync(database, label, cancellationToken);

    /// <summary>Releases the connection handler.</summary>
    public void Dispose() => _executor.Dispose();

    /// <inheritdoc />
    Task<ErrorLogLines?> IErrorLogSource.FetchErrorLogLinesAsync(string errorUrl, int maxBytes, CancellationToken cancellationToken) =>
        _executor.Channel.FetchErrorLogLinesAsync(errorUrl, maxBytes, cancellationToken);

    private Task<StreamLoadResult> SettleAsync(
        string operation, StreamLoadTransaction transaction, LoadState[] settledStates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return CallAsync(operation, transaction, HttpMethod.Post, ControlHeaders(transaction), body: null, retry: true, cancellationToken, settledStates);
    }

    /// <summary>
    /// One transaction call. When <paramref name="settledStates"/> is given, a non-OK answer is re-checked with
    /// <c>get_load_state</c> (it may be stale, e.g. a commit that went through before an FE restart) and a settled state is success.
    /// </summary>
    private Task<StreamLoadResult> CallAsync(
        string operation, StreamLoadTransaction transaction, HttpMethod method, IReadOnlyList<KeyValuePair<string, string>> headers,
        LoadBody? body, bool retry, CancellationToken cancellationToken, LoadState[]? settledStates = null)
    {
        var call = new LoadCall($"transaction {operation}", transaction.Database, transaction.Table, transaction.Label);
        var request = new StarRocksHttpRequest(method, $"/api/transaction/{operation}", headers, body);
        return _executor.ExecuteAsync(call, async (current, token) =>
        {
            var (result, outcome) = await _executor.SendAsync(current, request, transactionApi: true, token).ConfigureAwait(false);
            LoadLog.TransactionCall(_executor.Logger, operation, transaction.Database, transaction.Table, transaction.Label, result.Status, result.Message);
            if (outcome == StreamLoadOutcome.Success)
            {
                return result;
            }

            var failure = LoadCallExecutor.Failure(current, result, outcome);
            if (settledStates is null || result.HttpStatusCode == 401)
            {
                throw failure;
            }

            LoadState state;
            try
            {
                state = await _executor.GetLoadStateAsync(transaction.Database, transaction.Label, token).ConfigureAwait(false);
            }
            catch (StarRocksLoadException)
            {
                throw failure;
            }

            LoadLog.LabelState(_executor.Logger, transaction.Label, transaction.Database, state);
            return settledStates.Contains(state) ? result with { State = state.ToString().ToUpperInvariant() } : throw failure;
        }, retry, cancellationToken);
    }

    private static List<KeyValuePair<string, string>> ControlHeaders(StreamLoadTransaction transaction) =>
    [
        new("label", transaction.Label),
        new("db", transaction.Database),
        new("table", transaction.Table),
    ];

    private static string Seconds(TimeSpan value) =>
        Math.Max(1, (long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
