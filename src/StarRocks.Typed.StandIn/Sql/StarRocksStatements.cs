using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// A StarRocks column type after the parser resolved aliases (<c>STRING</c> = <c>VARCHAR(65533)</c>, <c>VARCHAR</c> =
/// <c>VARCHAR(1)</c>, <c>DECIMAL</c> = <c>DECIMAL(10,0)</c>, <c>BINARY</c> = <c>VARBINARY</c>, <c>INTEGER</c> = <c>INT</c>).
/// <see cref="Length"/> is in bytes; <see cref="Arguments"/> holds element/key/value/field types of complex types.
/// </summary>
public sealed record StarRocksType(
    string Name,
    int? Length = null,
    int? Precision = null,
    int? Scale = null,
    IReadOnlyList<StarRocksType>? Arguments = null,
    IReadOnlyList<string>? FieldNames = null)
{
    /// <summary>CHAR or VARCHAR.</summary>
    public bool IsString => Name is "CHAR" or "VARCHAR";

    /// <summary>DECIMAL, DECIMAL32, DECIMAL64 or DECIMAL128.</summary>
    public bool IsDecimal => Name.StartsWith("DECIMAL", StringComparison.Ordinal);

    /// <summary>FLOAT or DOUBLE.</summary>
    public bool IsFloatingPoint => Name is "FLOAT" or "DOUBLE";

    /// <summary>ARRAY, MAP or STRUCT.</summary>
    public bool IsComplex => Name is "ARRAY" or "MAP" or "STRUCT";

    /// <summary>Integer types (BOOLEAN excluded).</summary>
    public bool IsInteger => Name is "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "LARGEINT";

    /// <summary>HLL, BITMAP or PERCENTILE (values only built by their aggregate functions).</summary>
    public bool IsSketch => Name is "HLL" or "BITMAP" or "PERCENTILE";

    /// <summary>Types StarRocks accepts as key, sort, partition or bucket columns of any table kind.</summary>
    public bool CanBeKey => !IsFloatingPoint && !IsComplex && !IsSketch && Name is not ("JSON" or "VARBINARY");

    /// <summary>Types a PRIMARY KEY column may have.</summary>
    public bool CanBePrimaryKey =>
        Name is "BOOLEAN" or "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "LARGEINT" or "VARCHAR" or "DATE" or "DATETIME";

    /// <summary>The type as StarRocks reports it, e.g. <c>VARCHAR(64)</c>, <c>DECIMAL(18,4)</c>, <c>ARRAY&lt;INT&gt;</c>.</summary>
    public override string ToString() => Name switch
    {
        "ARRAY" => $"ARRAY<{Arguments![0]}>",
        "MAP" => $"MAP<{Arguments![0]},{Arguments[1]}>",
        "STRUCT" => $"STRUCT<{string.Join(", ", FieldNames!.Select((name, i) => $"{name} {Arguments![i]}"))}>",
        _ when Precision is not null => $"{Name}({Precision},{Scale ?? 0})",
        _ when Length is not null => $"{Name}({Length})",
        _ => Name,
    };
}

/// <summary>How a column default was written.</summary>
public enum DefaultKind
{
    /// <summary>A literal (<see cref="DefaultValue.Text"/> is its unquoted text).</summary>
    Literal,
    /// <summary><c>DEFAULT NULL</c>.</summary>
    Null,
    /// <summary><c>DEFAULT CURRENT_TIMESTAMP</c> / <c>now()</c>.</summary>
    CurrentTimestamp,
    /// <summary>Another function or a parenthesised expression (<see cref="DefaultValue.Text"/> is its SQL).</summary>
    Expression,
}

/// <summary>A column's <c>DEFAULT</c>.</summary>
public sealed record DefaultValue(DefaultKind Kind, string Text);

