using StarRocks.Typed.Cli.DataSources;

namespace StarRocks.Typed.Cli.Jobs;

/// <summary>A validated sync job: one reader feeding one writer, with the data sources they name resolved.</summary>
/// <param name="Reader">Where rows come from.</param>
/// <param name="Writer">Where rows go.</param>
/// <param name="Concurrency">
/// <c>setting.speed.concurrent</c>: how many <c>splitPk</c> ranges are read at once, and how many Stream Loads run at once.
/// </param>
internal sealed record JobScript(JobReader Reader, JobWriter Writer, int Concurrency = JobScript.DefaultConcurrency)
{
    /// <summary>The concurrency of a job without <c>setting.speed.concurrent</c>.</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>The most <c>setting.speed.concurrent</c> allows.</summary>
    public const int MaxConcurrency = 64;
}

/// <summary>A job's reader step.</summary>
internal abstract record JobReader;

/// <summary>
/// Reads a table over the MySQL protocol: a StarRocks FE (<c>stepType</c> <c>starrocks</c>) or any MySQL-protocol
/// database (<c>mysql</c>).
/// </summary>
/// <param name="DataSource">The resolved data source.</param>
/// <param name="Database">The database: <c>selectedDatabase</c>, else the data source's.</param>
/// <param name="Tables">The tables (<c>table</c>: one name, or a list of tables of the same columns, read one after another).</param>
/// <param name="Columns">The columns, or <c>["*"]</c> for all of them.</param>
/// <param name="Where">The filter (SQL, as written), or null.</param>
/// <param name="SplitPk">The integer column whose ranges split the read into parallel reads, or null for one read per table.</param>
internal sealed record DatabaseReader(
    DataSource DataSource, string Database, IReadOnlyList<string> Tables, IReadOnlyList<string> Columns, string? Where, string? SplitPk) : JobReader
{
    /// <summary>Whether <see cref="Columns"/> is <c>*</c>.</summary>
    public bool AllColumns => Columns is ["*"];
}

/// <summary>Reads a CSV or JSON-lines file.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Path">The file.</param>
/// <param name="Columns">CSV: the names of the file's fields in order. JSON lines: the keys read from each object.</param>
/// <param name="FieldDelimiter">CSV: the field delimiter.</param>
/// <param name="SkipHeader">CSV: whether the first line is a header to skip.</param>
internal sealed record FileReader(FileFormat Format, string Path, IReadOnlyList<string> Columns, string FieldDelimiter, bool SkipHeader) : JobReader;

/// <summary>A job's writer step.</summary>
internal abstract record JobWriter;

/// <summary>Loads into a StarRocks table with Stream Load, in batches.</summary>
/// <param name="DataSource">The resolved data source (its FEs run <c>preSql</c> and <c>postSql</c>).</param>
/// <param name="Database">The database: <c>selectedDatabase</c>, else the data source's.</param>
/// <param name="Table">The table.</param>
/// <param name="Columns">The target columns, in the order the reader's columns arrive.</param>
/// <param name="LoadUrls">The FEs' HTTP addresses, <c>host:port</c>.</param>
/// <param name="LoadProps">The Stream Load properties.</param>
/// <param name="PreSql">Statements run before loading; a failure stops the job before any row is loaded.</param>
/// <param name="PostSql">Statements run after the last batch is loaded.</param>
/// <param name="MaxBatchRows">The most rows per Stream Load.</param>
/// <param name="MaxBatchSize">The most bytes per Stream Load.</param>
/// <param name="StrategyOnError">What a failed batch does to the job.</param>
internal sealed record StarRocksWriter(
    DataSource DataSource,
    string Database,
    string Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> LoadUrls,
    LoadProps LoadProps,
    IReadOnlyList<string> PreSql,
    IReadOnlyList<string> PostSql,
    long MaxBatchRows,
    long MaxBatchSize,
    StrategyOnError StrategyOnError) : JobWriter
{
    /// <summary>The default of <c>maxBatchRows</c>.</summary>
    public const long DefaultMaxBatchRows = 500_000;

    /// <summary>The default of <c>maxBatchSize</c> (5 MiB).</summary>
    public const long DefaultMaxBatchSize = 5_242_880;
}

/// <summary>Writes a CSV or JSON-lines file.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Path">The file; written to a temporary name and moved into place when the job succeeds.</param>
/// <param name="FieldDelimiter">CSV: the field delimiter.</param>
/// <param name="Header">CSV: whether to write a header line of column names.</param>
internal sealed record FileWriter(FileFormat Format, string Path, string FieldDelimiter, bool Header) : JobWriter;

/// <summary>The file formats the file reader and writer handle.</summary>
internal enum FileFormat
{
    /// <summary>Delimited text, <c>stepType</c> <c>csv</c>.</summary>
    Csv,

    /// <summary>One JSON object per line, <c>stepType</c> <c>jsonl</c>.</summary>
    JsonLines,
}

/// <summary>What a batch that Stream Load rejects does to the job (the writer's <c>strategyOnError</c>).</summary>
internal enum StrategyOnError
{
    /// <summary><c>exit</c> (the default): the job stops and fails; batches loaded before stay loaded.</summary>
    Exit,

    /// <summary><c>batchDirtyData</c>: the batch's rows are counted as dirty data and the job goes on with the next batch.</summary>
    BatchDirtyData,
}

/// <summary>The writer's <c>loadProps</c>: the Stream Load format, its CSV separators, and the other headers passed as they are.</summary>
/// <param name="Format">CSV or JSON.</param>
/// <param name="ColumnSeparator">CSV: the column separator's bytes (<c>\t</c> by default, as Stream Load).</param>
/// <param name="RowDelimiter">CSV: the row delimiter's bytes (<c>\n</c> by default, as Stream Load).</param>
/// <param name="Headers">Every property as a Stream Load header, <c>format</c> and the separators included.</param>
internal sealed record LoadProps(LoadFormat Format, byte[] ColumnSeparator, byte[] RowDelimiter, IReadOnlyDictionary<string, string> Headers);

/// <summary>The Stream Load <c>format</c> the writer sends.</summary>
internal enum LoadFormat
{
    /// <summary><c>format: csv</c>.</summary>
    Csv,

    /// <summary><c>format: json</c>, one JSON array of objects per batch.</summary>
    Json,
}
