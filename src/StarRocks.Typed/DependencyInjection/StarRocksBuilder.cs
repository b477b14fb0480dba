using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Configures what <c>AddStarRocks</c> registered: options in code, per-table sinks, the SQL data source.</summary>
public sealed class StarRocksBuilder
{
    internal StarRocksBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Sets options in code (after configuration binding).</summary>
    /// <param name="configure">Sets the options.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder Configure(Action<StarRocksOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers <see cref="IStarRocksSink{T}"/> (a singleton) for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <returns>This builder.</returns>
    public StarRocksBuilder AddSink<T>() where T : IStarRocksTable<T>
    {
        Services.TryAddSingleton<IStarRocksSink<T>>(sp => new StarRocksSink<T>(sp.GetRequiredService<SinkCoordinator>()));
        return this;
    }

    /// <summary>Registers a sink for every table of a generated registry: <c>.AddSinks(StarRocksTables.Visit)</c>.</summary>
    /// <param name="visitTables">The generated registry's <c>Visit</c> method.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder AddSinks(Action<IStarRocksTableVisitor> visitTables)
    {
        ArgumentNullException.ThrowIfNull(visitTables);
        visitTables(new SinkRegistration(this));
        return this;
    }

    /// <summary>
    /// Sets the <see cref="DbDataSource"/> SQL work uses (a MySQL-protocol data source pointing at an FE's query port) and
    /// registers <see cref="IStarRocksSchema"/>.
    /// </summary>
    /// <param name="factory">Creates the data source.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder UseDataSource(Func<IServiceProvider, DbDataSource> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.TryAddKeyedSingleton<DbDataSource>(StarRocksSchema.DataSourceKey, (sp, _) => factory(sp));
        Services.TryAddSingleton<IStarRocksSchema>(sp => new StarRocksSchema(sp.GetRequiredKeyedService<DbDataSource>(StarRocksSchema.DataSourceKey)));
        return this;
    }

    private sealed class SinkRegistration(StarRocksBuilder builder) : IStarRocksTableVisitor
    {
        public void Visit<T>() where T : IStarRocksTable<T> => builder.AddSink<T>();
    }
}
