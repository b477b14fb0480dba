using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Loading;

/// <summary>
/// Merge Commit loads (StarRocks ≥ 3.4; StarRocks docs, STREAM LOAD §Merge Commit parameters): a
/// <c>PUT /api/{db}/{table}/_stream_load</c> with <c>enable_merge_commit</c> and no label. StarRocks merges the loads of a
/// table with the same load parameters that arrive within <c>merge_commit_interval_ms</c> into one transaction and
/// answers that transaction's label. Sync (<c>merge_commit_async: false</c>) answers after the commit; async (the
/// default, as in the StarRocks connectors) answers on receipt, and this client then polls <c>get_load_state</c> for the
/// label (after 500 ms, every 500 ms, within the load <c>timeout</c>) until it is VISIBLE or COMMITTED. Either way
/// <see cref="LoadAsync"/> returns only when StarRocks has the data. At-least-once: a load retried after a lost answer
/// may land twice, and one bad load aborts the merged transaction for every load in it.
/// </summary>
public sealed class MergeCommitLoadClient : IStreamLoadClient, IDisposable, IErrorLogSource
{
    /// <summary>The first label check after an async answer (the connectors' <c>check-label-state.init-delay-ms</c>).</summary>
    public static readonly TimeSpan LabelCheckDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The time between label checks (the connectors' <c>check-label-state.interval-ms</c>).</summary>
    public static readonly TimeSpan LabelCheckInterval = TimeSpan.FromMilliseconds(500);

    private const string Operation = "merge_commit_load";

    /// <summary>What logs and errors show as the label before StarRocks named the merged transaction.</summary>
    private const string UnassignedLabel = "not yet assigned";

    private readonly LoadCallExecutor _executor;
    private readonly MergeCommitProperties _mergeCommit;

    /// <summary>Creates a client; the options are validated here.</summary>
    /// <param name="options">Endpoints, credentials, retries, timeouts, and <c>sink.properties.enable_merge_commit</c> true.</param>
    /// <param name="loggerFactory">Where log events go; none when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The options do not enable Merge Commit.</exception>
    public MergeCommitLoadClient(StarRocksConnectionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        StarRocksConnectionOptionsValidator.ThrowIfInvalid(options);
        _mergeCommit = options.GetMergeCommit()
            ?? throw new ArgumentException("sink.properties.enable_merge_commit must be true for Merge Commit loads.", nameof(options));
        _executor = new LoadCallExecutor(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<MergeCommitLoadClient>());
    }

    /// <summary>The Merge Commit properties every load sends (defaults applied).</summary>
    public MergeCommitProperties MergeCommit => _mergeCommit;

    /// <summary>
    /// Loads one batch into the merged transaction StarRocks picks. Succeeds when the merged transaction is VISIBLE or
    /// COMMITTED (<c>Success</c> or <c>Publish Timeout</c> when sync); <see cref="StreamLoadResult.Label"/> is its label.
    /// Transient failures (I/O, timeouts, a retryable <c>Fail</c>, a merged transaction aborted for a retryable reason)
    /// re-send the batch, up to <c>sink.max-retries</c>.
    /// </summary>
    /// <inheritdoc />
    public Task<StreamLoadResult> LoadAsync(StreamLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, waitForCommit: true, cancellationToken);
    }

