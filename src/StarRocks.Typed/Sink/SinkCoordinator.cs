using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;
using StarRocks.Typed.Sink.Delivery;

namespace StarRocks.Typed.Sink;

/// <summary>
/// Wires one <see cref="StarRocksOptions"/>'s sink: the shared <see cref="SinkBuffers"/>, the IO slots
/// (<c>sink.io.thread-count</c> loads at a time across tables) and, per table, a <see cref="TableBuffer"/> whose queue a
/// <see cref="TableUploader"/> loads through the <see cref="IBatchLoader"/> of the delivery mode. The only place that reads
/// the mode: it picks the loader and, for exactly-once, the <see cref="ExactlyOnceCheckpoints"/>, once.
/// </summary>
internal sealed class SinkCoordinator : IStarRocksCheckpoints, IAsyncDisposable
{
    private readonly List<(TableBuffer Buffer, TableUploader Uploader)> _tables = [];
    private readonly Func<TableBuffer, IBatchLoader> _newLoader;
    private ExactlyOnceCheckpoints? _checkpoints;
    private long _maxBatchBytes = long.MaxValue; // bytes per batch; bounded by Merge Commit's chunk size
    private IDisposable? _ownedLoader;
    private TransactionStreamLoadClient? _transactions;
    private bool _disposed;

    public SinkCoordinator(IOptions<StarRocksOptions> options, ILoggerFactory? loggerFactory = null, IStreamLoadClient? loader = null, ICheckpointJournal? journal = null)
    {
        Options = options.Value;
        StarRocksOptionsValidator.ThrowIfInvalid(Options);
        loggerFactory ??= NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("StarRocks.Typed.Sink");
        _newLoader = (Options.Semantic, Options.UseTransactionStreamLoad, Options.Connection.GetMergeCommit() is not null) switch // the one place the delivery mode is read
        {
            (StarRocksSinkSemantic.ExactlyOnce, _, _) => ExactlyOnce(loggerFactory, journal),
            (_, true, _) => TransactionPerFlush(loggerFactory),
            (_, _, true) => MergeCommitPerBatch(loggerFactory),
            _ => StreamLoadPerBatch(loggerFactory, loader),
        };
        Buffers = new SinkBuffers(Options.BufferFlushMaxBytes, Options.BufferFlushInterval, Options.ScanFrequency, Logger); // after what can throw: it starts a timer
        IoSlots = new SemaphoreSlim(Options.IoThreadCount, Options.IoThreadCount);
    }

    public StarRocksOptions Options { get; }

    public ILogger Logger { get; }

    public SinkBuffers Buffers { get; }

    public SemaphoreSlim IoSlots { get; }

    /// <summary>Every table's buffer and uploader.</summary>
    internal (TableBuffer Buffer, TableUploader Uploader)[] Tables
    {
        get
        {
            lock (_tables)
            {
                return [.. _tables];
            }
        }
    }

    /// <summary>Exactly-once's checkpoints (null in at-least-once).</summary>
    internal ExactlyOnceCheckpoints? Checkpoints => _checkpoints;

    /// <summary>Creates the sink of <typeparamref name="T"/>'s table (in <c>database</c> when set).</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <returns>The sink.</returns>
    public StarRocksSink<T> CreateSink<T>() where T : IStarRocksTable<T>
    {
        var table = T.Table;
        var format = new SinkRowFormat(table, Options.UsesJson, Options.Connection.Properties);
        return new StarRocksSink<T>(CreateTable(Options.Database ?? table.Database, table.Table), Buffers, format, CheckpointAsync);
    }

    /// <summary>Creates the buffer of a table, its queue, loader and uploader.</summary>
    /// <param name="database">The database.</param>
    /// <param name="table">The table.</param>
    /// <param name="json">Whether its batches are JSON (the CDC sink's are, whatever <c>sink.properties.format</c> says); null: as the options say.</param>
    /// <returns>The table's buffer.</returns>
    public TableBuffer CreateTable(string database, string table, bool? json = null)
    {
        var queue = Channel.CreateUnbounded<SealedBatch>(new() { SingleReader = true });
        var buffer = new TableBuffer(Buffers, database, table, Options.BufferFlushMaxRows, _maxBatchBytes, json ?? Options.UsesJson, queue.Writer, new TableFailure(), Logger);
        var uploader = new TableUploader(buffer, queue.Reader, _newLoader(buffer), Buffers.Budget, IoSlots, Options.OnRejectedRows, Logger);
        lock (_tables)
        {
            _tables.Add((Buffers.Add(buffer), uploader));
        }

        return buffer;
    }

