using Microsoft.CodeAnalysis;

namespace StarRocks.Typed.Generators.Diagnostics;

/// <summary>
/// The generator's diagnostics. Messages quote StarRocks's own analyzer texts where one exists.
/// Keep in sync with docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StarRocks.Typed";
    private const string HelpBase = "https://github.com/starrocks-typed/StarRocks.Typed/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        "SRT001", "Table type must be a non-generic partial type",
        "'{0}' must be a non-generic partial type (not file-local), and so must every type containing it, for [StarRocksTable] code to be generated");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "SRT002", "Table needs a key",
        "{0} table '{1}' needs at least one [StarRocksKey] member");

    public static readonly DiagnosticDescriptor InvalidKeyOrder = Error(
        "SRT003", "Key orders must be unique and contiguous",
        "Key order {0} of '{1}' is invalid: the [StarRocksKey] orders of a table must be 0, 1, 2, … without duplicates or gaps");

    public static readonly DiagnosticDescriptor NullablePrimaryKey = Error(
        "SRT004", "Primary key column is nullable",
        "Invalid primary key. Column '{0}' is nullable. Make member '{1}' non-nullable or set Nullability = StarRocksNullability.NotNull.");

    public static readonly DiagnosticDescriptor InvalidPrimaryKeyType = Error(
        "SRT005", "Type not supported in a primary key",
        "primary key column[{0}] type not supported: {1} (member '{2}'). A PRIMARY KEY column must be BOOLEAN, an integer, VARCHAR/STRING, DATE or DATETIME.");

    public static readonly DiagnosticDescriptor InvalidKeyType = Error(
        "SRT006", "Type not supported in a key",
        "Invalid data type of key column '{0}': '{1}' (member '{2}')");

    public static readonly DiagnosticDescriptor LayoutColumnNotKey = Error(
        "SRT007", "Bucket and partition columns must be key columns",
        "{0}");

    public static readonly DiagnosticDescriptor SortKeyNotKey = Error(
        "SRT008", "Sort key must equal the key",
        "The sort columns of {0} table must be same with key columns");

    public static readonly DiagnosticDescriptor StringLengthOutOfRange = Error(
        "SRT009", "String column length out of range",
        "Member '{0}' (column '{1}'): {2}");

    public static readonly DiagnosticDescriptor DecimalOutOfRange = Error(
        "SRT010", "DECIMAL precision or scale out of range",
        "Member '{0}' (column '{1}'): {2}");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        "SRT011", "Member type has no StarRocks mapping",
        "Member '{0}' has type '{1}', which has no StarRocks mapping: {2}. Change its type or mark it [StarRocksIgnore].");

    public static readonly DiagnosticDescriptor ReservedColumnName = Error(
        "SRT012", "Column name is reserved",
        "Column name [{0}] is a system reserved name. Please choose a different one. (member '{1}')");

    public static readonly DiagnosticDescriptor DuplicateColumnName = Error(
        "SRT013", "Duplicate column name",
        "Duplicate column name '{0}' (member '{1}'; StarRocks compares column names case-insensitively)");

    public static readonly DiagnosticDescriptor MissingAggregate = Error(
        "SRT014", "Value column of an AGGREGATE KEY table needs an aggregate function",
        "AGG_KEYS table should specify aggregate type for non-key column[{0}] (member '{1}')");

    public static readonly DiagnosticDescriptor UnexpectedAggregate = Error(
        "SRT015", "Aggregate function not allowed here",
        "{0} (member '{1}')");

    public static readonly DiagnosticDescriptor RandomDistributionNotDuplicate = Error(
        "SRT016", "RANDOM distribution needs a DUPLICATE KEY table",
        "{0} must use hash distribution: DISTRIBUTED BY RANDOM is for DUPLICATE KEY tables only");

    public static readonly DiagnosticDescriptor UnknownColumn = Error(
        "SRT017", "Unknown column",
        "Unknown column '{0}' in {1}: use a column name or member name of this table");

    public static readonly DiagnosticDescriptor InvalidPartitioning = Error(
        "SRT018", "Invalid partitioning",
        "Invalid partitioning: {0}");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Error(
        "SRT019", "No constructor to read rows with",
        "'{0}' needs a parameterless constructor, or a single constructor whose parameters all match column members by name, to materialize rows");

    public static readonly DiagnosticDescriptor InvalidColumnOption = Error(
        "SRT020", "Column option does not apply to the member",
        "Member '{0}': {1}");

    public static readonly DiagnosticDescriptor FirstColumnNotSortable = Error(
        "SRT021", "First column cannot start the default sort key",
        "Data type of first column cannot be {0}: a DUPLICATE KEY table without [StarRocksKey] gets a sort key from its first columns; add [StarRocksKey] or move '{1}' later");

    public static readonly DiagnosticDescriptor InvalidPartitionColumn = Error(
        "SRT022", "Invalid partition column",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidListPartitionValues = Error(
        "SRT023", "Invalid list partition values",
        "List partition '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidDefaultValue = Error(
        "SRT024", "Invalid column default value",
        "Member '{0}' (column '{3}'): StarRocks refuses Default = \"{1}\": {2}");

    public static readonly DiagnosticDescriptor PrimaryKeyTooLarge = new(
        "SRT025", "Primary key may exceed the encoded size limit",
        "The encoded primary key of {0} can reach {1} bytes ({2}), more than the {3} bytes StarRocks's BE accepts by default (primary_key_limit_size): loads of longer keys fail. Bound the string key columns with Length, or raise primary_key_limit_size on every BE.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "srt025");

    public static readonly DiagnosticDescriptor ReservedMemberName = Error(
        "SRT026", "Member name is generated into the table type",
        "Member '{0}' has the name of the generated member '{1}': the generator adds Table, CreateTableSql, WriteCsv, WriteJson, Read, GetKey, WriteKeyCsv and WriteKeyJson to every [StarRocksTable] type, and private members whose names start with __StarRocks. Rename the member (a column keeps its name with [StarRocksColumn(\"name\")]).");

    public static readonly DiagnosticDescriptor NoColumns = Error(
        "SRT027", "Table has no columns",
        "A table must have at least 1 column: '{0}' has no public instance property or field that maps to a column");

    public static readonly DiagnosticDescriptor DuplicateTable = Error(
        "SRT028", "Two models create the same table",
        "'{0}' and '{1}' both map to table {2}.{3}: each table needs exactly one model (change the database or table name of one)");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "SRT029", "Name StarRocks refuses",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidAggregate = Error(
        "SRT030", "Aggregate function does not fit the column type",
        "Invalid aggregate function '{0}' for '{1}' (member '{2}', type {3}): {4}");

    public static readonly DiagnosticDescriptor AggregateOnlyType = Error(
        "SRT031", "HLL, BITMAP and PERCENTILE columns need an AGGREGATE KEY table",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidTypeOverride = Error(
        "SRT032", "Type override is not a StarRocks type for the member",
        "Member '{0}' (column '{1}'): Type = \"{2}\" {3}");

    public static readonly DiagnosticDescriptor InvalidDistribution = Error(
        "SRT033", "Invalid distribution",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidSortKey = Error(
        "SRT034", "Invalid sort key",
        "{0}");

    public static readonly DiagnosticDescriptor InvalidProperty = Error(
        "SRT035", "Invalid table property",
        "{0}");

    public static readonly DiagnosticDescriptor RegistryNameTaken = new(
        "SRT036", "The registry's name is taken",
        "The table registry StarRocksTables is not generated: namespace {0} already declares a type StarRocksTables. Rename that type to get the registry (StarRocksTables.All, StarRocksTables.Visit).",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "srt036");

    public static readonly DiagnosticDescriptor TooManyBuckets = new(
        "SRT037", "More buckets per partition than StarRocks allows by default",
        "The number of buckets is too large, the maximum is {0}. Please reduce the number of buckets or increase frontend config max_bucket_number_per_partition. Buckets = {1} on the partitioned table {2}.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "srt037");

    public static readonly DiagnosticDescriptor RecursiveStruct = Error(
        "SRT038", "Recursive STRUCT type",
        "Member '{0}' (column '{1}'): type '{2}' contains itself ({3}); a STRUCT type cannot contain itself, so map the inner reference as JSON or mark it [StarRocksIgnore]");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
