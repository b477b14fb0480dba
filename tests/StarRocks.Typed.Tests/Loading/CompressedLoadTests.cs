using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MySqlConnector;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>
/// Compressed Stream Load bodies (<c>sink.properties.compression</c>) against the stand-in's decompressing BE: every codec
/// StarRocks accepts that the library writes, for CSV and JSON, through the FE's redirect and a retry.
/// </summary>
[Collection(SinkStandInCollection.Name)]
public sealed class CompressedLoadTests
{
    private static readonly IReadOnlyDictionary<string, string> JsonHeaders = new Dictionary<string, string>
    {
        ["format"] = "JSON",
        ["strip_outer_array"] = "true",
    };

    private readonly LoadingStandIn _fixture;

    public CompressedLoadTests(SinkStandInFixture fixture)
    {
        _fixture = new LoadingStandIn(fixture);
        _fixture.Reset();
    }

    public static TheoryData<string, bool> CodecsAndFormats()
    {
        var data = new TheoryData<string, bool>();
        foreach (var codec in new[] { "gzip", "deflate", "zstd", "lz4_frame", "bzip2", "GZIP", "LZ4_FRAME" })
        {
            data.Add(codec, false);
            data.Add(codec, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodecsAndFormats))]
    public async Task A_compressed_load_round_trips_through_the_redirect(string codec, bool json)
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(Options(codec));
        var rows = Rows(500);
        using var batch = json ? JsonBatch(rows) : CsvBatch(rows);