    /// <summary>Exactly-once start (see <see cref="ExactlyOnceCheckpoints.StartAsync"/>); nothing in at-least-once.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>Completes when started.</returns>
    public Task StartAsync(CancellationToken cancellationToken) => _checkpoints?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask<StarRocksRecovery> RecoverAsync(CancellationToken cancellationToken = default) =>
        await (_checkpoints?.RecoverAsync(cancellationToken) ?? Task.FromResult(StarRocksRecovery.None)).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken = default) =>
        new(_checkpoints?.CheckpointAsync(newState: true, applicationState, cancellationToken) ?? FlushAllAsync(cancellationToken));

    /// <summary><see cref="IStarRocksSink{T}.CheckpointAsync"/>: a checkpoint that keeps the last application state.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the rows are in StarRocks.</returns>
    public Task CheckpointAsync(CancellationToken cancellationToken) =>
        _checkpoints?.CheckpointAsync(newState: false, null, cancellationToken) ?? FlushAllAsync(cancellationToken);

    /// <summary>Flushes every table and waits for the loads (host stop); exactly-once: the final checkpoint.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>Completes when the rows are in StarRocks.</returns>
    public Task FlushAllAsync(CancellationToken cancellationToken) =>
        _checkpoints?.FinalCheckpointAsync() ?? Task.WhenAll(Buffers.Tables.Select(t => t.FlushAsync(cancellationToken).AsTask()));

    /// <summary>Exactly-once: a final checkpoint (best effort: failures were already reported to writers); stops the timer and the uploaders.</summary>
    /// <returns>Completes when everything is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Buffers.DisposeAsync().ConfigureAwait(false);
        ExceptionDispatchInfo? unseen = null;
        try
        {
            await (_checkpoints?.FinalCheckpointAsync() ?? Task.CompletedTask).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            unseen = ExceptionDispatchInfo.Capture(e);
        }

        var tables = Tables;
        foreach (var (buffer, _) in tables)
        {
            buffer.Complete();
        }

        await Task.WhenAll(tables.Select(t => t.Uploader.Completion)).ConfigureAwait(false);
        _ownedLoader?.Dispose();
        _transactions?.Dispose();
        IoSlots.Dispose();
        unseen?.Throw();
    }

    /// <summary>Exactly-once: a transaction per table and checkpoint, committed by <see cref="ExactlyOnceCheckpoints"/>.</summary>
    private Func<TableBuffer, IBatchLoader> ExactlyOnce(ILoggerFactory loggerFactory, ICheckpointJournal? journal)
    {
        if (journal is not null && Options.JournalPath is not null)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(StarRocksOptions),
                [$"sink.exactly-once.journal-path ({Options.JournalPath}) is set, and an {nameof(ICheckpointJournal)} is registered in the services: the registered journal would be used and the path ignored. Remove one of them."]);
        }

        _transactions = new TransactionStreamLoadClient(Options.Connection, loggerFactory);
        journal ??= new FileCheckpointJournal(Options.JournalPath ?? $"starrocks-sink-{Options.Connection.LabelPrefix ?? LoadLabelGenerator.DefaultPrefix}.journal");
        return (_checkpoints = new ExactlyOnceCheckpoints(Options, _transactions, journal, Logger)).CreateLoader;
    }

    /// <summary>At-least-once with <c>sink.at-least-once.use-transaction-stream-load</c>: a transaction per table and flush.</summary>
    private Func<TableBuffer, IBatchLoader> TransactionPerFlush(ILoggerFactory loggerFactory)
    {
        var transactions = _transactions = new TransactionStreamLoadClient(Options.Connection, loggerFactory);
        var labels = new LoadLabelGenerator(Options.Connection.LabelPrefix);
        return b => new TransactionBatchLoader(transactions, b.Database, b.Table, FlushPoint.Flush, _ => Task.FromResult(labels.Next(b.Table)), Logger);
    }

    /// <summary>
    /// At-least-once with <c>sink.properties.enable_merge_commit</c>: a Merge Commit load per batch of at most
    /// <c>sink.merge-commit.chunk.size</c> bytes, up to <c>sink.merge-commit.max-concurrent-requests</c> of a table unconfirmed.
    /// </summary>
    private Func<TableBuffer, IBatchLoader> MergeCommitPerBatch(ILoggerFactory loggerFactory)
    {
        var client = new MergeCommitLoadClient(Options.Connection, loggerFactory);
        _ownedLoader = client;
        _maxBatchBytes = Options.EffectiveMergeCommitChunkSize;
        return b => new MergeCommitBatchLoader(client, b.Database, b.Table, Options.MergeCommitMaxConcurrentRequests);
    }

    /// <summary>At-least-once: a Stream Load per batch.</summary>
    private Func<TableBuffer, IBatchLoader> StreamLoadPerBatch(ILoggerFactory loggerFactory, IStreamLoadClient? loader)
    {
        if (loader is null)
        {
            var client = new StreamLoadClient(Options.Connection, loggerFactory);
            (_ownedLoader, loader) = (client, client);
        }

        return b => new StreamLoadBatchLoader(loader, b.Database, b.Table);
    }
}
