using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StarRocks.Typed.Configuration;

namespace StarRocks.Typed.Loading;

/// <summary>What one logical call is about; carried through the retry pipeline. The label may change after an ABORTED label.</summary>
internal sealed class LoadCall(string operation, string database, string? table, string label)
{
    public string Operation { get; } = operation;

    public string Database { get; } = database;

    public string? Table { get; } = table;

    public string Label { get; set; } = label;

    /// <summary>The 0-based number of the running attempt.</summary>
    public int Attempt { get; set; }
}

/// <summary>
/// The parts both loaders share: the HTTP channel, one call with its span and classification, the Polly retry pipeline
/// (exponential backoff with jitter, same label), <c>get_load_state</c>, and the rejected-rows fetch for failures.
/// Two bounds: each HTTP call (a load with its redirects, one <c>get_load_state</c> probe) by <c>sink.socket.timeout-ms</c>;
/// the polling of an existing label by the load <c>timeout</c>, the time StarRocks itself gives the load before it cancels
/// it (Stream Load <c>timeout</c> header, default 600 s; StarRocks docs, <c>STREAM LOAD</c>).
/// </summary>
internal sealed class LoadCallExecutor : IDisposable
{
    /// <summary>How much of the <c>ErrorURL</c> log a failure carries (the SDK keeps 3000 characters).</summary>
    public const int MaxRejectedRowsChars = 3000;

    private static readonly ResiliencePropertyKey<LoadCall> CallKey = new("StarRocks.Typed.LoadCall");
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxLabelPollDelay = TimeSpan.FromSeconds(5);

    private readonly ResiliencePipeline _retryPipeline;
    private readonly ResiliencePipeline _callTimeout;

    public LoadCallExecutor(StarRocksConnectionOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
        Channel = new StarRocksHttpChannel(options, logger);
        Labels = new LoadLabelGenerator(options.LabelPrefix);
        LoadTimeout = options.GetLoadTimeout();
        _retryPipeline = CreateRetryPipeline(options, logger);
        _callTimeout = new ResiliencePipelineBuilder().AddTimeout(options.GetAttemptTimeout()).Build();
    }

    public StarRocksConnectionOptions Options { get; }

    public ILogger Logger { get; }

    public StarRocksHttpChannel Channel { get; }

    public LoadLabelGenerator Labels { get; }