/// <summary>A column definition of <c>CREATE TABLE</c> or <c>ALTER TABLE ... ADD/MODIFY COLUMN</c>.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The resolved type.</param>
/// <param name="KeyMarked">Whether the column carried the <c>KEY</c> marker (ALTER ... ADD COLUMN of key columns).</param>
/// <param name="Aggregate">The aggregate function, or null.</param>
/// <param name="Nullable">Explicit <c>NULL</c> (true), <c>NOT NULL</c> (false), or not written (null).</param>
/// <param name="Default">The default, or null.</param>
/// <param name="AutoIncrement">Whether <c>AUTO_INCREMENT</c> was written.</param>
/// <param name="GeneratedExpression">The <c>AS expr</c> SQL of a generated column, or null.</param>
/// <param name="Comment">The comment, or null.</param>
public sealed record ColumnDefinition(
    string Name,
    StarRocksType Type,
    bool KeyMarked = false,
    AggregateFunction? Aggregate = null,
    bool? Nullable = null,
    DefaultValue? Default = null,
    bool AutoIncrement = false,
    string? GeneratedExpression = null,
    string? Comment = null);

/// <summary>A possibly database-qualified table name.</summary>
public sealed record TableName(string? Database, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Database is null ? Name : $"{Database}.{Name}";
}

/// <summary>How a table is partitioned.</summary>
public enum PartitionKind
{
    /// <summary><c>PARTITION BY RANGE (cols) (...)</c>.</summary>
    Range,
    /// <summary><c>PARTITION BY LIST (cols) (...)</c>.</summary>
    List,
    /// <summary><c>PARTITION BY date_trunc(...)</c> / <c>time_slice(...)</c>.</summary>
    Expression,
    /// <summary><c>PARTITION BY (cols)</c> / <c>PARTITION BY a, b</c> (automatic list partitions by column values).</summary>
    Columns,
}

/// <summary>A <c>PARTITION BY</c> clause (partitions themselves are not modelled: MariaDB tables are not partitioned).</summary>
public sealed record PartitionClause(PartitionKind Kind, IReadOnlyList<string> Columns, string? Function = null, string? Unit = null);

/// <summary>A <c>DISTRIBUTED BY</c> clause.</summary>
public sealed record DistributionClause(bool Random, IReadOnlyList<string> Columns, int? Buckets);

/// <summary>Any statement the stand-in understands itself.</summary>
public abstract record StarRocksStatement;

/// <summary>StarRocks <c>CREATE TABLE</c>.</summary>
public sealed record CreateTableStatement(
    TableName Table,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    TableKind? Kind,
    IReadOnlyList<string> KeyColumns,
    string? Comment,
    PartitionClause? Partition,
    DistributionClause? Distribution,
    IReadOnlyList<string> OrderBy,
    IReadOnlyDictionary<string, string> Properties) : StarRocksStatement;

/// <summary><c>CREATE TABLE [IF NOT EXISTS] t LIKE source</c>.</summary>
public sealed record CreateTableLikeStatement(TableName Table, TableName Source, bool IfNotExists) : StarRocksStatement;

/// <summary>Where <c>ADD/MODIFY COLUMN</c> puts a column: <c>FIRST</c> or <c>AFTER x</c>.</summary>
public sealed record ColumnPosition(bool First, string? After);

/// <summary>One clause of <c>ALTER TABLE</c>.</summary>
public abstract record AlterAction;

/// <summary><c>ADD COLUMN c ...</c> or <c>ADD COLUMN (a ..., b ...)</c>.</summary>
public sealed record AddColumnsAction(IReadOnlyList<ColumnDefinition> Columns, ColumnPosition? Position) : AlterAction;

/// <summary><c>DROP COLUMN c</c>.</summary>
public sealed record DropColumnAction(string Name) : AlterAction;

/// <summary><c>MODIFY COLUMN c ...</c>.</summary>
public sealed record ModifyColumnAction(ColumnDefinition Column, ColumnPosition? Position) : AlterAction;

/// <summary><c>RENAME COLUMN a TO b</c>.</summary>
public sealed record RenameColumnAction(string From, string To) : AlterAction;

