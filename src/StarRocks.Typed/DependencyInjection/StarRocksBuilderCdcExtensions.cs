using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Registers the CDC sink (<see cref="StarRocksCdcSink"/>, also as <see cref="ICdcEventSink"/>) on the StarRocks builder.</summary>
public static class StarRocksBuilderCdcExtensions
{
    /// <summary>
    /// Adds the CDC sink: its loads go through the builder's sink (every <c>sink.*</c> option), its DDL through the
    /// builder's data source (<c>jdbc-url</c> or <c>UseDataSource</c>); its own options (<c>table.create.num-buckets</c>,
    /// <c>table.create.properties.*</c>, <c>table.schema-change.timeout</c>, <c>unicode-char.max-bytes</c>) are bound
    /// from the section of <c>AddStarRocks(section)</c>, then <paramref name="configure"/> runs; they are validated on start.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets options in code (after binding), or null.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder AddCdcSink(this StarRocksBuilder builder, Action<StarRocksCdcOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = AddCdcOptions(builder.Services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(sp => new StarRocksCdcSink(
            sp.GetRequiredService<SinkCoordinator>(),
            sp.GetRequiredKeyedService<DbDataSource>(StarRocksBuilder.DataSourceKey),
            sp.GetRequiredService<IOptions<StarRocksCdcOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger("StarRocks.Typed.Cdc") ?? NullLogger.Instance));
        builder.Services.TryAddSingleton<ICdcEventSink>(sp => sp.GetRequiredService<StarRocksCdcSink>());
        return builder;
    }

    /// <summary>The CDC options, validated on start (registered once).</summary>
    internal static OptionsBuilder<StarRocksCdcOptions> AddCdcOptions(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StarRocksCdcOptions>, StarRocksCdcOptionsValidator>());
        return services.AddOptions<StarRocksCdcOptions>().ValidateOnStart();
    }
}

/// <summary>Validates <see cref="StarRocksCdcOptions"/> on start; messages name the options as users spell them.</summary>
internal sealed class StarRocksCdcOptionsValidator : IValidateOptions<StarRocksCdcOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StarRocksCdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsFailures.ToResult(options.GetFailures());
    }
}
