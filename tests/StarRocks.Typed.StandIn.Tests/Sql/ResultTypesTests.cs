using MySqlConnector;
using StarRocks.Typed.StandIn.Hosting;
using StarRocks.Typed.StandIn.Tests.Infrastructure;

namespace StarRocks.Typed.StandIn.Tests.Sql;

/// <summary>
/// Values Stream Loaded into tables created through the MySQL endpoint and read back through it, with StarRocks's
/// column types and text: LARGEINT as a string, FLOAT/DOUBLE extremes and digits, CHAR with its trailing spaces.
/// </summary>
[Collection(ProxyCollection.Name)]
public sealed class ResultTypesTests(ProxyFixture fixture) : IAsyncLifetime
{
    private StarRocksStandIn _standIn = null!;
    private MySqlConnection _connection = null!;
    private readonly string _database = $"types_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];

    public async Task InitializeAsync()
    {
        _standIn = await StarRocksStandIn.StartAsync(new StandInOptions { MariaDb = fixture.MariaDb });
        var endpoint = _standIn.MySql!;
        _connection = new MySqlConnection(
            $"Server={endpoint.Address};Port={endpoint.Port};User ID=root;Password=;SslMode=None;CharacterSet=utf8mb4");
        await _connection.OpenAsync();
        await _connection.ExecAsync($"CREATE DATABASE {_database}");
        await _connection.ChangeDatabaseAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _connection.ExecAsync($"DROP DATABASE {_database}");
        await _connection.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    private async Task LoadAsync(string table, string csv)
    {
        var schema = await _standIn.Catalog.GetAsync(_database, table);
        Assert.NotNull(schema);
        using var http = new StarRocksHttp(_standIn);
        var answer = await http.StreamLoadAsync(_standIn, schema, csv, new Dictionary<string, string> { ["column_separator"] = "," });
        Assert.True(answer.Status() == "Success", answer.ToString());
    }

    [Fact]
    public async Task LARGEINT_is_sent_as_text_over_the_whole_range()
    {
        await _connection.ExecAsync("CREATE TABLE big (id INT NOT NULL, v LARGEINT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        await LoadAsync("big", "1,170141183460469231731687303715884105727\n2,-170141183460469231731687303715884105728\n3,0\n4,\\N");

        await using (var raw = await RawMySqlClient.ConnectAsync(_standIn.MySql!, "root", _database))
        {
            var result = await raw.QueryAsync("SELECT v FROM big ORDER BY id");
            Assert.Equal([(byte)0xFE], result.Types); // MYSQL_TYPE_STRING
            Assert.Equal([(ushort)33], result.Charsets); // utf8_general_ci, as StarRocks's FE describes LARGEINT
            Assert.Equal("170141183460469231731687303715884105727", result.Rows[0][0]);
        }
        await using var command = new MySqlCommand("SELECT v FROM big ORDER BY id", _connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(typeof(string), reader.GetFieldType(0));
        var values = new List<string?>();
        while (await reader.ReadAsync())
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        Assert.Equal(["170141183460469231731687303715884105727", "-170141183460469231731687303715884105728", "0", null], values);
    }

    [Fact]
    public async Task FLOAT_and_DOUBLE_keep_extremes_and_read_back_as_StarRocks_writes_them()
    {
        await _connection.ExecAsync("CREATE TABLE nums (id INT NOT NULL, f FLOAT NOT NULL, d DOUBLE NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        await LoadAsync("nums", string.Join('\n',
            "1,3.4028235e38,1.7976931348623157e308",
            "2,-3.4028235e38,-1.7976931348623157e308",
            "3,1.4e-45,4.9e-324",
            "4,1.17549435E-38,2.2250738585072014E-308",
            "5,123.456789,0.30000000000000004",
            "6,0.1,1e16"));

        var rows = await _connection.RowsAsync("SELECT id, f, d, CAST(f AS CHAR), CAST(d AS CHAR) FROM nums ORDER BY id");
        Assert.Equal(6, rows.Count);
        Assert.Equal([float.MaxValue, float.MinValue, float.Epsilon, 1.17549435E-38f, 123.456789f, 0.1f], rows.Select(r => (float)r[1]!));
        Assert.Equal([double.MaxValue, double.MinValue, double.Epsilon, 2.2250738585072014E-308, 0.30000000000000004, 1e16], rows.Select(r => (double)r[2]!));

        await using var command = new MySqlCommand("SELECT f, d FROM nums ORDER BY id", _connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal("FLOAT", reader.GetDataTypeName(0));
        var texts = new List<string>();
        while (await reader.ReadAsync())
            texts.Add(reader.GetFloat(0).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["3.4028235E+38", "-3.4028235E+38", "1E-45", "1.1754944E-38", "123.45679", "0.1"], texts);
    }

    [Fact]
    public async Task FLOAT_and_DOUBLE_text_is_StarRocks_text()
    {
        await _connection.ExecAsync("CREATE TABLE nums (id INT NOT NULL, f FLOAT, d DOUBLE) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        await LoadAsync("nums", "1,3.4028235e38,1e16\n2,0.1,0.30000000000000004\n3,1e-5,-2.5e-5\n4,\\N,\\N");

        await using var raw = await RawMySqlClient.ConnectAsync(_standIn.MySql!, "root", _database);
        var result = await raw.QueryAsync("SELECT f, d FROM nums ORDER BY id");
        Assert.Equal([(byte)0x04, (byte)0x05], result.Types); // MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE
        Assert.Equal(["3.4028235e+38|1e+16", "0.1|0.30000000000000004", "1e-05|-2.5e-05", "|"], result.Rows.Select(r => $"{r[0]}|{r[1]}"));
    }

    [Fact]
    public async Task CHAR_keeps_trailing_spaces_and_is_a_STRING_column()
    {
        await _connection.ExecAsync("CREATE TABLE chars (id INT NOT NULL, c CHAR(6)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)");
        await LoadAsync("chars", "1,ab  \n2,  x\n3,abcdef");

        var rows = await _connection.RowsAsync("SELECT c FROM chars ORDER BY id");
        Assert.Equal(["ab  ", "  x", "abcdef"], rows.Select(r => (string)r[0]!));
        await using var raw = await RawMySqlClient.ConnectAsync(_standIn.MySql!, "root", _database);
        Assert.Equal([(byte)0xFE], (await raw.QueryAsync("SELECT c FROM chars")).Types); // MYSQL_TYPE_STRING
    }
}
