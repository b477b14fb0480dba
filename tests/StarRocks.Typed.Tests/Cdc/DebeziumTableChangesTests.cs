using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Debezium;
using static StarRocks.Typed.Tests.Cdc.DebeziumMessages;

namespace StarRocks.Typed.Tests.Cdc;

/// <summary>Schema-change topic and schema-history records, in the shape of Debezium docs, "MySQL connector", "Schema change topic".</summary>
public class DebeziumTableChangesTests
{
    private static readonly CdcTableId Orders = new("shop", "orders");

    internal static string Column(string name, string typeName, int position, int? length = null, int? scale = null, bool optional = true, string? defaultValue = null, string enumValues = "")
        => $$"""
           {"name":"{{name}}","jdbcType":4,"nativeType":null,"typeName":"{{typeName}}","typeExpression":"{{typeName}}","charsetName":null,
            {{(length is null ? "" : $"\"length\":{length},")}}{{(scale is null ? "" : $"\"scale\":{scale},")}}"position":{{position}},"optional":{{(optional ? "true" : "false")}},
            "autoIncremented":false,"generated":false,"comment":null,"hasDefaultValue":{{(defaultValue is null ? "false" : "true")}},
            {{(defaultValue is null ? "" : $"\"defaultValueExpression\":\"{defaultValue}\",")}}"enumValues":[{{enumValues}}]}
           """;

    internal static string Change(string type, string columns, string id = "\\\"shop\\\".\\\"orders\\\"")
        => type == "DROP"
            ? $$"""{"type":"DROP","id":"{{id}}","table":null}"""
            : $$$"""{"type":"{{{type}}}","id":"{{{id}}}","table":{"defaultCharsetName":"utf8mb4","primaryKeyColumnNames":["id"],"columns":[{{{columns}}}],"attributes":[]}}""";

    /// <summary>A record of the schema-change topic (JsonConverter with the schema part).</summary>
    internal static string SchemaChangeTopic(string ddl, string change)
        => $$"""
           {"schema":{"type":"struct","fields":[],"optional":false,"name":"io.debezium.connector.mysql.SchemaChangeValue"},
            "payload":{"source":{"version":"2.7.0.Final","connector":"mysql","name":"shop","db":"shop","table":"orders"},
                       "ts_ms":1700000000000,"databaseName":"shop","schemaName":null,"ddl":"{{ddl}}","tableChanges":[{{change}}]} }
           """;

    /// <summary>A record of the internal schema-history topic (plain JSON, no JsonConverter envelope).</summary>
    private static string SchemaHistory(string ddl, string change)
        => $$"""{"source":{"server":"shop"},"position":{"file":"binlog.000003","pos":1000},"ts_ms":1700000000000,"databaseName":"shop","ddl":"{{ddl}}","tableChanges":[{{change}}]}""";

    private static readonly string CreateColumns = string.Join(",",
        Column("id", "BIGINT", 1, optional: false),
        Column("status", "ENUM", 2, length: 1, enumValues: "\"'created'\",\"'cancelled'\""),
        Column("amount", "DECIMAL", 3, length: 10, scale: 2, defaultValue: "0.00"),
        Column("created", "DATETIME", 4, length: 6),
        Column("paid_at", "TIMESTAMP", 5),
        Column("slot", "TIME", 6),
        Column("doc", "JSON", 7));

