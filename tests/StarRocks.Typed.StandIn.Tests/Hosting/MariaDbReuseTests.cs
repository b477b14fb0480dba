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

    [Fact]
    public async Task A_start_on_a_port_another_instance_serves_fails_instead_of_borrowing_that_instance()
    {
        // two launches that picked the same free port: the one that lost the bind must not take the other's server for its own
        var directory = Directory.CreateTempSubdirectory("standin-taken-port-");
        try
        {
            var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => MariaDbServer.StartAsync(directory.FullName, fixture.MariaDb.Port));

            Assert.Contains($"port {fixture.MariaDb.Port}", refused.Message, StringComparison.Ordinal);
            Assert.NotNull(await MariaDbServer.FindRunningAsync(fixture.MariaDb.DataDirectory));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
