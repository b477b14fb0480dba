using System.Text;
using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using static StarRocks.Typed.Tests.Cdc.DebeziumMessages;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>
/// The decoder's compact-JSON fast path against its <c>Utf8JsonReader</c> path: for valid events and thousands of
/// corrupted ones, both must make the same calls on the sink and fail with the same error.
/// </summary>
public class DebeziumCompactReadingTests
{
    private static readonly CdcTableId Orders = new("shop", "orders");

    /// <summary>A table with a column of every Debezium value encoding the decoder converts.</summary>
    private static readonly CdcTableSchema EveryEncoding = new(Orders,
    [
        new CdcColumn("id", new CdcColumnType(CdcTypeKind.BigInt), Nullable: false),
        new CdcColumn("flag", new CdcColumnType(CdcTypeKind.Boolean)),
        new CdcColumn("ratio", new CdcColumnType(CdcTypeKind.Double)),
        new CdcColumn("name", new CdcColumnType(CdcTypeKind.VarChar, 64)),
        new CdcColumn("amount", new CdcColumnType(CdcTypeKind.Decimal, 18, 2)),
        new CdcColumn("day", new CdcColumnType(CdcTypeKind.Date)),
        new CdcColumn("at", new CdcColumnType(CdcTypeKind.Time, 6)),
        new CdcColumn("created", new CdcColumnType(CdcTypeKind.Timestamp, 3)),
        new CdcColumn("updated", new CdcColumnType(CdcTypeKind.Timestamp, 6)),
        new CdcColumn("seen", new CdcColumnType(CdcTypeKind.TimestampLtz, 6)),
        new CdcColumn("doc", new CdcColumnType(CdcTypeKind.Json)),
        new CdcColumn("blob", new CdcColumnType(CdcTypeKind.VarBinary, 16)),
    ], ["id"]);

    private const string Row =
        """{"id":7,"flag":true,"ratio":-1.5e-3,"name":"Zoë \"Z\" 😀","amount":"MDk=","day":19723,"at":3723000001,"created":1704067200123,"updated":1704067200123456,"seen":"2024-01-01T10:00:00.5Z","doc":"{\"a\":[1,2]}","blob":"AQID"}""";

    private const string AsciiRow =
        """{"id":8,"flag":false,"ratio":0,"name":"plain text","amount":"/+8=","day":-1,"at":0,"created":-1,"updated":0,"seen":"2024-01-01T10:00:00+02:00","doc":null,"blob":null}""";

    private const string NullRow =
        """{"id":9,"flag":null,"ratio":null,"name":null,"amount":null,"day":null,"at":null,"created":null,"updated":null,"seen":null,"doc":null,"blob":null}""";

    public static TheoryData<string> Events() =>
    [
        Payload("c", null, AsciiRow),
        Payload("r", null, NullRow),
        Payload("u", AsciiRow, NullRow),
        Payload("d", NullRow, null),
        Payload("c", null, Row),
        Payload("t", null, null),
        """{"after":{"id":1,"name":"x"},"op":"c","source":{"db":"shop","table":"orders","extra":{"nested":[1,{"a":null}],"e":[]}}}""",
        Payload("d", null, null), // the key's payload is the row image
        WithSchema(ConnectFields, Payload("u", """{"id":7,"day":19723,"amount":"AQ=="}""", """{"id":7,"day":19724,"amount":"/w=="}""")),
    ];

    private const string ConnectFields =
        """{"type":"int64","optional":false,"field":"id"},{"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"day"},""" +
        """{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"amount"}""";

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Both_paths_decode_a_valid_event_alike(string value)
    {
        var (compact, reader) = await DecodeBothAsync(Payload("c", null, AsciiRow), value);
        Assert.Null(compact.Error);
        Assert.NotEmpty(compact.Calls);
        Assert.Equal(reader.Calls, compact.Calls);
    }