/// <summary>A clause with no effect on the MariaDB table (<c>COMMENT = ...</c>, <c>SET (...)</c>, partition changes).</summary>
public sealed record IgnoredAlterAction(string Clause) : AlterAction;

/// <summary>StarRocks <c>ALTER TABLE</c> with column changes and trailing <c>PROPERTIES</c> (e.g. <c>"timeout"</c>).</summary>
public sealed record AlterTableStatement(TableName Table, IReadOnlyList<AlterAction> Actions, IReadOnlyDictionary<string, string>? Properties = null) : StarRocksStatement
{
    /// <summary>The schema-change job timeout in seconds (<c>PROPERTIES ("timeout" = "n")</c>; StarRocks's default 86400).</summary>
    public int TimeoutSeconds =>
        Properties?.GetValueOrDefault("timeout") is { } text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            ? seconds
            : 86400;

    /// <summary>Whether any clause changes columns (and so makes a schema-change job StarRocks lists in SHOW ALTER TABLE COLUMN).</summary>
    public bool ChangesColumns => Actions.Any(a => a is not IgnoredAlterAction);
}

/// <summary><c>DROP TABLE [IF EXISTS] t [FORCE]</c>.</summary>
public sealed record DropTableStatement(TableName Table, bool IfExists) : StarRocksStatement;

/// <summary><c>TRUNCATE TABLE t [PARTITION (...)]</c>.</summary>
public sealed record TruncateTableStatement(TableName Table) : StarRocksStatement;

/// <summary><c>DROP DATABASE [IF EXISTS] db [FORCE]</c>.</summary>
public sealed record DropDatabaseStatement(string Database, bool IfExists) : StarRocksStatement;

/// <summary><c>USE db</c>.</summary>
public sealed record UseStatement(string Database) : StarRocksStatement;

/// <summary>One assignment of <c>SET</c>; <see cref="Sql"/> is its source text.</summary>
public sealed record SetAssignment(string Variable, bool IsUserVariable, string Sql);

/// <summary><c>SET [SESSION|GLOBAL] a = 1, b = 2</c> of system or user variables.</summary>
public sealed record SetStatement(IReadOnlyList<SetAssignment> Assignments) : StarRocksStatement;

/// <summary><c>SHOW ALTER TABLE COLUMN|ROLLUP [FROM db] [WHERE ...] [ORDER BY ...] [LIMIT ...]</c>; <see cref="Tail"/> is the text from WHERE on.</summary>
public sealed record ShowAlterTableStatement(bool Column, string? Database, string Tail) : StarRocksStatement;

/// <summary><c>SHOW CREATE TABLE t</c>.</summary>
public sealed record ShowCreateTableStatement(TableName Table) : StarRocksStatement;

/// <summary>
/// <c>INSERT INTO|OVERWRITE t [[TEMPORARY] PARTITION (...)] [(columns)] [WITH LABEL l] [PROPERTIES (..)] body</c>: offsets
/// into the statement text of the <c>INSERT</c> keyword, the end of <c>INTO</c>/<c>OVERWRITE</c>, the end of the table
/// name and the start of the body (query or <c>VALUES</c>); the column list as written; whether StarRocks-only clauses
/// (partitions, label, properties) are present.
/// </summary>
public sealed record InsertStatement(TableName Table, int InsertStart, int IntoEnd, int TableEnd, string? Columns, int BodyStart,
    bool HasStarRocksClauses, bool Overwrite = false) : StarRocksStatement;

/// <summary>
/// A statement the stand-in does not emulate but checks against StarRocks's grammar (queries, <c>UPDATE</c>,
/// <c>DELETE</c>, <c>CREATE DATABASE</c>); having passed, it goes to MariaDB as written.
/// </summary>
public sealed record CheckedStatement : StarRocksStatement
{
    /// <summary>The one instance (the statement carries no data).</summary>
    public static CheckedStatement Instance { get; } = new();
}

/// <summary><c>DESC[RIBE] t</c>.</summary>
public sealed record DescribeStatement(TableName Table) : StarRocksStatement;
