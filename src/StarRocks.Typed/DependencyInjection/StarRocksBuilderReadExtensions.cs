using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Lookup;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Source;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>
/// Registers typed sources, lookups and the start-time schema drift check beside the sinks. They use the data source
/// set with <see cref="StarRocksBuilder.UseDataSource"/>, the <c>database-name</c> option, and <see cref="StarRocksReadOptions"/>.
/// </summary>
public static class StarRocksBuilderReadExtensions
{
    /// <summary>Sets the <c>scan.*</c> and <c>lookup.*</c> options in code.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder ConfigureReads(this StarRocksBuilder builder, Action<StarRocksReadOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddReadOptions(builder.Services).Configure(configure);
        return builder;
    }

    /// <summary><c>scan.split.count</c>, <c>scan.split.max-connections</c>, <c>scan.max-retries</c>; the ones left null keep their value.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="splitCount">Slices of a split read, 1–1024.</param>
    /// <param name="maxConnections">Slices read at once, 1–64.</param>
    /// <param name="maxRetries">Retries of a failed slice, 0 or more.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder WithScan(this StarRocksBuilder builder, int? splitCount = null, int? maxConnections = null, int? maxRetries = null) =>
        builder.ConfigureReads(o =>
        {
            o.ScanSplitCount = splitCount ?? o.ScanSplitCount;
            o.ScanMaxConnections = maxConnections ?? o.ScanMaxConnections;
            o.ScanMaxRetries = maxRetries ?? o.ScanMaxRetries;
        });

    /// <summary><c>lookup.cache.enabled</c>, <c>.max-rows</c>, <c>.ttl-ms</c>, <c>.miss-ttl-ms</c>; the ones left null keep their value.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="enabled">Cache looked-up rows.</param>
    /// <param name="maxRows">Cached keys per lookup, positive.</param>
    /// <param name="ttl">How long a found row is served (and the preload period), positive.</param>
    /// <param name="missTtl">How long a missing key is remembered, 0 or more.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder WithLookupCache(this StarRocksBuilder builder, bool enabled = true, int? maxRows = null, TimeSpan? ttl = null, TimeSpan? missTtl = null) =>
        builder.ConfigureReads(o =>
        {
            o.LookupCacheEnabled = enabled;
            o.LookupCacheMaxRows = maxRows ?? o.LookupCacheMaxRows;
            o.LookupCacheTtl = ttl ?? o.LookupCacheTtl;
            o.LookupCacheMissTtl = missTtl ?? o.LookupCacheMissTtl;
        });

    /// <summary><c>lookup.batch.window-ms</c>, <c>lookup.batch.max-keys</c>, <c>lookup.max-retries</c>; the ones left null keep their value.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="window">How long misses are gathered into one query, 0–1 s.</param>
    /// <param name="maxKeys">Keys per query, 1–10000.</param>
    /// <param name="maxRetries">Retries of a failed query, 0 or more.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder WithLookupBatch(this StarRocksBuilder builder, TimeSpan? window = null, int? maxKeys = null, int? maxRetries = null) =>
        builder.ConfigureReads(o =>
        {
            o.LookupBatchWindow = window ?? o.LookupBatchWindow;
            o.LookupBatchMaxKeys = maxKeys ?? o.LookupBatchMaxKeys;
            o.LookupMaxRetries = maxRetries ?? o.LookupMaxRetries;
        });

    /// <summary><c>lookup.preload</c>: hold the whole (small) table, reloaded every <c>lookup.cache.ttl-ms</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="enabled">Preload.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder UseLookupPreload(this StarRocksBuilder builder, bool enabled = true) => builder.ConfigureReads(o => o.LookupPreload = enabled);

    /// <summary>Registers <see cref="IStarRocksSource{T}"/> (a singleton) for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder AddSource<T>(this StarRocksBuilder builder) where T : IStarRocksTable<T>
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddReadOptions(builder.Services);
        builder.Services.TryAddSingleton<IStarRocksSource<T>>(sp => new StarRocksSource<T>(
            DataSource(sp), sp.GetRequiredService<IOptions<StarRocksReadOptions>>().Value, Database(sp), Logger<IStarRocksSource<T>>(sp)));
        return builder;
    }

    /// <summary>Registers a source for every table of a generated registry: <c>.AddSources(StarRocksTables.Visit)</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="visitTables">The generated registry's <c>Visit</c> method.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder AddSources(this StarRocksBuilder builder, Action<IStarRocksTableVisitor> visitTables)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(visitTables);
        visitTables(new SourceRegistration(builder));
        return builder;
    }

    /// <summary>Registers <see cref="IStarRocksLookup{TKey, T}"/> (a singleton, holding the cache) for <typeparamref name="T"/>.</summary>
    /// <typeparam name="TKey">The key of <typeparamref name="T"/> (its key member's type, or a value tuple).</typeparam>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder AddLookup<TKey, T>(this StarRocksBuilder builder)
        where T : IStarRocksKeyed<T, TKey>
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddReadOptions(builder.Services);
        builder.Services.TryAddSingleton<IStarRocksLookup<TKey, T>>(sp => new StarRocksLookup<T, TKey>(
            DataSource(sp), sp.GetRequiredService<IOptions<StarRocksReadOptions>>().Value, Database(sp),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, Logger<IStarRocksLookup<TKey, T>>(sp)));
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IStarRocksLookup{TKey, T}"/> for <typeparamref name="T"/>, finding its key type from the generated
    /// <see cref="IStarRocksKeyed{TSelf, TKey}"/> (once, at registration; prefer <see cref="AddLookup{TKey, T}"/> under AOT).
    /// </summary>
    /// <typeparam name="T">The generated row type of a table with key columns.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    [RequiresDynamicCode("Closes AddLookup<TKey, T> over the key type at run time; use AddLookup<TKey, T>() under AOT.")]
    public static StarRocksBuilder AddLookup<T>(this StarRocksBuilder builder) where T : IStarRocksTable<T>
    {
        var keyed = typeof(T).GetInterfaces().SingleOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStarRocksKeyed<,>))
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no key columns to look up by.");
        var addLookup = typeof(StarRocksBuilderReadExtensions).GetMethods()
            .Single(m => m.Name == nameof(AddLookup) && m.GetGenericArguments().Length == 2)
            .MakeGenericMethod(keyed.GetGenericArguments()[1], typeof(T));
        return (StarRocksBuilder)addLookup.Invoke(null, [builder])!;
    }

    /// <summary>
    /// Compares <typeparamref name="T"/> with its live table when the host starts; on drift, fails the start
    /// (<see cref="StarRocksSchemaDriftException"/>) or logs a warning with the fixing <c>ALTER</c> statements.
    /// </summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="failOnDrift">Fail the start (true) or only log (false).</param>
    /// <returns>The builder.</returns>
    public static StarRocksBuilder CheckSchemaOnStart<T>(this StarRocksBuilder builder, bool failOnDrift = true) where T : IStarRocksTable<T>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new SchemaDriftCheck(T.Table, failOnDrift));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaDriftHostedService>());
        return builder;
    }

    internal static OptionsBuilder<StarRocksReadOptions> AddReadOptions(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StarRocksReadOptions>, StarRocksReadOptionsValidator>());
        return services.AddOptions<StarRocksReadOptions>().ValidateOnStart();
    }

    private sealed class SourceRegistration(StarRocksBuilder builder) : IStarRocksTableVisitor
    {
        public void Visit<T>() where T : IStarRocksTable<T> => builder.AddSource<T>();
    }

    internal static DbDataSource DataSource(IServiceProvider services) =>
        services.GetRequiredKeyedService<DbDataSource>(StarRocksBuilder.DataSourceKey);

    internal static string? Database(IServiceProvider services) => services.GetService<IOptions<StarRocksOptions>>()?.Value.Database;

    private static ILogger Logger<TCategory>(IServiceProvider services) =>
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<TCategory>() ?? NullLogger.Instance;
}

/// <summary>A table to compare with its model on start.</summary>
internal sealed record SchemaDriftCheck(StarRocksTableInfo Table, bool FailOnDrift);

/// <summary>Runs the registered <see cref="SchemaDriftCheck"/>s when the host starts.</summary>
internal sealed partial class SchemaDriftHostedService(IServiceProvider services, IEnumerable<SchemaDriftCheck> checks, ILogger<SchemaDriftHostedService>? logger = null)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var checker = new SchemaDriftChecker(StarRocksBuilderReadExtensions.DataSource(services), StarRocksBuilderReadExtensions.Database(services));
        foreach (var check in checks)
        {
            var drift = await checker.CheckAsync(check.Table, cancellationToken).ConfigureAwait(false);
            if (drift.IsEmpty)
            {
                continue;
            }

            if (check.FailOnDrift)
            {
                throw new StarRocksSchemaDriftException(drift);
            }

            SchemaDrifted(logger ?? (ILogger)NullLogger.Instance, drift.ToString());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "{Drift}")]
    private static partial void SchemaDrifted(ILogger logger, string drift);
}
