using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Benchmarks.Reading;

/// <summary>A dimension of the reading benchmarks: 12 columns of the usual types.</summary>
[StarRocksTable("bench", "customers", Kind = StarRocksTableKind.PrimaryKey)]
public sealed partial record BenchCustomer
{
    [StarRocksKey(0)] public required long CustomerId { get; init; }
    [StarRocksColumn(Length = 100)] public required string Name { get; init; }
    [StarRocksColumn(Length = 200)] public string? City { get; init; }
    [StarRocksColumn(Length = 16)] public required string Tier { get; init; }
    public required int Orders { get; init; }
    [StarRocksColumn(Precision = 18, Scale = 2)] public required decimal Revenue { get; init; }
    public double? Score { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? LastOrderAt { get; init; }
    public required bool Active { get; init; }
    public long? ReferrerId { get; init; }
    [StarRocksColumn(Length = 64)] public string? Email { get; init; }
}

/// <summary>Starts the stand-in, creates <c>bench.customers</c> with <c>rows</c> rows and a service provider with its source and lookup.</summary>
internal sealed class ReadingStandIn : IAsyncDisposable
{
    private ReadingStandIn(StarRocksStandIn standIn, ServiceProvider services, string connectionString)
    {
        StandIn = standIn;
        Services = services;
        ConnectionString = connectionString;
    }

    public StarRocksStandIn StandIn { get; }

    public ServiceProvider Services { get; }

    public string ConnectionString { get; }

    public static async Task<ReadingStandIn> StartAsync(int rows)
    {
        var standIn = await StarRocksStandIn.StartAsync(new StandInOptions());
        var connectionString = standIn.MySqlConnectionString();
        var services = new ServiceCollection()
            .AddStarRocks(o => (o.Connection.LoadUrls, o.Connection.Username, o.Connection.Password) = (standIn.FeHttp.ToString(), standIn.User, standIn.Password))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(connectionString))
            .ConfigureReads(o => o.LookupCacheTtl = TimeSpan.FromHours(1))
            .AddSource<BenchCustomer>()
            .AddLookup<BenchCustomer, long>()
            .Services.BuildServiceProvider();
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { "DROP DATABASE IF EXISTS `bench`", "CREATE DATABASE `bench`", BenchCustomer.Table.CreateTableSql })
            {
                await new MySqlCommand(sql, connection).ExecuteNonQueryAsync();
            }
        }

        await using (var admin = new MySqlConnection(standIn.MariaDbConnectionString("bench")))
        {
            await admin.OpenAsync();
            for (var first = 1; first <= rows; first += 5000)
            {
                var values = Enumerable.Range(first, Math.Min(5000, rows - first + 1)).Select(i =>
                    $"({i}, 'Customer {i}', {(i % 5 == 0 ? "NULL" : $"'City {i % 97}'")}, '{(i % 10 == 0 ? "gold" : "standard")}', {i % 50}, {i % 1000}.25, " +
                    $"{(i % 3 == 0 ? "NULL" : $"{i % 100}.5")}, '2025-01-01 10:00:00', {(i % 2 == 0 ? "NULL" : "'2026-11-01 12:30:00'")}, {i % 2}, " +
                    $"{(i % 4 == 0 ? "NULL" : (i / 2).ToString(System.Globalization.CultureInfo.InvariantCulture))}, 'c{i}@example.com')");
                await new MySqlCommand("INSERT INTO customers VALUES " + string.Join(", ", values), admin).ExecuteNonQueryAsync();
            }
        }

        return new ReadingStandIn(standIn, services, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await StandIn.DisposeAsync();
        await MariaDbServer.StopSharedAsync();
    }
}
