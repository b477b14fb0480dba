using System.Text;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using static StarRocks.Typed.Tests.Cdc.DebeziumMessages;

namespace StarRocks.Typed.Tests.Cdc;

public class ChangeStreamFileTests
{
    private const string Fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"status"}""";

    private static async Task<(RecordingCdcSink Sink, long Lines)> ReplayAsync(string file, int bufferSize = 4096)
    {
        var sink = new RecordingCdcSink();
        var stream = new BufferedStream(new MemoryStream(Encoding.UTF8.GetBytes(file)), bufferSize);
        var lines = await ChangeStreamFile.ReplayAsync(stream, new DebeziumChangeStreamTarget(sink));
        return (sink, lines);
    }

    private static string OneLine(string json) => json.ReplaceLineEndings("").Replace("  ", "", StringComparison.Ordinal);

    [Fact]
    public async Task Key_tab_value_lines_carry_the_keys_schema_so_messages_with_the_schema_part_name_their_primary_key()
    {
        var file = string.Join('\n',
            KeyWithSchema(1) + "\t" + OneLine(WithSchema(Fields, Payload("c", null, """{"id":1,"status":"created"}"""))),
            KeyWithSchema(1) + "\t",                                                                    // the tombstone after a delete
            KeyWithSchema(2) + "\t" + OneLine(WithSchema(Fields, Payload("c", null, """{"id":2,"status":"paid"}""")))) + "\r\n";

        var (sink, lines) = await ReplayAsync(file);

        Assert.Equal(3, lines);
        var create = Assert.IsType<CreateTableEvent>(sink.Calls[0]);
        Assert.Equal(["id"], create.Schema.PrimaryKey);
        Assert.Equal(["""Insert shop.orders {"id":1,"status":"created"}""", """Insert shop.orders {"id":2,"status":"paid"}"""], sink.Rows);
        Assert.Equal([null], sink.Checkpoints);
    }

    [Fact]
    public async Task Value_only_lines_longer_than_the_read_buffer_are_replayed_whole()
    {
        var status = new string('x', 600_000); // spans the replay's 256 KB read segments
        var file = string.Join('\n',
            OneLine(WithSchema(Fields, Payload("c", null, $$"""{"id":1,"status":"{{status}}"}"""))),
            "",
            OneLine(WithSchema(Fields, Payload("c", null, """{"id":2,"status":"paid"}"""))));   // no newline at the end

        var (sink, lines) = await ReplayAsync(file, bufferSize: 1024);

        Assert.Equal(3, lines);
        var create = Assert.IsType<CreateTableEvent>(sink.Calls[0]);
        Assert.Empty(create.Schema.PrimaryKey); // without the key's schema the envelope cannot name it
        Assert.Equal([$$"""Insert shop.orders {"id":1,"status":"{{status}}"}""", """Insert shop.orders {"id":2,"status":"paid"}"""], sink.Rows);
    }

    [Fact]
    public async Task A_learned_schema_history_file_types_the_schemaless_lines_replayed_after_it_and_writes_nothing_itself()
    {
        var history = OneLine(DebeziumTableChangesTests.SchemaChangeTopic("CREATE TABLE orders (...)", DebeziumTableChangesTests.Change("CREATE",
            DebeziumTableChangesTests.Column("id", "BIGINT", 1, optional: false) + "," + DebeziumTableChangesTests.Column("status", "VARCHAR", 2, length: 20))));
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);

        Assert.Equal(1, await ChangeStreamFile.LearnAsync(new MemoryStream(Encoding.UTF8.GetBytes(history + "\n")), target));
        Assert.Empty(sink.Calls);
        Assert.Empty(sink.Checkpoints);
        Assert.Equal(["id"], Assert.IsType<CreateTableEvent>(Assert.Single(sink.Learned)).Schema.PrimaryKey);

        Assert.Equal(1, await ChangeStreamFile.ReplayAsync(new MemoryStream(Encoding.UTF8.GetBytes(Payload("c", null, """{"id":1,"status":"paid"}"""))), target));
        Assert.Equal(["""Insert shop.orders {"id":1,"status":"paid"}"""], sink.Rows);
    }

    [Fact]
    public async Task Lines_arriving_a_few_bytes_at_a_time_are_replayed_as_from_one_read()
    {
        var file = string.Join("\r\n",
            KeyWithSchema(1) + "\t" + OneLine(WithSchema(Fields, Payload("c", null, """{"id":1,"status":"created"}"""))),
            KeyWithSchema(1) + "\t",
            "",
            OneLine(WithSchema(Fields, Payload("u", null, """{"id":1,"status":"paid"}""")))) + "\n";
        var (whole, wholeLines) = await ReplayAsync(file);

        var sink = new RecordingCdcSink();
        var lines = await ChangeStreamFile.ReplayAsync(new TricklingStream(Encoding.UTF8.GetBytes(file), 7), new DebeziumChangeStreamTarget(sink));

        Assert.Equal(4, wholeLines);
        Assert.Equal(wholeLines, lines);
        Assert.Equal(["""Insert shop.orders {"id":1,"status":"created"}""", """Update shop.orders {"id":1,"status":"paid"}"""], sink.Rows);
        Assert.Equal(whole.Calls.Select(c => c.ToString()), sink.Calls.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    public async Task Lines_replayed_from_memory_are_the_messages_a_stream_of_the_same_bytes_gives(string end)
    {
        var file = string.Join("\r\n",
            KeyWithSchema(1) + "\t" + OneLine(WithSchema(Fields, Payload("c", null, """{"id":1,"status":"created"}"""))),
            KeyWithSchema(1) + "\t",
            "",
            OneLine(WithSchema(Fields, Payload("u", null, """{"id":1,"status":"paid"}""")))) + end;
        var (fromStream, streamLines) = await ReplayAsync(file);

        var sink = new RecordingCdcSink();
        var lines = await ChangeStreamFile.ReplayAsync(Encoding.UTF8.GetBytes(file), new DebeziumChangeStreamTarget(sink));

        Assert.Equal(4, lines);
        Assert.Equal(streamLines, lines);
        Assert.Equal(["""Insert shop.orders {"id":1,"status":"created"}""", """Update shop.orders {"id":1,"status":"paid"}"""], sink.Rows);
        Assert.Equal(fromStream.Calls.Select(c => c.ToString()), sink.Calls.Select(c => c.ToString()));
        Assert.Equal([null], sink.Checkpoints);
    }

    /// <summary>A stream that returns at most <c>step</c> bytes a read, as a slow pipe does.</summary>
    private sealed class TricklingStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(step, buffer.Length)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