    /// <summary>The server-side load timeout; bounds label-state polling.</summary>
    public TimeSpan LoadTimeout { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> under the retry pipeline; failures come out as <see cref="StarRocksLoadException"/>.
    /// The attempt as a whole has no time limit: its HTTP calls are bounded one by one (see <see cref="SendAsync"/>) and
    /// label polling by <see cref="LoadTimeout"/> (see <see cref="WaitForLabelAsync"/>).
    /// </summary>
    public async Task<T> ExecuteAsync<T>(LoadCall call, Func<LoadCall, CancellationToken, ValueTask<T>> attempt, bool retry, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            var pipeline = retry ? _retryPipeline : ResiliencePipeline.Empty;
            return await pipeline.ExecuteAsync(
                static async (ctx, run) =>
                {
                    var current = ctx.Properties.GetValue(CallKey, null!);
                    try
                    {
                        return await run(current, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        current.Attempt++;
                    }
                },
                context,
                attempt).ConfigureAwait(false);
        }
        catch (StarRocksLoadException e)
        {
            if (e.IsRetryable)
            {
                e = new StarRocksLoadException($"{e.Message} (gave up after {call.Attempt} attempt(s))", e.Label, e.Result, isRetryable: true, e.InnerException);
            }

            LoadLog.Failed(Logger, call.Operation, call.Database, call.Label, e.Message);
            throw await WithRejectedRowsAsync(e, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            var message = $"{StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, null)} after {call.Attempt} attempt(s): {e.Message}";
            LoadLog.Failed(Logger, call.Operation, call.Database, call.Label, message);
            throw new StarRocksLoadException(message, call.Label, null, isRetryable: true, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Sends one request and classifies StarRocks's answer; records a span. The call (redirects and answer included) is
    /// bounded by <c>sink.socket.timeout-ms</c>; past it a <see cref="TimeoutRejectedException"/> (transient) is thrown.
    /// </summary>
    public async Task<(StreamLoadResult Result, StreamLoadOutcome Outcome)> SendAsync(
        LoadCall call, StarRocksHttpRequest request, bool transactionApi, CancellationToken cancellationToken)
    {
        using var activity = LoadTelemetry.StartAttempt(call.Operation, call.Database, call.Table, call.Label, call.Attempt);
        StarRocksHttpResponse response;
        try
        {
            response = await _callTimeout.ExecuteAsync(
                static (state, token) => new ValueTask<StarRocksHttpResponse>(state.Channel.SendAsync(state.request, token)),
                (Channel, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LoadTelemetry.RecordFailure(activity, e);
            throw;
        }

        var result = ToResult(response, call.Label);
        var outcome = response.RedirectRefusal is null
            ? StreamLoadOutcomes.Classify(response.StatusCode, result, transactionApi)
            : StreamLoadOutcome.Fatal;
        LoadTelemetry.RecordResult(activity, result, outcome);
        return (result, outcome);
    }

    /// <summary>The exception for a non-success outcome (retryable when the outcome is).</summary>
    public static StarRocksLoadException Failure(LoadCall call, StreamLoadResult result, StreamLoadOutcome outcome) =>
        new(StarRocksLoadException.Describe(call.Operation, call.Database, call.Table, call.Label, result),
            call.Label, result, isRetryable: outcome == StreamLoadOutcome.Retryable);

    /// <summary><c>GET /api/{db}/get_load_state?label=</c>, following the redirect to the leader FE.</summary>
    public async Task<LoadState> GetLoadStateAsync(string database, string label, CancellationToken cancellationToken) =>
        StreamLoadOutcomes.ParseLoadState((await GetLabelAsync(database, label, cancellationToken).ConfigureAwait(false)).State);

    /// <summary><c>GET /api/{db}/get_load_state?label=</c>: the answer with its <c>state</c> (and <c>reason</c>, when aborted).</summary>
    public async Task<StreamLoadResult> GetLabelAsync(string database, string label, CancellationToken cancellationToken)
    {
        var call = new LoadCall("get_load_state", database, null, label);
        var request = new StarRocksHttpRequest(
            HttpMethod.Get, $"/api/{Uri.EscapeDataString(database)}/get_load_state?label={Uri.EscapeDataString(label)}", []);
        var (result, _) = await SendAsync(call, request, transactionApi: true, cancellationToken).ConfigureAwait(false);
        if (result.HttpStatusCode == 200 && result.State is not null)
        {
            return result;
        }

        var outcome = result.HttpStatusCode is >= 400 and < 500
            ? StreamLoadOutcome.Fatal
            : StreamLoadOutcome.Retryable;
        throw Failure(call, result, outcome);
    }

    /// <summary>
    /// Polls the label until it leaves PREPARE (backoff 250 ms doubling to 5 s), at most for the load timeout: a label
    /// StarRocks is still loading may take that long, however short the socket timeout (which bounds each probe only).
    /// </summary>
    /// <remarks>
    /// A probe that fails transiently (its answer slower than the socket timeout, a dropped connection) is asked again at
    /// the next backoff step, not retried by sending the batch again: the label is loading, and a probe is cheap.
    /// </remarks>
    /// <returns>The first state other than <see cref="LoadState.Prepare"/>, or <see cref="LoadState.Prepare"/> on timeout.</returns>
    public async Task<LoadState> WaitForLabelAsync(string database, string label, bool acceptPrepared, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LoadTimeout;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var state = await GetLoadStateAsync(database, label, cancellationToken).ConfigureAwait(false);
                LoadLog.LabelState(Logger, label, database, state);
                var settled = state switch
                {
                    LoadState.Prepare => false,
                    LoadState.Prepared => acceptPrepared,
                    _ => true,
                };
                if (settled || DateTimeOffset.UtcNow + delay > deadline)
                {
                    return state;
                }
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && DateTimeOffset.UtcNow + delay <= deadline)
            {
                LoadLog.Retrying(Logger, "get_load_state", database, label, e.Message, 0, delay);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxLabelPollDelay.Ticks));
        }
    }

    /// <summary>Whether a failure may go away on retry: I/O, timeouts and retryable StarRocks answers.</summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        StarRocksLoadException e => e.IsRetryable,
        TimeoutRejectedException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public void Dispose() => Channel.Dispose();

    private async Task<StarRocksLoadException> WithRejectedRowsAsync(StarRocksLoadException exception, CancellationToken cancellationToken)
    {
        if (exception.Result?.ErrorUrl is not { Length: > 0 } errorUrl || cancellationToken.IsCancellationRequested)
        {
            return exception;
        }

        var rows = await Channel.FetchErrorLogAsync(errorUrl, MaxRejectedRowsChars, cancellationToken).ConfigureAwait(false);
        return exception.WithRejectedRows(rows);
    }

    private static StreamLoadResult ToResult(StarRocksHttpResponse response, string label)
    {
        if (StreamLoadResponseParser.TryParse(response.StatusCode, response.Body, out var parsed) && parsed is not null)
        {
            return parsed.Label is null ? parsed with { Label = label } : parsed;
        }

        var text = response.RedirectRefusal ?? Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 500))).Trim();
        return new StreamLoadResult { HttpStatusCode = response.StatusCode, Label = label, Message = text.Length > 0 ? text : null };
    }

    private static ResiliencePipeline CreateRetryPipeline(StarRocksConnectionOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryInterval,
                MaxDelay = MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    LoadTelemetry.RecordRetry(call.Operation, call.Database);
                    LoadLog.Retrying(logger, call.Operation, call.Database, call.Label, args.Outcome.Exception?.Message ?? "",
                        args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
