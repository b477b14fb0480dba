using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>
/// Exactly-once: settles the checkpoint a previous process journaled on start, and rolls back the lingering
/// transactions of the sinks resolved so far (later ones are checked before their first transaction). Drains every sink when the
/// host stops (exactly-once: the final checkpoint, see <see cref="IStarRocksCheckpoints"/>), so the rows buffered so far are loaded before the process ends.
/// </summary>
internal sealed class StarRocksSinkHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        services.GetService<SinkCoordinator>() is { } coordinator ? coordinator.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        services.GetService<SinkCoordinator>() is { } coordinator ? coordinator.FlushAllAsync(cancellationToken) : Task.CompletedTask;
}
