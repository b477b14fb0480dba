using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using StarRocks.Typed.Source;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Source;

[Collection(SinkStandInCollection.Name)]
public sealed class SourceReadTests(SinkStandInFixture fixture)
{
    [Fact]
    public async Task Reads_all_columns_as_typed_rows()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(5, id => id * 10);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        var rows = await source.ReadAsync().OrderBy(r => r.Id).ToListAsync();

        Assert.Equal(5, rows.Count);
        Assert.Equal(new ScanRow { Id = 3, Bucket = 30, Name = "n3", Qty = 3 }, rows[2]);
        Assert.Contains(context.StatementsOn("scan_rows"), s => s.Contains("SET_VAR(query_timeout=600, query_mem_limit=1073741824)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reads_LARGEINT_over_the_whole_Int128_range_and_float_extremes()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.ExecuteOnMariaDbAsync(
            "INSERT INTO `{db}`.`wide_numbers` (id, big, maybe_big, single, `double`) VALUES " +
            "(1, 170141183460469231731687303715884105727, NULL, 3.4028234663852886e38, 1.7976931348623157e308), " +
            "(2, -170141183460469231731687303715884105728, -79228162514264337593543950336, -3.4028234663852886e38, 4.9e-324), " +
            "(3, 0, 79228162514264337593543950336, 1.401298464324817e-45, -2.2250738585072014e-308)");
        var source = context.Services.GetRequiredService<IStarRocksSource<WideNumber>>();

        var rows = await source.ReadAsync().OrderBy(r => r.Id).ToListAsync();

        Assert.Equal(
            [
                new WideNumber { Id = 1, Big = Int128.MaxValue, MaybeBig = null, Single = float.MaxValue, Double = double.MaxValue },
                new WideNumber { Id = 2, Big = Int128.MinValue, MaybeBig = -(Int128)decimal.MaxValue - 1, Single = float.MinValue, Double = double.Epsilon },
                new WideNumber { Id = 3, Big = 0, MaybeBig = (Int128)decimal.MaxValue + 1, Single = float.Epsilon, Double = -2.2250738585072014e-308 },
            ],
            rows);
    }

    [Fact]
    public async Task Projection_reads_only_the_asked_members_and_the_key()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(3, id => id);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        var rows = await source.ReadAsync(new StarRocksReadRequest { Columns = ["Name"] }).OrderBy(r => r.Id).ToListAsync();
        var withoutKey = await source.ReadAsync(new StarRocksReadRequest { Columns = ["qty"], IncludeKeyColumns = false }).ToListAsync();

        Assert.Equal(new ScanRow { Id = 2, Name = "n2" }, rows[1]);
        Assert.All(withoutKey, r => Assert.Equal(0, r.Id));
        Assert.Equal([1, 2, 3], withoutKey.Select(r => r.Qty).Order());
        Assert.Contains(context.StatementsOn("scan_rows"), s => s.Contains("*/ `id`, `name` FROM", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => source.ReadAsync(new StarRocksReadRequest { Columns = ["nope"] }));
    }

    [Fact]
    public async Task Filter_with_parameters_and_limit()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(50, id => id);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        var filtered = await source.ReadAsync(new StarRocksReadRequest
        {
            Where = "qty = @qty AND name <> @name",
            Parameters = new Dictionary<string, object?> { ["qty"] = 3, ["name"] = "n3' OR '1'='1" },
        }).Select(r => r.Id).Order().ToListAsync();
        var limited = await source.ReadAsync(new StarRocksReadRequest { Limit = 7 }).CountAsync();