    [Fact]
    public async Task The_fast_path_rewrites_a_row_exactly_as_the_reader_path_does()
    {
        const string row = """{"id":7,"flag":true,"ratio":-1.5e-3,"name":"Zoë","amount":"MDk=","day":19723,"at":3723000001,"created":1704067200123,"updated":1704067200123456,"seen":"2024-01-01T10:00:00.5Z","doc":null,"blob":"AQID"}""";
        var (compact, reader) = await DecodeBothAsync(Payload("c", null, AsciiRow), Payload("c", null, row));
        Assert.Equal(
            """Insert shop.orders {"id":7,"flag":true,"ratio":-1.5e-3,"name":"Zoë","amount":123.45,"day":"2024-01-01","at":"01:02:03.000001","created":"2024-01-01 00:00:00.123000","updated":"2024-01-01 00:00:00.123456","seen":"2024-01-01 10:00:00.500000","doc":null,"blob":"AQID"}""",
            Assert.Single(compact.Calls));
        Assert.Equal(reader.Calls, compact.Calls);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public Task Both_paths_accept_and_refuse_the_same_corrupted_events(string value)
        => AssertCorruptionsAgreeAsync(value, 400, ("compact", "reader"), (corrupted, _) => DecodeBothAsync(Payload("c", null, AsciiRow), Encoding.UTF8.GetString(corrupted), corrupted));

    [Theory]
    [InlineData("19723")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-1")]
    [InlineData("0123")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("1E-3")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1234567890123456789")]
    [InlineData("12345678901234567890")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775808")]
    [InlineData("-9223372036854775809")]
    public async Task Integer_encoded_values_at_the_edges_of_a_long_read_alike_on_both_paths(string number)
    {
        foreach (var column in new[] { "day", "at", "updated" })
        {
            var (compact, reader) = await DecodeBothAsync(Payload("c", null, AsciiRow), Payload("c", null, $$"""{"id":7,"{{column}}":{{number}}}"""));
            Assert.Equal(reader.Error, compact.Error);
            Assert.Equal(reader.Calls, compact.Calls);
        }

        if (number == "19723")
        {
            var (compact, _) = await DecodeBothAsync(Payload("c", null, AsciiRow), Payload("c", null, """{"id":7,"day":19723,"at":-0}"""));
            Assert.Equal("""Insert shop.orders {"id":7,"day":"2024-01-01","at":"00:00:00"}""", Assert.Single(compact.Calls));
        }
    }

    [Theory]
    [InlineData("0,", 1, 0L)]
    [InlineData("-0}", 2, 0L)]
    [InlineData("1234567890123456789,", 19, 1234567890123456789L)]
    [InlineData("9223372036854775807,", 19, long.MaxValue)]
    [InlineData("-9223372036854775808,", 20, long.MinValue)]
    [InlineData("9223372036854775808,", -1, 0L)]     // past long.MaxValue
    [InlineData("-9223372036854775809,", -1, 0L)]
    [InlineData("12345678901234567890,", -1, 0L)]    // a 20th digit
    [InlineData("1.0,", -1, 0L)]                     // a fraction: not an integer, though "1" is one
    [InlineData("1e3,", -1, 0L)]
    [InlineData("0123,", -1, 0L)]                    // a leading zero
    [InlineData("-,", -1, 0L)]
    public void An_integer_is_read_only_when_the_whole_number_is_one_a_long_holds(string json, int end, long value)
    {
        Assert.Equal((end, value), (CompactJson.AfterInteger(Encoding.UTF8.GetBytes(json), 0, out long read), read));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public Task A_replayed_line_is_decoded_alike_whether_the_decoder_finds_its_end_or_the_replay_does(string value)
    {
        // The replay offers each line to the decoder, which finds the newline as it reads a compact event; a target that
        // is not the decoder gets each line found by the replay. Corruptions add and remove newlines, carriage returns,
        // tabs (a key before them) and spaces, and cut lines short.
        return AssertCorruptionsAgreeAsync(value, 200, ("decoder", "replay"), async (corrupted, i) =>
        {
            var lines = Utf8(Payload("c", null, AsciiRow) + "\n" + Encoding.UTF8.GetString(corrupted) + (i % 2 == 0 ? "\n" : "\r\n") + Payload("c", null, NullRow));
            return (await ReplayAsync(lines, handOverLines: false), await ReplayAsync(lines, handOverLines: true));
        });
    }

    [Fact]
    public void The_decoder_takes_a_line_only_when_a_compact_event_ends_it()
    {
        var target = new DebeziumChangeStreamTarget(new RecordingCdcSink { Schemas = { [Orders] = EveryEncoding } });
        var line = Payload("c", null, AsciiRow);
        int? Taken(string text) => target.TryWriteLine(Utf8(text), CancellationToken.None, out int consumed, out _) ? consumed : null;

        Assert.Equal(line.Length + 1, Taken(line + "\n" + line));
        Assert.Equal(line.Length + 2, Taken(line + "\r\n"));
        Assert.Null(Taken(line));                                  // no newline yet: the line may go on in the next read
        Assert.Null(Taken(line + "\r"));
        Assert.Null(Taken(line + " \n"));                          // whitespace: the reader's path
        Assert.Null(Taken(line + line + "\n"));                     // two objects on one line: refused by the reader's path
        Assert.Null(Taken("""{"id":7}""" + "\t" + line + "\n"));     // a key before the value
        Assert.Null(Taken(WithSchema(ConnectFields, line) + "\n")); // the schema part
        Assert.Null(Taken("\n"));                                  // a tombstone
        var longLine = Payload("c", null, $$"""{"id":7,"name":"{{new string('x', DebeziumChangeStreamTarget.MaxLineTaken)}}"}""");
        Assert.Null(Taken(longLine + "\n"));                        // longer than the decoder takes from a buffer: WriteAsync's
        Assert.Equal(line.Length + 1, Taken(line + "\n" + longLine + "\n")); // a line before it is taken
    }

    private static async Task<Outcome> ReplayAsync(ReadOnlyMemory<byte> lines, bool handOverLines)
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = EveryEncoding;
        var decoder = new DebeziumChangeStreamTarget(sink);
        try
        {
            await ChangeStreamFile.ReplayAsync(lines, handOverLines ? new LineByLine(decoder) : decoder);
            return new Outcome([.. sink.Calls.Select(c => c.ToString()!)], null);
        }
        catch (Exception e)
        {
            return new Outcome([.. sink.Calls.Select(c => c.ToString()!)], $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The decoder behind a target that is not one: the replay finds each line's end and hands its key and value over.</summary>
    private sealed class LineByLine(IChangeStreamTarget decoder) : IChangeStreamTarget
    {
        public long SchemaChanges => decoder.SchemaChanges;

        public Func<CancellationToken, ValueTask>? BeforeSchemaChange { get => decoder.BeforeSchemaChange; set => decoder.BeforeSchemaChange = value; }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) => decoder.WriteAsync(key, value, cancellationToken);

        public ValueTask LearnAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) => decoder.LearnAsync(key, value, cancellationToken);

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => decoder.CheckpointAsync(applicationState, cancellationToken);

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => decoder.RecoverAsync(cancellationToken);
    }

    /// <summary>
    /// Corrupts <paramref name="value"/> <paramref name="count"/> times (<see cref="Corrupt"/>): the two outcomes of each
    /// corruption must be the same calls and the same error, and the corruptions must reach both acceptance and refusal.
    /// </summary>
    private static async Task AssertCorruptionsAgreeAsync(string value, int count, (string First, string Second) names, Func<byte[], int, Task<(Outcome First, Outcome Second)>> outcomes)
    {
        var random = new Random(value.Length);
        var original = Encoding.UTF8.GetBytes(value);
        int refused = 0;
        var differences = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            var corrupted = Corrupt(original, random);
            var (first, second) = await outcomes(corrupted, i);
            if (second.Error is not null) refused++;
            if (first.Error != second.Error || !first.Calls.SequenceEqual(second.Calls))
            {
                differences.AppendLine($"{Encoding.UTF8.GetString(corrupted)}\n  {names.First}: {first.Error} {string.Join(" | ", first.Calls)}\n  {names.Second}: {second.Error} {string.Join(" | ", second.Calls)}");
            }
        }
        Assert.True(differences.Length == 0, differences.ToString());
        Assert.InRange(refused, 1, count - 1); // the corruptions reach both outcomes
    }

    /// <summary>One edit of the kinds that break compact JSON: a byte replaced by a JSON-significant one, removed or doubled, whitespace inserted, or the end cut off.</summary>
    private static byte[] Corrupt(byte[] original, Random random)
    {
        var bytes = original.ToList();
        int at = random.Next(bytes.Count);
        ReadOnlySpan<byte> significant = "\"\\{}[],:0123456789-+.eEntfrul \t\n\u0001\u00e9"u8;
        switch (random.Next(5))
        {
            case 0: bytes[at] = significant[random.Next(significant.Length)]; break;
            case 1: bytes.RemoveAt(at); break;
            case 2: bytes.Insert(at, bytes[at]); break;
            case 3: bytes.Insert(at, (byte)" \t\r\n"[random.Next(4)]); break;
            default: bytes.RemoveRange(at, bytes.Count - at); break;
        }
        return [.. bytes];
    }

    private sealed record Outcome(List<string> Calls, string? Error);

    /// <summary>Decodes <paramref name="previous"/> (setting the decoder's guess) then <paramref name="value"/>, once on each path.</summary>
    private static async Task<(Outcome Compact, Outcome Reader)> DecodeBothAsync(string previous, string value, byte[]? bytes = null)
        => (await DecodeAsync(previous, value, bytes, compact: true), await DecodeAsync(previous, value, bytes, compact: false));

    private static async Task<Outcome> DecodeAsync(string previous, string value, byte[]? bytes, bool compact)
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = EveryEncoding;
        var target = new DebeziumChangeStreamTarget(sink) { ReadsCompactJson = compact };
        await target.WriteAsync(default, Utf8(previous), CancellationToken.None);
        try
        {
            await target.WriteAsync(Utf8("""{"id":7}"""), bytes ?? Utf8(value), CancellationToken.None);
            return new Outcome([.. sink.Calls.Skip(1).Select(c => c.ToString()!)], null);
        }
        catch (Exception e)
        {
            return new Outcome([.. sink.Calls.Skip(1).Select(c => c.ToString()!)], $"{e.GetType().Name}: {e.Message}");
        }
    }

    [Fact]
    public async Task Source_members_that_repeat_or_change_from_event_to_event_read_alike_on_both_paths()
    {
        // Members of source repeat byte for byte, grow (pos), become a prefix of the last value (row), change type (gtid),
        // and the table changes while every other member repeats.
        string[] sources =
        [
            MySqlSource,
            MySqlSource.Replace("\"pos\":1234", "\"pos\":12345", StringComparison.Ordinal),
            MySqlSource.Replace("\"pos\":1234", "\"pos\":12345", StringComparison.Ordinal).Replace("\"row\":0", "\"row\":0.5", StringComparison.Ordinal),
            MySqlSource.Replace("\"gtid\":null", "\"gtid\":\"a:1\"", StringComparison.Ordinal),
            MySqlSource.Replace("\"table\":\"orders\"", "\"table\":\"customers\"", StringComparison.Ordinal),
            MySqlSource,
        ];
        var outcomes = await ReplayOnBothPathsAsync(sources.Select(source => Payload("c", null, AsciiRow, source)));

        Assert.Equal(sources.Length, outcomes[0].Count);
        Assert.Equal(5, outcomes[0].Count(c => c.Contains("shop.orders", StringComparison.Ordinal)));
        Assert.Single(outcomes[0], c => c.Contains("shop.customers", StringComparison.Ordinal));
        Assert.Equal(outcomes[1], outcomes[0]);
    }

    [Fact]
    public async Task Envelope_members_that_repeat_or_change_from_event_to_event_read_alike_on_both_paths()
    {
        // op repeats (u), then changes (c, u, d, r); before goes from a row to null and back; after to null; the table's
        // name and database repeat with the rest of source, then another table's event comes between two of the first.
        var customers = MySqlSource.Replace("\"table\":\"orders\"", "\"table\":\"customers\"", StringComparison.Ordinal);
        string[] events =
        [
            Payload("u", AsciiRow, NullRow),
            Payload("u", NullRow, AsciiRow),
            Payload("c", null, AsciiRow),
            Payload("c", null, NullRow),
            Payload("u", AsciiRow, NullRow),
            Payload("u", NullRow, AsciiRow),
            Payload("d", AsciiRow, null),
            Payload("c", null, AsciiRow, customers),
            Payload("r", null, AsciiRow),
            Payload("c", null, AsciiRow).Replace(",\"transaction\":null", ",\"transaction\":{\"id\":\"1\"}", StringComparison.Ordinal),
            Payload("c", null, AsciiRow),
        ];
        var outcomes = await ReplayOnBothPathsAsync(events);

        Assert.Equal(events.Length, outcomes[0].Count);
        Assert.Equal(["Update", "Update", "Insert", "Insert", "Update", "Update", "Delete", "Insert", "Insert", "Insert", "Insert"], outcomes[0].Select(c => c.Split(' ')[0]));
        Assert.Single(outcomes[0], c => c.Contains("shop.customers", StringComparison.Ordinal));
        Assert.Equal(outcomes[1], outcomes[0]);
    }

    /// <summary>The sink calls of <paramref name="values"/> decoded in order by one decoder on the fast path ([0]) and one on the reader's path ([1]); tables shop.orders and shop.customers are known.</summary>
    private static async Task<List<string>[]> ReplayOnBothPathsAsync(IEnumerable<string> values)
    {
        var outcomes = new List<string>[2];
        foreach (bool compact in new[] { true, false })
        {
            var sink = new RecordingCdcSink();
            sink.Schemas[Orders] = EveryEncoding;
            sink.Schemas[new CdcTableId("shop", "customers")] = EveryEncoding with { Table = new CdcTableId("shop", "customers") };
            var target = new DebeziumChangeStreamTarget(sink) { ReadsCompactJson = compact };
            foreach (var value in values) await target.WriteAsync(default, Utf8(value), CancellationToken.None);
            outcomes[compact ? 0 : 1] = [.. sink.Calls.Select(c => c.ToString()!)];
        }
        return outcomes;
    }

    [Fact]
    public async Task A_string_that_is_not_UTF8_is_refused_naming_table_and_column_on_both_paths()
    {
        var value = Encoding.UTF8.GetBytes(Payload("c", null, """{"id":1,"name":"caf?"}"""));
        value[Array.IndexOf(value, (byte)'?')] = 0xC3; // a lead byte without its continuation

        var (compact, reader) = await DecodeBothAsync(Payload("c", null, AsciiRow), "", value);

        Assert.Equal("DebeziumEventException: Table shop.orders, column 'name': the string is not valid UTF-8.", compact.Error);
        Assert.Equal(reader.Error, compact.Error);
        Assert.Empty(compact.Calls);
    }
}
