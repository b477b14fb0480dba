using System.Globalization;
using System.Text.Json;
using StarRocks.Typed.Cli.DataSources;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Cli.Jobs;

/// <summary>
/// Reads a step's <c>parameter</c> object by its <c>stepType</c>. Database steps take the names and defaults of the
/// DataWorks StarRocks Reader and Writer; file steps (<c>csv</c>, <c>jsonl</c>) take <c>path</c> and their format's fields.
/// </summary>
internal static class StepParameters
{
    private const string StepTypes = "'starrocks', 'mysql', 'csv' or 'jsonl'";

    /// <summary>Reads a reader step's parameters; null when they do not validate (the errors are recorded).</summary>
    public static JobReader? ReadReader(string stepType, JsonFields parameter, DataSourceCatalog catalog, JsonFields step) => stepType switch
    {
        "starrocks" => ReadDatabaseReader(parameter, catalog, DataSourceKind.StarRocks),
        "mysql" => ReadDatabaseReader(parameter, catalog, null),
        "csv" => ReadFileReader(parameter, FileFormat.Csv),
        "jsonl" => ReadFileReader(parameter, FileFormat.JsonLines),
        _ => Unknown<JobReader>(step, parameter, stepType, StepTypes),
    };

    /// <summary>Reads a writer step's parameters; null when they do not validate (the errors are recorded).</summary>
    public static JobWriter? ReadWriter(string stepType, JsonFields parameter, DataSourceCatalog catalog, JsonFields step) => stepType switch
    {
        "starrocks" => ReadStarRocksWriter(parameter, catalog),
        "csv" => ReadFileWriter(parameter, FileFormat.Csv),
        "jsonl" => ReadFileWriter(parameter, FileFormat.JsonLines),
        _ => Unknown<JobWriter>(step, parameter, stepType, "'starrocks', 'csv' or 'jsonl'"),
    };

    private static T? Unknown<T>(JsonFields step, JsonFields parameter, string stepType, string known) where T : class
    {
        step.Fail("stepType", $"must be {known} (was '{stepType}').");
        parameter.Skip();
        return null;
    }

    private static DatabaseReader? ReadDatabaseReader(JsonFields p, DataSourceCatalog catalog, DataSourceKind? kind)
    {
        var source = ReadDataSource(p, catalog, kind);
        var database = ReadDatabase(p, source);
        IReadOnlyList<string> tables = p.TryGet("table", out var table) && table.ValueKind == JsonValueKind.Array
            ? p.StringList("table", required: true)
            : p.RequiredString("table") is { } single ? [single] : [];
        var columns = p.StringList("column", required: true);
        if (columns.Contains("*") && columns.Count > 1)
            p.Fail("column", "'*' reads every column and stands alone.");
        var where = p.OptionalString("where");
        var splitPk = p.OptionalString("splitPk");
        return source is not null && database is not null && tables.Count > 0 && columns.Count > 0
            ? new DatabaseReader(source, database, tables, columns, where, splitPk)
            : null;
    }

    private static FileReader? ReadFileReader(JsonFields p, FileFormat format)
    {
        var path = p.RequiredString("path");
        if (path is not null && !File.Exists(path))
            p.Fail("path", $"file '{path}' does not exist.");
        var columns = p.StringList("column", required: true);
        var (delimiter, header) = format == FileFormat.Csv
            ? (ReadFieldDelimiter(p), p.OptionalBoolean("skipHeader", false))
            : (",", false);
        return path is not null && columns.Count > 0 && delimiter is not null ? new FileReader(format, path, columns, delimiter, header) : null;
    }

    private static FileWriter? ReadFileWriter(JsonFields p, FileFormat format)
    {
        var path = p.RequiredString("path");
        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
            p.Fail("path", $"directory '{directory}' does not exist.");
        var (delimiter, header) = format == FileFormat.Csv
            ? (ReadFieldDelimiter(p), p.OptionalBoolean("header", false))
            : (",", false);
        return path is not null && delimiter is not null ? new FileWriter(format, path, delimiter, header) : null;
    }

    private static string? ReadFieldDelimiter(JsonFields p)
    {
        var delimiter = p.OptionalString("fieldDelimiter") ?? ",";
        if (delimiter.Length != 1 || delimiter is "\"" or "\r" or "\n")
        {
            p.Fail("fieldDelimiter", "must be one character other than a quote or a line break.");
            return null;
        }

        return delimiter;
    }

    private static StarRocksWriter? ReadStarRocksWriter(JsonFields p, DataSourceCatalog catalog)
    {
        var source = ReadDataSource(p, catalog, DataSourceKind.StarRocks);
        var database = ReadDatabase(p, source);
        var table = p.RequiredString("table");
        var columns = p.StringList("column", required: true);
        if (columns.Contains("*"))
            p.Fail("column", "the writer names its target columns; '*' is for readers.");
        var duplicate = columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            p.Fail("column", $"names column '{duplicate.Key}' twice.");
        var loadUrls = ReadLoadUrls(p);
        var loadProps = ReadLoadProps(p);
        var preSql = p.StringList("preSql", required: false);
        var postSql = p.StringList("postSql", required: false);
        var maxBatchRows = p.OptionalInt64("maxBatchRows", StarRocksWriter.DefaultMaxBatchRows, 1, int.MaxValue);
        var maxBatchSize = p.OptionalInt64("maxBatchSize", StarRocksWriter.DefaultMaxBatchSize, 1, long.MaxValue);
        var strategy = ReadStrategyOnError(p);
        return source is not null && database is not null && table is not null && columns.Count > 0 && loadUrls is not null
               && loadProps is not null && strategy is not null
            ? new StarRocksWriter(source, database, table, columns, loadUrls, loadProps, preSql, postSql, maxBatchRows, maxBatchSize, strategy.Value)
            : null;
    }

