using System.Text.Json.Nodes;
using StarRocks.Typed.Cli.DataSources;
using StarRocks.Typed.Cli.Jobs;

namespace StarRocks.Typed.Cli.Tests.Jobs;

public sealed class JobScriptParserTests
{
    private const string Password = "s3cret-pw";

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["SRC_PASSWORD"] = Password,
        ["DST_PASSWORD"] = Password + "-dst",
    };

    /// <summary>A StarRocks-to-StarRocks job with the reader and writer parameters of the DataWorks script demos.</summary>
    private static JsonObject ValidJob() => (JsonObject)JsonNode.Parse("""
        {
          "type": "job",
          "version": "2.0",
          "dataSources": {
            "src": { "type": "starrocks", "jdbcUrl": "jdbc:mysql://fe1:9030/shop", "username": "reader", "passwordEnv": "SRC_PASSWORD" },
            "dst": { "type": "starrocks", "jdbcUrl": "jdbc:mysql://fe2:9030", "username": "loader", "passwordEnv": "DST_PASSWORD" }
          },
          "steps": [
            {
              "stepType": "starrocks",
              "parameter": { "datasource": "src", "column": ["id", "name"], "where": "id>100", "table": "table1", "splitPk": "id" },
              "name": "Reader",
              "category": "reader"
            },
            {
              "stepType": "starrocks",
              "parameter": {
                "selectedDatabase": "didb1",
                "loadProps": { "row_delimiter": "\\x02", "column_separator": "\\x01" },
                "datasource": "dst",
                "column": ["id", "name"],
                "loadUrl": ["fe2:8030"],
                "table": "table1",
                "preSql": ["truncate table table1"],
                "postSql": [],
                "maxBatchRows": 500000,
                "maxBatchSize": 5242880,
                "strategyOnError": "exit"
              },
              "name": "Writer",
              "category": "writer"
            }
          ],
          "order": { "hops": [ { "from": "Reader", "to": "Writer" } ] }
        }
        """)!;

    private static JsonObject Parameter(JsonObject job, int step) => job["steps"]![step]!["parameter"]!.AsObject();

    private static JobScript Parse(JsonNode job, string? dataSources = null) =>
        JobScriptParser.Parse(job.ToJsonString(), dataSources, name => Environment.GetValueOrDefault(name));

    private static JobScriptError SingleError(JsonNode job, string? dataSources = null)
    {
        var exception = Assert.Throws<JobScriptException>(() => Parse(job, dataSources));
        Assert.True(exception.Errors.Count == 1, exception.Message);
        return exception.Errors[0];
    }

    [Fact]
    public void A_job_with_the_documented_parameters_validates_with_their_values()
    {
        var job = Parse(ValidJob());

        var reader = Assert.IsType<DatabaseReader>(job.Reader);
        Assert.Equal("src", reader.DataSource.Name);
        Assert.Equal("shop", reader.Database);
        Assert.Equal(["table1"], reader.Tables);
        Assert.Equal(["id", "name"], reader.Columns);
        Assert.Equal("id>100", reader.Where);
        Assert.Equal("id", reader.SplitPk);
        var writer = Assert.IsType<StarRocksWriter>(job.Writer);
        Assert.Equal("didb1", writer.Database);
        Assert.Equal(["fe2:8030"], writer.LoadUrls);
        Assert.Equal(LoadFormat.Csv, writer.LoadProps.Format);
        Assert.Equal(new byte[] { 0x01 }, writer.LoadProps.ColumnSeparator);
        Assert.Equal(new byte[] { 0x02 }, writer.LoadProps.RowDelimiter);
        Assert.Equal(["truncate table table1"], writer.PreSql);
        Assert.Empty(writer.PostSql);
        Assert.Equal(StrategyOnError.Exit, writer.StrategyOnError);
        Assert.Equal(Password + "-dst", writer.DataSource.Password.Reveal());
    }

    [Fact]
    public void Omitted_optional_writer_parameters_take_the_documented_defaults()
    {
        var job = ValidJob();
        var writer = Parameter(job, 1);
        foreach (var name in new[] { "maxBatchRows", "maxBatchSize", "strategyOnError", "preSql", "postSql" })
            writer.Remove(name);
        writer["loadProps"] = new JsonObject();

        var parsed = Assert.IsType<StarRocksWriter>(Parse(job).Writer);

        Assert.Equal(500_000, parsed.MaxBatchRows);
        Assert.Equal(5_242_880, parsed.MaxBatchSize);
        Assert.Equal(StrategyOnError.Exit, parsed.StrategyOnError);
        Assert.Equal("\t"u8.ToArray(), parsed.LoadProps.ColumnSeparator);
        Assert.Equal("\n"u8.ToArray(), parsed.LoadProps.RowDelimiter);
    }

    [Fact]
    public void Concurrency_comes_from_setting_speed_concurrent_or_channel_and_defaults_to_4()
    {
        var job = ValidJob();
        Assert.Equal(4, Parse(job).Concurrency);

        job["setting"] = new JsonObject { ["speed"] = new JsonObject { ["concurrent"] = 3 } };
        Assert.Equal(3, Parse(job).Concurrency);

        job["setting"] = new JsonObject { ["speed"] = new JsonObject { ["channel"] = 7 } };
        Assert.Equal(7, Parse(job).Concurrency);
    }

    [Fact]
    public void The_writer_database_defaults_to_the_data_source_database()
    {
        var job = ValidJob();
        Parameter(job, 1).Remove("selectedDatabase");
        job["dataSources"]!["dst"]!["jdbcUrl"] = "jdbc:mysql://fe2:9030/warehouse";

        Assert.Equal("warehouse", Assert.IsType<StarRocksWriter>(Parse(job).Writer).Database);
    }

    [Fact]
    public void StrategyOnError_batchDirtyData_is_accepted()
    {
        var job = ValidJob();
        Parameter(job, 1)["strategyOnError"] = "batchDirtyData";

        Assert.Equal(StrategyOnError.BatchDirtyData, Assert.IsType<StarRocksWriter>(Parse(job).Writer).StrategyOnError);
    }

    [Fact]
    public void Json_load_props_select_the_json_format_and_pass_other_properties_as_headers()
    {
        var job = ValidJob();
        Parameter(job, 1)["loadProps"] = JsonNode.Parse("""{ "format": "json", "strip_outer_array": true, "max_filter_ratio": 0.1 }""");

        var props = Assert.IsType<StarRocksWriter>(Parse(job).Writer).LoadProps;

        Assert.Equal(LoadFormat.Json, props.Format);
        Assert.Equal("true", props.Headers["strip_outer_array"]);
        Assert.Equal("0.1", props.Headers["max_filter_ratio"]);
    }

    [Fact]
    public void Data_sources_can_come_from_a_separate_file()
    {
        var job = ValidJob();
        var sources = job["dataSources"]!.DeepClone();
        job.Remove("dataSources");

        var parsed = Parse(job, new JsonObject { ["dataSources"] = sources }.ToJsonString());

        Assert.Equal("reader", Assert.IsType<DatabaseReader>(parsed.Reader).DataSource.UserName);
    }

    [Fact]
    public void File_readers_and_writers_validate()
    {
        var input = Path.GetTempFileName();
        try
        {
            var job = ValidJob();
            job["steps"]![0] = JsonNode.Parse($$"""
                { "stepType": "csv", "category": "reader", "name": "Reader",
                  "parameter": { "path": {{System.Text.Json.JsonSerializer.Serialize(input)}}, "column": ["id", "name"], "fieldDelimiter": "|", "skipHeader": true } }
                """);
            job["steps"]![1] = JsonNode.Parse($$"""
                { "stepType": "jsonl", "category": "writer", "name": "Writer",
                  "parameter": { "path": {{System.Text.Json.JsonSerializer.Serialize(input + ".out.jsonl")}} } }
                """);

            var parsed = Parse(job);

            var reader = Assert.IsType<FileReader>(parsed.Reader);
            Assert.Equal(FileFormat.Csv, reader.Format);
            Assert.Equal("|", reader.FieldDelimiter);
            Assert.True(reader.SkipHeader);
            Assert.Equal(FileFormat.JsonLines, Assert.IsType<FileWriter>(parsed.Writer).Format);
        }
        finally
        {
            File.Delete(input);
        }
    }

    public static TheoryData<string, Action<JsonObject>, string, string> InvalidFields => new()
    {
        { "unknown reader parameter", j => Parameter(j, 0)["querySql"] = "select 1", "$.steps[0].parameter.querySql", "not a known parameter" },
        { "unknown writer parameter", j => Parameter(j, 1)["batchSize"] = 10, "$.steps[1].parameter.batchSize", "not a known parameter" },
        { "unknown top-level field", j => j["settings"] = new JsonObject(), "$.settings", "not a known parameter" },
        { "unknown setting", j => j["setting"] = new JsonObject { ["errorLimit"] = new JsonObject() }, "$.setting.errorLimit", "not a known parameter" },
        { "concurrent zero", j => j["setting"] = new JsonObject { ["speed"] = new JsonObject { ["concurrent"] = 0 } }, "$.setting.speed.concurrent", "between 1 and 64" },
        { "concurrent and channel", j => j["setting"] = new JsonObject { ["speed"] = new JsonObject { ["concurrent"] = 2, ["channel"] = 2 } }, "$.setting.speed.channel", "set one of them" },
        { "unknown step field", j => j["steps"]![0]!["extra"] = 1, "$.steps[0].extra", "not a known parameter" },
        { "unknown data-source field", j => j["dataSources"]!["src"]!["host"] = "x", "$.dataSources.src.host", "not a known parameter" },
        { "reader table missing", j => Parameter(j, 0).Remove("table"), "$.steps[0].parameter.table", "is required" },
        { "reader column missing", j => Parameter(j, 0).Remove("column"), "$.steps[0].parameter.column", "is required" },
        { "reader column empty", j => Parameter(j, 0)["column"] = new JsonArray(), "$.steps[0].parameter.column", "at least one" },
        { "reader column not an array", j => Parameter(j, 0)["column"] = "id", "$.steps[0].parameter.column", "array of strings" },
        { "reader column entry not a string", j => Parameter(j, 0)["column"] = new JsonArray("id", 3), "$.steps[0].parameter.column[1]", "non-empty string" },
        { "reader star with other columns", j => Parameter(j, 0)["column"] = new JsonArray("*", "id"), "$.steps[0].parameter.column", "stands alone" },
        { "reader where not a string", j => Parameter(j, 0)["where"] = 5, "$.steps[0].parameter.where", "must be a string" },
        { "reader splitPk empty", j => Parameter(j, 0)["splitPk"] = "", "$.steps[0].parameter.splitPk", "must not be empty" },
        { "reader datasource missing", j => Parameter(j, 0).Remove("datasource"), "$.steps[0].parameter.datasource", "is required" },
        { "reader datasource undefined", j => Parameter(j, 0)["datasource"] = "nope", "$.steps[0].parameter.datasource", "no data source is called 'nope'" },
        { "writer table missing", j => Parameter(j, 1).Remove("table"), "$.steps[1].parameter.table", "is required" },
        { "writer column star", j => Parameter(j, 1)["column"] = new JsonArray("*"), "$.steps[1].parameter.column", "'*' is for readers" },
        { "writer column twice", j => Parameter(j, 1)["column"] = new JsonArray("id", "ID"), "$.steps[1].parameter.column", "twice" },
        { "writer column count differs from reader", j => Parameter(j, 1)["column"] = new JsonArray("id"), "$.steps[1].parameter.column", "lists 1 columns but the reader's column lists 2" },
        { "writer loadUrl missing", j => Parameter(j, 1).Remove("loadUrl"), "$.steps[1].parameter.loadUrl", "is required" },
        { "writer loadUrl not host:port", j => Parameter(j, 1)["loadUrl"] = new JsonArray("http://fe2:8030"), "$.steps[1].parameter.loadUrl", "host:port" },
        { "writer loadUrl a string", j => Parameter(j, 1)["loadUrl"] = "fe2:8030", "$.steps[1].parameter.loadUrl", "array of strings" },
        { "writer loadProps missing", j => Parameter(j, 1).Remove("loadProps"), "$.steps[1].parameter.loadProps", "is required" },
        { "writer loadProps bad format", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"format":"parquet"}"""), "$.steps[1].parameter.loadProps.format", "'csv' or 'json'" },
        { "writer loadProps bad hex separator", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"column_separator":"\\x0"}"""), "$.steps[1].parameter.loadProps.column_separator", "Malformed hex separator" },
        { "writer loadProps separator with json", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"format":"json","row_delimiter":"\\x02"}"""), "$.steps[1].parameter.loadProps.row_delimiter", "csv only" },
        { "writer loadProps columns", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"columns":"a,b"}"""), "$.steps[1].parameter.loadProps.columns", "column parameter" },
        { "writer loadProps label", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"label":"x"}"""), "$.steps[1].parameter.loadProps.label", "labels each batch" },
        { "writer loadProps nested value", j => Parameter(j, 1)["loadProps"] = JsonNode.Parse("""{"timeout":{}}"""), "$.steps[1].parameter.loadProps.timeout", "string, number or boolean" },
        { "writer preSql not a list", j => Parameter(j, 1)["preSql"] = "truncate table table1", "$.steps[1].parameter.preSql", "array of strings" },
        { "writer postSql entry empty", j => Parameter(j, 1)["postSql"] = new JsonArray(""), "$.steps[1].parameter.postSql[0]", "non-empty string" },
        { "writer maxBatchRows zero", j => Parameter(j, 1)["maxBatchRows"] = 0, "$.steps[1].parameter.maxBatchRows", "between 1 and" },
        { "writer maxBatchRows fractional", j => Parameter(j, 1)["maxBatchRows"] = 1.5, "$.steps[1].parameter.maxBatchRows", "whole number" },
        { "writer maxBatchSize a string", j => Parameter(j, 1)["maxBatchSize"] = "5MB", "$.steps[1].parameter.maxBatchSize", "whole number" },
        { "writer maxBatchSize negative", j => Parameter(j, 1)["maxBatchSize"] = -1, "$.steps[1].parameter.maxBatchSize", "between 1 and" },
        { "writer strategyOnError unknown", j => Parameter(j, 1)["strategyOnError"] = "skip", "$.steps[1].parameter.strategyOnError", "'exit' or 'batchDirtyData'" },
        { "writer strategyOnError not a string", j => Parameter(j, 1)["strategyOnError"] = true, "$.steps[1].parameter.strategyOnError", "must be a string" },
        { "writer on a mysql data source", j => j["dataSources"]!["dst"]!["type"] = "mysql", "$.steps[1].parameter.datasource", "needs 'starrocks'" },
        { "writer without any database", j => Parameter(j, 1).Remove("selectedDatabase"), "$.steps[1].parameter.selectedDatabase", "names no database" },
        { "step type unknown", j => j["steps"]![0]!["stepType"] = "oracle", "$.steps[0].stepType", "'starrocks', 'mysql', 'csv' or 'jsonl'" },
        { "writer step type mysql", j => j["steps"]![1]!["stepType"] = "mysql", "$.steps[1].stepType", "'starrocks', 'csv' or 'jsonl'" },
        { "step category unknown", j => j["steps"]![0]!["category"] = "transformer", "$.steps[0].category", "'reader' or 'writer'" },
        { "two readers", j => j["steps"]![1]!["category"] = "reader", "$.steps[1].category", "the second" },
        { "step parameter missing", j => j["steps"]![0]!.AsObject().Remove("parameter"), "$.steps[0].parameter", "is required" },
        { "one step only", j => j["steps"]!.AsArray().RemoveAt(1), "$.steps", "two steps" },
        { "steps missing", j => j.Remove("steps"), "$.steps", "is required" },
        { "job type not job", j => j["type"] = "workflow", "$.type", "must be 'job'" },
        { "hop from the wrong step", j => j["order"]!["hops"]![0]!["from"] = "Other", "$.order.hops[0].from", "reader step 'Reader'" },
        { "data source type unknown", j => j["dataSources"]!["src"]!["type"] = "oracle", "$.dataSources.src.type", "'starrocks' or 'mysql'" },
        { "data source jdbcUrl malformed", j => j["dataSources"]!["src"]!["jdbcUrl"] = "mysql://fe1", "$.dataSources.src.jdbcUrl", "must look like jdbc:mysql://" },
        { "data source password in the jdbcUrl", j => j["dataSources"]!["src"]!["jdbcUrl"] = "jdbc:mysql://fe1:9030/shop?password=" + Password, "$.dataSources.src.jdbcUrl", "passwordEnv" },
        { "data source username missing", j => j["dataSources"]!["src"]!.AsObject().Remove("username"), "$.dataSources.src.username", "is required" },
        { "data source literal password", j => j["dataSources"]!["src"]!["password"] = Password, "$.dataSources.src.password", "passwordEnv" },
        { "data source password variable unset", j => j["dataSources"]!["src"]!["passwordEnv"] = "UNSET_VARIABLE", "$.dataSources.src.passwordEnv", "'UNSET_VARIABLE' is not set" },
        { "data source not an object", j => j["dataSources"]!["src"] = "jdbc:mysql://fe1:9030", "$.dataSources.src", "must be an object" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Each_invalid_field_is_reported_with_its_json_path(string field, Action<JsonObject> breakIt, string path, string message)
    {
        var job = ValidJob();
        breakIt(job);

        var error = SingleError(job);

        Assert.True(error.Path == path, $"{field}: path {error.Path}, expected {path} ({error.Message})");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var job = ValidJob();
        Parameter(job, 0).Remove("table");
        Parameter(job, 1)["maxBatchRows"] = -5;
        Parameter(job, 1)["unknownThing"] = 1;

        var exception = Assert.Throws<JobScriptException>(() => Parse(job));

        Assert.Equal(
            ["$.steps[0].parameter.table", "$.steps[1].parameter.maxBatchRows", "$.steps[1].parameter.unknownThing"],
            exception.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains("$.steps[1].parameter.unknownThing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var exception = Assert.Throws<JobScriptException>(() => JobScriptParser.Parse("{\n  \"steps\": [,]\n}", null, _ => null));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_given_twice_is_an_error()
    {
        var text = ValidJob().ToJsonString().Replace("\"type\":\"job\"", "\"type\":\"job\",\"type\":\"job\"", StringComparison.Ordinal);

        var exception = Assert.Throws<JobScriptException>(() => JobScriptParser.Parse(text, null, name => Environment.GetValueOrDefault(name)));

        Assert.Equal("$.type", Assert.Single(exception.Errors).Path);
    }

    [Fact]
    public void A_data_source_defined_in_the_job_and_the_separate_file_is_an_error()
    {
        var job = ValidJob();
        var sources = new JsonObject { ["dataSources"] = new JsonObject { ["src"] = job["dataSources"]!["src"]!.DeepClone() } };

        var error = SingleError(job, sources.ToJsonString());

        Assert.Equal("$.dataSources.src", error.Path);
        Assert.Contains("defined twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_reader_of_a_missing_file_is_an_error()
    {
        var job = ValidJob();
        job["steps"]![0] = JsonNode.Parse("""{ "stepType": "csv", "category": "reader", "parameter": { "path": "/nonexistent/in.csv", "column": ["id", "name"] } }""");
        job.Remove("order");

        var error = SingleError(job);

        Assert.Equal("$.steps[0].parameter.path", error.Path);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_never_appear_in_errors_or_in_the_parsed_job_text()
    {
        var job = ValidJob();
        job["dataSources"]!["src"]!["password"] = Password;
        job["dataSources"]!["dst"]!["jdbcUrl"] = "mysql://fe2?password=" + Password;
        Parameter(job, 1)["maxBatchRows"] = Password;

        var exception = Assert.Throws<JobScriptException>(() => Parse(job));
        Assert.DoesNotContain(Password, exception.Message, StringComparison.Ordinal);

        var valid = Parse(ValidJob());
        Assert.DoesNotContain(Password, valid.ToString(), StringComparison.Ordinal);
        Assert.Equal("***", ((DatabaseReader)valid.Reader).DataSource.Password.ToString());
    }
}
