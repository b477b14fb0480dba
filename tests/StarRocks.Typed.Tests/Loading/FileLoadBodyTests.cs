using StarRocks.Typed.Loading;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Loading;

/// <summary>A file as a Stream Load body (what <c>starrocks-typed load FILE</c> sends), against the stand-in over real sockets.</summary>
[Collection(SinkStandInCollection.Name)]
public sealed class FileLoadBodyTests : IDisposable
{
    private readonly LoadingStandIn _fixture;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"file-load-body-{Guid.NewGuid():N}.csv");

    public FileLoadBodyTests(SinkStandInFixture fixture)
    {
        _fixture = new LoadingStandIn(fixture);
        _fixture.Reset();
    }

    [Fact]
    public async Task A_file_is_sent_as_it_is_and_read_again_for_the_retry_after_a_reset_mid_body()
    {
        var table = await _fixture.CreateTableAsync();
        var length = await WriteRowsAsync(2_000);
        var body = new FileLoadBody(_path);
        _fixture.StandIn.Faults.ResetConnectionAfter(length / 2);
        using var client = new StreamLoadClient(_fixture.Options());

        var result = await client.LoadAsync(Request(table, body));

        Assert.Equal(("Success", 2_000L), (result.Status, result.NumberLoadedRows));
        Assert.Equal(2_000, await _fixture.CountAsync(table));
        var sent = await _fixture.BeRequestsForAsync(result.Label!, 2);
        Assert.Equal(2, sent.Count);
        Assert.InRange(sent[0].BodyBytes, 1, length - 1);
        Assert.Equal(length, sent[1].BodyBytes);
    }

    [Theory]
    [InlineData("grown")]
    [InlineData("shrunk")]
    public async Task A_file_whose_length_changed_fails_the_load_once_naming_the_file_and_loads_nothing(string change)
    {
        var table = await _fixture.CreateTableAsync();
        var length = await WriteRowsAsync(500);
        var body = new FileLoadBody(_path);
        if (change == "grown")
            await File.AppendAllTextAsync(_path, "501\tlate\n");
        else
            File.WriteAllBytes(_path, File.ReadAllBytes(_path)[..(int)(length / 2)]);
        using var client = new StreamLoadClient(_fixture.Options());

        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => client.LoadAsync(Request(table, body, "file-changed-" + change)));

        Assert.Contains($"'{_path}' changed while it was being loaded", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{length:N0} bytes", failure.Message, StringComparison.Ordinal);
        Assert.Single(await _fixture.BeRequestsForAsync("file-changed-" + change, 1)); // not retried
        Assert.Equal(0, await _fixture.CountAsync(table));
    }

    [Fact]
    public async Task A_file_is_compressed_while_it_is_sent_when_the_load_names_a_codec()
    {
        var table = await _fixture.CreateTableAsync();
        var length = await WriteRowsAsync(1_000);
        using var client = new StreamLoadClient(_fixture.Options());
        var request = new StreamLoadRequest(table.Database, table.Name, new FileLoadBody(_path))
        {
            Headers = [.. LoadingStandIn.CsvHeaders, new("compression", "gzip")],
        };

        var result = await client.LoadAsync(request);

        Assert.Equal(1_000, result.NumberLoadedRows);
        Assert.Equal(1_000, await _fixture.CountAsync(table));
        Assert.InRange(Assert.Single(_fixture.RequestsFor(result.Label!), r => r.Node == "be").BodyBytes, 1, length / 2);
    }

    [Fact]
    public void A_missing_file_is_refused_when_the_body_is_made()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => new FileLoadBody(_path));
        Assert.Contains(_path, missing.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);

    private async Task<long> WriteRowsAsync(int rows)
    {
        using var batch = LoadingStandIn.CsvBatch(rows);
        await using (var file = File.Create(_path))
        {
            await batch.CopyToAsync(file);
        }

        return batch.Length;
    }

    private static StreamLoadRequest Request(StarRocks.Typed.StandIn.Catalog.TableSchema table, LoadBody body, string? label = null) =>
        new(table.Database, table.Name, body) { Headers = LoadingStandIn.CsvHeaders, Label = label };
}
