using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using static StarRocks.Typed.Tests.Cdc.DebeziumMessages;

namespace StarRocks.Typed.Tests.Cdc;

public class DebeziumDecoderTests
{
    private static readonly CdcTableId Orders = new("shop", "orders");

    private static readonly CdcTableSchema OrdersSchema = new(Orders,
    [
        new CdcColumn("id", new CdcColumnType(CdcTypeKind.BigInt), Nullable: false),
        new CdcColumn("status", new CdcColumnType(CdcTypeKind.VarChar, 32)),
        new CdcColumn("amount", new CdcColumnType(CdcTypeKind.Decimal, 10, 2)),
        new CdcColumn("created", new CdcColumnType(CdcTypeKind.Timestamp, 6)),
    ], ["id"]);

    private static async Task<RecordingCdcSink> Replay(IEnumerable<(string? Key, string Value)> messages, RecordingCdcSink? sink = null, DebeziumOptions? options = null)
    {
        sink ??= new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink, options);
        foreach (var (key, value) in messages) await target.WriteAsync(key is null ? default : Utf8(key), Utf8(value), CancellationToken.None);
        return sink;
    }

    [Fact]
    public async Task Schemaless_events_become_rows_of_the_table_in_source_db_and_table_with_types_from_the_sink_schema()
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = OrdersSchema;
        const string row1 = """{"id":1,"status":"created","amount":"MDk=","created":1704067200123456}""";
        const string row1Paid = """{"id":1,"status":"paid","amount":"MDk=","created":1704067200123456}""";
        await Replay(
        [
            ("""{"id":1}""", Payload("r", null, row1)),
            ("""{"id":1}""", Payload("c", null, row1)),
            ("""{"id":1}""", Payload("u", row1, row1Paid)),
            ("""{"id":1}""", Payload("d", row1Paid, null)),
            ("""{"id":1}""", ""),
        ], sink);

        Assert.Equal(
        [
            """Insert shop.orders {"id":1,"status":"created","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
            """Insert shop.orders {"id":1,"status":"created","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
            """Update shop.orders {"id":1,"status":"paid","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
            """Delete shop.orders {"id":1,"status":"paid","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
        ], sink.Calls);
    }

    [Fact]
    public async Task Interleaved_tables_with_the_same_column_names_are_each_decoded_by_their_own_types()
    {
        // source comes after after: each after is first rewritten with the previous event's table, which is wrong here.
        var refunds = new CdcTableId("shop", "refunds");
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = OrdersSchema;
        sink.Schemas[refunds] = new CdcTableSchema(refunds,
        [
            new CdcColumn("id", new CdcColumnType(CdcTypeKind.BigInt), Nullable: false),
            new CdcColumn("created", new CdcColumnType(CdcTypeKind.Date)),
        ], ["id"]);
        string refundsSource = MySqlSource.Replace("\"table\":\"orders\"", "\"table\":\"refunds\"", StringComparison.Ordinal);
        const string order = """{"id":1,"status":"paid","amount":"MDk=","created":1704067200123456}""";
        const string refund = """{"id":2,"created":19723}""";
        await Replay(
        [
            (null, Payload("c", null, order)),
            (null, Payload("c", null, refund, refundsSource)),
            (null, Payload("c", null, refund, refundsSource)),
            (null, Payload("c", null, order)),
        ], sink);

        Assert.Equal(
        [
            """Insert shop.orders {"id":1,"status":"paid","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
            """Insert shop.refunds {"id":2,"created":"2024-01-01"}""",
            """Insert shop.refunds {"id":2,"created":"2024-01-01"}""",
            """Insert shop.orders {"id":1,"status":"paid","amount":123.45,"created":"2024-01-01 00:00:00.123456"}""",
        ], sink.Calls);
    }

    [Fact]
    public async Task A_delete_without_a_before_image_deletes_by_the_key()
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = OrdersSchema;
        await Replay([(KeyWithSchema(7), Payload("d", null, null)), ("""{"id":8}""", Payload("d", null, null))], sink);
        Assert.Equal(["""Delete shop.orders {"id":7}""", """Delete shop.orders {"id":8}"""], sink.Calls);
    }

    [Fact]
    public async Task The_schema_part_announces_the_table_once_and_again_only_when_it_changes()
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"status"}""";
        const string widerFields = fields + """,{"type":"int32","optional":true,"default":0,"field":"items"}""";
        var sink = await Replay(
        [
            (KeyWithSchema(1), WithSchema(fields, Payload("c", null, """{"id":1,"status":"created"}"""))),
            (KeyWithSchema(2), WithSchema(fields, Payload("c", null, """{"id":2,"status":"paid"}"""))),
            (KeyWithSchema(3), WithSchema(widerFields, Payload("c", null, """{"id":3,"status":"paid","items":4}"""))),
        ]);

        Assert.Equal(5, sink.Calls.Count);
        var create = Assert.IsType<CreateTableEvent>(sink.Calls[0]);
        Assert.Equal(Orders, create.Table);
        Assert.Equal(["id"], create.Schema.PrimaryKey);
        Assert.Equal(
            [new CdcColumn("id", new CdcColumnType(CdcTypeKind.BigInt), Nullable: false), new CdcColumn("status", new CdcColumnType(CdcTypeKind.String))],
            create.Schema.Columns);
        Assert.Equal("""Insert shop.orders {"id":1,"status":"created"}""", sink.Calls[1]);
        Assert.Equal("""Insert shop.orders {"id":2,"status":"paid"}""", sink.Calls[2]);
        var changed = Assert.IsType<TableSchemaChangedEvent>(sink.Calls[3]);
        Assert.Equal(new CdcColumn("items", new CdcColumnType(CdcTypeKind.Int), DefaultValue: "0"), changed.Schema.Columns[2]);
        Assert.Equal("""Insert shop.orders {"id":3,"status":"paid","items":4}""", sink.Calls[4]);
    }

    [Theory]
    [InlineData("""{"id":2,"status":"paid"}}""", "not valid JSON")]
    [InlineData("""{"id":2,"status":"paid"},"op":"d"}""", "not valid JSON")]
    [InlineData("""{"id":2,"status":{}}""", "column 'status': expected a number, boolean or string")]
    public async Task An_event_repeating_a_known_schema_is_still_read_strictly(string after, string expected)
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"status"}""";
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        await target.WriteAsync(Utf8(KeyWithSchema(1)), Utf8(WithSchema(fields, Payload("c", null, """{"id":1,"status":"created"}"""))), CancellationToken.None);
        string second = WithSchema(fields, Payload("c", null, after)).Replace("\n", "", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<DebeziumEventException>(async () => await target.WriteAsync(Utf8(KeyWithSchema(2)), Utf8(second), CancellationToken.None));
        Assert.Contains(expected, error.Message);
        Assert.Equal(2, sink.Calls.Count);
    }

    [Fact]
    public async Task An_announcement_the_sink_did_not_take_is_made_again_when_the_message_comes_again()
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"status"}""";
        var sink = new RefusingOnceSink();
        var target = new DebeziumChangeStreamTarget(sink);
        var key = Utf8(KeyWithSchema(1));
        var bad = Utf8(WithSchema(fields, Payload("c", null, """{"id":1,"status":[1]}""")));
        var good = Utf8(WithSchema(fields, Payload("c", null, """{"id":1,"status":"paid"}""")));

        await Assert.ThrowsAsync<DebeziumEventException>(async () => await target.WriteAsync(key, bad, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await target.WriteAsync(key, good, CancellationToken.None));
        await target.WriteAsync(key, good, CancellationToken.None);

        Assert.Equal(2, sink.Calls.OfType<CreateTableEvent>().Count());
        Assert.Equal([typeof(CreateTableEvent), typeof(CreateTableEvent), typeof(string)], sink.Calls.Select(c => c.GetType()));
    }

    private sealed class RefusingOnceSink : ICdcEventSink
    {
        private readonly RecordingCdcSink _inner = new();
        private bool _refused;

        public List<object> Calls => _inner.Calls;

        public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken) => _inner.WriteRowAsync(table, kind, row, cancellationToken);

        public ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken)
        {
            _inner.Calls.Add(change);
            if (_refused) return default;
            _refused = true;
            throw new InvalidOperationException("CREATE TABLE failed");
        }

        public CdcTableSchema? FindSchema(CdcTableId table) => null;

        public ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => default;

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => default;

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }

    [Fact]
    public async Task Logical_types_are_written_in_StarRocks_json_load_form()
    {
        const string fields = """
            {"type":"int64","optional":false,"field":"id"},
            {"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"},
            {"type":"int32","optional":true,"name":"io.debezium.time.Time","version":1,"field":"t_ms"},
            {"type":"int64","optional":true,"name":"io.debezium.time.MicroTime","version":1,"field":"t_us"},
            {"type":"int64","optional":true,"name":"io.debezium.time.NanoTime","version":1,"field":"t_ns"},
            {"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1,"field":"ts_ms"},
            {"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"ts_us"},
            {"type":"int64","optional":true,"name":"io.debezium.time.NanoTimestamp","version":1,"field":"ts_ns"},
            {"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1,"field":"zoned"},
            {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"price"},
            {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"refund"},
            {"type":"string","optional":true,"parameters":{"__debezium.source.column.type":"DECIMAL","__debezium.source.column.length":"10","__debezium.source.column.scale":"2"},"field":"fee"},
            {"type":"string","optional":true,"name":"io.debezium.data.Json","version":1,"field":"doc"},
            {"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"created,paid,cancelled"},"field":"state"},
            {"type":"bytes","optional":true,"field":"blob"},
            {"type":"string","optional":true,"field":"note"},
            {"type":"boolean","optional":true,"field":"flag"},
            {"type":"float64","optional":true,"field":"weight"}
            """;
        const string after = """
            {"id":1,"d":19723,"t_ms":45296500,"t_us":-3600000000,"t_ns":45296123456789,
             "ts_ms":1704067200123,"ts_us":1704067200123456,"ts_ns":1704067200123456789,"zoned":"2024-01-01T10:00:00.5+02:00",
             "price":"MDk=","refund":"+w==","fee":"12.50","doc":"{\"a\": [1, 2]}","state":"paid","blob":"AQID",
             "note":"say \"hi\" \u00e9 <b>\t","flag":true,"weight":1.5e0}
            """;
        var sink = await Replay([(KeyWithSchema(1), WithSchema(fields, Payload("c", null, after)))]);

        var create = Assert.IsType<CreateTableEvent>(sink.Calls[0]);
        Assert.Equal(
        [
            new(CdcTypeKind.BigInt), new(CdcTypeKind.Date), new(CdcTypeKind.Time, 3), new(CdcTypeKind.Time, 6), new(CdcTypeKind.Time, 9),
            new(CdcTypeKind.Timestamp, 3), new(CdcTypeKind.Timestamp, 6), new(CdcTypeKind.Timestamp, 9), new(CdcTypeKind.TimestampLtz, 6),
            new(CdcTypeKind.Decimal, 10, 2), new(CdcTypeKind.Decimal, 10, 2), new(CdcTypeKind.Decimal, 10, 2), new(CdcTypeKind.Json),
            new(CdcTypeKind.VarChar, 9), new(CdcTypeKind.Bytes), new(CdcTypeKind.String), new(CdcTypeKind.Boolean), new CdcColumnType(CdcTypeKind.Double),
        ], create.Schema.Columns.Select(c => c.Type));
        Assert.Equal(
            """Insert shop.orders {"id":1,"d":"2024-01-01","t_ms":"12:34:56.5","t_us":"-01:00:00","t_ns":"12:34:56.1234567","ts_ms":"2024-01-01 00:00:00.123000","ts_us":"2024-01-01 00:00:00.123456","ts_ns":"2024-01-01 00:00:00.123456","zoned":"2024-01-01 08:00:00.500000","price":123.45,"refund":-0.05,"fee":12.50,"doc":{"a": [1, 2]},"state":"paid","blob":"AQID","note":"say \"hi\" é <b>\t","flag":true,"weight":1.5e0}""",
            sink.Calls[1]);
    }

    [Theory]
    [InlineData("AA==", 2, "0.00")]
    [InlineData("AA==", 0, "0")]
    [InlineData("/w==", 0, "-1")]
    [InlineData("AQ==", 3, "0.001")]
    [InlineData("gAAAAAAAAAAAAAAAAAAAAA==", 0, "-170141183460469231731687303715884105728")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAA", 5, "871122859317602466466238995025326621.32736")]
    public async Task Decimal_bytes_are_written_as_the_exact_number(string base64, int scale, string expected)
    {
        var fields = $$"""{"type":"int64","optional":false,"field":"id"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"{{scale}}"},"field":"v"}""";
        var sink = await Replay([(KeyWithSchema(1), WithSchema(fields, Payload("c", null, $$"""{"id":1,"v":"{{base64}}"}""")))]);
        Assert.Equal($$"""Insert shop.orders {"id":1,"v":{{expected}}}""", sink.Calls[1]);
    }

    /// <summary>
    /// Short decimals (up to eight bytes) are decoded without the general base64 decoder; for canonical encodings of
    /// every length and sign, and for random strings that may be anything but canonical, the result must be the one the
    /// general decoder (<see cref="System.Buffers.Text.Base64"/>) gives, or its refusal.
    /// </summary>
    [Fact]
    public async Task Decimal_bytes_decode_as_the_general_base64_decoder_decodes_them()
    {
        var random = new Random(7);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var inputs = new List<string>();
        for (int i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(1, 11)];
            random.NextBytes(bytes);
            inputs.Add(Convert.ToBase64String(bytes));
        }
        for (int i = 0; i < 1500; i++)
        {
            var text = Enumerable.Range(0, 4 * random.Next(1, 4)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray();
            int padding = random.Next(4); // 3: a '=' inside
            if (padding is 1 or 2) text.AsSpan(text.Length - padding).Fill('=');
            if (padding == 3) text[random.Next(text.Length)] = '=';
            inputs.Add(new string(text));
        }
        var fields = """{"type":"int64","optional":false,"field":"id"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"},"field":"v"}""";
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        int decoded = 0, refused = 0;
        foreach (var base64 in inputs)
        {
            string expected;
            var raw = new byte[64];
            if (System.Buffers.Text.Base64.DecodeFromUtf8(Utf8(base64).Span, raw, out _, out int length) == System.Buffers.OperationStatus.Done && length > 0)
            {
                var digits = System.Numerics.BigInteger.Abs(new System.Numerics.BigInteger(raw.AsSpan(0, length), isUnsigned: false, isBigEndian: true)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3, '0');
                expected = $"{((raw[0] & 0x80) != 0 ? "-" : "")}{digits[..^2]}.{digits[^2..]}";
                decoded++;
            }
            else
            {
                expected = "refused";
                refused++;
            }
            string actual;
            try
            {
                sink.Calls.Clear();
                await target.WriteAsync(Utf8(KeyWithSchema(1)), Utf8(WithSchema(fields, Payload("c", null, $$"""{"id":1,"v":"{{base64}}"}"""))), CancellationToken.None);
                actual = ((string)sink.Calls[^1])[(((string)sink.Calls[^1]).IndexOf("\"v\":", StringComparison.Ordinal) + 4)..^1];
            }
            catch (DebeziumEventException)
            {
                actual = "refused";
            }
            Assert.True(expected == actual, $"{base64}: expected {expected}, got {actual}");
        }
        Assert.InRange(decoded, 1600, 3000);
        Assert.InRange(refused, 100, 1400);
    }

    [Fact]
    public async Task Decimal_bytes_of_every_scale_are_written_with_the_digits_their_value_and_scale_give()
    {
        var random = new Random(11);
        foreach (int scale in Enumerable.Range(0, 21))
        {
            var fields = $$"""{"type":"int64","optional":false,"field":"id"},{"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"{{scale}}"},"field":"v"}""";
            var sink = new RecordingCdcSink();
            var target = new DebeziumChangeStreamTarget(sink);
            for (int i = 0; i < 200; i++)
            {
                var bytes = new byte[random.Next(1, 9)];
                random.NextBytes(bytes);
                if (i == 0) bytes = [0x80, 0, 0, 0, 0, 0, 0, 0]; // long.MinValue
                if (i == 1) bytes = [0];
                var value = new System.Numerics.BigInteger(bytes, isUnsigned: false, isBigEndian: true);
                var digits = System.Numerics.BigInteger.Abs(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string expected = scale == 0 ? digits : digits.PadLeft(scale + 1, '0') is var padded ? $"{padded[..^scale]}.{padded[^scale..]}" : "";
                expected = (value.Sign < 0 ? "-" : "") + expected;

                sink.Calls.Clear();
                await target.WriteAsync(Utf8(KeyWithSchema(1)), Utf8(WithSchema(fields, Payload("c", null, $$"""{"id":1,"v":"{{Convert.ToBase64String(bytes)}}"}"""))), CancellationToken.None);
                var row = (string)sink.Calls[^1];
                Assert.Equal($"scale {scale}: {expected}", $"scale {scale}: {row[(row.IndexOf("\"v\":", StringComparison.Ordinal) + 4)..^1]}");
            }
        }
    }

    [Theory]
    [InlineData("\"2024-01-01T00:00:00Z\"", "2024-01-01 00:00:00")]
    [InlineData("\"2024-06-30T23:59:59.123456789Z\"", "2024-06-30 23:59:59.123456")]
    [InlineData("\"2024-01-01T01:30:00+01:30\"", "2024-01-01 00:00:00")]
    public async Task Zoned_timestamps_are_written_as_utc_wall_clock_time(string value, string expected)
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","field":"v"}""";
        var sink = await Replay([(KeyWithSchema(1), WithSchema(fields, Payload("c", null, $$"""{"id":1,"v":{{value}}}""")))]);
        Assert.Equal($$"""Insert shop.orders {"id":1,"v":"{{expected}}"}""", sink.Calls[1]);
    }

    [Fact]
    public async Task Zoned_timestamps_follow_the_configured_zone()
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","field":"v"}""";
        var plus9 = TimeZoneInfo.CreateCustomTimeZone("plus9", TimeSpan.FromHours(9), "plus9", "plus9");
        var sink = await Replay([(KeyWithSchema(1), WithSchema(fields, Payload("c", null, """{"id":1,"v":"2024-01-01T00:00:00Z"}""")))], options: new DebeziumOptions { TimeZone = plus9 });
        Assert.Equal("""Insert shop.orders {"id":1,"v":"2024-01-01 09:00:00"}""", sink.Calls[1]);
    }

    [Fact]
    public async Task MySql_time_keeps_its_sign_and_hours_past_a_day()
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = new CdcTableSchema(Orders, [new("id", new(CdcTypeKind.BigInt)), new("t", new(CdcTypeKind.Time, 0))], ["id"]);
        await Replay([("""{"id":1}""", Payload("c", null, """{"id":1,"t":3020399000000}""")), ("""{"id":2}""", Payload("c", null, """{"id":2,"t":-1000001}"""))], sink);
        Assert.Equal(["""Insert shop.orders {"id":1,"t":"838:59:59"}""", """Insert shop.orders {"id":2,"t":"-00:00:01.000001"}"""], sink.Calls);
    }

    [Fact]
    public async Task Schemaless_decimals_follow_the_configured_decimal_handling()
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = OrdersSchema;
        await Replay([("""{"id":1}""", Payload("c", null, """{"id":1,"status":null,"amount":"1234","created":null}"""))], sink, new DebeziumOptions { DecimalHandling = DebeziumDecimalHandling.String });
        Assert.Equal(["""Insert shop.orders {"id":1,"status":null,"amount":1234,"created":null}"""], sink.Calls);

        var error = await Assert.ThrowsAsync<DebeziumEventException>(() => Replay(
            [("""{"id":1}""", Payload("c", null, """{"id":1,"amount":"1e5"}"""))], sink, new DebeziumOptions { DecimalHandling = DebeziumDecimalHandling.String }));
        Assert.Contains("shop.orders, column 'amount'", error.Message);
    }

    [Fact]
    public async Task Postgres_events_are_named_by_source_schema()
    {
        const string source = """{"version":"2.7.0.Final","connector":"postgresql","name":"pg","db":"shopdb","schema":"public","table":"orders","txId":5,"lsn":1}""";
        var table = new CdcTableId("public", "orders");
        var sink = new RecordingCdcSink();
        sink.Schemas[table] = new CdcTableSchema(table, [new("id", new(CdcTypeKind.BigInt)), new("t", new(CdcTypeKind.Time, 3)), new("ts", new(CdcTypeKind.Timestamp))], ["id"]);
        await Replay([("""{"id":1}""", Payload("c", null, """{"id":1,"t":1500,"ts":1704067200000001}""", source))], sink);
        Assert.Equal(["""Insert public.orders {"id":1,"t":"00:00:01.5","ts":"2024-01-01 00:00:00.000001"}"""], sink.Calls);
    }

    [Fact]
    public async Task Truncate_becomes_a_TruncateTableEvent_and_tombstones_are_skipped()
    {
        var sink = await Replay([("""{"id":1}""", ""), (null, Payload("t", null, null))]);
        var truncate = Assert.IsType<TruncateTableEvent>(Assert.Single(sink.Calls));
        Assert.Equal(Orders, truncate.Table);
    }

    [Fact]
    public async Task Geometry_is_refused_naming_table_and_column()
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"},{"type":"struct","fields":[{"type":"bytes","optional":false,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Point","version":1,"field":"location"}""";
        var sink = new RecordingCdcSink();
        var error = await Assert.ThrowsAsync<DebeziumEventException>(() => Replay(
            [(KeyWithSchema(1), WithSchema(fields, Payload("c", null, """{"id":1,"location":{"wkb":"AQ==","srid":null}}""")))], sink));
        Assert.Contains("Table shop.orders, column 'location': io.debezium.data.geometry.Point", error.Message);
        Assert.Empty(sink.Calls);
    }

    [Theory]
    [InlineData("""{"id":1,"status":{"x":1}}""", "column 'status': expected a number, boolean or string, got a JSON object")]
    [InlineData("""{"id":1,"unknown":1}""", "column 'unknown': the row has a column its schema does not describe")]
    [InlineData("""{"id":1,"created":"2024-01-01"}""", "column 'created': expected an integer (epoch microseconds)")]
    [InlineData("""{"id":1,"amount":"not base64!"}""", "column 'amount': the decimal value is not base64")]
    [InlineData("""{"id":1,"created":9223372036854775807}""", "column 'created': 9223372036854775807 is outside the time range")]
    [InlineData("""{"id":1,"created":-922337203685477581}""", "column 'created': -922337203685477581 is outside the time range")]
    [InlineData("""{"id":1,"created":922337203685477580}""", "column 'created': 9223372036854775800 is outside the DATETIME (ticks) range")]
    public async Task Values_that_do_not_match_the_schema_are_refused_naming_the_column(string after, string expected)
    {
        var sink = new RecordingCdcSink();
        sink.Schemas[Orders] = OrdersSchema;
        var error = await Assert.ThrowsAsync<DebeziumEventException>(() => Replay([("""{"id":1}""", Payload("c", null, after))], sink));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(sink.Calls, c => c is string);
    }

    [Fact]
    public async Task A_schemaless_event_of_a_table_the_sink_does_not_know_is_refused()
    {
        var error = await Assert.ThrowsAsync<DebeziumEventException>(() => Replay([("""{"id":1}""", Payload("c", null, """{"id":1}"""))]));
        Assert.Contains("Table shop.orders: the event has no schema part", error.Message);
    }

    [Theory]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"payload":{"before":null}}""", "neither a Debezium data change event")]
    [InlineData("""{"before":null,"after":{"id":1},"source":{"db":"shop","table":"orders"},"op":"x"}""", "unknown Debezium op 'x'")]
    [InlineData("""{"before":null,"after":null,"source":{"db":"shop","table":"orders"},"op":"c"}""", "op 'c' without its row image")]
    [InlineData("""{"op":"c",""", "not valid JSON")]
    public async Task Malformed_messages_are_refused_clearly(string value, string expected)
    {
        var error = await Assert.ThrowsAsync<DebeziumEventException>(() => Replay([(null, value)]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Decoding_a_known_table_allocates_nothing_per_event()
    {
        var sink = new NoOpSink(OrdersSchema);
        var target = new DebeziumChangeStreamTarget(sink);
        var key = Utf8("""{"id":1}""");
        // The compact form (the fast path) and an escaped string (the reader's path).
        var compact = Utf8(Payload("u", """{"id":1,"status":"created","amount":"MDk=","created":1704067200123456}""",
            """{"id":1,"status":"paid","amount":"MDk=","created":1704067200123456}"""));
        var escaped = Utf8(Payload("u", """{"id":1,"status":"created","amount":"MDk=","created":1704067200123456}""",
            """{"id":1,"status":"pa\"id","amount":"MDk=","created":1704067200123456}"""));
        foreach (var value in new[] { compact, escaped })
        {
            for (int i = 0; i < 100; i++) await target.WriteAsync(key, value, CancellationToken.None);
            long leastAllocated = long.MaxValue; // of three rounds: a one-off runtime allocation on the thread is not the decoder's
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++) await target.WriteAsync(key, value, CancellationToken.None);
                leastAllocated = Math.Min(leastAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.Equal(0, leastAllocated);
        }

        Assert.Equal(2 * 3100, sink.Rows);
    }

    [Fact]
    public async Task Replaying_lines_from_memory_allocates_nothing_in_proportion_to_the_buffer()
    {
        // The decoder reads each line straight from the buffer; what it writes the row into must be sized by a line, not by
        // the rest of the buffer it is handed.
        var sink = new NoOpSink(OrdersSchema);
        var target = new DebeziumChangeStreamTarget(sink);
        var line = Payload("c", null, """{"id":1,"status":"paid","amount":"MDk=","created":1704067200123456}""") + "\n";
        var warmUp = Utf8(string.Concat(Enumerable.Repeat(line, 500)));
        var lines = Utf8(string.Concat(Enumerable.Repeat(line, 40_000)));
        await ChangeStreamFile.ReplayAsync(warmUp, target);

        long before = GC.GetAllocatedBytesForCurrentThread();
        await ChangeStreamFile.ReplayAsync(lines, target);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(40_500, sink.Rows);
        Assert.True(allocated < 64 * 1024, $"{allocated:N0} bytes allocated replaying {lines.Length:N0} bytes");
    }

    private sealed class NoOpSink(CdcTableSchema schema) : ICdcEventSink
    {
        public int Rows { get; private set; }

        public ValueTask WriteRowAsync(CdcTableId table, CdcRowKind kind, ReadOnlyMemory<byte> row, CancellationToken cancellationToken)
        {
            Rows++;
            return default;
        }

        public ValueTask ApplyAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => default;

        public CdcTableSchema? FindSchema(CdcTableId table) => schema;

        public ValueTask LearnAsync(CdcSchemaEvent change, CancellationToken cancellationToken) => default;

        public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => default;

        public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }
}

public class DebeziumRowFormTests
{
    [Fact]
    public async Task Decoded_rows_are_byte_identical_to_the_library_json_row_writer_for_the_same_values()
    {
        var table = new CdcTableId("shop", "orders");
        var sink = new RecordingCdcSink();
        sink.Schemas[table] = new CdcTableSchema(table,
        [
            new("id", new(CdcTypeKind.BigInt)), new("day", new(CdcTypeKind.Date)), new("at", new(CdcTypeKind.Timestamp, 6)),
            new("amount", new(CdcTypeKind.Decimal, 10, 2)), new("note", new(CdcTypeKind.String)), new("t", new(CdcTypeKind.Time, 6)),
        ], ["id"]);
        var target = new DebeziumChangeStreamTarget(sink);
        await target.WriteAsync(default, DebeziumMessages.Utf8(DebeziumMessages.Payload("c", null,
            """{"id":42,"day":19723,"at":1704067200000001,"amount":"MDk=","note":"say \"hi\" \u00e9 <b>\t\u0001 \ud83d\ude00","t":45296123456}""")), CancellationToken.None);

        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new StarRocks.Typed.Serialization.JsonRowWriter(expected, new StarRocks.Typed.Serialization.JsonFormat { Layout = StarRocks.Typed.Serialization.JsonRowLayout.NewlineDelimited });
        writer.BeginRow();
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("id"));
        writer.WriteInt64(42);
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("day"));
        writer.WriteDate(new DateOnly(2024, 1, 1));
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("at"));
        writer.WriteDateTime(new DateTime(2024, 1, 1).AddTicks(10));
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("amount"));
        writer.WriteDecimal(123.45m);
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("note"));
        writer.WriteString("say \"hi\" é <b>\t\u0001 😀");
        writer.WriteName(StarRocks.Typed.Serialization.JsonRowWriter.EncodeName("t"));
        writer.WriteTimeOnly(new TimeOnly(12, 34, 56).Add(TimeSpan.FromTicks(1234560)));
        writer.EndRow();
        writer.Complete();

        Assert.Equal("Insert shop.orders " + System.Text.Encoding.UTF8.GetString(expected.WrittenSpan).TrimEnd('\n'), Assert.Single(sink.Rows));
    }
}
