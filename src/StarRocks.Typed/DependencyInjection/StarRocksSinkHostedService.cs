using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.DependencyInjection;

/// <summary>Drains every sink when the host stops (the rows buffered so far are loaded before the process ends).</summary>
internal sealed class StarRocksSinkHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        services.GetService<SinkCoordinator>() is { } coordinator ? coordinator.FlushAllAsync(cancellationToken) : Task.CompletedTask;
}
