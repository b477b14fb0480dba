using StarRocks.Typed.Cdc;
using StarRocks.Typed.Cdc.Schema;
using StarRocks.Typed.Tests.Sink;

namespace StarRocks.Typed.Tests.Cdc;

[Collection(SinkStandInCollection.Name)]
public sealed class CdcTableMappingTests(SinkStandInFixture fixture)
{
    private static readonly CdcTableId Orders = new("shop", "orders");

    [Theory]
    [InlineData(CdcTypeKind.Boolean, null, null, false, "BOOLEAN")]
    [InlineData(CdcTypeKind.TinyInt, null, null, false, "TINYINT")]
    [InlineData(CdcTypeKind.SmallInt, null, null, false, "SMALLINT")]
    [InlineData(CdcTypeKind.Int, null, null, true, "INT")]
    [InlineData(CdcTypeKind.BigInt, null, null, true, "BIGINT")]
    [InlineData(CdcTypeKind.Float, null, null, false, "FLOAT")]
    [InlineData(CdcTypeKind.Double, null, null, false, "DOUBLE")]
    [InlineData(CdcTypeKind.Decimal, 10, 2, false, "DECIMAL(10,2)")]
    [InlineData(CdcTypeKind.Decimal, 10, 2, true, "VARCHAR(12)")]
    [InlineData(CdcTypeKind.Decimal, 10, 0, true, "VARCHAR(11)")]
    [InlineData(CdcTypeKind.Decimal, 38, 10, false, "DECIMAL(38,10)")]
    [InlineData(CdcTypeKind.Char, 85, null, false, "CHAR(255)")]
    [InlineData(CdcTypeKind.Char, 86, null, false, "VARCHAR(258)")]
    [InlineData(CdcTypeKind.Char, 1, null, true, "VARCHAR(3)")]
    [InlineData(CdcTypeKind.VarChar, 100, null, false, "VARCHAR(300)")]
    [InlineData(CdcTypeKind.VarChar, 100, null, true, "VARCHAR(300)")]
    [InlineData(CdcTypeKind.VarChar, 400_000, null, false, "VARCHAR(1048576)")]
    [InlineData(CdcTypeKind.String, null, null, false, "VARCHAR(1048576)")]
    [InlineData(CdcTypeKind.Binary, 16, null, false, "BINARY(18)")]
    [InlineData(CdcTypeKind.VarBinary, 16, null, false, "VARBINARY(17)")]
    [InlineData(CdcTypeKind.VarBinary, 1_048_576, null, false, "VARBINARY(1048576)")]
    [InlineData(CdcTypeKind.Bytes, null, null, false, "VARBINARY(1048576)")]
    [InlineData(CdcTypeKind.Date, null, null, true, "DATE")]
    [InlineData(CdcTypeKind.Time, null, null, false, "VARCHAR(8)")]
    [InlineData(CdcTypeKind.Time, 0, null, false, "VARCHAR(8)")]
    [InlineData(CdcTypeKind.Time, 3, null, false, "VARCHAR(12)")]
    [InlineData(CdcTypeKind.Time, 6, null, true, "VARCHAR(15)")]
    [InlineData(CdcTypeKind.Timestamp, 3, null, true, "DATETIME")]
    [InlineData(CdcTypeKind.TimestampLtz, 6, null, false, "DATETIME")]
    [InlineData(CdcTypeKind.Json, null, null, false, "JSON")]
    public void Each_source_type_maps_to_its_StarRocks_type(CdcTypeKind kind, int? length, int? scale, bool isKey, string expected) =>
        Assert.Equal(expected, CdcTypeMapping.StarRocksType(Orders, new CdcColumn("c", new CdcColumnType(kind, length, scale)), isKey, 3));

    [Theory]
    [InlineData(CdcTypeKind.Char, 63, 4, false, "CHAR(252)")]
    [InlineData(CdcTypeKind.Char, 64, 4, false, "VARCHAR(256)")]
    [InlineData(CdcTypeKind.VarChar, 10, 1, false, "VARCHAR(10)")]
    [InlineData(CdcTypeKind.VarChar, 10, 4, true, "VARCHAR(40)")]
    public void Character_lengths_are_multiplied_by_unicode_char_max_bytes(CdcTypeKind kind, int length, int bytesPerChar, bool isKey, string expected) =>
        Assert.Equal(expected, CdcTypeMapping.StarRocksType(Orders, new CdcColumn("c", new CdcColumnType(kind, length)), isKey, bytesPerChar));

    [Theory]
    [InlineData(CdcTypeKind.TimestampTz, null, null, false, "TIMESTAMP_TZ")]
    [InlineData(CdcTypeKind.Float, null, null, true, "no FLOAT primary key")]
    [InlineData(CdcTypeKind.Double, null, null, true, "no DOUBLE primary key")]
    [InlineData(CdcTypeKind.Json, null, null, true, "no JSON primary key")]
    [InlineData(CdcTypeKind.Binary, 4, null, true, "no BINARY(6) primary key")]
    [InlineData(CdcTypeKind.VarBinary, 4, null, true, "no VARBINARY(5) primary key")]
    [InlineData(CdcTypeKind.Bytes, null, null, true, "no VARBINARY(1048576) primary key")]
    [InlineData(CdcTypeKind.Decimal, null, null, false, "DECIMAL without a precision")]
    [InlineData(CdcTypeKind.Decimal, 39, 2, false, "DECIMAL(39,2)")]
    [InlineData(CdcTypeKind.Decimal, 10, 11, false, "DECIMAL(10,11)")]
    [InlineData(CdcTypeKind.VarChar, 0, null, false, "VARCHAR(0)")]
    [InlineData(CdcTypeKind.Time, 10, null, false, "TIME(10)")]
    public void Unsupported_types_are_refused_naming_table_and_column(CdcTypeKind kind, int? length, int? scale, bool isKey, string expected)
    {
        var e = Assert.Throws<StarRocksCdcException>(() =>
            CdcTypeMapping.StarRocksType(Orders, new CdcColumn("placed_at", new CdcColumnType(kind, length, scale)), isKey, 3));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("placed_at of shop.orders", e.Message, StringComparison.Ordinal);
        Assert.Equal(("placed_at", Orders), (e.Column, e.Table));
    }

