using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>
/// Exactly-once: commits the transactions a previous process prepared (journal) on start, and rolls back the lingering
/// transactions of the sinks resolved so far (later ones are checked before their first transaction). Drains every sink when the
/// host stops (exactly-once: a final checkpoint), so the rows buffered so far are loaded before the process ends.
/// </summary>
internal sealed class StarRocksSinkHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        services.GetService<SinkCoordinator>() is { } coordinator ? coordinator.RecoverAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        services.GetService<SinkCoordinator>() is { } coordinator ? coordinator.FlushAllAsync(cancellationToken) : Task.CompletedTask;
}