    /// <summary>
    /// Sends one batch and returns once StarRocks received it (async: before the merged transaction commits), with the
    /// transaction's label; <see cref="ConfirmAsync"/> then waits for the commit. Retries as <see cref="LoadAsync"/> does
    /// until StarRocks has the data; an abort found later is not re-sent.
    /// </summary>
    internal Task<StreamLoadResult> SendAsync(StreamLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, waitForCommit: false, cancellationToken);
    }

    /// <summary>
    /// After <see cref="SendAsync"/>: waits until the merged transaction of <paramref name="received"/> is VISIBLE or
    /// COMMITTED (async mode; sync answers already came after the commit).
    /// </summary>
    /// <exception cref="StarRocksLoadException">The merged transaction was aborted, or its outcome stayed unknown.</exception>
    internal async Task<StreamLoadResult> ConfirmAsync(string database, string table, StreamLoadResult received, CancellationToken cancellationToken = default)
    {
        if (!NeedsConfirmation(received))
        {
            return received;
        }

        var call = new LoadCall(Operation, database, table, received.Label ?? UnassignedLabel);
        try
        {
            var result = await WaitForMergedTransactionAsync(call, received, cancellationToken).ConfigureAwait(false);
            LoadLog.LoadSucceeded(_executor.Logger, database, table, call.Label, result.State, result.NumberLoadedRows, result.NumberFilteredRows, result.LoadTimeMs);
            return result;
        }
        catch (StarRocksLoadException e)
        {
            LoadLog.Failed(_executor.Logger, Operation, database, call.Label, e.Message);
            throw;
        }
    }

    private Task<StreamLoadResult> RunAsync(StreamLoadRequest request, bool waitForCommit, CancellationToken cancellationToken)
    {
        if (request.Label is not null)
        {
            throw new ArgumentException("A Merge Commit load carries no label: StarRocks names the merged transaction (leave Label null).", nameof(request));
        }

        var call = new LoadCall(Operation, request.Database, request.Table, UnassignedLabel);
        return _executor.ExecuteAsync(call, (current, token) => LoadOnceAsync(request, current, waitForCommit, token), retry: true, cancellationToken);
    }

    private bool NeedsConfirmation(StreamLoadResult received) =>
        _mergeCommit.Async && !StreamLoadOutcomes.Is(received.Status, StreamLoadOutcomes.PublishTimeout);

    /// <summary>Releases the connection handler.</summary>
    public void Dispose() => _executor.Dispose();

    /// <inheritdoc />
    Task<ErrorLogLines?> IErrorLogSource.FetchErrorLogLinesAsync(string errorUrl, int maxBytes, CancellationToken cancellationToken) =>
        _executor.Channel.FetchErrorLogLinesAsync(errorUrl, maxBytes, cancellationToken);

    private async ValueTask<StreamLoadResult> LoadOnceAsync(StreamLoadRequest request, LoadCall call, bool waitForCommit, CancellationToken cancellationToken)
    {
        call.Label = UnassignedLabel;
        LoadLog.LoadAttempt(_executor.Logger, call.Database, request.Table, call.Label, call.Attempt, request.Body.Length);
        var path = $"/api/{Uri.EscapeDataString(request.Database)}/{Uri.EscapeDataString(request.Table)}/_stream_load";
        var headers = StreamLoadRequest.MergeHeaders(_executor.Options.Properties.Concat(_mergeCommit.Headers), request.Headers, label: null);
        var http = new StarRocksHttpRequest(HttpMethod.Put, path, headers, request.Body);
        var (result, outcome) = await _executor.SendAsync(call, http, transactionApi: false, cancellationToken).ConfigureAwait(false);
        if (result.Label is { Length: > 0 } label)
        {
            call.Label = label;
        }

        if (outcome != StreamLoadOutcome.Success)
        {
            throw LoadCallExecutor.Failure(call, result, outcome);
        }

        if (!waitForCommit && NeedsConfirmation(result))
        {
            return result;
        }

        if (NeedsConfirmation(result))
        {
            result = await WaitForMergedTransactionAsync(call, result, cancellationToken).ConfigureAwait(false);
        }

        LoadLog.LoadSucceeded(_executor.Logger, call.Database, request.Table, call.Label, result.State ?? result.Status,
            result.NumberLoadedRows, result.NumberFilteredRows, result.LoadTimeMs);
        return result;
    }

    /// <summary>
    /// Polls the merged transaction's label within the load timeout: VISIBLE/COMMITTED → the result with its state;
    /// ABORTED → failure with StarRocks's reason (retryable unless the reason is permanent); UNKNOWN, or still running at
    /// the timeout → fatal. A probe that fails transiently is repeated, not the load.
    /// </summary>
    private async Task<StreamLoadResult> WaitForMergedTransactionAsync(LoadCall call, StreamLoadResult received, CancellationToken cancellationToken)
    {
        if (received.Label is not { Length: > 0 })
        {
            throw new StarRocksLoadException(
                $"{StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, received)}; StarRocks answered no label to follow",
                call.Label, received);
        }

        var deadline = DateTimeOffset.UtcNow + _executor.LoadTimeout;
        var state = LoadState.Prepare;
        await Task.Delay(LabelCheckDelay, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            try
            {
                var answer = await _executor.GetLabelAsync(call.Database, call.Label, cancellationToken).ConfigureAwait(false);
                state = StreamLoadOutcomes.ParseLoadState(answer.State);
                LoadLog.LabelState(_executor.Logger, call.Label, call.Database, state);
                var stateText = state.ToString().ToUpperInvariant();
                switch (state)
                {
                    case LoadState.Visible or LoadState.Committed:
                        return received with { State = stateText };
                    case LoadState.Aborted:
                        var reason = answer.Reason ?? "StarRocks gave no reason";
                        throw new StarRocksLoadException(
                            $"{StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, null)}: the merged transaction " +
                            $"{call.Label} was ABORTED: {reason}",
                            call.Label, received with { State = stateText, Reason = answer.Reason },
                            isRetryable: !StreamLoadOutcomes.IsPermanentMessage(answer.Reason));
                    case LoadState.Unknown:
                        throw new StarRocksLoadException(
                            $"{StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, null)}: get_load_state answered " +
                            $"UNKNOWN for the merged transaction {call.Label}",
                            call.Label, received with { State = stateText });
                }
            }
            catch (Exception e) when (e is not StarRocksLoadException { Result.State: not null } && LoadCallExecutor.IsTransient(e, cancellationToken))
            {
                LoadLog.Retrying(_executor.Logger, "get_load_state", call.Database, call.Label, e.Message, 0, LabelCheckInterval);
            }

            if (DateTimeOffset.UtcNow + LabelCheckInterval > deadline)
            {
                throw new StarRocksLoadException(
                    $"{StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, null)}: the merged transaction " +
                    $"{call.Label} is still {state.ToString().ToUpperInvariant()} after polling get_load_state for the load timeout " +
                    $"({_executor.LoadTimeout.TotalSeconds:0} s): its outcome is unknown (StarRocks may still commit it; re-sending the rows may load them twice)",
                    call.Label, received with { State = state.ToString().ToUpperInvariant() });
            }

            await Task.Delay(LabelCheckInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
