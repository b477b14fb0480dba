using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Source;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>
/// Column names outside ASCII load in CSV and JSON: the loader sends header values as UTF-8, the stand-in's BE reads them
/// as UTF-8 (as StarRocks's BE, which keeps the raw bytes), and the rows read back through the typed source.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class NonAsciiColumnTests(SinkStandInFixture fixture)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Rows_with_non_ASCII_column_names_load_and_read_back(string format)
    {
        var database = $"na_{format}_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
        await using var services = new ServiceCollection()
            .AddStarRocks(fixture.Options(database, o => o.Connection.Properties["format"] = format))
            .UseDataSource(_ => MySqlConnector.MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .AddSink<NonAsciiColumnsRow>()
            .AddSource<NonAsciiColumnsRow>()
            .Services.BuildServiceProvider();
        await services.GetRequiredService<IStarRocksSchema>().EnsureTableAsync(SinkStandInFixture.InDatabase(NonAsciiColumnsRow.Table, database));
        NonAsciiColumnsRow[] written =
        [
            new() { Id = 1, Name = "José 名前", Size = 42, Day = new DateOnly(2024, 2, 29) },
            new() { Id = 2, Name = null, Size = -1, Day = null },
        ];

        var sink = services.GetRequiredService<IStarRocksSink<NonAsciiColumnsRow>>();
        await sink.WriteAsync(written);
        await sink.FlushAsync();
        var read = await services.GetRequiredService<IStarRocksSource<NonAsciiColumnsRow>>().ReadAsync().OrderBy(r => r.Id).ToListAsync();

        Assert.Equal(written.Select(Describe), read.Select(Describe));
        if (format == "csv")
        {
            var load = Assert.Single(fixture.StandIn.Requests.Entries, e => e.Node == "be" && e.Path.Contains(database, StringComparison.Ordinal));
            Assert.Equal("`id`, `名前`, `größe`, `ünïcödé_ñame`, __op", load.Headers["columns"]);
        }
    }

    private static string Describe(NonAsciiColumnsRow row) =>
        $"{row.Id}|{row.Name ?? "NULL"}|{row.Size}|{row.Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}";
}
