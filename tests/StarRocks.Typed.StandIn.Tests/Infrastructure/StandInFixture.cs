using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.StandIn.Tests.Infrastructure;

/// <summary>One stand-in (over the process-wide shared MariaDB) for every test of the collection.</summary>
public sealed class StandInFixture : IAsyncLifetime
{
    public StarRocksStandIn StandIn { get; private set; } = null!;
    public MariaDbServer MariaDb { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MariaDb = await MariaDbServer.GetSharedAsync();
        StandIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = MariaDb, StartMySqlProxy = false });
    }

    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        await MariaDbServer.StopSharedAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StandInCollection : ICollectionFixture<StandInFixture>
{
    public const string Name = "stand-in";
}
