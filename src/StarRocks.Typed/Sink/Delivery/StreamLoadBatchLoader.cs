using StarRocks.Typed.Loading;
using StarRocks.Typed.Sink.Buffering;

namespace StarRocks.Typed.Sink.Delivery;

/// <summary>At-least-once: one Stream Load per batch, in StarRocks once it answers; nothing stays open.</summary>
/// <param name="client">The loader.</param>
/// <param name="database">The database.</param>
/// <param name="table">The table.</param>
internal sealed class StreamLoadBatchLoader(IStreamLoadClient client, string database, string table) : IBatchLoader
{
    public IErrorLogSource? ErrorLogs => client as IErrorLogSource;

    public Task<StreamLoadResult> LoadAsync(LoadBatch body, SinkRowShape shape) =>
        client.LoadAsync(new StreamLoadRequest(database, table, body) { Headers = shape.Headers });

    public Task EndAsync(FlushPoint point) => Task.CompletedTask;

    public Task<long> AbandonAsync() => Task.FromResult(0L);
}
