using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MySql.Data.MySqlClient;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Hosting;
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

    private static async Task MeasureFullParseAsync(StarRocksStandIn standIn, int rows)
    {
        var schema = new TableSchema($"bench_{Environment.ProcessId}", "t", TableKind.Primary,
        [
            new ColumnSchema("id", "BIGINT", "BIGINT", false, true),
            new ColumnSchema("name", "VARCHAR(32)", "VARCHAR", true, false, Length: 32),
            new ColumnSchema("at", "DATETIME", "DATETIME", true, false),
            new ColumnSchema("amount", "DECIMAL(18,4)", "DECIMAL", true, false, Precision: 18, Scale: 4),
        ], ["id"]);
        await using (var connection = new MySqlConnection(standIn.MariaDbConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS `{schema.Database}`; CREATE DATABASE `{schema.Database}`; " +
                $"CREATE TABLE `{schema.Database}`.t (id BIGINT NOT NULL, name VARCHAR(32), at DATETIME(6), amount DECIMAL(18,4), PRIMARY KEY (id))";
            await command.ExecuteNonQueryAsync();
        }
        await standIn.Catalog.SaveAsync(schema);
        var body = new StringBuilder();
        for (var i = 0; i < rows; i++)
            body.Append(i).Append("\tname-").Append(i).Append("\t2024-01-02 03:04:05.123456\t").Append(i).Append(".5\n");
        var bytes = Encoding.ASCII.GetBytes(body.ToString());
        using var client = NewClient();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var answer = await SendAsync(client, standIn, schema.Database, "t", new ByteArrayContent(bytes));
        stopwatch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full parse: {rows} rows ({bytes.Length / 1e6:F1} MB, 4 columns, PRIMARY KEY upsert) in {stopwatch.Elapsed.TotalSeconds:F2} s = {rows / stopwatch.Elapsed.TotalSeconds:F0} rows/s, {bytes.Length / 1e6 / stopwatch.Elapsed.TotalSeconds:F1} MB/s wall; stand-in process {cpuSeconds:F2} CPU-s = {rows / cpuSeconds:F0} rows per CPU-second, MariaDB not counted ({answer})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average during the run: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores"));
        await using (var connection = new MySqlConnection(standIn.MariaDbConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE `{schema.Database}`";
            await command.ExecuteNonQueryAsync();
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
