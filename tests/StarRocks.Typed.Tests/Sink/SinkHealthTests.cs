using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

/// <summary>The sink's health check (issue 12) and its load-duration and rows-not-loaded metrics.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class SinkHealthTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task A_failed_load_is_unhealthy_until_it_is_thrown_to_a_caller()
    {
        var (services, db) = await fixture.StartAsync(o => o.BufferFlushMaxRows = 1);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
            fixture.StandIn.Faults.FailNextLoad(FaultInjector.TooManyFilteredRows);
            await sink.WriteAsync(new SinkEvent { Id = 1, Payload = "x" }); // sealed at max-rows: loaded in the background

            var unhealthy = await WaitForAsync(services, HealthStatus.Unhealthy);
            Assert.Contains($"{db}.events", unhealthy.Description, StringComparison.Ordinal);
            Assert.IsType<StarRocksSinkException>(unhealthy.Exception);
            await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
        }
    }

    [Fact]
    public async Task Writers_waiting_for_buffer_room_are_degraded()
    {
        var (services, _) = await fixture.StartAsync(o => o.BufferFlushMaxBytes = 4 * 1024);
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var coordinator = services.GetRequiredService<SinkCoordinator>();
            var slots = coordinator.Options.IoThreadCount;
            for (var i = 0; i < slots; i++) await coordinator.IoSlots.WaitAsync(); // no load can run
            var writing = Task.Run(async () =>
            {
                for (var i = 0; i < 500; i++) await sink.WriteAsync(new SinkEvent { Id = i, Payload = new string('p', 60) });
            });

            try
            {
                var degraded = await WaitForAsync(services, HealthStatus.Degraded);
                Assert.Contains("wait for buffer room", degraded.Description, StringComparison.Ordinal);
            }
            finally
            {
                coordinator.IoSlots.Release(slots);
            }

            await writing;
            await sink.FlushAsync();
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
        }
    }

    [Fact]
    public async Task A_load_being_retried_is_degraded()
    {
        var (services, db) = await fixture.StartAsync(o => o.Connection.RetryInterval = TimeSpan.FromMilliseconds(400));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status); // the check listens for retries from now on
            fixture.StandIn.Faults.FailNextLoadsWithHttp500(2);
            await sink.WriteAsync(new SinkEvent { Id = 1, Payload = "x" });
            var flushing = sink.FlushAsync().AsTask();

            var degraded = await WaitForAsync(services, HealthStatus.Degraded);
            Assert.Contains($"retrying loads into {db}.events", degraded.Description, StringComparison.Ordinal);
            await flushing;
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
            Assert.Equal(1, await fixture.CountAsync(db, "events"));
        }
    }

    [Fact]
    public async Task Exactly_once_is_unhealthy_after_a_failure_until_the_application_resumes()
    {
        var journal = SinkStandInFixture.NewJournalPath();
        var (services, _) = await fixture.StartAsync(o => SinkStandInFixture.ExactlyOnce(o, journal));
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            var checkpoints = services.GetRequiredService<IStarRocksCheckpoints>();
            fixture.StandIn.Faults.Add(new Fault(FaultKind.Fail, FaultPoint.TransactionLoad, Message: FaultInjector.TooManyFilteredRows));
            await sink.WriteAsync(new SinkEvent { Id = 1, Payload = "x" });
            await Assert.ThrowsAsync<StarRocksSinkException>(() => checkpoints.CheckpointAsync("1").AsTask());
            Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(services)).Status); // thrown, but not resumed from

            await checkpoints.RecoverAsync();
            Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
        }

        File.Delete(journal);
    }

    [Fact]
    public async Task Load_durations_and_rows_not_loaded_are_measured_per_table()
    {
        using var durations = new MetricCollector<double>(null, SinkTelemetry.MeterName, "starrocks.sink.load.duration");
        using var notLoaded = new MetricCollector<long>(null, SinkTelemetry.MeterName, "starrocks.sink.rows_not_loaded");
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(Enumerable.Range(0, 5).Select(i => new SinkEvent { Id = i, Payload = "m" }));
            await sink.FlushAsync();
            fixture.StandIn.Faults.FailNextLoad(FaultInjector.TooManyFilteredRows);
            await sink.WriteAsync(Enumerable.Range(5, 3).Select(i => new SinkEvent { Id = i, Payload = "m" }));
            await Assert.ThrowsAsync<StarRocksSinkException>(() => sink.FlushAsync().AsTask());
        }

        var ours = durations.GetMeasurementSnapshot().Where(m => m.Tags["db"] as string == db).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, m => Assert.Equal("events", m.Tags["table"]));
        Assert.All(ours, m => Assert.InRange(m.Value, 0.0, 60.0));
        Assert.False(ours[0].Tags.ContainsKey("error.type"));
        Assert.Equal(typeof(StarRocks.Typed.Loading.StarRocksLoadException).FullName, ours[1].Tags["error.type"]);
        Assert.Equal(3, notLoaded.GetMeasurementSnapshot().Where(m => m.Tags["db"] as string == db).Sum(m => m.Value));
    }

    private static Task<HealthReport> CheckAsync(IServiceProvider services) => services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    private static async Task<HealthReportEntry> WaitForAsync(IServiceProvider services, HealthStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var entry = (await CheckAsync(services)).Entries["starrocks-sink"];
            if (entry.Status == status)
            {
                return entry;
            }

            Assert.True(DateTime.UtcNow < deadline, $"still {entry.Status} ({entry.Description}) after 10 s");
            await Task.Delay(20);
        }
    }
}
