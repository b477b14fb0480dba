using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.DependencyInjection;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.Sink;
using StarRocks.Typed.Source;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>
/// Rows of every mapped type with edge values go through the typed sink (CSV and JSON) into the stand-in and back
/// through the typed source; each value class (<see cref="RoundTripCases"/>) is its own test case. A row comes back
/// equal column by column, or the sink refuses it up front naming the column and the reason, and nothing is stored.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class RoundTripTests(SinkStandInFixture fixture)
{
    private static readonly SemaphoreSlim DatabaseGate = new(1, 1);
    private static string? _database;

    public static TheoryData<string, string> Cases() => InBothFormats(RoundTripCases.All.Select(c => c.Name));

    public static TheoryData<string, string> BinaryCases() => InBothFormats(RoundTripCases.Binary.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Value_comes_back_equal_or_is_refused_naming_the_column(string format, string value)
    {
        var valueClass = RoundTripCases.Named(value);
        var index = RoundTripCases.All.ToList().IndexOf(valueClass);
        var id = KeyOf(format, index);
        await AssertRoundTripAsync(format, value, id, valueClass.Edit(RoundTripCases.Ordinary(id)), valueClass.RefusalIn(format));
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public async Task Binary_value_comes_back_equal(string format, string value)
    {
        var row = RoundTripCases.Binary[value];
        var id = KeyOf(format, (int)row.Id);
        await AssertRoundTripAsync(format, value, id, row with { Id = id }, refusal: null);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Partial_update_changes_only_the_named_columns(string format)
    {
        var id = 1_000_000 + (format == "csv" ? 0 : 1);
        var original = RoundTripCases.Ordinary(id) with { Text = "before", Numbers = [1, 2] };
        var update = RoundTripCases.Ordinary(id) with { Text = "after", Int = 1, Long = 2, Numbers = [] };
        await using var services = await StartAsync(format);
        var sink = services.GetRequiredService<IStarRocksSink<RoundTripRow>>();

        await sink.WriteAsync(original);
        await sink.WritePartialAsync(update, StarRocksColumnSet<RoundTripRow>.Of("id", "text", "long", "numbers"));
        await sink.FlushAsync();

        var read = Assert.Single(await ReadAsync<RoundTripRow>(services, id));
        var expected = original with { Text = update.Text, Long = update.Long, Numbers = update.Numbers };
        var differences = RowValues.Differences(expected, read);
        Assert.True(differences.Count == 0, $"{format}: columns that did not come back as updated:\n" + string.Join("\n", differences));
    }

    /// <summary>
    /// Writes <paramref name="row"/> (key <paramref name="id"/>) through the sink in <paramref name="format"/> and reads it back through the source:
    /// it must come back equal column by column, or, when <paramref name="refusal"/> is given, the sink must refuse it
    /// naming the column and the reason, and nothing is stored.
    /// </summary>
    private async Task AssertRoundTripAsync<T>(string format, string value, long id, T row, Refusal? refusal) where T : IStarRocksTable<T>
    {
        await using var services = await StartAsync(format);
        var sink = services.GetRequiredService<IStarRocksSink<T>>();

        if (refusal is not null)
        {
            RowValues.Column<T>(refusal.Column);
            var error = await Assert.ThrowsAsync<StarRocksSerializationException>(async () => await sink.WriteAsync(row));
            Assert.Equal(refusal.Column, error.Column);
            Assert.Contains(refusal.Column, error.Message, StringComparison.Ordinal);
            Assert.Contains(refusal.Reason, error.Message, StringComparison.Ordinal);
            await sink.FlushAsync();
            Assert.Empty(await ReadAsync<T>(services, id));
            return;
        }

        await sink.WriteAsync(row);
        await sink.FlushAsync();
        var read = Assert.Single(await ReadAsync<T>(services, id));
        var differences = RowValues.Differences(row, read);
        Assert.True(differences.Count == 0, $"{format}, {value}: columns that did not come back equal:\n" + string.Join("\n", differences));
    }

    /// <summary>(format, value class) pairs: every value class in CSV, then in JSON.</summary>
    private static TheoryData<string, string> InBothFormats(IEnumerable<string> valueClasses)
    {
        var data = new TheoryData<string, string>();
        foreach (var format in (string[])["csv", "json"])
        {
            foreach (var valueClass in valueClasses)
                data.Add(format, valueClass);
        }
        return data;
    }

    /// <summary>A distinct key per format and value class, so every case reads back only its own row.</summary>
    private static long KeyOf(string format, int valueClass) => valueClass * 2L + (format == "csv" ? 1 : 2);

    /// <summary>A service provider with a sink (in <paramref name="format"/>) and a source for the suite's table, created once per run.</summary>
    private async Task<ServiceProvider> StartAsync(string format)
    {
        var database = await DatabaseAsync();
        return new ServiceCollection()
            .AddStarRocks(fixture.Options(database, o => o.Connection.Properties["format"] = format))
            .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
            .AddSink<RoundTripRow>()
            .AddSource<RoundTripRow>()
            .AddSink<RoundTripBinaryRow>()
            .AddSource<RoundTripBinaryRow>()
            .Services.BuildServiceProvider();
    }

    private async Task<string> DatabaseAsync()
    {
        await DatabaseGate.WaitAsync();
        try
        {
            if (_database is null)
            {
                var database = $"rt_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
                await using var services = new ServiceCollection()
                    .AddStarRocks(fixture.Options(database))
                    .UseDataSource(_ => MySqlConnectorFactory.Instance.CreateDataSource(fixture.ConnectionString))
                    .Services.BuildServiceProvider();
                var schema = services.GetRequiredService<IStarRocksSchema>();
                await schema.EnsureTableAsync(SinkStandInFixture.InDatabase(RoundTripRow.Table, database));
                await schema.EnsureTableAsync(SinkStandInFixture.InDatabase(RoundTripBinaryRow.Table, database));
                _database = database;
            }
            return _database;
        }
        finally
        {
            DatabaseGate.Release();
        }
    }

    private static async Task<List<T>> ReadAsync<T>(IServiceProvider services, long id) where T : IStarRocksTable<T> =>
        await services.GetRequiredService<IStarRocksSource<T>>()
            .ReadAsync(new StarRocksReadRequest { Where = "id = @id", Parameters = new Dictionary<string, object?> { ["id"] = id } })
            .ToListAsync();
}
