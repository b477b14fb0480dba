using StarRocks.Typed.StandIn.MariaDb;
using StarRocks.Typed.StandIn.Tests.Sql;

namespace StarRocks.Typed.StandIn.Tests.Hosting;

/// <summary>
/// A MariaDB already running on a data directory is found and reused (<c>standin.sh stop</c>, <c>STANDIN_MARIADB_DATADIR</c>):
/// the check that it serves that directory reads <c>@@datadir</c> through the MySQL client.
/// </summary>
[Collection(ProxyCollection.Name)]
public sealed class MariaDbReuseTests(ProxyFixture fixture)
{
    [Fact]
    public async Task The_instance_running_on_a_data_directory_is_found_and_reused_without_being_owned()
    {
        var found = await MariaDbServer.FindRunningAsync(fixture.MariaDb.DataDirectory);
        await using var reused = await MariaDbServer.StartAsync(fixture.MariaDb.DataDirectory);

        Assert.NotNull(found);
        Assert.Equal(fixture.MariaDb.Port, found.Port);
        Assert.Equal(fixture.MariaDb.Port, reused.Port);
        Assert.False(reused.OwnsProcess);
    }
}
