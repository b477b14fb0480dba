using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// The MariaDB objects the proxy keeps in the stand-in's state database: the schema-change job history that
/// <c>SHOW ALTER TABLE COLUMN</c> lists, and a view over <c>information_schema.COLUMNS</c> that reports StarRocks
/// type names, lengths, precision/scale, key markers and unquoted defaults (from <see cref="SchemaCatalog"/>'s records) for tables the
/// stand-in created, plus StarRocks's extra <c>COLUMN_SIZE</c> and <c>DECIMAL_DIGITS</c> columns.
/// </summary>
internal static class StandInSqlObjects
{
    /// <summary>The view client queries on <c>information_schema.columns</c> are pointed at.</summary>
    public const string ColumnsView = "`" + SchemaCatalog.StateDatabase + "`.`columns`";

    /// <summary>The schema-change job history.</summary>
    public const string AlterJobsTable = "`" + SchemaCatalog.StateDatabase + "`.`alter_jobs`";

    /// <summary>The columns <c>SHOW ALTER TABLE COLUMN</c> answers, in StarRocks's order.</summary>
    public const string AlterJobColumns =
        "JobId, TableName, CreateTime, FinishTime, IndexName, IndexId, OriginIndexId, SchemaVersion, TransactionId, State, Msg, Progress, Timeout";

    /// <summary>The statements creating the objects (idempotent).</summary>
    public static IReadOnlyList<string> Setup { get; } =
    [
        $"""
        CREATE TABLE IF NOT EXISTS {AlterJobsTable} (
          JobId BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          DbName VARCHAR(256) NOT NULL,
          TableName VARCHAR(1024) NOT NULL,
          CreateTime DATETIME NOT NULL,
          FinishTime DATETIME NOT NULL,
          IndexName VARCHAR(1024) NOT NULL,
          IndexId BIGINT NOT NULL,
          OriginIndexId BIGINT NOT NULL,
          SchemaVersion VARCHAR(64) NOT NULL,
          TransactionId BIGINT NOT NULL,
          State VARCHAR(32) NOT NULL,
          Msg VARCHAR(1024) NOT NULL,
          Progress VARCHAR(64) NULL,
          Timeout INT NOT NULL
        ) AUTO_INCREMENT = 10001
        """,
        $"""
        CREATE OR REPLACE VIEW {ColumnsView} AS
        SELECT c.TABLE_CATALOG, c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION,
          CASE WHEN s.type IS NULL THEN c.COLUMN_DEFAULT ELSE s.dflt END AS COLUMN_DEFAULT,
          c.IS_NULLABLE,
          COALESCE(LOWER(s.base_type), c.DATA_TYPE) AS DATA_TYPE,
          CASE WHEN s.base_type IN ('CHAR', 'VARCHAR') THEN s.length ELSE c.CHARACTER_MAXIMUM_LENGTH END AS CHARACTER_MAXIMUM_LENGTH,
          CASE WHEN s.base_type IN ('CHAR', 'VARCHAR') THEN s.length ELSE c.CHARACTER_OCTET_LENGTH END AS CHARACTER_OCTET_LENGTH,
          CASE WHEN s.base_type LIKE 'DECIMAL%' THEN s.prec ELSE c.NUMERIC_PRECISION END AS NUMERIC_PRECISION,
          CASE WHEN s.base_type LIKE 'DECIMAL%' THEN s.scale ELSE c.NUMERIC_SCALE END AS NUMERIC_SCALE,
          c.DATETIME_PRECISION, c.CHARACTER_SET_NAME, c.COLLATION_NAME,
          COALESCE(LOWER(s.type), c.COLUMN_TYPE) AS COLUMN_TYPE,
          CASE WHEN s.type IS NULL THEN c.COLUMN_KEY
               WHEN s.is_key <> 'true' THEN ''
               WHEN s.kind IN ('3', 'Primary') THEN 'PRI'
               WHEN s.kind IN ('2', 'Unique') THEN 'UNI'
               WHEN s.kind IN ('1', 'Aggregate') THEN 'AGG'
               ELSE 'DUP' END AS COLUMN_KEY,
          c.EXTRA, c.PRIVILEGES, c.COLUMN_COMMENT, c.IS_GENERATED, c.GENERATION_EXPRESSION,
          CASE WHEN s.base_type IN ('CHAR', 'VARCHAR', 'VARBINARY') THEN s.length
               WHEN s.base_type LIKE 'DECIMAL%' THEN s.prec
               ELSE COALESCE(c.NUMERIC_PRECISION, c.CHARACTER_MAXIMUM_LENGTH) END AS COLUMN_SIZE,
          CASE WHEN s.base_type LIKE 'DECIMAL%' THEN s.scale ELSE c.NUMERIC_SCALE END AS DECIMAL_DIGITS
        FROM information_schema.COLUMNS c
        LEFT JOIN (
          SELECT t.db, t.name, JSON_VALUE(t.definition, '$.Kind') AS kind, j.col, j.type, j.base_type, j.is_key,
            j.length, j.prec, j.scale, j.dflt
          FROM `{SchemaCatalog.StateDatabase}`.`tables` t,
            JSON_TABLE(t.definition, '$.Columns[*]' COLUMNS (
              col VARCHAR(1024) PATH '$.Name',
              type VARCHAR(4096) PATH '$.Type',
              base_type VARCHAR(64) PATH '$.BaseType',
              is_key VARCHAR(8) PATH '$.IsKey',
              length BIGINT PATH '$.Length',
              prec INT PATH '$.Precision',
              scale INT PATH '$.Scale',
              dflt LONGTEXT PATH '$.Default')) j
        ) s ON s.db = c.TABLE_SCHEMA AND s.name = c.TABLE_NAME AND s.col = c.COLUMN_NAME
        """,
    ];
}