        Assert.Equal([3L, 10, 17, 24, 31, 38, 45], filtered);
        Assert.Equal(7, limited);
    }

    [Fact]
    public async Task Split_read_covers_even_ranges_and_the_null_slice_once()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(1000, id => id % 10 == 0 ? null : id);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        var rows = await source.ReadAsync(new StarRocksReadRequest { SplitColumn = "Bucket", SplitCount = 4 }).ToListAsync();

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), rows.Select(r => r.Id).Order());
        var slices = context.StatementsOn("scan_rows").Where(s => s.Contains("ORDER BY", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, slices.Count(s => s.Contains("`bucket` BETWEEN ", StringComparison.Ordinal)));
        Assert.Single(slices, s => s.Contains("`bucket` IS NULL", StringComparison.Ordinal));
        Assert.Single(context.StatementsOn("scan_rows"), s => s.StartsWith("SELECT MIN(`bucket`), MAX(`bucket`)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Split_read_of_skewed_keys_with_filter_and_limit()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(100, id => id);
        await context.InsertScanRowsAsync(1, id => long.MaxValue - 1, firstId: 1_000_000);
        await context.InsertScanRowsAsync(1, id => long.MinValue + 1, firstId: 2_000_000);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        var all = await source.ReadAsync(new StarRocksReadRequest { SplitColumn = "bucket", SplitCount = 8 }).Select(r => r.Id).ToListAsync();
        var filtered = await source.ReadAsync(new StarRocksReadRequest
        {
            SplitColumn = "bucket", SplitCount = 3, Where = "qty >= @min", Parameters = new Dictionary<string, object?> { ["min"] = 5 },
        }).CountAsync();
        var limited = await source.ReadAsync(new StarRocksReadRequest { SplitColumn = "bucket", SplitCount = 3, Limit = 10 }).CountAsync();

        Assert.Equal(102, all.Distinct().Count());
        Assert.Equal(102, all.Count);
        Assert.Equal(Enumerable.Range(1, 100).Count(i => i % 7 >= 5) + new[] { 1_000_000 % 7, 2_000_000 % 7 }.Count(q => q >= 5), filtered);
        Assert.Equal(10, limited);
    }

    [Fact]
    public async Task Split_read_of_an_empty_table_yields_nothing()
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();

        Assert.Empty(await source.ReadAsync(new StarRocksReadRequest { SplitColumn = "Id" }).ToListAsync());
        Assert.DoesNotContain(context.StatementsOn("scan_rows"), s => s.Contains("BETWEEN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancellation_mid_stream_stops_the_read(bool split)
    {
        await using var context = await ReadTestContext.StartAsync(fixture);
        await context.InsertScanRowsAsync(5000, id => id);
        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();
        using var cancel = new CancellationTokenSource();
        var read = 0;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in source.ReadAsync(new StarRocksReadRequest { SplitColumn = split ? "Id" : null }, cancel.Token))
            {
                if (++read == 10)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.InRange(read, 10, 4999);
    }

    [Fact]
    public async Task A_killed_slice_is_retried_and_resumes_without_duplicates()
    {
        await using var context = await ReadTestContext.StartAsync(fixture, o => o.ScanMaxConnections = 1);
        const int rows = 100_000;
        for (var first = 1; first <= rows; first += 5000)
        {
            await context.InsertScanRowsAsync(5000, id => id, first, padding: 390);
        }

        var source = context.Services.GetRequiredService<IStarRocksSource<ScanRow>>();
        var ids = new List<long>();
        await foreach (var row in source.ReadAsync(new StarRocksReadRequest { SplitColumn = "Id", SplitCount = 2 }))
        {
            ids.Add(row.Id);
            if (ids.Count == 2000)
            {
                // The first slice (20 MB) is far larger than the socket buffers, so it is still streaming: kill its connection.
                var connection = context.ConnectionsRunning("scan_rows", "BETWEEN").Single();
                await using var admin = new MySqlConnection(fixture.StandIn.MariaDbConnectionString());
                await admin.OpenAsync();
                await new MySqlCommand($"KILL {connection}", admin).ExecuteNonQueryAsync();
            }
        }

        Assert.Equal(rows, ids.Count);
        Assert.Equal(rows, ids.Distinct().Count());
        // MySqlConnector inlines parameters client-side, so the log shows the resume value.
        Assert.Single(context.StatementsOn("scan_rows"), s => s.Contains("`id` >= ", StringComparison.Ordinal));
    }
}
