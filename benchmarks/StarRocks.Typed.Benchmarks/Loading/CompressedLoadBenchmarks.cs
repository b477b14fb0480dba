using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StarRocks.Typed.Benchmarks.Serialization;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.MariaDb;

namespace StarRocks.Typed.Benchmarks.Loading;

/// <summary>
/// The 1M orders rows of <see cref="OrderRowWriterBenchmarks"/>, serialized once (generated CSV or JSON writer) into ten
/// 100,000-row batches, loaded per <c>sink.properties.compression</c> codec with <see cref="StreamLoadClient"/> (FE
/// redirect, one load at a time) into the in-process stand-in's BE with storage off, which reads, decompresses and counts
/// each body. What a codec costs and saves on the wire, apart from serialization: <see cref="WireBytes"/> is what the BE
/// received per invocation.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 10)]
public class CompressedLoadBenchmarks
{
    public const int Rows = OrderRowWriterBenchmarks.Rows;
    public const int RowsPerBatch = 100_000;

    private static readonly KeyValuePair<string, string>[] CsvHeaders = [new("format", "CSV"), new("column_separator", "\\x09")];
    private static readonly KeyValuePair<string, string>[] JsonHeaders = [new("format", "JSON"), new("strip_outer_array", "true")];

    private StarRocksStandIn _standIn = null!;
    private StreamLoadClient _client = null!;
    private LoadBatch[] _batches = [];

    /// <summary><c>none</c> for a plain body (with <c>Content-Length</c>), else the <c>compression</c> value.</summary>
    [Params("none", "gzip", "deflate", "zstd", "lz4_frame", "bzip2")]
    public string Codec { get; set; } = "none";

    /// <summary>JSON bodies (an outer array) instead of CSV.</summary>
    [Params(false, true)]
    public bool Json { get; set; }

    /// <summary>The plain bytes of one invocation (all batches).</summary>
    public long PlainBytes => _batches.Sum(b => b.Length);

    /// <summary>The body bytes the BE received so far, every invocation included (divide by the loads made).</summary>
    public long WireBytes => _standIn.Requests.Entries.Where(e => e.Node == "be").Sum(e => e.BodyBytes);

    /// <summary>The loads the BE answered so far.</summary>
    public int Loads => _standIn.Requests.Entries.Count(e => e.Node == "be");

    [GlobalSetup]
    public void Setup()
    {
        var orders = BenchOrder.Create(Rows);
        _batches = [.. Enumerable.Range(0, Rows / RowsPerBatch).Select(i => Serialize(orders.AsSpan(i * RowsPerBatch, RowsPerBatch), Json))];
        _standIn = StarRocksStandIn.StartAsync(new StandInOptions { StorageOff = true, StartMySqlProxy = false }).GetAwaiter().GetResult();
        var options = new StarRocksConnectionOptions { LoadUrls = _standIn.FeHttp.ToString(), Username = _standIn.User, Password = _standIn.Password };
        if (Codec != "none")
        {
            options.Properties["compression"] = Codec;
        }

        _client = new StreamLoadClient(options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        foreach (var batch in _batches)
        {
            batch.Dispose();
        }

        _standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();
        MariaDbServer.StopSharedAsync().GetAwaiter().GetResult();
    }

    /// <summary>Loads every batch, one after the other.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<long> Load()
    {
        long loaded = 0;
        foreach (var batch in _batches)
        {
            var result = await _client.LoadAsync(new StreamLoadRequest("bench", "orders", batch) { Headers = Json ? JsonHeaders : CsvHeaders });
            loaded += result.LoadBytes;
        }

        return loaded;
    }

    /// <summary>Compresses every batch into <see cref="Stream.Null"/> on this thread, as the load's request content does.</summary>
    public async Task CompressOnly()
    {
        LoadCompression.TryParse(Codec == "none" ? "no_compression" : Codec, out var codec, out _);
        foreach (var batch in _batches)
        {
            using var content = batch.CreateContent(codec);
            await content.CopyToAsync(Stream.Null);
        }
    }

    private static LoadBatch Serialize(ReadOnlySpan<BenchOrder> orders, bool json)
    {
        var batch = new LoadBatch();
        if (json)
        {
            var writer = new JsonRowWriter(batch, JsonFormat.Default);
            foreach (var order in orders)
            {
                writer.BeginRow();
                BenchOrder.WriteJson(order, ref writer);
                writer.EndRow();
            }

            writer.Complete();
        }
        else
        {
            var writer = new CsvRowWriter(batch, CsvFormat.Default);
            foreach (var order in orders)
            {
                writer.BeginRow();
                BenchOrder.WriteCsv(order, ref writer);
                writer.EndRow();
            }

            writer.Complete();
        }

        batch.AddRows(orders.Length);
        return batch;
    }
}
