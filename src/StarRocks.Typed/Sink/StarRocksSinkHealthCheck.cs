using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The health of the sink (all tables of one <c>AddStarRocks</c>): <see cref="HealthStatus.Unhealthy"/> while a table's
/// load failure has not been thrown to a caller yet (exactly-once: until the application resumed with
/// <see cref="IStarRocksCheckpoints.RecoverAsync"/>); <see cref="HealthStatus.Degraded"/> while writers wait for buffer
/// room or a load is being retried; else <see cref="HealthStatus.Healthy"/>. Register it with
/// <c>services.AddHealthChecks().AddStarRocksSink()</c> or <c>.AddHealthChecks()</c> on the StarRocks builder.
/// </summary>
internal sealed class StarRocksSinkHealthCheck(SinkCoordinator coordinator) : IHealthCheck
{
    static StarRocksSinkHealthCheck() => LoadRetries.Start();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var tables = coordinator.Tables;
        var failed = tables.Select(t => t.Buffer.Failure.Unreported).OfType<StarRocksSinkException>()
            .Append(coordinator.Checkpoints?.ResumeNeeded()).OfType<StarRocksSinkException>().Distinct().ToList();
        if (failed.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Loading failed into {string.Join(", ", failed.Select(f => $"{f.Database}.{f.Table}").Distinct())}", failed[0], Data(("failed_tables", failed.Count))));
        }

        var retrying = tables.Where(t => LoadRetries.Since(t.Uploader.Database, t.Uploader.LoadingSince)).Select(t => $"{t.Buffer.Database}.{t.Buffer.Table}").ToList();
        var waiting = coordinator.Buffers.Budget.Waiting;
        if (retrying.Count > 0 || waiting > 0)
        {
            var reasons = new List<string>();
            if (waiting > 0)
            {
                reasons.Add($"{waiting} writer(s) wait for buffer room ({coordinator.Buffers.Budget.Reserved} of {coordinator.Buffers.Budget.Limit} bytes in use)");
            }

            if (retrying.Count > 0)
            {
                reasons.Add($"retrying loads into {string.Join(", ", retrying)}");
            }

            return Task.FromResult(HealthCheckResult.Degraded(string.Join("; ", reasons), data: Data(("waiting_writers", waiting), ("retrying_tables", retrying.Count))));
        }

        return Task.FromResult(HealthCheckResult.Healthy(data: Data(("buffered_bytes", coordinator.Buffers.Budget.Reserved))));
    }

    private static Dictionary<string, object> Data(params (string Key, object Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>When the loader last retried a call per database (from its <c>starrocks.load.retries</c> counter).</summary>
    private static class LoadRetries
    {
        private static readonly ConcurrentDictionary<string, long> LastRetry = new(StringComparer.Ordinal);
        private static MeterListener? s_listener;

        public static void Start()
        {
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == SinkTelemetry.MeterName && instrument.Name == "starrocks.load.retries")
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "db", Value: string database })
                    {
                        LastRetry[database] = Stopwatch.GetTimestamp();
                    }
                }
            });
            listener.Start();
            s_listener = listener;
        }

        /// <summary>Whether a call into <paramref name="database"/> was retried since <paramref name="loadingSince"/> (0: no load in flight).</summary>
        public static bool Since(string database, long loadingSince) =>
            loadingSince != 0 && s_listener is not null && LastRetry.TryGetValue(database, out var last) && last >= loadingSince;
    }
}
