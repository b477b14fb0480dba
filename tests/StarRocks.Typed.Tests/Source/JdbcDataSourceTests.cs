using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Lookup;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Source;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Source;

[Collection(SinkStandInCollection.Name)]
public sealed class JdbcDataSourceTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task One_section_with_jdbc_url_gives_schema_sinks_every_tables_source_and_lookups_failing_over_past_a_dead_FE()
    {
        var database = $"jd_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
        var port = fixture.StandIn.MySql!.Port;
        await fixture.QueryAsync($"CREATE DATABASE `{database}`");
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // 127.0.0.2 is loopback, but nothing listens there: every connection first fails over to the second FE.
            ["StarRocks:jdbc-url"] = $"jdbc:mysql://127.0.0.2:{port},127.0.0.1:{port}/{database}?connectTimeout=2000&useSSL=false&characterEncoding=utf8",
            ["StarRocks:load-url"] = fixture.StandIn.FeHttp.ToString(),
            ["StarRocks:username"] = SinkStandInFixture.User,
            ["StarRocks:password"] = SinkStandInFixture.Password,
            ["StarRocks:database-name"] = database,
        }).Build().GetSection("StarRocks");
        await using var services = new ServiceCollection()
            .AddStarRocks(section)
            .AddSink<ScanRow>()
            .AddSink<LookupCustomer>()
            .AddSources(StarRocksTables.Visit)
            .AddLookup<LookupCustomer>()
            .Services.BuildServiceProvider();

        var schema = services.GetRequiredService<IStarRocksSchema>();
        await schema.EnsureTableAsync(SinkStandInFixture.InDatabase(ScanRow.Table, database));
        await schema.EnsureTableAsync(SinkStandInFixture.InDatabase(LookupCustomer.Table, database));
        await services.GetRequiredService<IStarRocksSink<ScanRow>>().WriteAsync([new ScanRow { Id = 1, Name = "a", Qty = 2 }, new ScanRow { Id = 2, Name = "b", Qty = 3 }]);
        await services.GetRequiredService<IStarRocksSink<ScanRow>>().FlushAsync();
        await services.GetRequiredService<IStarRocksSink<LookupCustomer>>().WriteAsync(new LookupCustomer { CustomerId = 7, Name = "Ada", Tier = "gold" });
        await services.GetRequiredService<IStarRocksSink<LookupCustomer>>().FlushAsync();

        var rows = await services.GetRequiredService<IStarRocksSource<ScanRow>>().ReadAsync().OrderBy(r => r.Id).ToListAsync();
        var customer = await services.GetRequiredService<IStarRocksLookup<long, LookupCustomer>>().GetAsync(7);
        var customers = await services.GetRequiredService<IStarRocksSource<LookupCustomer>>().ReadAsync().ToListAsync();

        Assert.Equal([new ScanRow { Id = 1, Name = "a", Qty = 2 }, new ScanRow { Id = 2, Name = "b", Qty = 3 }], rows);
        Assert.Equal(new LookupCustomer { CustomerId = 7, Name = "Ada", Tier = "gold" }, customer);
        Assert.Equal([customer!], customers); // AddSources registered a source for every generated table
    }

    [Fact]
    public void The_url_maps_to_a_failover_MySqlConnector_data_source_with_the_credentials()
    {
        var options = new StarRocksOptions { JdbcUrl = "jdbc:mysql://fe1:9030,fe2:9030/shop?useSSL=true&connectTimeout=1500&socketTimeout=60000&rewriteBatchedStatements=true" };
        options.Connection.Username = "loader";
        options.Connection.Password = "secret";
        var notApplied = new List<string>();

        var builder = new MySqlConnector.MySqlConnectionStringBuilder(JdbcDataSource.ConnectionString(options, notApplied.Add));

        Assert.Equal("fe1,fe2", builder.Server);
        Assert.Equal(9030u, builder.Port);
        Assert.Equal("shop", builder.Database);
        Assert.Equal(("loader", "secret"), (builder.UserID, builder.Password));
        Assert.Equal(MySqlConnector.MySqlLoadBalance.FailOver, builder.LoadBalance);
        Assert.Equal(MySqlConnector.MySqlSslMode.Required, builder.SslMode);
        Assert.Equal((2u, 60u), (builder.ConnectionTimeout, builder.DefaultCommandTimeout));
        Assert.Equal(["rewriteBatchedStatements"], notApplied);
    }

    [Fact]
    public void Without_a_database_in_the_url_database_name_is_the_default_database()
    {
        var options = new StarRocksOptions { JdbcUrl = "jdbc:mysql://fe1:9030", Database = "analytics" };

        var builder = new MySqlConnector.MySqlConnectionStringBuilder(JdbcDataSource.ConnectionString(options, _ => { }));

        Assert.Equal("analytics", builder.Database);
    }

    [Theory]
    [InlineData("mysql://fe1:9030", "jdbc-url must look like jdbc:mysql://")]
    [InlineData("jdbc:mysql://fe1", "jdbc-url entry 'fe1' is not host:port")]
    [InlineData("jdbc:mysql://fe1:70000", "jdbc-url entry 'fe1:70000' is not host:port")]
    [InlineData("jdbc:mysql://fe1:9030,fe2:9031", "jdbc-url lists FEs on different ports (9030, 9031)")]
    [InlineData("jdbc:mysql://fe1:9030?useSSL=maybe", "jdbc-url parameter useSSL must be true or false")]
    [InlineData("jdbc:mysql://fe1:9030?connectTimeout=soon", "jdbc-url parameter connectTimeout must be milliseconds")]
    [InlineData("jdbc:mysql://fe1:9030?flag", "jdbc-url parameter 'flag' is not key=value")]
    public void An_invalid_url_fails_the_start_naming_jdbc_url(string url, string message)
    {
        var options = new StarRocksOptions { JdbcUrl = url };
        options.Connection.LoadUrls = "fe1:8030";

        var failures = StarRocksOptionsValidator.GetFailures(options);

        Assert.Contains(failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_jdbc_url_or_UseDataSource_a_source_names_both_ways_to_get_a_data_source()
    {
        using var services = new ServiceCollection()
            .AddStarRocks(o => (o.Connection.LoadUrls, o.Connection.Username) = ("fe1:8030", "loader"))
            .AddSource<ScanRow>()
            .Services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IStarRocksSource<ScanRow>>());

        Assert.Contains("set jdbc-url, or call UseDataSource(...)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseDataSource_replaces_the_data_source_built_from_jdbc_url()
    {
        var own = MySqlConnector.MySqlConnectorFactory.Instance.CreateDataSource("Server=own-host;Port=9030");
        using var services = new ServiceCollection()
            .AddStarRocks(o => { o.Connection.LoadUrls = "fe1:8030"; o.JdbcUrl = "jdbc:mysql://fe1:9030"; })
            .UseDataSource(_ => own)
            .Services.BuildServiceProvider();

        Assert.Same(own, services.GetRequiredKeyedService<System.Data.Common.DbDataSource>(StarRocksBuilder.DataSourceKey));
    }
}
