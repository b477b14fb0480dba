using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Registers the sink's health check (<c>Microsoft.Extensions.Diagnostics.HealthChecks</c>).</summary>
public static class StarRocksHealthCheckExtensions
{
    /// <summary>
    /// Adds the sink's health check: Unhealthy while a table's load failure has not been thrown to a caller (exactly-once:
    /// until the application resumed), Degraded while writers wait for buffer room or a load is being retried.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddStarRocksSink(this IHealthChecksBuilder builder, string name = "starrocks-sink", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, sp => new StarRocksSinkHealthCheck(sp.GetRequiredService<SinkCoordinator>()), failureStatus: null, tags));
    }

    /// <summary>Adds the sink's health check (see <see cref="AddStarRocksSink"/>) to the services' health checks.</summary>
    /// <param name="builder">The StarRocks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The StarRocks builder.</returns>
    public static StarRocksBuilder AddHealthChecks(this StarRocksBuilder builder, string name = "starrocks-sink", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddStarRocksSink(name, tags);
        return builder;
    }
}
