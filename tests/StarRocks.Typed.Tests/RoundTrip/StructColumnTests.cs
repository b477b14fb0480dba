using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Source;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>
/// Records, classes and structs as STRUCT columns: loaded in JSON (StarRocks's <c>add_struct_column</c>) and read back
/// from the text StarRocks returns over the MySQL protocol; a CSV sink is refused when it is created, since StarRocks has
/// no CSV converter for STRUCT.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class StructColumnTests(SinkStandInFixture fixture)
{
    [Fact]
    public void Ddl_declares_struct_fields_by_the_naming_policy()
    {
        Assert.Equal("STRUCT<street STRING, house_number INT, location STRUCT<lat DOUBLE, lon DOUBLE>>", RowValues.Column<StructColumnsRow>("home").StarRocksType);
        Assert.Equal("ARRAY<STRUCT<street STRING, house_number INT, location STRUCT<lat DOUBLE, lon DOUBLE>>>", RowValues.Column<StructColumnsRow>("previous").StarRocksType);
        Assert.Equal("STRUCT<name STRING, weight BIGINT, active BOOLEAN, since DATE, score DECIMAL(38,9)>", RowValues.Column<StructColumnsRow>("tag").StarRocksType);
        Assert.Equal("STRUCT<first INT, second STRING>", RowValues.Column<StructColumnsRow>("pair").StarRocksType);
        Assert.Equal("ARRAY<STRUCT<first STRING, second DATE>>", RowValues.Column<StructColumnsRow>("pairs").StarRocksType);
    }

    [Fact]
    public async Task Structs_load_in_JSON_and_read_back_equal()
    {
        await using var services = await StartAsync("json");
        StructColumnsRow[] written =
        [
            new()
            {
                Id = 1,
                Home = new StructAddress("Main \"St\", 1", 12, new StructPoint { Lat = 52.5, Lon = -13.25 }),
                Previous = [new StructAddress("Old {Road}", null, null), null, new StructAddress("", 0, new StructPoint())],
                Tag = new StructTag { Name = "vip", Weight = long.MaxValue, Active = true, Since = new DateOnly(2024, 2, 29), Score = -12.5m },
                MaybeTag = new StructTag { Name = null, Weight = -1 },
                Pair = new StructPair<int, string>(-7, "seven"),
                Pairs = [new StructPair<string, DateOnly>("leap", new DateOnly(2024, 2, 29)), new StructPair<string, DateOnly>("", DateOnly.MinValue)],
            },
            new() { Id = 2, Home = null, Previous = [], Tag = default, MaybeTag = null },
            new() { Id = 3, Home = new StructAddress("Only street", null, null), Previous = [null] },
        ];

        var sink = services.GetRequiredService<IStarRocksSink<StructColumnsRow>>();
        await sink.WriteAsync(written);
        await sink.FlushAsync();
        var read = await services.GetRequiredService<IStarRocksSource<StructColumnsRow>>().ReadAsync().OrderBy(r => r.Id).ToListAsync();

        Assert.Equal(written.Length, read.Count);
        foreach (var (expected, actual) in written.Zip(read))
            Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public async Task A_CSV_sink_of_a_model_with_a_STRUCT_column_is_refused_when_created()
    {
        await using var services = await StartAsync("csv");

        var error = Assert.Throws<NotSupportedException>(() => services.GetRequiredService<IStarRocksSink<StructColumnsRow>>());

        Assert.Contains("'home'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sink.properties.format=json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.StandIn.Requests.Entries, e => e.Node == "be" && e.Path.Contains("struct_columns", StringComparison.Ordinal)
            && e.Path.Contains(_database!, StringComparison.Ordinal));
    }

    private string? _database;

    private async Task<ServiceProvider> StartAsync(string format)
    {
        _database = $"st_{format}_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
        var services = new ServiceCollection()
            .AddStarRocks(fixture.Options(_database, o => o.Connection.Properties["format"] = format))
            .UseDataSource(_ => MySqlConnector.MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .AddSink<StructColumnsRow>()
            .AddSource<StructColumnsRow>()
            .Services.BuildServiceProvider();
        await services.GetRequiredService<IStarRocksSchema>().EnsureTableAsync(SinkStandInFixture.InDatabase(StructColumnsRow.Table, _database));
        return services;
    }

    private static readonly JsonSerializerOptions DescribeOptions = new() { Converters = { new DecimalByValue() } };

    /// <summary>The row as JSON: nested records, classes and lists compared by value.</summary>
    private static string Describe(StructColumnsRow row) => JsonSerializer.Serialize(row, DescribeOptions);

    /// <summary>A decimal by its value, not its scale: DECIMAL(38,9) reads -12.5 back as -12.500000000, the same number.</summary>
    private sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
    }
}
