using System.Globalization;
using System.Text;
using MySqlConnector;
using StarRocks.Typed.StandIn.Catalog;
using StarRocks.Typed.StandIn.Sql;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// Decides what the proxy does with each client statement: StarRocks DDL is validated, translated and executed on the
/// stand-in's administrative MariaDB connection (keeping <see cref="SchemaCatalog"/> in sync); StarRocks-only session
/// variables are accepted; <c>SHOW ALTER TABLE</c>, <c>SHOW CREATE TABLE</c>, <c>information_schema.columns</c> and
/// <c>INSERT</c> into keyed tables are rewritten; everything else goes to MariaDB unchanged.
/// </summary>
internal sealed class StatementHandler(SchemaCatalog catalog)
{
    private readonly SemaphoreSlim _setupGate = new(1, 1);
    private HashSet<string>? _mariaDbVariables;

    /// <summary>Creates the proxy's state objects and reads MariaDB's variable names.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _setupGate.WaitAsync(cancellationToken);
        try
        {
            if (_mariaDbVariables is not null)
                return;
            await catalog.InitializeAsync(cancellationToken);
            foreach (string sql in StandInSqlObjects.Setup)
                await ExecuteAsync(sql, cancellationToken);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT CONVERT(VARIABLE_NAME USING utf8mb4) FROM information_schema.SESSION_VARIABLES", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                names.Add(reader.GetString(0));
            _mariaDbVariables = names;
        }
        finally
        {
            _setupGate.Release();
        }
    }

    /// <summary>
    /// The outcome for <paramref name="sql"/> sent on <paramref name="session"/>. Comments and characters StarRocks's
    /// lexer skips are blanked first (<see cref="SqlTokenizer.BlankTrivia"/>), so what MariaDB runs is what StarRocks parses.
    /// </summary>
    public async Task<StatementOutcome> HandleAsync(ProxySession session, string sql, CancellationToken cancellationToken)
    {
        string text = SqlTokenizer.BlankTrivia(sql);
        var outcome = await HandleStatementsAsync(session, sql, text, cancellationToken);
        return outcome is ForwardOutcome { Sql: null } && !ReferenceEquals(text, sql) ? new ForwardOutcome(text) : outcome;
    }

    /// <summary>
    /// Parses <paramref name="original"/> (its hidden tokens count towards <c>parse_tokens_limit</c>) and works on
    /// <paramref name="sql"/>, the same text with its trivia blanked (offsets are the same).
    /// </summary>
    private async Task<StatementOutcome> HandleStatementsAsync(ProxySession session, string original, string sql, CancellationToken cancellationToken)
    {
        try
        {
            var statements = SplitStatements(sql);
            if (statements.Count > 1)
            {
                StarRocksSqlParser.CheckTokensLimit(original, ParseTokensLimit(session));
                return HandleBatch(session, statements);
            }
            var statement = StarRocksSqlParser.Parse(original, ParseTokensLimit(session));
            return statement switch
            {
                null or CheckedStatement => Rewrite(session, sql) is { } rewritten ? new ForwardOutcome(rewritten) : ForwardOutcome.Unchanged,
                CreateTableStatement create => await CreateTableAsync(session, create, cancellationToken),
                CreateTableLikeStatement like => await CreateTableLikeAsync(session, like, cancellationToken),
                AlterTableStatement alter => await AlterTableAsync(session, alter, cancellationToken),
                DropTableStatement drop => await DropTableAsync(session, drop, cancellationToken),
                DropDatabaseStatement drop => await DropDatabaseAsync(drop, cancellationToken),
                TruncateTableStatement truncate => new ForwardOutcome($"TRUNCATE TABLE {QualifiedName(truncate.Table)}"),
                UseStatement use => Use(session, use),
                SetStatement set => Set(session, set),
                ShowAlterTableStatement show => ShowAlterTable(session, show),
                ShowCreateTableStatement show => await ShowCreateTableAsync(session, show, cancellationToken),
                InsertStatement insert => await InsertAsync(session, sql, insert, cancellationToken),
                DescribeStatement describe => await DescribeAsync(session, describe, cancellationToken),
                _ => ForwardOutcome.Unchanged,
            };
        }
        catch (StarRocksSqlException e)
        {
            return new ErrorOutcome(e.ErrorCode, e.Message);
        }
        catch (MySqlException e)
        {
            return new ErrorOutcome(e.Number, StarRocksMessage(e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of the stand-in itself: answer it rather than dropping the client's connection.
            return new ErrorOutcome(StarRocksSqlException.SyntaxErrorCode, "Unexpected exception: " + e.Message);
        }
    }

    /// <summary>The session's <c>parse_tokens_limit</c> (set with <c>SET parse_tokens_limit = n</c>) or StarRocks's default.</summary>
    private static int ParseTokensLimit(ProxySession session) =>
        session.StarRocksVariables.TryGetValue("parse_tokens_limit", out var value)
        && int.TryParse(value.Trim('\'', '"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int limit)
            ? limit
            : StarRocksSqlParser.DefaultParseTokensLimit;

    private StatementOutcome HandleBatch(ProxySession session, List<string> statements)
    {
        var rewritten = new StringBuilder();
        bool changed = false;
        foreach (string text in statements)
        {
            var statement = StarRocksSqlParser.Parse(text, ParseTokensLimit(session));
            string piece = text;
            switch (statement)
            {
                case CreateTableStatement or CreateTableLikeStatement or AlterTableStatement or DropTableStatement or DropDatabaseStatement
                    or ShowAlterTableStatement or ShowCreateTableStatement or DescribeStatement:
                    return new ErrorOutcome(StarRocksSqlException.SyntaxErrorCode,
                        "The StarRocks stand-in runs StarRocks DDL and SHOW statements only one per request.");
                case UseStatement use:
                    session.Database = use.Database;
                    break;
                case SetStatement set when Set(session, set) is var outcome && outcome is not ForwardOutcome { Sql: null }:
                    piece = outcome is ForwardOutcome forward ? forward.Sql! : "DO 0";
                    changed = true;
                    break;
                default:
                    if (Rewrite(session, text) is { } replaced)
                    {
                        piece = replaced;
                        changed = true;
                    }
                    break;
            }
            rewritten.Append(piece).Append(";\n");
        }
        return changed ? new ForwardOutcome(rewritten.ToString()) : ForwardOutcome.Unchanged;
    }

    // ---- DDL ----------------------------------------------------------------------------------------------------

    private async Task<StatementOutcome> CreateTableAsync(ProxySession session, CreateTableStatement create, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, create.Table);
        var resolved = CreateTableValidator.Resolve(create);
        if (await TableExistsAsync(database, create.Table.Name, cancellationToken))
            return create.IfNotExists
                ? OkOutcome.Instance
                : throw StarRocksSqlException.Analysis($"Table '{create.Table.Name}' already exists", 1050);
        await ExecuteAsync(MariaDbDdlEmitter.CreateTable(resolved, database), cancellationToken);
        await catalog.SaveAsync(StarRocksSchemaMapper.ToSchema(resolved, database), cancellationToken);
        return OkOutcome.Instance;
    }

    private async Task<StatementOutcome> CreateTableLikeAsync(ProxySession session, CreateTableLikeStatement like, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, like.Table), sourceDatabase = DatabaseOf(session, like.Source);
        if (!await TableExistsAsync(sourceDatabase, like.Source.Name, cancellationToken))
            throw StarRocksSqlException.Analysis($"Unknown table '{sourceDatabase}.{like.Source.Name}'", 1051);
        if (await TableExistsAsync(database, like.Table.Name, cancellationToken))
            return like.IfNotExists
                ? OkOutcome.Instance
                : throw StarRocksSqlException.Analysis($"Table '{like.Table.Name}' already exists", 1050);
        await ExecuteAsync(
            $"CREATE TABLE {MariaDbDdlEmitter.Quote(database)}.{MariaDbDdlEmitter.Quote(like.Table.Name)} LIKE {MariaDbDdlEmitter.Quote(sourceDatabase)}.{MariaDbDdlEmitter.Quote(like.Source.Name)}",
            cancellationToken);
        if (await catalog.GetAsync(sourceDatabase, like.Source.Name, cancellationToken) is { } source)
            await catalog.SaveAsync(source with { Database = database, Name = like.Table.Name }, cancellationToken);
        return OkOutcome.Instance;
    }

    private async Task<StatementOutcome> AlterTableAsync(ProxySession session, AlterTableStatement alter, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, alter.Table);
        if (!await TableExistsAsync(database, alter.Table.Name, cancellationToken))
            throw StarRocksSqlException.Analysis($"Table {alter.Table.Name} is not found", 1146);
        var before = await catalog.GetAsync(database, alter.Table.Name, cancellationToken);
        var after = before is null ? null : alter.Actions.Aggregate(before, StarRocksSchemaMapper.Apply);
        if (before is null)
            foreach (var column in alter.Actions.OfType<AddColumnsAction>().SelectMany(a => a.Columns))
                CreateTableValidator.CheckColumn(column, TableKind.Duplicate, column.KeyMarked);
        if (MariaDbDdlEmitter.AlterTable(alter, database, before, after) is { } sql)
            await ExecuteAsync(sql, cancellationToken);
        if (after is not null)
            await catalog.SaveAsync(after, cancellationToken);
        if (alter.ChangesColumns)
            await RecordAlterJobAsync(database, alter.Table.Name, alter.TimeoutSeconds, cancellationToken);
        return OkOutcome.Instance;
    }

    private async Task RecordAlterJobAsync(string database, string table, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            $"""
            INSERT INTO {StandInSqlObjects.AlterJobsTable}
              (DbName, TableName, CreateTime, FinishTime, IndexName, IndexId, OriginIndexId, SchemaVersion, TransactionId, State, Msg, Progress, Timeout)
            SELECT @db, @table, NOW(), NOW(), @table, 20000 + COUNT(*), 10000, CONCAT(COUNT(*) + 1, ':0'), 30000 + COUNT(*), 'FINISHED', '', NULL, @timeout
            FROM {StandInSqlObjects.AlterJobsTable} WHERE DbName = @db AND TableName = @table
            """, connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@table", table);
        command.Parameters.AddWithValue("@timeout", timeoutSeconds);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<StatementOutcome> DropTableAsync(ProxySession session, DropTableStatement drop, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, drop.Table);
        if (!drop.IfExists && !await TableExistsAsync(database, drop.Table.Name, cancellationToken))
            throw StarRocksSqlException.Analysis($"Unknown table '{drop.Table.Name}'", 1051);
        await ExecuteAsync($"DROP TABLE IF EXISTS {MariaDbDdlEmitter.Quote(database)}.{MariaDbDdlEmitter.Quote(drop.Table.Name)}", cancellationToken);
        await catalog.DropAsync(database, drop.Table.Name, cancellationToken);
        return OkOutcome.Instance;
    }

    private async Task<StatementOutcome> DropDatabaseAsync(DropDatabaseStatement drop, CancellationToken cancellationToken)
    {
        if (string.Equals(drop.Database, SchemaCatalog.StateDatabase, StringComparison.OrdinalIgnoreCase))
            throw StarRocksSqlException.Analysis($"Access denied; you need (at least one of) the DROP privilege(s) on DATABASE {drop.Database}", 1227);
        await ExecuteAsync($"DROP DATABASE {(drop.IfExists ? "IF EXISTS " : "")}{MariaDbDdlEmitter.Quote(drop.Database)}", cancellationToken);
        await catalog.DropDatabaseAsync(drop.Database, cancellationToken);
        return OkOutcome.Instance;
    }

    // ---- sessions, SHOW, rewrites -------------------------------------------------------------------------------

    private static StatementOutcome Use(ProxySession session, UseStatement use)
    {
        session.Database = use.Database;
        return ForwardOutcome.Unchanged;
    }

    /// <summary>Forwards assignments of MariaDB variables (and user variables); remembers StarRocks-only ones and answers OK.</summary>
    private StatementOutcome Set(ProxySession session, SetStatement set)
    {
        var known = _mariaDbVariables ?? [];
        var forwarded = new List<string>();
        bool changed = false;
        foreach (var assignment in set.Assignments)
        {
            if (assignment.IsUserVariable || known.Contains(assignment.Variable))
                forwarded.Add(assignment.Sql);
            else
            {
                session.StarRocksVariables[assignment.Variable] = ValueLiteral(assignment.Sql[(assignment.Sql.IndexOf('=') + 1)..].Trim());
                changed = true;
            }
        }
        if (!changed)
            return ForwardOutcome.Unchanged;
        return forwarded.Count == 0 ? OkOutcome.Instance : new ForwardOutcome("SET " + string.Join(", ", forwarded));
    }

    private static string ValueLiteral(string value) =>
        value.Length > 0 && (value[0] is '\'' or '"' || double.TryParse(value, CultureInfo.InvariantCulture, out _))
            ? value
            : MariaDbDdlEmitter.Literal(value);

    private static StatementOutcome ShowAlterTable(ProxySession session, ShowAlterTableStatement show)
    {
        string database = show.Database ?? session.Database
            ?? throw StarRocksSqlException.Analysis("No database selected", 1046);
        string filter = show.Column ? $"DbName = {MariaDbDdlEmitter.Literal(database)}" : "1 = 0";
        return new ForwardOutcome(
            $"SELECT {StandInSqlObjects.AlterJobColumns} FROM (SELECT {StandInSqlObjects.AlterJobColumns} FROM {StandInSqlObjects.AlterJobsTable} WHERE {filter}) AS jobs {show.Tail}");
    }

    private async Task<StatementOutcome> ShowCreateTableAsync(ProxySession session, ShowCreateTableStatement show, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, show.Table);
        if (await catalog.GetAsync(database, show.Table.Name, cancellationToken) is not { } schema)
            return ForwardOutcome.Unchanged;
        string ddl = StarRocksSchemaMapper.ToCreateTableSql(schema);
        return new ForwardOutcome($"SELECT {MariaDbDdlEmitter.Literal(schema.Name)} AS `Table`, {MariaDbDdlEmitter.Literal(ddl)} AS `Create Table`");
    }

    private async Task<StatementOutcome> DescribeAsync(ProxySession session, DescribeStatement describe, CancellationToken cancellationToken)
    {
        string database = DatabaseOf(session, describe.Table);
        if (await catalog.GetAsync(database, describe.Table.Name, cancellationToken) is not { } schema)
            return ForwardOutcome.Unchanged;
        string[] names = ["Field", "Type", "Null", "Key", "Default", "Extra"];
        var rows = StarRocksSchemaMapper.DescribeRows(schema).Select((row, index) => "SELECT " + string.Join(", ",
            row.Select((value, i) => (value is null ? "NULL" : MariaDbDdlEmitter.Literal(value)) + (index == 0 ? $" AS `{names[i]}`" : ""))));
        return new ForwardOutcome(string.Join(" UNION ALL ", rows));
    }

    /// <summary>
    /// <c>INSERT INTO</c> a PRIMARY KEY or UNIQUE KEY table replaces rows with the same key (StarRocks upserts);
    /// into an AGGREGATE KEY table it combines them with each value column's aggregate. <c>WITH LABEL</c>,
    /// <c>PARTITION (...)</c> and <c>PROPERTIES (...)</c> are dropped. <c>INSERT OVERWRITE</c> empties the table first (not atomically).
    /// </summary>
    private async Task<StatementOutcome> InsertAsync(ProxySession session, string sql, InsertStatement insert, CancellationToken cancellationToken)
    {
        string? database = insert.Table.Database ?? session.Database;
        var schema = database is null ? null : await catalog.GetAsync(database, insert.Table.Name, cancellationToken);
        if (!insert.HasStarRocksClauses && !insert.Overwrite && schema?.Kind is null or TableKind.Duplicate)
            return Rewrite(session, sql) is { } rewritten ? new ForwardOutcome(rewritten) : ForwardOutcome.Unchanged;
        if (insert.Overwrite)
            await ExecuteAsync($"DELETE FROM {MariaDbDdlEmitter.Quote(DatabaseOf(session, insert.Table))}.{MariaDbDdlEmitter.Quote(insert.Table.Name)}", cancellationToken);
        string verb = schema?.Kind is TableKind.Primary or TableKind.Unique ? "REPLACE INTO" : "INSERT INTO";
        string text = new StringBuilder(sql.Length + 16)
            .Append(sql, 0, insert.InsertStart).Append(verb)
            .Append(sql, insert.IntoEnd, insert.TableEnd - insert.IntoEnd).Append(' ')
            .Append(insert.Columns is null ? "" : insert.Columns + " ")
            .Append(sql, insert.BodyStart, sql.Length - insert.BodyStart).ToString();
        text = Rewrite(session, text) ?? text;
        if (schema?.Kind == TableKind.Aggregate && !text.Contains("ON DUPLICATE KEY", StringComparison.OrdinalIgnoreCase))
        {
            var updates = schema.Columns.Where(c => !c.IsKey).Select(c => $"{MariaDbDdlEmitter.Quote(c.Name)} = {Merge(c)}");
            text = $"{text.TrimEnd().TrimEnd(';')} ON DUPLICATE KEY UPDATE {string.Join(", ", updates)}";
        }
        return new ForwardOutcome(text);
    }

    private static string Merge(ColumnSchema column)
    {
        string current = MariaDbDdlEmitter.Quote(column.Name), incoming = $"VALUES({current})";
        return column.Aggregate switch
        {
            AggregateFunction.Sum => $"CASE WHEN {incoming} IS NULL THEN {current} WHEN {current} IS NULL THEN {incoming} ELSE {current} + {incoming} END",
            AggregateFunction.Max => $"COALESCE(GREATEST({current}, {incoming}), {current}, {incoming})",
            AggregateFunction.Min => $"COALESCE(LEAST({current}, {incoming}), {current}, {incoming})",
            AggregateFunction.ReplaceIfNotNull => $"COALESCE({incoming}, {current})",
            _ => incoming,
        };
    }

    /// <summary>
    /// Textual rewrites of statements otherwise passed through; null when nothing changes:
    /// <c>information_schema.columns</c> → the stand-in's view with StarRocks types; <c>current_version()</c> →
    /// <see cref="StarRocksVersion"/>; <c>@@v</c> of a StarRocks-only session variable → its value (set or default).
    /// </summary>
    internal string? Rewrite(ProxySession session, string sql)
    {
        if (!sql.Contains("information_schema", StringComparison.OrdinalIgnoreCase) && !sql.Contains("@@", StringComparison.Ordinal)
            && !sql.Contains("current_version", StringComparison.OrdinalIgnoreCase))
            return null;
        var tokens = SqlTokenizer.Tokenize(sql);
        var result = new StringBuilder();
        int copied = 0;
        void Replace(int start, int end, string replacement)
        {
            result.Append(sql, copied, start - copied).Append(replacement);
            copied = end;
        }
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            var token = tokens[i];
            if (Is(token, "information_schema") && tokens[i + 1].IsSymbol('.') && i + 2 < tokens.Count && Is(tokens[i + 2], "columns"))
                Replace(token.Start, tokens[i + 2].End(), StandInSqlObjects.ColumnsView);
            else if (Is(token, "current_version") && tokens[i + 1].IsSymbol('(') && i + 2 < tokens.Count && tokens[i + 2].IsSymbol(')'))
                Replace(token.Start, tokens[i + 2].End(), MariaDbDdlEmitter.Literal(StarRocksVersion));
            else if (token.Kind == SqlTokenKind.Word && token.Text.StartsWith("@@", StringComparison.Ordinal))
            {
                var nameToken = token.Text.Contains('.') || !tokens[i + 1].IsSymbol('.') || i + 2 >= tokens.Count ? token : tokens[i + 2];
                string name = nameToken == token ? token.Text[(token.Text.LastIndexOf('.') + 1)..].TrimStart('@') : nameToken.Text;
                if (StarRocksVariableValue(session, name) is { } value)
                    Replace(token.Start, nameToken.End(), value);
            }
        }
        return copied == 0 ? null : result.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>The version <c>current_version()</c> answers.</summary>
    internal const string StarRocksVersion = "3.5.0-standin";

    private static readonly Dictionary<string, string> StarRocksVariableDefaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["query_timeout"] = "300",
        ["query_mem_limit"] = "0",
        ["load_mem_limit"] = "0",
        ["exec_mem_limit"] = "2147483648",
        ["pipeline_dop"] = "0",
        ["insert_timeout"] = "14400",
        ["enable_profile"] = "0",
        ["parallel_fragment_exec_instance_num"] = "1",
        ["sql_dialect"] = "'StarRocks'",
        ["parse_tokens_limit"] = StarRocksSqlParser.DefaultParseTokensLimit.ToString(CultureInfo.InvariantCulture),
    };

    private string? StarRocksVariableValue(ProxySession session, string name)
    {
        if (_mariaDbVariables?.Contains(name) == true)
            return null;
        return session.StarRocksVariables.TryGetValue(name, out var value) ? value
            : StarRocksVariableDefaults.GetValueOrDefault(name);
    }

    private static bool Is(SqlToken token, string name) =>
        token.IsIdentifier && token.Text.Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits a multi-statement request at top-level semicolons (empty statements dropped).</summary>
    internal static List<string> SplitStatements(string sql)
    {
        var parts = new List<string>();
        if (!sql.Contains(';'))
        {
            parts.Add(sql);
            return parts;
        }
        int start = 0;
        foreach (var token in SqlTokenizer.Enumerate(sql))
        {
            if (token.Kind == SqlTokenKind.End || token.IsSymbol(';'))
            {
                string part = sql[start..token.Start];
                if (SqlTokenizer.Enumerate(part).First().Kind != SqlTokenKind.End)
                    parts.Add(part);
                start = token.Start + token.Length;
            }
        }
        if (parts.Count == 0)
            parts.Add(sql);
        return parts;
    }

    // ---- MariaDB access -----------------------------------------------------------------------------------------

    private static string DatabaseOf(ProxySession session, TableName table) =>
        table.Database ?? session.Database ?? throw StarRocksSqlException.Analysis("No database selected", 1046);

    private static string QualifiedName(TableName table) =>
        table.Database is { } db
            ? $"{MariaDbDdlEmitter.Quote(db)}.{MariaDbDdlEmitter.Quote(table.Name)}"
            : MariaDbDdlEmitter.Quote(table.Name);

    private async Task<bool> TableExistsAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @table", connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(catalog.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static string StarRocksMessage(MySqlException e) => e.Number switch
    {
        1049 or 1050 or 1051 or 1054 or 1060 or 1146 => "Getting analyzing error. Detail message: " + e.Message,
        _ => e.Message,
    };
}
