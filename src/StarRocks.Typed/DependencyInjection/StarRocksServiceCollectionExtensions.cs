using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Registers StarRocks sinks, their options (validated on start) and the hosted service that drains them on stop.</summary>
public static class StarRocksServiceCollectionExtensions
{
    /// <summary>
    /// Adds StarRocks with options bound from <paramref name="section"/> (keys spelled as the connectors spell them, e.g.
    /// <c>"load-url"</c>, <c>"sink.buffer-flush.max-bytes"</c>, <c>"sink.properties.format"</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>.</param>
    /// <returns>A builder for sinks and the data source.</returns>
    public static StarRocksBuilder AddStarRocks(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddStarRocks(options => options.Apply(section));
    }

    /// <summary>Adds StarRocks with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for sinks and the data source.</returns>
    public static StarRocksBuilder AddStarRocks(this IServiceCollection services, Action<StarRocksOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StarRocksOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StarRocksOptions>, StarRocksOptionsValidator>());
        services.TryAddSingleton(sp => new SinkCoordinator(
            sp.GetRequiredService<IOptions<StarRocksOptions>>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IStreamLoadClient>(),
            sp.GetService<ICheckpointJournal>()));
        services.TryAddSingleton<IStarRocksCheckpoints>(sp => sp.GetRequiredService<SinkCoordinator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StarRocksSinkHostedService>());
        return new StarRocksBuilder(services);
    }
}
