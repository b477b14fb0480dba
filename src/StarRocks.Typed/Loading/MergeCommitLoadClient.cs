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
        if (request.Label is not null)
        {
            throw new ArgumentException("A Merge Commit load carries no label: StarRocks names the merged transaction (leave Label null).", nameof(request));
        }

        var call = new LoadCall(Operation, request.Database, request.Table, UnassignedLabel);
        return _executor.ExecuteAsync(call, (current, token) => LoadOnceAsync(request, current, token), retry: true, cancellationToken);
    }

    /// <summary>Releases the connection handler.</summary>
    public void Dispose() => _executor.Dispose();

    /// <inheritdoc />
    Task<ErrorLogLines?> IErrorLogSource.FetchErrorLogLinesAsync(string errorUrl, int maxBytes, CancellationToken cancellationToken) =>
        _executor.Channel.FetchErrorLogLinesAsync(errorUrl, maxBytes, cancellationToken);

    private async ValueTask<StreamLoadResult> LoadOnceAsync(StreamLoadRequest request, LoadCall call, CancellationToken cancellationToken)
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

        if (_mergeCommit.Async && !StreamLoadOutcomes.Is(result.Status, StreamLoadOutcomes.PublishTimeout))
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
