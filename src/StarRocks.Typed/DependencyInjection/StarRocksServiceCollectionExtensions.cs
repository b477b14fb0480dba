using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Registers StarRocks sinks, their options (validated on start) and the hosted service that drains them on stop.</summary>
public static class StarRocksServiceCollectionExtensions
{
    /// <summary>
    /// Adds StarRocks with the sink, connection and read options bound from <paramref name="section"/> (keys spelled as
    /// StarRocks's connectors spell them, e.g. <c>"load-url"</c>, <c>"jdbc-url"</c>, <c>"sink.buffer-flush.max-bytes"</c>,
    /// <c>"sink.properties.format"</c>, <c>"lookup.cache.ttl-ms"</c>); a key that is no option fails the start, naming it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">E.g. <c>configuration.GetSection("StarRocks")</c>.</param>
    /// <returns>A builder for sinks and the data source.</returns>
    public static StarRocksBuilder AddStarRocks(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddStarRocks(options => options.Apply(section));
        StarRocksBuilderReadExtensions.AddReadOptions(services).Configure(options => options.Apply(section));
        StarRocksBuilderCdcExtensions.AddCdcOptions(services).Configure(options => options.Apply(section));
        services.AddSingleton<IValidateOptions<StarRocksOptions>>(new SectionKeysValidator(section));
        services.AddSingleton<IHostedService>(sp => new InapplicableOptionsWarning(section, sp.GetService<ILoggerFactory>()));
        return builder;
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
        services.TryAddKeyedSingleton<DbDataSource>(StarRocksBuilder.DataSourceKey, (sp, _) => JdbcDataSource.Create(
            sp.GetRequiredService<IOptions<StarRocksOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger("StarRocks.Typed.Source") ?? NullLogger.Instance));
        services.TryAddSingleton<IStarRocksSchema>(sp => new StarRocksSchema(sp.GetRequiredKeyedService<DbDataSource>(StarRocksBuilder.DataSourceKey)));
        return new StarRocksBuilder(services);
    }
}
