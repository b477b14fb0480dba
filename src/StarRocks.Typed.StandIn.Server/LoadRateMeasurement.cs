using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.StandIn.Server;

/// <summary>
/// <c>--measure</c>: the stand-in's own load rates over loopback, measured with a plain HttpClient sending straight to
/// the BE: storage-off (a large CSV body counted by row delimiter) and full parse (rows parsed, checked and written).
/// </summary>
internal static class LoadRateMeasurement
{
    public static async Task<int> RunAsync(Dictionary<string, string> arguments)
    {
        var megabytes = int.Parse(arguments.GetValueOrDefault("measure-mb") ?? "2048", CultureInfo.InvariantCulture);
        var rows = int.Parse(arguments.GetValueOrDefault("measure-rows") ?? "200000", CultureInfo.InvariantCulture);
        var mariaDb = arguments.GetValueOrDefault("datadir") is { } dataDirectory
            ? await MariaDbServer.StartAsync(dataDirectory)
            : await MariaDbServer.GetSharedAsync();
        try
        {
            await using (var off = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = mariaDb, StartMySqlProxy = false, StorageOff = true }))
                await MeasureStorageOffAsync(off, megabytes);
            await using (var full = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = mariaDb, StartMySqlProxy = false }))
                await MeasureFullParseAsync(full, rows);
        }
        finally
        {
            if (arguments.ContainsKey("datadir"))
                await mariaDb.DisposeAsync();
            else
                await MariaDbServer.StopSharedAsync();
        }
        return 0;
    }

    private static async Task MeasureStorageOffAsync(StarRocksStandIn standIn, int megabytes)
    {
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1 << 16).Select(i => $"{i % 100000,5}\tsome-text-{i % 977,3}\t2024-01-01 00:00:00\n")));
        using var client = NewClient();
        var total = (long)megabytes * 1024 * 1024;
        // warm up, then measure
        await SendAsync(client, standIn, "bench", "t", new RepeatedContent(chunk, 64L * 1024 * 1024));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var answer = await SendAsync(client, standIn, "bench", "t", new RepeatedContent(chunk, total));
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage-off: {total / 1e6:F0} MB in {stopwatch.Elapsed.TotalSeconds:F2} s = {total / 1e9 / stopwatch.Elapsed.TotalSeconds:F2} GB/s wall; {cpuSeconds:F2} CPU-s for client + stand-in = {total / 1e9 / cpuSeconds:F2} GB per CPU-second ({answer})"));
    }

    /// <summary>
    /// Full parse with the main sample's orders row: 12 columns (BIGINT, DATETIME, BIGINT, VARCHAR, DECIMAL(18,2)×2,
    /// CHAR, INT, DOUBLE, VARCHAR, DATETIME, STRING; ≈ 110 bytes of CSV) upserted into a PRIMARY KEY table.
    /// </summary>
    private static async Task MeasureFullParseAsync(StarRocksStandIn standIn, int rows)
    {
        ColumnSchema Column(string name, string type, bool nullable = true, int length = 0, int precision = 0, int scale = 0) =>
            new(name, type, type.Split('(')[0], nullable, name is "order_id" or "order_date", Length: length, Precision: precision, Scale: scale);
        var schema = new TableSchema($"bench_{Environment.ProcessId}", "orders", TableKind.Primary,
        [
            Column("order_id", "BIGINT", false), Column("order_date", "DATETIME", false), Column("customer_id", "BIGINT", false),
            Column("status", "VARCHAR(96)", false, length: 96), Column("amount", "DECIMAL(18,2)", false, precision: 18, scale: 2),
            Column("discount", "DECIMAL(18,2)", precision: 18, scale: 2), Column("currency", "CHAR(9)", false, length: 9),
            Column("item_count", "INT", false), Column("weight", "DOUBLE"), Column("shipping_city", "VARCHAR(600)", length: 600),
            Column("shipped_at", "DATETIME"), Column("note", "STRING"),
        ], ["order_id", "order_date"]);
        await using (var connection = new MySqlConnection(standIn.MariaDbConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS `{schema.Database}`; CREATE DATABASE `{schema.Database}`; " +
                $"CREATE TABLE `{schema.Database}`.orders (order_id BIGINT NOT NULL, order_date DATETIME(6) NOT NULL, customer_id BIGINT NOT NULL, " +
                "status VARCHAR(96) NOT NULL, amount DECIMAL(18,2) NOT NULL, discount DECIMAL(18,2), currency CHAR(9) NOT NULL, item_count INT NOT NULL, " +
                "weight DOUBLE, shipping_city VARCHAR(600), shipped_at DATETIME(6), note TEXT, PRIMARY KEY (order_id, order_date))";
            await command.ExecuteNonQueryAsync();
        }
        await standIn.Catalog.SaveAsync(schema);
        var body = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{i}\t2026-11-{1 + i % 28:D2} {i % 24:D2}:{i % 60:D2}:{i % 59:D2}.{i % 1000:D3}000\t{1 + i % 1000}\tSHIPPED\t");
            body.Append(CultureInfo.InvariantCulture, $"{1 + i % 500}.{i % 100:D2}\t{(i % 5 == 0 ? "12.50" : "\\N")}\tEUR\t{1 + i % 12}\t{(i % 3 == 0 ? "\\N" : "12.345")}\t");
            body.Append(CultureInfo.InvariantCulture, $"Berlin\t\\N\t{(i % 50 == 0 ? "leave at the door, ring twice" : "\\N")}\n");
        }
        var bytes = Encoding.ASCII.GetBytes(body.ToString());
        using var client = NewClient();
        // warm up (JIT) with the first rows, then measure the whole body as an upsert
        await SendAsync(client, standIn, schema.Database, "orders", new ByteArrayContent(bytes, 0, 1 + Array.LastIndexOf(bytes, (byte)'\n', Math.Min(bytes.Length, 2 * 1024 * 1024) - 1)));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var mariaDbCpu = MariaDbCpuSeconds(standIn);
        var (allocated, gen2, pause) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var stopwatch = Stopwatch.StartNew();
        var answer = await SendAsync(client, standIn, schema.Database, "orders", new ByteArrayContent(bytes));
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        mariaDbCpu = MariaDbCpuSeconds(standIn) - mariaDbCpu;
        var gc = string.Create(CultureInfo.InvariantCulture,
            $"{(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB allocated, {GC.CollectionCount(2) - gen2} gen2 GCs, {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s GC pauses");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full parse: {rows} orders rows ({bytes.Length / 1e6:F1} MB, 12 columns, PRIMARY KEY upsert) in {stopwatch.Elapsed.TotalSeconds:F2} s = {rows / stopwatch.Elapsed.TotalSeconds:F0} rows/s, {bytes.Length / 1e6 / stopwatch.Elapsed.TotalSeconds:F1} MB/s wall; stand-in process {cpuSeconds:F2} CPU-s (client included), mariadbd {mariaDbCpu:F2} CPU-s; {gc} ({answer})"));
        Console.WriteLine(MeasureParseOnly(schema, bytes, rows));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average during the run: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
        await using (var connection = new MySqlConnection(standIn.MariaDbConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE `{schema.Database}`";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Parsing and checking alone (no HTTP, no MariaDB), on this thread: CPU per row.</summary>
    private static string MeasureParseOnly(TableSchema schema, byte[] body, int rows)
    {
        var options = LoadOptions.Parse(new HeaderDictionary(), out _);
        var plan = LoadPlan.Create(schema, options, out _)!;
        ParsedLoad.Parse(body, plan, options, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        ParsedLoad.Parse(body, plan, options, out _);
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"parse and check alone: {rows} rows in {stopwatch.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} CPU-s (process) = {rows / cpuSeconds:F0} rows per CPU-second, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / rows} bytes allocated per row");
    }

    /// <summary>User + system CPU seconds of the stand-in's mariadbd (from its pid file and /proc), 0 when unknown.</summary>
    private static double MariaDbCpuSeconds(StarRocksStandIn standIn)
    {
        try
        {
            var pid = File.ReadAllText(Path.Combine(standIn.MariaDb.DataDirectory, "mariadbd.pid")).Trim();
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };

    private static async Task<string> SendAsync(HttpClient client, StarRocksStandIn standIn, string db, string table, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://{standIn.BeHttp}/api/{db}/{table}/_stream_load") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{standIn.User}:{standIn.Password}")));
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !text.Contains("\"Success\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"load failed: {text}");
        return string.Join(' ', text.Split('\n').Where(l => l.Contains("NumberLoadedRows", StringComparison.Ordinal) || l.Contains("TimeMs", StringComparison.Ordinal))
            .Select(l => l.Trim().TrimEnd(',')));
    }

    /// <summary>A body of <paramref name="length"/> bytes made of <paramref name="chunk"/> repeated.</summary>
    private sealed class RepeatedContent(byte[] chunk, long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var left = length;
            while (left > 0)
            {
                var size = (int)Math.Min(chunk.Length, left);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                left -= size;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