        var result = await client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch)
        {
            Headers = json ? JsonHeaders : LoadingStandIn.CsvHeaders,
        });

        Assert.Equal("Success", result.Status);
        Assert.Equal(500, result.NumberLoadedRows);
        Assert.Equal(rows, await ReadBackAsync(table));
        var requests = _fixture.RequestsFor(result.Label!);
        Assert.Collection(requests,
            fe =>
            {
                Assert.Equal(307, fe.Status);
                Assert.Equal(0, fe.BodyBytes);
            },
            be =>
            {
                Assert.Equal(200, be.Status);
                Assert.Equal(codec, be.Headers["compression"]);
                Assert.Equal("chunked", be.Headers["Transfer-Encoding"]);
                Assert.False(be.Headers.ContainsKey("Content-Length"));
                Assert.InRange(be.BodyBytes, 1, batch.Length / 2); // compressed on the wire
                Assert.Equal(be.BodyBytes, result.LoadBytes);
            });
    }

    [Fact]
    public async Task A_compressed_load_cut_off_mid_body_is_retried_and_compressed_again()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(Options("zstd"));
        var rows = Rows(3000);
        using var batch = CsvBatch(rows);
        _fixture.StandIn.Faults.ResetConnectionAfter(1500);

        var result = await client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch) { Headers = LoadingStandIn.CsvHeaders });

        Assert.Equal("Success", result.Status);
        var attempts = await _fixture.BeRequestsForAsync(result.Label!, 2);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(1500, attempts[0].BodyBytes);
        Assert.Equal(result.LoadBytes, attempts[1].BodyBytes);
        Assert.Equal(rows, await ReadBackAsync(table));
    }

    [Fact]
    public async Task A_compressed_load_failed_by_the_BE_is_retried_with_the_same_batch()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(Options("gzip"));
        var rows = Rows(200);
        using var batch = CsvBatch(rows);
        _fixture.StandIn.Faults.FailNextLoad();

        var result = await client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch) { Headers = LoadingStandIn.CsvHeaders });

        var attempts = _fixture.RequestsFor(result.Label!).Where(r => r.Node == "be").ToList();
        Assert.Equal(["Fail", "Success"], attempts.Select(a => a.LoadStatus));
        Assert.Equal(attempts[0].BodyBytes, attempts[1].BodyBytes);
        Assert.Equal(rows, await ReadBackAsync(table));
    }

    [Fact]
    public async Task A_transaction_load_is_compressed_too()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new TransactionStreamLoadClient(Options("lz4_frame"));
        var rows = Rows(300);
        using var first = CsvBatch(rows[..100]);
        using var second = CsvBatch(rows[100..]);

        var transaction = await client.BeginAsync(table.Database, table.Name);
        await client.LoadAsync(transaction, first, LoadingStandIn.CsvHeaders);
        await client.LoadAsync(transaction, second, LoadingStandIn.CsvHeaders);
        await client.PrepareAsync(transaction);
        await client.CommitAsync(transaction);

        Assert.Equal(rows, await ReadBackAsync(table));
        Assert.All(_fixture.RequestsFor(transaction.Label).Where(r => r.Path.EndsWith("/load", StringComparison.Ordinal) && r.Node == "be"),
            load => Assert.Equal("lz4_frame", load.Headers["compression"]));
    }

    [Fact]
    public async Task No_compression_sends_the_plain_body_with_its_length()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(Options("no_compression"));
        var rows = Rows(50);
        using var batch = CsvBatch(rows);

        var result = await client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch) { Headers = LoadingStandIn.CsvHeaders });

        var be = Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be");
        Assert.Equal(batch.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), be.Headers["Content-Length"]);
        Assert.Equal(batch.Length, be.BodyBytes);
        Assert.Equal(rows, await ReadBackAsync(table));
    }

    [Theory]
    [InlineData("brotli", "is not a StarRocks compression type (StarRocks answers \"Unsupported compression type: brotli\")")]
    [InlineData("lz4", "is a codec StarRocks accepts but this library does not write")]
    [InlineData("snappy", "is a codec StarRocks accepts but this library does not write")]
    public void A_codec_the_library_cannot_write_fails_at_start_naming_the_option(string codec, string reason)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => new StreamLoadClient(Options(codec)));

        Assert.Contains($"sink.properties.compression '{codec}' {reason}", failure.Message);
        Assert.Contains("gzip, deflate, zstd, lz4_frame, bzip2", failure.Message);
    }

    [Fact]
    public void The_connector_spelling_binds_the_codec_and_is_checked_by_name()
    {
        var options = _fixture.Options().ApplyConnectorOptions([new("sink.properties.compression", "LZ4_FRAME")]);
        Assert.Empty(StarRocksConnectionOptionsValidator.GetFailures(options));

        options.ApplyConnectorOptions([new("sink.properties.compression", "snappy")]);
        Assert.Equal(
            ["sink.properties.compression 'snappy' is a codec StarRocks accepts but this library does not write; use gzip, deflate, zstd, lz4_frame, bzip2 (or no_compression)."],
            StarRocksConnectionOptionsValidator.GetFailures(options));
    }

    [Fact]
    public async Task A_codec_named_per_request_is_checked_before_anything_is_sent()
    {
        var table = await _fixture.CreateTableAsync();
        using var client = new StreamLoadClient(_fixture.Options());
        using var batch = CsvBatch(Rows(10));

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => client.LoadAsync(new StreamLoadRequest(table.Database, table.Name, batch)
        {
            Headers = new Dictionary<string, string>(LoadingStandIn.CsvHeaders) { ["compression"] = "xz" },
        }));

        Assert.Contains("sink.properties.compression 'xz'", failure.Message);
        Assert.Empty(_fixture.StandIn.Requests.Entries);
    }

    [Fact]
    public void Content_encoding_is_refused_in_favour_of_compression()
    {
        var options = _fixture.Options();
        options.Properties["Content-Encoding"] = "gzip";

        var failure = Assert.Throws<OptionsValidationException>(() => new StreamLoadClient(options));

        Assert.Contains("sink.properties.content-encoding is not supported: set sink.properties.compression", failure.Message);
    }

    [Theory]
    [InlineData("brotli", "Unsupported compression type: brotli")]
    [InlineData("Snappy", "The StarRocks stand-in does not reproduce the 'Snappy' compression")]
    public async Task The_BE_refuses_a_codec_it_does_not_decompress(string codec, string message)
    {
        var table = await _fixture.CreateTableAsync();
        var answer = await PutAsync(table, Gzip("1\ta\n"u8.ToArray()), ("compression", codec));

        Assert.Equal("Fail", answer.GetProperty("Status").GetString());
        Assert.Equal(message, answer.GetProperty("Message").GetString());
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task The_BE_refuses_both_content_encoding_and_compression()
    {
        var table = await _fixture.CreateTableAsync();
        var answer = await PutAsync(table, Gzip("1\ta\n"u8.ToArray()), ("compression", "gzip"), ("Content-Encoding", "gzip"));

        Assert.Equal("Only one of http header content-encoding and compression can be set", answer.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task The_BE_reads_content_encoding_as_the_codec()
    {
        var table = await _fixture.CreateTableAsync();
        var answer = await PutAsync(table, Gzip("1\ta\n2\tb\n"u8.ToArray()), ("Content-Encoding", "GZIP"));

        Assert.Equal("Success", answer.GetProperty("Status").GetString());
        Assert.Equal(2, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task The_BE_decompresses_a_zlib_body_labelled_gzip_as_StarRocks_does()
    {
        var table = await _fixture.CreateTableAsync();
        var zlib = new MemoryStream();
        using (var compressor = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
            compressor.Write("1\ta\n2\tb\n"u8);

        var answer = await PutAsync(table, zlib.ToArray(), ("compression", "gzip"));

        Assert.Equal("Success", answer.GetProperty("Status").GetString());
        Assert.Equal(2, await _fixture.CountAsync(table));
    }

    public static TheoryData<string, string, string> CorruptBodies() => new()
    {
        { "gzip", "garbage", "Failed to inflate. return code: -3" },
        { "gzip", "truncated", "Failed to decompress." },
        { "deflate", "truncated", "Failed to decompress." },
        { "zstd", "garbage", "ZSTD decompress failed. error: Unknown frame descriptor" },
        { "zstd", "truncated", "Failed to decompress." },
        { "lz4_frame", "garbage", "LZ4F_getFrameInfo error: ERROR_frameType_unknown" },
        { "lz4_frame", "truncated", "Failed to decompress." },
        { "bzip2", "garbage", "Failed to bz2 decompress. status code: -4" },
        { "bzip2", "truncated", "Failed to decompress." },
        { "gzip", "empty", "Failed to decompress." },
    };

    [Theory]
    [MemberData(nameof(CorruptBodies))]
    public async Task The_BE_refuses_a_body_that_does_not_decompress_and_loads_nothing(string codec, string damage, string message)
    {
        var table = await _fixture.CreateTableAsync();
        var whole = await CompressedBodyAsync(codec, CsvBatch(Rows(400)));
        var body = damage switch
        {
            "garbage" => Encoding.ASCII.GetBytes("1\tthis body was never compressed\n2\tnor was this line\n"),
            "truncated" => whole[..(whole.Length * 2 / 3)],
            _ => [],
        };

        var answer = await PutAsync(table, body, ("compression", codec));

        Assert.Equal("Fail", answer.GetProperty("Status").GetString());
        Assert.StartsWith(message, answer.GetProperty("Message").GetString());
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    private StarRocksConnectionOptions Options(string codec)
    {
        var options = _fixture.Options();
        options.Properties["compression"] = codec;
        return options;
    }

    private static (int Id, string Name)[] Rows(int count) =>
        Enumerable.Range(1, count).Select(i => (i, $"customer-{i:D6} ünïcode-{i % 7}")).ToArray();

    private static LoadBatch CsvBatch(IEnumerable<(int Id, string Name)> rows)
    {
        var batch = new LoadBatch();
        foreach (var (id, name) in rows)
        {
            batch.Write(Encoding.UTF8.GetBytes($"{id}\t{name}\n"));
            batch.AddRows();
        }

        return batch;
    }

    private static LoadBatch JsonBatch(IEnumerable<(int Id, string Name)> rows)
    {
        var batch = new LoadBatch();
        using (var writer = new Utf8JsonWriter(batch))
        {
            writer.WriteStartArray();
            foreach (var (id, name) in rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", id);
                writer.WriteString("name", name);
                writer.WriteEndObject();
                batch.AddRows();
            }

            writer.WriteEndArray();
        }

        return batch;
    }

    /// <summary>The body the library sends for <paramref name="codec"/>, captured from its content.</summary>
    private static async Task<byte[]> CompressedBodyAsync(string codec, LoadBatch batch)
    {
        using (batch)
        {
            Assert.True(LoadCompression.TryParse(codec, out var compression, out _));
            using var content = batch.CreateContent(compression);
            return await content.ReadAsByteArrayAsync();
        }
    }

    private static byte[] Gzip(byte[] plain)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(plain);
        return output.ToArray();
    }

    /// <summary>A raw Stream Load PUT straight to the stand-in's BE, with the given extra headers.</summary>
    private async Task<JsonElement> PutAsync(TableSchema table, byte[] body, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://{_fixture.StandIn.BeHttp}/api/{table.Database}/{table.Name}/_stream_load");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LoadingStandIn.User}:{LoadingStandIn.Password}")));
        request.Headers.Add("columns", "id, name");
        request.Headers.Add("column_separator", "\\t");
        request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<(int Id, string Name)[]> ReadBackAsync(TableSchema table)
    {
        await using var connection = new MySqlConnection(_fixture.StandIn.MariaDbConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT `id`, `name` FROM `{table.Database}`.`{table.Name}` ORDER BY `id`";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return [.. rows];
    }
}