    private static DataSource? ReadDataSource(JsonFields p, DataSourceCatalog catalog, DataSourceKind? kind)
    {
        var name = p.RequiredString("datasource");
        if (name is null)
            return null;
        if (!catalog.Defines(name))
        {
            var known = string.Join(", ", catalog.Names);
            p.Fail("datasource", $"no data source is called '{name}' (defined: {(known.Length == 0 ? "none" : known)}).");
            return null;
        }

        var source = catalog.Find(name);
        if (source is not null && kind is { } required && source.Kind != required)
        {
            p.Fail("datasource", $"data source '{name}' is of type '{source.Kind.ToString().ToLowerInvariant()}'; this step needs 'starrocks'.");
            return null;
        }

        return source;
    }

    private static string? ReadDatabase(JsonFields p, DataSource? source)
    {
        var database = p.OptionalString("selectedDatabase");
        if (database is null && source is not null && source.JdbcUrl.Database is null)
            p.Fail("selectedDatabase", $"is required: data source '{source.Name}' names no database in its jdbcUrl.");
        return database ?? source?.JdbcUrl.Database;
    }

    private static List<string>? ReadLoadUrls(JsonFields p)
    {
        var urls = p.StringList("loadUrl", required: true);
        var valid = true;
        for (var i = 0; i < urls.Count; i++)
        {
            var colon = urls[i].LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(urls[i].AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535 || urls[i].Contains('/', StringComparison.Ordinal))
            {
                valid = false;
                p.Fail("loadUrl", $"entry {i} must be an FE's HTTP address, host:port (was '{urls[i]}').");
            }
        }

        return valid && urls.Count > 0 ? [.. urls] : null;
    }

    private static StrategyOnError? ReadStrategyOnError(JsonFields p) => p.OptionalString("strategyOnError") switch
    {
        null when !p.TryGet("strategyOnError", out var given) || given.ValueKind == JsonValueKind.Null => StrategyOnError.Exit,
        null => null,
        "exit" => StrategyOnError.Exit,
        "batchDirtyData" => StrategyOnError.BatchDirtyData,
        var other => Fail(p, "strategyOnError", $"must be 'exit' or 'batchDirtyData' (was '{other}')."),
    };

    private static LoadProps? ReadLoadProps(JsonFields p)
    {
        var props = p.RequiredObject("loadProps");
        if (props is null)
            return null;

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        foreach (var (name, value) in props.All())
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
            {
                props.Fail(name, $"must be a string, number or boolean (was {JsonFields.Describe(value)}).");
                valid = false;
            }
            else if (name.Equals("columns", StringComparison.OrdinalIgnoreCase) || name.Equals("label", StringComparison.OrdinalIgnoreCase))
            {
                props.Fail(name, name.Equals("label", StringComparison.OrdinalIgnoreCase)
                    ? "the writer labels each batch itself."
                    : "the writer's column parameter sets the Stream Load columns.");
                valid = false;
            }
            else if (!headers.TryAdd(name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()))
            {
                props.Fail(name, "appears more than once (Stream Load headers ignore case).");
                valid = false;
            }
        }

        var format = headers.GetValueOrDefault("format")?.ToLowerInvariant() switch
        {
            null or "csv" => LoadFormat.Csv,
            "json" => LoadFormat.Json,
            var other => Fail<LoadFormat>(props, "format", $"must be 'csv' or 'json' (was '{other}')."),
        };
        var columnSeparator = Separator(props, headers, "column_separator", "\t", format);
        var rowDelimiter = Separator(props, headers, "row_delimiter", "\n", format);
        return valid && format is { } f && columnSeparator is not null && rowDelimiter is not null
            ? new LoadProps(f, columnSeparator, rowDelimiter, headers)
            : null;
    }

    private static byte[]? Separator(JsonFields props, Dictionary<string, string> headers, string name, string defaultValue, LoadFormat? format)
    {
        var key = headers.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (key is null)
            return StarRocksDelimiter.Parse(defaultValue);
        if (format == LoadFormat.Json)
        {
            props.Fail(key, "applies to format csv only.");
            return null;
        }

        try
        {
            return StarRocksDelimiter.Parse(headers[key]);
        }
        catch (ArgumentException e)
        {
            props.Fail(key, e.Message.Split(" (Parameter", 2)[0]);
            return null;
        }
    }

    private static StrategyOnError? Fail(JsonFields p, string name, string message)
    {
        p.Fail(name, message);
        return null;
    }

    private static T? Fail<T>(JsonFields p, string name, string message) where T : struct
    {
        p.Fail(name, message);
        return null;
    }
}
