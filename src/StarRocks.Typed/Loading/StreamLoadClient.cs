using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Loading;

/// <summary>Loads already-serialized batches into StarRocks.</summary>
public interface IStreamLoadClient
{
    /// <summary>Loads one batch; returns only when StarRocks has the data.</summary>
    /// <param name="request">The batch and its headers.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>StarRocks's answer.</returns>
    /// <exception cref="StarRocksLoadException">StarRocks rejected the batch, or it failed after all retries.</exception>
    Task<StreamLoadResult> LoadAsync(StreamLoadRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// Stream Load over HTTP: <c>PUT /api/{db}/{table}/_stream_load</c> to the next reachable FE, the FE's 307 followed by
/// hand (see <see cref="StarRocksHttpChannel"/>), transient failures retried with the same label, <c>Label Already Exists</c>
/// settled with <c>get_load_state</c>. Create one per cluster and keep it: it owns a pooled connection handler.
/// </summary>
public sealed class StreamLoadClient : IStreamLoadClient, IDisposable, IErrorLogSource
{
    private const string Operation = "stream_load";
    private readonly LoadCallExecutor _executor;

    /// <summary>Creates a client; the options are validated here.</summary>
    /// <param name="options">Endpoints, credentials, retries and timeouts.</param>
    /// <param name="loggerFactory">Where log events go; none when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The options enable Merge Commit (use <see cref="MergeCommitLoadClient"/>).</exception>
    public StreamLoadClient(StarRocksConnectionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GetMergeCommit() is not null)
        {
            // StarRocks ignores the label of a Merge Commit load and (async) answers before the data is committed
            throw new ArgumentException(
                "sink.properties.enable_merge_commit is true: load with MergeCommitLoadClient, which waits for the merged transaction.", nameof(options));
        }

        _executor = new LoadCallExecutor(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StreamLoadClient>());
    }

    /// <summary>
    /// Loads one batch. Succeeds on <c>Success</c> and <c>Publish Timeout</c>, and on <c>Label Already Exists</c> when the label
    /// is VISIBLE or COMMITTED (an earlier attempt loaded it; <see cref="StreamLoadResult.State"/> then says so).
    /// </summary>
    /// <inheritdoc />
    public Task<StreamLoadResult> LoadAsync(StreamLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Label is not null && !LoadLabelGenerator.IsValidLabel(request.Label))
        {
            throw new ArgumentException($"Label '{request.Label}' does not match ^[-\\w]{{1,128}}$.", nameof(request));
        }

        var call = new LoadCall(Operation, request.Database, request.Table, request.Label ?? _executor.Labels.Next(request.Table));
        return _executor.ExecuteAsync(call, (current, token) => LoadOnceAsync(request, current, token), retry: true, cancellationToken);
    }

    /// <summary>Asks the FE for the state of <paramref name="label"/> (<c>GET /api/{db}/get_load_state</c>).</summary>
    /// <param name="database">The database of the load.</param>
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

    private async ValueTask<StreamLoadResult> LoadOnceAsync(StreamLoadRequest request, LoadCall call, CancellationToken cancellationToken)
    {
        LoadLog.LoadAttempt(_executor.Logger, call.Database, request.Table, call.Label, call.Attempt, request.Body.Length);
        var path = $"/api/{Uri.EscapeDataString(request.Database)}/{Uri.EscapeDataString(request.Table)}/_stream_load";
        var headers = StreamLoadRequest.MergeHeaders(_executor.Options.Properties, request.Headers, call.Label);
        var http = new StarRocksHttpRequest(HttpMethod.Put, path, headers, request.Body);
        var (result, outcome) = await _executor.SendAsync(call, http, transactionApi: false, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case StreamLoadOutcome.Success:
                LoadLog.LoadSucceeded(_executor.Logger, call.Database, request.Table, call.Label, result.Status,
                    result.NumberLoadedRows, result.NumberFilteredRows, result.LoadTimeMs);
                return result;
            case StreamLoadOutcome.LabelAlreadyExists:
                return await ResolveExistingLabelAsync(call, result, cancellationToken).ConfigureAwait(false);
            default:
                throw LoadCallExecutor.Failure(call, result, outcome);
        }
    }

    /// <summary>
    /// VISIBLE/COMMITTED: the data is there. ABORTED: take a new label and retry. PREPARE/PREPARED: poll within the load
    /// timeout. UNKNOWN (or still running after the timeout): fail.
    /// </summary>
    private async Task<StreamLoadResult> ResolveExistingLabelAsync(LoadCall call, StreamLoadResult result, CancellationToken cancellationToken)
    {
        var state = await _executor.WaitForLabelAsync(call.Database, call.Label, acceptPrepared: false, cancellationToken).ConfigureAwait(false);
        switch (state)
        {
            case LoadState.Visible or LoadState.Committed:
                LoadLog.LoadSucceeded(_executor.Logger, call.Database, call.Table!, call.Label, $"{result.Status} ({state})",
                    result.NumberLoadedRows, result.NumberFilteredRows, result.LoadTimeMs);
                return result with { State = state.ToString().ToUpperInvariant() };
            case LoadState.Aborted:
                var aborted = call.Label;
                call.Label = _executor.Labels.Next(call.Table!);
                LoadLog.Relabelled(_executor.Logger, aborted, call.Database, call.Label);
                throw new StarRocksLoadException(
                    $"{StarRocksLoadException.Describe(Operation, call.Database, call.Table, aborted, result)}; the label was ABORTED, retrying as {call.Label}",
                    aborted, result, isRetryable: true);
            case LoadState.Prepare or LoadState.Prepared:
                var running = state.ToString().ToUpperInvariant();
                throw new StarRocksLoadException(
                    $"{StarRocksLoadException.Describe(Operation, call.Database, call.Table, call.Label, result)}; label {call.Label} is still " +
                    $"{running} after polling get_load_state for the load timeout ({_executor.LoadTimeout.TotalSeconds:0} s): its outcome is unknown " +
                    "(StarRocks may still load it; re-sending the rows under a new label may load them twice)",
                    call.Label, result with { State = running });
            default:
                throw new StarRocksLoadException(
                    $"{StarRocksLoadException.Describe(Operation, call.Database, call.Table, call.Label, result)}; get_load_state answered {state.ToString().ToUpperInvariant()}",
                    call.Label, result with { State = state.ToString().ToUpperInvariant() });
        }
    }
}