    [Fact]
    public async Task Schema_history_CREATE_ALTER_DROP_become_schema_events_and_type_the_schemaless_rows_after_them()
    {
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        async Task Write(string? key, string value) => await target.WriteAsync(key is null ? default : Utf8(key), Utf8(value), CancellationToken.None);

        await Write(null, SchemaHistory("CREATE TABLE orders (...)", Change("CREATE", CreateColumns)));
        await Write("""{"id":1}""", Payload("c", null, """{"id":1,"status":"created","amount":"MDk=","created":1704067200000001,"paid_at":"2024-01-01T00:00:00Z","slot":45296000000,"doc":"[1]"}"""));
        await Write("\"shop\"", SchemaChangeTopic("ALTER TABLE orders ADD note VARCHAR(20)", Change("ALTER", CreateColumns + "," + Column("note", "VARCHAR", 8, length: 20))));
        await Write("""{"id":2}""", Payload("c", null, """{"id":2,"status":"cancelled","amount":"AA==","created":0,"paid_at":null,"slot":0,"doc":null,"note":"hi"}"""));
        await Write(null, SchemaHistory("DROP TABLE orders", Change("DROP", "")));

        Assert.Equal(5, sink.Calls.Count);
        var create = Assert.IsType<CreateTableEvent>(sink.Calls[0]);
        Assert.Equal(Orders, create.Table);
        Assert.Equal(["id"], create.Schema.PrimaryKey);
        Assert.Equal(
        [
            new CdcColumn("id", new(CdcTypeKind.BigInt), Nullable: false),
            new CdcColumn("status", new(CdcTypeKind.VarChar, 9)),
            new CdcColumn("amount", new(CdcTypeKind.Decimal, 10, 2), DefaultValue: "0.00"),
            new CdcColumn("created", new(CdcTypeKind.Timestamp, 6)),
            new CdcColumn("paid_at", new(CdcTypeKind.TimestampLtz, 0)),
            new CdcColumn("slot", new(CdcTypeKind.Time, 0)),
            new CdcColumn("doc", new(CdcTypeKind.Json)),
        ], create.Schema.Columns);
        Assert.Equal("""Insert shop.orders {"id":1,"status":"created","amount":123.45,"created":"2024-01-01 00:00:00.000001","paid_at":"2024-01-01 00:00:00","slot":"12:34:56","doc":[1]}""", sink.Calls[1]);
        var altered = Assert.IsType<TableSchemaChangedEvent>(sink.Calls[2]);
        Assert.Equal(new CdcColumn("note", new(CdcTypeKind.VarChar, 20)), altered.Schema.Columns[^1]);
        Assert.Equal("""Insert shop.orders {"id":2,"status":"cancelled","amount":0.00,"created":"1970-01-01 00:00:00","paid_at":null,"slot":"00:00:00","doc":null,"note":"hi"}""", sink.Calls[3]);
        Assert.Equal(new DropTableEvent(Orders), sink.Calls[4]);
        Assert.Equal(3, target.SchemaChanges); // the messages that changed a schema, not the rows
    }

    [Fact]
    public async Task Learning_hands_the_schema_changes_to_the_sink_to_learn_drops_rows_and_types_the_rows_written_after()
    {
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        const string row = """{"id":1,"status":"created","amount":"MDk=","created":1704067200000001,"paid_at":null,"slot":0,"doc":null}""";

        await target.LearnAsync(default, Utf8(SchemaHistory("CREATE TABLE orders (...)", Change("CREATE", CreateColumns))), CancellationToken.None);
        await target.LearnAsync(Utf8("""{"id":1}"""), Utf8(Payload("c", null, row)), CancellationToken.None);
        await target.LearnAsync(default, default, CancellationToken.None);

        Assert.Empty(sink.Calls);
        Assert.Equal(0, target.SchemaChanges);
        Assert.Equal(Orders, Assert.IsType<CreateTableEvent>(Assert.Single(sink.Learned)).Table);
        await target.WriteAsync(Utf8("""{"id":1}"""), Utf8(Payload("c", null, row)), CancellationToken.None);
        Assert.Equal("""Insert shop.orders {"id":1,"status":"created","amount":123.45,"created":"2024-01-01 00:00:00.000001","paid_at":null,"slot":"00:00:00","doc":null}""", Assert.Single(sink.Calls));
    }

    [Fact]
    public async Task A_table_dropped_and_created_again_is_announced_again_from_its_data_events()
    {
        const string fields = """{"type":"int64","optional":false,"field":"id"}""";
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        var data = Utf8(WithSchema(fields, Payload("c", null, """{"id":1}""")));
        await target.WriteAsync(Utf8(KeyWithSchema(1)), data, CancellationToken.None);
        await target.WriteAsync(default, Utf8(SchemaHistory("DROP TABLE orders", Change("DROP", ""))), CancellationToken.None);
        await target.WriteAsync(Utf8(KeyWithSchema(1)), data, CancellationToken.None);

        Assert.Equal([typeof(CreateTableEvent), typeof(string), typeof(DropTableEvent), typeof(CreateTableEvent), typeof(string)], sink.Calls.Select(c => c.GetType()));
        Assert.Equal(3, target.SchemaChanges); // a data event announcing its table's schema changes it
    }

