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

    // Fluent options: each sets the same StarRocksOptions that configuration binds (after binding, so code wins) and is
    // checked by the same validator when the host starts; an invalid value fails the start naming the option.

    /// <summary><c>load-url</c>: FE HTTP endpoints, e.g. <c>fe1:8030;fe2:8030</c>.</summary>
    /// <param name="loadUrl">The endpoints, <c>;</c>-separated.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithLoadUrl(string loadUrl) => Configure(o => o.Connection.LoadUrls = loadUrl);

    /// <summary><c>jdbc-url</c>: <c>jdbc:mysql://fe1:9030,fe2:9030</c>.</summary>
    /// <param name="jdbcUrl">The URL.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithJdbcUrl(string jdbcUrl) => Configure(o => o.JdbcUrl = jdbcUrl);

    /// <summary><c>username</c> and <c>password</c>.</summary>
    /// <param name="username">The StarRocks user.</param>
    /// <param name="password">Its password (never logged).</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithCredentials(string username, string password) => Configure(o => (o.Connection.Username, o.Connection.Password) = (username, password));

    /// <summary><c>database-name</c>: overrides the database of every table model.</summary>
    /// <param name="database">The database.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithDatabase(string database) => Configure(o => o.Database = database);

    /// <summary><c>sink.semantic</c>.</summary>
    /// <param name="semantic">At-least-once (default) or exactly-once.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithSemantic(StarRocksSinkSemantic semantic) => Configure(o => o.Semantic = semantic);

    /// <summary><c>sink.label-prefix</c>: characters <c>[-_A-Za-z0-9]</c>.</summary>
    /// <param name="labelPrefix">The prefix.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithLabelPrefix(string labelPrefix) => Configure(o => o.Connection.LabelPrefix = labelPrefix);

    /// <summary><c>sink.buffer-flush.max-bytes</c>, <c>.max-rows</c>, <c>.interval-ms</c>; the ones left null keep their value.</summary>
    /// <param name="maxBytes">64 MB–10 GB.</param>
    /// <param name="maxRows">64000–5000000.</param>
    /// <param name="interval">1 s–1 h.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithBufferFlush(long? maxBytes = null, int? maxRows = null, TimeSpan? interval = null) => Configure(o =>
    {
        o.BufferFlushMaxBytes = maxBytes ?? o.BufferFlushMaxBytes;
        o.BufferFlushMaxRows = maxRows ?? o.BufferFlushMaxRows;
        o.BufferFlushInterval = interval ?? o.BufferFlushInterval;
    });

    /// <summary><c>sink.max-retries</c> and, when given, <c>sink.retry.interval-ms</c>.</summary>
    /// <param name="maxRetries">0–10.</param>
    /// <param name="retryInterval">Base delay of the backoff.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithMaxRetries(int maxRetries, TimeSpan? retryInterval = null) => Configure(o =>
        (o.Connection.MaxRetries, o.Connection.RetryInterval) = (maxRetries, retryInterval ?? o.Connection.RetryInterval));

    /// <summary><c>sink.connect.timeout-ms</c>, <c>sink.wait-for-continue.timeout-ms</c>, <c>sink.socket.timeout-ms</c>; the ones left null keep their value.</summary>
    /// <param name="connect">100 ms–60 s.</param>
    /// <param name="waitForContinue">3 s–10 min.</param>
    /// <param name="socket">The longest one HTTP attempt may take.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithTimeouts(TimeSpan? connect = null, TimeSpan? waitForContinue = null, TimeSpan? socket = null) => Configure(o =>
    {
        o.Connection.ConnectTimeout = connect ?? o.Connection.ConnectTimeout;
        o.Connection.WaitForContinueTimeout = waitForContinue ?? o.Connection.WaitForContinueTimeout;
        o.Connection.SocketTimeout = socket ?? o.Connection.SocketTimeout;
    });

    /// <summary><c>sink.io.thread-count</c>: loads running in parallel across tables.</summary>
    /// <param name="ioThreadCount">1–64.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithIoThreadCount(int ioThreadCount) => Configure(o => o.IoThreadCount = ioThreadCount);

    /// <summary><c>sink.properties.{key}</c>: a Stream Load header, e.g. <c>("format", "json")</c>, <c>("max_filter_ratio", "0.1")</c>.</summary>
    /// <param name="key">The header name, without <c>sink.properties.</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithStreamLoadProperty(string key, string value) => Configure(o => o.Connection.Properties[key] = value);

    /// <summary><c>sink.at-least-once.use-transaction-stream-load</c>.</summary>
    /// <param name="enabled">Stream a flush interval's chunks into one transaction.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder UseTransactionStreamLoad(bool enabled = true) => Configure(o => o.UseTransactionStreamLoad = enabled);

    /// <summary><c>sink.exactly-once.journal-path</c>: where exactly-once records prepared transactions.</summary>
    /// <param name="journalPath">A file path.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithJournalPath(string journalPath) => Configure(o => o.JournalPath = journalPath);

    /// <summary><c>sink.exactly-once.enable-abort-lingering-txn</c> and <c>sink.exactly-once.check-num-lingering-txn</c>.</summary>
    /// <param name="enabled">Roll back the transactions a crashed instance left with this sink's next labels.</param>
    /// <param name="checkCount">Labels probed per table; -1: until the first that is not lingering.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder WithLingeringTransactionAbort(bool enabled = true, int checkCount = -1) => Configure(o =>
        (o.AbortLingeringTransactions, o.LingeringTransactionCheckCount) = (enabled, checkCount));

    /// <summary>
    /// Hands the rows StarRocks filtered out of successful loads (<c>max_filter_ratio</c> &gt; 0) to
    /// <paramref name="handler"/> (see <see cref="StarRocksOptions.OnRejectedRows"/>).
    /// </summary>
    /// <param name="handler">E.g. writes the rejected lines to a dead-letter store; exceptions are logged, not thrown.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder OnRejectedRows(Func<StarRocksRejectedRows, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Configure(o => o.OnRejectedRows = handler);
    }

    /// <summary>Registers <see cref="IStarRocksSink{T}"/> (a singleton) for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <returns>This builder.</returns>
    public StarRocksBuilder AddSink<T>() where T : IStarRocksTable<T>
    {
        Services.TryAddSingleton<IStarRocksSink<T>>(sp => sp.GetRequiredService<SinkCoordinator>().CreateSink<T>());
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
    /// The service key of the <see cref="DbDataSource"/> sources, lookups and schema checks use (built from <c>jdbc-url</c>
    /// or set with <see cref="UseDataSource"/>): <c>GetRequiredKeyedService&lt;DbDataSource&gt;(StarRocksBuilder.DataSourceKey)</c>
    /// runs the application's own SQL on the same FEs.
    /// </summary>
    public const string DataSourceKey = "StarRocks.Typed";

    /// <summary>
    /// Sets the <see cref="DbDataSource"/> SQL work uses (a MySQL-protocol data source pointing at an FE's query port),
    /// instead of the one built from <c>jdbc-url</c>.
    /// </summary>
    /// <param name="factory">Creates the data source.</param>
    /// <returns>This builder.</returns>
    public StarRocksBuilder UseDataSource(Func<IServiceProvider, DbDataSource> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton<DbDataSource>(StarRocksBuilder.DataSourceKey, (sp, _) => factory(sp));
        return this;
    }

    private sealed class SinkRegistration(StarRocksBuilder builder) : IStarRocksTableVisitor
    {
        public void Visit<T>() where T : IStarRocksTable<T> => builder.AddSink<T>();
    }
}
