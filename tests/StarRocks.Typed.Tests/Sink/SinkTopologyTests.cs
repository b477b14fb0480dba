using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Sink;

namespace StarRocks.Typed.Tests.Sink;

[Collection(SinkStandInCollection.Name)]
public sealed class SinkTopologyTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task Loads_follow_the_FE_redirect_to_the_BE_with_credentials()
    {
        var (services, db) = await fixture.StartAsync();
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            await sink.WriteAsync(new SinkEvent { Id = 1, Payload = "redirected" });
            await sink.FlushAsync();
            var requests = fixture.StandIn.Requests.Entries.Where(e => e.Path.Contains($"/{db}/events/", StringComparison.Ordinal)).ToList();
            Assert.Equal(["fe0:307", "be:200"], requests.Select(r => $"{r.Node}:{r.Status}"));
            Assert.All(requests, r => Assert.True(r.Headers.ContainsKey("Authorization")));
            Assert.Equal(requests[0].Label, requests[1].Label);
            Assert.Equal(1, await fixture.CountAsync(db, "events"));
        }
    }

    [Fact]
    public async Task An_unreachable_first_FE_is_skipped()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var deadPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (services, db) = await fixture.StartAsync(o => o.Connection.LoadUrls = $"127.0.0.1:{deadPort};{fixture.StandIn.FeHttp}");
        await using (services)
        {
            var sink = services.GetRequiredService<IStarRocksSink<SinkEvent>>();
            for (var round = 0; round < 3; round++)
            {
                await sink.WriteAsync(new SinkEvent { Id = round, Payload = "failover" });
                await sink.FlushAsync();
            }

            Assert.Equal(3, await fixture.CountAsync(db, "events"));
        }
    }
}