    [Theory]
    [InlineData("TINYINT", null, null, CdcTypeKind.TinyInt, null, null)]
    [InlineData("TINYINT UNSIGNED", null, null, CdcTypeKind.SmallInt, null, null)]
    [InlineData("SMALLINT UNSIGNED", null, null, CdcTypeKind.Int, null, null)]
    [InlineData("MEDIUMINT", null, null, CdcTypeKind.Int, null, null)]
    [InlineData("INT UNSIGNED", null, null, CdcTypeKind.BigInt, null, null)]
    [InlineData("BIGINT UNSIGNED", null, null, CdcTypeKind.Decimal, 20, 0)]
    [InlineData("BIT", 1, null, CdcTypeKind.Boolean, null, null)]
    [InlineData("FLOAT", null, null, CdcTypeKind.Float, null, null)]
    [InlineData("DOUBLE", null, null, CdcTypeKind.Double, null, null)]
    [InlineData("DECIMAL", 65, 30, CdcTypeKind.Decimal, 65, 30)]
    [InlineData("CHAR", 10, null, CdcTypeKind.Char, 10, null)]
    [InlineData("VARCHAR", 255, null, CdcTypeKind.VarChar, 255, null)]
    [InlineData("TEXT", 65535, null, CdcTypeKind.String, null, null)]
    [InlineData("LONGTEXT", null, null, CdcTypeKind.String, null, null)]
    [InlineData("BINARY", 16, null, CdcTypeKind.Binary, 16, null)]
    [InlineData("VARBINARY", 64, null, CdcTypeKind.VarBinary, 64, null)]
    [InlineData("BLOB", null, null, CdcTypeKind.Bytes, null, null)]
    [InlineData("DATE", null, null, CdcTypeKind.Date, null, null)]
    [InlineData("TIME", 3, null, CdcTypeKind.Time, 3, null)]
    [InlineData("DATETIME", null, null, CdcTypeKind.Timestamp, 0, null)]
    [InlineData("TIMESTAMP", 6, null, CdcTypeKind.TimestampLtz, 6, null)]
    [InlineData("YEAR", null, null, CdcTypeKind.Int, null, null)]
    [InlineData("JSON", null, null, CdcTypeKind.Json, null, null)]
    [InlineData("SET", null, null, CdcTypeKind.String, null, null)]
    public void MySql_type_names_map_to_source_column_types(string typeName, int? length, int? scale, CdcTypeKind kind, int? expectedLength, int? expectedScale)
        => Assert.Equal(new CdcColumnType(kind, expectedLength, expectedScale), DebeziumSourceTypes.Map(Orders, "c", typeName, length, scale, null, "mysql"));

    [Fact]
    public void PostgreSql_timestamp_is_zone_less_and_timestamptz_an_instant()
    {
        Assert.Equal(new CdcColumnType(CdcTypeKind.Timestamp, 6), DebeziumSourceTypes.Map(Orders, "c", "timestamp", null, null, null, "postgresql"));
        Assert.Equal(new CdcColumnType(CdcTypeKind.TimestampLtz, 6), DebeziumSourceTypes.Map(Orders, "c", "timestamptz", null, null, null, "postgresql"));
        Assert.Equal(new CdcColumnType(CdcTypeKind.Int), DebeziumSourceTypes.Map(Orders, "c", "int4", null, null, null, "postgresql"));
        Assert.Equal(new CdcColumnType(CdcTypeKind.VarChar, 36), DebeziumSourceTypes.Map(Orders, "c", "uuid", null, null, null, "postgresql"));
    }

    [Theory]
    [InlineData("GEOMETRY", null, "Table shop.orders, column 'c': type GEOMETRY cannot be loaded into StarRocks: StarRocks has no spatial type")]
    [InlineData("POINT", null, "column 'c': type POINT cannot be loaded")]
    [InlineData("NUMERIC", null, "column 'c': type NUMERIC cannot be loaded into StarRocks: a DECIMAL without a precision has no fixed scale")]
    [InlineData("XML", null, "Table shop.orders, column 'c': type XML cannot be loaded into StarRocks: the type is not supported")]
    public void Unsupported_types_are_refused_naming_table_and_column(string typeName, int? length, string expected)
        => Assert.Contains(expected, Assert.Throws<DebeziumEventException>(() => DebeziumSourceTypes.Map(Orders, "c", typeName, length, null, null, "mysql")).Message);

    [Fact]
    public async Task An_unsupported_column_in_a_CREATE_refuses_the_whole_change()
    {
        var sink = new RecordingCdcSink();
        var target = new DebeziumChangeStreamTarget(sink);
        var history = SchemaHistory("CREATE TABLE orders (...)", Change("CREATE", Column("id", "BIGINT", 1, optional: false) + "," + Column("shape", "GEOMETRY", 2)));
        var error = await Assert.ThrowsAsync<DebeziumEventException>(async () => await target.WriteAsync(default, Utf8(history), CancellationToken.None));
        Assert.Contains("Table shop.orders, column 'shape': type GEOMETRY", error.Message);
        Assert.Empty(sink.Calls);
    }

    [Theory]
    [InlineData("\"shop\".\"orders\"", "shop", "orders")]
    [InlineData("\"testDB\".\"dbo\".\"customers\"", "dbo", "customers")]
    [InlineData("\"we\"\"ird\".\"t.1\"", "we\"ird", "t.1")]
    [InlineData("shop.orders", "shop", "orders")]
    public void Table_ids_name_the_table_as_data_events_do(string id, string database, string table)
        => Assert.Equal(new CdcTableId(database, table), DebeziumTableChanges.TableId(id));
}
