using System.Text.Json.Nodes;

namespace StarRocks.Typed.Cli.Tests.Sync;

/// <summary><c>sync</c> from files into StarRocks and from StarRocks into files.</summary>
[Collection(SyncStandInCollection.Name)]
public sealed class SyncFileTests(SyncStandInFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sync-files-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static readonly JsonArray Columns = new([.. SyncStandInFixture.OrderColumns.Split(", ").Select(c => (JsonNode)c)]);

    [Fact]
    public async Task A_csv_file_with_a_header_quoted_fields_and_NULLs_loads_into_StarRocks()
    {
        var target = await fixture.NewDatabaseAsync("dst");
        await fixture.CreateOrdersAsync(target);
        var file = Path.Combine(_directory.FullName, "orders.csv");
        File.WriteAllText(file, string.Join("\n",
            "id;when;customer;status;amount;discount;currency;items;weight;city;shipped;note",
            "1;2024-01-01 10:00:00;7;paid;12.50;\\N;EUR;2;1.5;\"Zürich; Altstadt\";2024-01-02 08:00:00.125000;\"say \"\"hi\"\"\"",
            "2;2024-01-01 11:00:00;8;new;-3.00;0.25;CNY;0;\\N;\\N;\\N;\"multi",
            "line\"",
            ""));
        var reader = SyncStandInFixture.FileStep("reader", "csv", file, p =>
        {
            p["column"] = Columns.DeepClone();
            p["fieldDelimiter"] = ";";
            p["skipHeader"] = true;
        });
        var job = fixture.WriteJob(null, target, reader, fixture.StarRocksWriter());

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            [
                "1|2024-01-01 10:00:00|7|paid|12.50|NULL|EUR|2|1.5|Zürich; Altstadt|2024-01-02 08:00:00.125000|say \"hi\"",
                "2|2024-01-01 11:00:00|8|new|-3.00|0.25|CNY|0|NULL|NULL|NULL|multi\nline",
            ],
            await fixture.QueryMariaDbAsync(target, $"SELECT {SyncStandInFixture.OrderColumns.Replace("order_date", "DATE_FORMAT(order_date, '%Y-%m-%d %H:%i:%s')", StringComparison.Ordinal).Replace("shipped_at", "CAST(shipped_at AS CHAR)", StringComparison.Ordinal)} FROM orders ORDER BY order_id"));
    }

    [Fact]
    public async Task A_json_lines_file_loads_into_StarRocks_with_missing_members_as_NULL()
    {
        var target = await fixture.NewDatabaseAsync("dst");
        await fixture.CreateOrdersAsync(target);
        var file = Path.Combine(_directory.FullName, "orders.jsonl");
        File.WriteAllText(file, """
            {"order_id": 1, "order_date": "2024-01-01 10:00:00", "customer_id": 7, "status": "paid", "amount": 12.5, "currency": "EUR", "item_count": 2, "note": "a\tb"}
            {"order_id": 2, "order_date": "2024-01-01 11:00:00", "customer_id": 8, "status": "new", "amount": -3, "discount": null, "currency": "CNY", "item_count": 0, "weight": 2.25}

            """);
        var reader = SyncStandInFixture.FileStep("reader", "jsonl", file, p => p["column"] = Columns.DeepClone());
        var job = fixture.WriteJob(null, target, reader, fixture.StarRocksWriter());

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            ["1|7|paid|12.50|NULL|NULL|a\tb", "2|8|new|-3.00|NULL|2.25|NULL"],
            await fixture.QueryMariaDbAsync(target, "SELECT order_id, customer_id, status, amount, discount, weight, note FROM orders ORDER BY order_id"));
    }

    [Fact]
    public async Task StarRocks_rows_are_written_to_a_csv_file_that_reads_back_the_same()
    {
        var source = await fixture.NewDatabaseAsync("src");
        await fixture.CreateOrdersAsync(source);
        await fixture.SeedOrdersAsync(source, 1, 300);
        var file = Path.Combine(_directory.FullName, "out.csv");
        var job = fixture.WriteJob(source, null, SyncStandInFixture.DatabaseReader(splitPk: "order_id"),
            SyncStandInFixture.FileStep("writer", "csv", file, p => p["header"] = true), concurrency: 2);

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.True(run.ExitCode == 0, run.Error);
        var text = File.ReadAllText(file);
        Assert.StartsWith(SyncStandInFixture.OrderColumns.Replace(" ", "", StringComparison.Ordinal) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\n3,2024-01-01 00:00:03,3,new,-99.97,0.03,CNY,3,0.428571428,\"Zürich, 3\",2024-02-02 10:11:15.250000,\\N\n", text, StringComparison.Ordinal);
        Assert.Contains("\n1,2024-01-01 00:00:01,1,paid,-99.99,0.01,CNY,1,0.142857142,\"Zürich, 1\",2024-02-02 10:11:13.250000,\"say \"\"hi\"\"\t1\"\n", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.FullName, "*.tmp"));

        // and back: the file loads into a fresh table equal to the source
        var target = await fixture.NewDatabaseAsync("dst");
        await fixture.CreateOrdersAsync(target);
        var back = fixture.WriteJob(null, target,
            SyncStandInFixture.FileStep("reader", "csv", file, p => { p["column"] = Columns.DeepClone(); p["skipHeader"] = true; }), fixture.StarRocksWriter());
        var load = await SyncStandInFixture.SyncAsync(back);
        Assert.True(load.ExitCode == 0, load.Error);
        Assert.Equal(await fixture.ChecksumAsync(source), await fixture.ChecksumAsync(target));
    }

    [Fact]
    public async Task StarRocks_rows_are_written_to_a_json_lines_file_numbers_bare_and_NULLs_null()
    {
        var source = await fixture.NewDatabaseAsync("src");
        await fixture.CreateOrdersAsync(source);
        await fixture.SeedOrdersAsync(source, 1, 4);
        var file = Path.Combine(_directory.FullName, "out.jsonl");
        var job = fixture.WriteJob(source, null, SyncStandInFixture.DatabaseReader(where: "order_id = 4"), SyncStandInFixture.FileStep("writer", "jsonl", file));

        var run = await SyncStandInFixture.SyncAsync(job);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            """{"order_id":4,"order_date":"2024-01-01 00:00:04","customer_id":4,"status":"paid","amount":-99.96,"discount":0.04,"currency":"EUR","item_count":4,"weight":null,"shipping_city":"Zürich, 4","shipped_at":null,"note":"say \"hi\"\t4"}""" + "\n",
            File.ReadAllText(file));
    }
}