    [Fact]
    public void A_table_without_a_primary_key_is_refused_naming_it()
    {
        var schema = new CdcTableSchema(Orders, [new CdcColumn("id", new(CdcTypeKind.Int))], []);
        var e = Assert.Throws<StarRocksCdcException>(() => CdcTableMapping.ToStarRocksTable(schema, "shop", "orders", new StarRocksCdcOptions()));
        Assert.Contains("shop.orders has no primary key", e.Message, StringComparison.Ordinal);
        Assert.Null(e.Column);
    }

    [Fact]
    public void A_primary_key_naming_no_column_is_refused()
    {
        var schema = new CdcTableSchema(Orders, [new CdcColumn("id", new(CdcTypeKind.Int))], ["order_id"]);
        var e = Assert.Throws<StarRocksCdcException>(() => CdcTableMapping.ToStarRocksTable(schema, "shop", "orders", new StarRocksCdcOptions()));
        Assert.Equal("order_id", e.Column);
    }

    [Fact]
    public void The_DDL_puts_key_columns_first_distributes_by_the_key_and_adds_buckets_and_properties()
    {
        var options = new StarRocksCdcOptions { TableCreateNumBuckets = 4 };
        options.TableCreateProperties["replication_num"] = "1";
        options.TableCreateProperties["fast_schema_evolution"] = "true";
        var table = CdcTableMapping.ToStarRocksTable(OrdersSchema, "copy", "orders_copy", options);

        Assert.Equal(
            """
            CREATE TABLE IF NOT EXISTS `copy`.`orders_copy` (
              `region` VARCHAR(30) NOT NULL,
              `id` BIGINT NOT NULL,
              `note` VARCHAR(600) NULL DEFAULT "it's \"new\"" COMMENT "free text",
              `total` DECIMAL(12,2) NOT NULL DEFAULT "0.00",
              `code` CHAR(6) NULL,
              `placed_on` DATE NULL DEFAULT "1970-01-01",
              `placed_at` DATETIME NULL DEFAULT "1970-01-01 00:00:00",
              `updated_at` DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
              `doc` JSON NULL,
              `at_time` VARCHAR(12) NULL
            )
            PRIMARY KEY(`region`, `id`)
            DISTRIBUTED BY HASH(`region`, `id`) BUCKETS 4
            PROPERTIES ("fast_schema_evolution" = "true", "replication_num" = "1")
            """.ReplaceLineEndings("\n"),
            table.CreateTableSql);
        Assert.Equal(["region", "id"], table.KeyColumns.Select(c => c.Name));
    }

    [Fact]
    public async Task The_stand_in_accepts_the_DDL_and_creates_the_table_with_the_mapped_types()
    {
        var database = $"cdc_ddl_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
        var table = CdcTableMapping.ToStarRocksTable(OrdersSchema, database, "orders", new StarRocksCdcOptions());
        await fixture.QueryAsync($"CREATE DATABASE IF NOT EXISTS `{database}`");
        await fixture.QueryAsync(table.CreateTableSql);
        await fixture.QueryAsync(table.CreateTableSql); // IF NOT EXISTS: a second time is a no-op

        var live = await fixture.QueryAsync(
            $"SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM information_schema.columns WHERE TABLE_SCHEMA = '{database}' AND TABLE_NAME = 'orders' ORDER BY ORDINAL_POSITION");
        Assert.Equal(table.Columns.Select(c => c.Name), live.Select(r => r.Split('|')[0]));
        Assert.Equal(["PRI", "PRI", "", "", "", "", "", "", "", ""], live.Select(r => r.Split('|')[3]));
        Assert.Equal(["NO", "NO", "YES", "NO", "YES", "YES", "YES", "YES", "YES", "YES"], live.Select(r => r.Split('|')[2]));
        Assert.Equal("decimal(12,2)", live[3].Split('|')[1].ToLowerInvariant().Replace("decimal64", "decimal", StringComparison.Ordinal));
    }

    /// <summary>A source table of every kind of column, its key (region, id) not in front.</summary>
    internal static CdcTableSchema OrdersSchema { get; } = new(
        Orders,
        [
            new CdcColumn("id", new(CdcTypeKind.BigInt), Nullable: false),
            new CdcColumn("note", new(CdcTypeKind.VarChar, 200), DefaultValue: "it's \"new\"", Comment: "free text"),
            new CdcColumn("total", new(CdcTypeKind.Decimal, 12, 2), Nullable: false, DefaultValue: "0.00"),
            new CdcColumn("code", new(CdcTypeKind.Char, 2)),
            new CdcColumn("placed_on", new(CdcTypeKind.Date), DefaultValue: "0000-00-00"),
            new CdcColumn("placed_at", new(CdcTypeKind.Timestamp, 0), DefaultValue: "0000-00-00 00:00:00"),
            new CdcColumn("updated_at", new(CdcTypeKind.TimestampLtz, 3), DefaultValue: "CURRENT_TIMESTAMP(3)"),
            new CdcColumn("doc", new(CdcTypeKind.Json), DefaultValue: "{}"),
            new CdcColumn("region", new(CdcTypeKind.VarChar, 10), Nullable: false),
            new CdcColumn("at_time", new(CdcTypeKind.Time, 3)),
        ],
        ["region", "id"]);
}
