using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Sink;
using StarRocks.Typed.StandIn.Faults;

namespace StarRocks.Typed.Tests.Sink;

[Collection(SinkStandInCollection.Name)]
public sealed class SinkFaultTests(SinkStandInFixture fixture)
{
    public static TheoryData<string> Faults => ["http500", "reset", "retryable", "publish-timeout", "label-running", "delay", "be-down-briefly"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_row_lands_exactly_once_in_the_primary_key_table_despite_the_fault(string fault)
    {
        var (services, db) = await fixture.StartAsync(o =>
        {
            o.BufferFlushMaxRows = 40;
            o.Connection.RetryInterval = TimeSpan.FromMilliseconds(100);
        });
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkItem>>();
            for (var i = 0; i < 40; i++) await sink.WriteAsync(new SinkItem { Id = i, Name = $"first {i}", Qty = i });
            await sink.FlushAsync();
            var faults = fixture.StandIn.Faults;
            switch (fault)
            {
                case "http500": faults.FailNextLoadsWithHttp500(2); break;
                case "reset": faults.ResetConnectionAfter(100); break;
                case "retryable": faults.FailNextLoad(); break;
                case "publish-timeout": faults.AnswerPublishTimeout(); break;
                case "label-running": faults.AnswerLabelAlreadyExistsRunning(TimeSpan.FromMilliseconds(300)); break;
                case "delay": faults.DelayNextAnswer(TimeSpan.FromMilliseconds(300)); break;
                case "be-down-briefly":
                    await fixture.StandIn.StopBeAsync();
                    _ = Task.Delay(150).ContinueWith(_ => fixture.StandIn.StartBeAsync(), TaskScheduler.Default);
                    break;
            }

            for (var i = 0; i < 120; i++) await sink.WriteAsync(new SinkItem { Id = i, Name = $"row {i}", Qty = i });
            await sink.DeleteByKeyAsync(7L);
            await sink.FlushAsync();

            var rows = await fixture.QueryAsync($"SELECT id, name FROM `{db}`.`items` ORDER BY id");
            Assert.Equal(Enumerable.Range(0, 120).Where(i => i != 7).Select(i => $"{i}|row {i}"), rows);
            Assert.Empty(fixture.StandIn.Faults.Pending);
        }
    }
}
