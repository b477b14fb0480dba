using System.Globalization;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// A hand-written recursive-descent parser for the StarRocks statements the stand-in handles itself
/// (<c>CREATE TABLE</c>, <c>ALTER TABLE</c> column changes, <c>DROP/TRUNCATE TABLE</c>, <c>DROP DATABASE</c>, <c>USE</c>,
/// <c>SET</c>, <c>SHOW ALTER TABLE</c>, <c>SHOW CREATE TABLE</c>, <c>INSERT</c>) and a grammar check for the
/// statements it passes on (queries, <c>UPDATE</c>, <c>DELETE</c>; see <c>StarRocksSqlParser.Query.cs</c>). It enforces
/// the clause and column-definition order StarRocks's grammar enforces; the analyzer rules live in
/// <see cref="CreateTableValidator"/>.
/// </summary>
public sealed partial class StarRocksSqlParser
{
    /// <summary>
    /// The type names of StarRocks.g4's <c>baseType</c>, <c>decimalType</c>, <c>arrayType</c>, <c>mapType</c> and
    /// <c>structType</c> the stand-in maps (StarRocks repo <c>fe/fe-grammar/src/main/antlr/com/starrocks/grammar/StarRocks.g4</c>).
    /// StarRocksLex.g4 has no <c>BOOL</c> token: <c>BOOL</c> is an identifier there, not a type.
    /// </summary>
    private static readonly string[] TypeNames =
    [
        "BOOLEAN", "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE",
        "DECIMAL", "DECIMALV2", "DECIMAL32", "DECIMAL64", "DECIMAL128", "NUMERIC", "CHAR", "VARCHAR", "STRING", "TEXT",
        "BINARY", "VARBINARY", "DATE", "DATETIME", "JSON", "ARRAY", "MAP", "STRUCT", "BITMAP", "HLL", "PERCENTILE",
    ];

    private readonly string _sql;
    private readonly IEnumerator<SqlToken> _source;
    private readonly List<SqlToken> _tokens = [];
    private int _position;

    private StarRocksSqlParser(string sql)
    {
        _sql = sql;
        _source = SqlTokenizer.Enumerate(sql).GetEnumerator();
    }

    /// <summary>
    /// The default of StarRocks's session variable <c>parse_tokens_limit</c> (StarRocks repo
    /// <c>fe/fe-core/src/main/java/com/starrocks/qe/SessionVariable.java</c>).
    /// </summary>
    public const int DefaultParseTokensLimit = 3_500_000;

    /// <summary>
    /// Parses <paramref name="sql"/> when it is a statement the stand-in handles or checks (queries, <c>UPDATE</c>,
    /// <c>DELETE</c>); null for any other statement (passed to MariaDB as is).
    /// Throws <see cref="StarRocksSqlException"/> for syntax errors in the statements it handles or checks, and for any
    /// statement longer than <paramref name="parseTokensLimit"/> tokens.
    /// </summary>
    public static StarRocksStatement? Parse(string sql, int parseTokensLimit = DefaultParseTokensLimit)
    {
        var parser = new StarRocksSqlParser(sql);
        StarRocksStatement? statement;
        try
        {
            statement = parser.ParseStatement();
        }
        catch (StarRocksSqlException) when (parser._position > 0 && parser.Peek(-1).Index >= parseTokensLimit)
        {
            throw TokensExceedLimit();
        }
        if (parser.LastToken().Index >= parseTokensLimit)
            throw TokensExceedLimit();
        return statement;
    }

    /// <summary>
    /// Refuses a request of several statements that holds <paramref name="parseTokensLimit"/> tokens or more: StarRocks
    /// parses them with one parser over one token stream (<c>SqlParser.parseWithStarRocksDialect</c>).
    /// </summary>
    public static void CheckTokensLimit(string sql, int parseTokensLimit)
    {
        if (SqlTokenizer.Enumerate(sql).Last().Index >= parseTokensLimit)
            throw TokensExceedLimit();
    }

    /// <summary>
    /// StarRocks's <c>PostProcessListener.visitTerminal</c> (StarRocks repo
    /// <c>fe/fe-core/src/main/java/com/starrocks/sql/parser/PostProcessListener.java</c>) refuses the first token the
    /// parser matches whose index in the token stream (hidden whitespace and comment tokens included) reaches
    /// <c>parse_tokens_limit</c>; a statement that parses matches its EOF last, whose index is the number of tokens.
    /// The <c>ParsingException</c> carries no position.
    /// </summary>
    private static StarRocksSqlException TokensExceedLimit() =>
        new(StarRocksSqlException.SyntaxErrorCode,
            "Getting syntax error. Detail message: Statement exceeds maximum length limit, please consider modify 'parse_tokens_limit' session variable.");

    /// <summary>The <see cref="SqlTokenKind.End"/> token, reading the rest of the statement if the parse stopped early.</summary>
    private SqlToken LastToken()
    {
        Peek(0);
        var last = _tokens[^1];
        while (last.Kind != SqlTokenKind.End && _source.MoveNext())
            _tokens.Add(last = _source.Current);
        return last;
    }

    /// <summary>Parses one column definition (<c>name type [KEY] [agg] [NULL|NOT NULL] [DEFAULT ..] [COMMENT ..]</c>).</summary>
    public static ColumnDefinition ParseColumn(string sql)
    {
        var parser = new StarRocksSqlParser(sql);
        var column = parser.ParseColumnDefinition();
        parser.ExpectEnd();
        return column;
    }

    private SqlToken Current => Peek(0);

    private SqlToken Peek(int ahead = 1)
    {
        int index = _position + ahead;
        while (_tokens.Count <= index && (_tokens.Count == 0 || _tokens[^1].Kind != SqlTokenKind.End) && _source.MoveNext())
            _tokens.Add(_source.Current);
        return _tokens[Math.Min(index, _tokens.Count - 1)];
    }

    private StarRocksStatement? ParseStatement()
    {
        var first = Current;
        if (first.IsWord("CREATE"))
            return ParseCreate();
        if (first.IsWord("ALTER") && Peek().IsWord("TABLE"))
            return ParseAlterTable();
        if (first.IsWord("DROP") && Peek().IsWord("TABLE"))
            return ParseDropTable();
        if (first.IsWord("DROP") && (Peek().IsWord("DATABASE") || Peek().IsWord("SCHEMA")))
            return ParseDropDatabase();
        if (first.IsWord("TRUNCATE"))
            return ParseTruncate();
        if (first.IsWord("USE") && Peek().IsIdentifier)
        {
            _position++;
            string db = ExpectIdentifier();
            SkipSemicolon();
            return Current.Kind == SqlTokenKind.End ? new UseStatement(db) : null;
        }
        if (first.IsWord("SET"))
            return ParseSet();
        if (first.IsWord("SHOW"))
            return ParseShow();
        if (first.IsWord("INSERT"))
            return ParseInsert();
        if (first.IsWord("SELECT") || first.IsWord("WITH") || first.IsSymbol('('))
            return ParseQueryStatement();
        if (first.IsWord("UPDATE"))
            return ParseUpdate();
        if (first.IsWord("DELETE"))
            return ParseDelete();
        if ((first.IsWord("DESC") || first.IsWord("DESCRIBE")) && Peek().IsIdentifier)
        {
            _position++;
            var table = ParseTableName();
            SkipSemicolon();
            return Current.Kind == SqlTokenKind.End ? new DescribeStatement(table) : null;
        }
        return null;
    }

    // ---- CREATE TABLE -------------------------------------------------------------------------------------------

    private StarRocksStatement? ParseCreate()
    {
        _position++;
        if (Current.IsWord("DATABASE") || Current.IsWord("SCHEMA"))
        {
            // createDbStatement: CREATE (DATABASE | SCHEMA) (IF NOT EXISTS)? identifier (charset/collate/properties
            // are not taken: the stand-in's databases are MariaDB's).
            _position++;
            AcceptWords("IF", "NOT", "EXISTS");
            ExpectIdentifier();
            ExpectEnd();
            return CheckedStatement.Instance;
        }
        if (Current.IsWord("EXTERNAL") || Current.IsWord("TEMPORARY"))
            return null;
        if (!Current.IsWord("TABLE"))
            return null;
        _position++;
        bool ifNotExists = AcceptWords("IF", "NOT", "EXISTS");
        var table = ParseTableName();
        if (AcceptWord("LIKE"))
        {
            var source = ParseTableName();
            ExpectEnd();
            return new CreateTableLikeStatement(table, source, ifNotExists);
        }
        if (Current.IsWord("AS") || (Current.IsSymbol('(') && Peek().IsWord("SELECT")))
            return null;
        if (!Current.IsSymbol('('))
            throw Unexpected("'('");
        _position++;
        var columns = new List<ColumnDefinition>();
        bool indexes = false;
        do
        {
            if (Current.IsWord("INDEX"))
            {
                indexes = true;
                SkipIndexDefinition();
            }
            else if (indexes)
                throw Unexpected("INDEX");
            else
                columns.Add(ParseColumnDefinition());
        }
        while (Accept(','));
        Expect(')');

        if (AcceptWord("ENGINE"))
        {
            Expect('=');
            ExpectIdentifier();
        }
        if (Current.IsWord("DEFAULT") && (Peek().IsWord("CHARSET") || Peek().IsWord("CHARACTER")))
            _position++;
        if (AcceptWord("CHARSET") || AcceptWords("CHARACTER", "SET"))
        {
            Accept('=');
            ExpectIdentifier();
        }

        TableKind? kind = null;
        var keyColumns = new List<string>();
        if (Peek().IsWord("KEY") && TryKind(Current) is { } k)
        {
            kind = k;
            _position += 2;
            keyColumns = ParseIdentifierList();
        }
        string? comment = AcceptWord("COMMENT") ? ExpectString() : null;
        PartitionClause? partition = Current.IsWord("PARTITION") ? ParsePartition() : null;
        DistributionClause? distribution = Current.IsWord("DISTRIBUTED") ? ParseDistribution() : null;
        var orderBy = new List<string>();
        if (Current.IsWord("ORDER"))
        {
            _position++;
            ExpectWord("BY");
            orderBy = Current.IsSymbol('(') ? ParseIdentifierList() : ParseBareIdentifierList();
        }
        if (AcceptWord("ROLLUP"))
            SkipBalanced();
        var properties = Current.IsWord("PROPERTIES") ? ParseProperties() : new Dictionary<string, string>();
        if (Current.IsWord("BROKER"))
        {
            _position++;
            ParseProperties();
        }
        ExpectEnd();
        return new CreateTableStatement(table, ifNotExists, columns, kind, keyColumns, comment, partition, distribution,
            orderBy, properties);
    }

    private static TableKind? TryKind(SqlToken token) =>
        token.IsWord("DUPLICATE") ? TableKind.Duplicate
        : token.IsWord("AGGREGATE") ? TableKind.Aggregate
        : token.IsWord("UNIQUE") ? TableKind.Unique
        : token.IsWord("PRIMARY") ? TableKind.Primary
        : null;

    private void SkipIndexDefinition()
    {
        _position++;
        ExpectIdentifier();
        ParseIdentifierList();
        if (AcceptWord("USING") && !(AcceptWord("BITMAP") || AcceptWord("GIN") || AcceptWord("NGRAMBF") || AcceptWord("VECTOR")))
            throw Unexpected("'BITMAP', 'GIN', 'NGRAMBF', 'VECTOR'");
        if (Current.IsSymbol('('))
            SkipBalanced();
        if (AcceptWord("COMMENT"))
            ExpectString();
    }

    private ColumnDefinition ParseColumnDefinition()
    {
        var nameToken = Current;
        string name = ExpectIdentifier();
        var type = ParseType();
        if (AcceptWord("CHARSET") || AcceptWords("CHARACTER", "SET"))
            ExpectIdentifier();
        bool key = AcceptWord("KEY");
        AggregateFunction? aggregate = TryAggregate(Current);
        if (aggregate is not null)
            _position++;
        bool? nullable = null;
        if (AcceptWord("NULL"))
            nullable = true;
        else if (AcceptWords("NOT", "NULL"))
            nullable = false;
        DefaultValue? defaultValue = null;
        bool autoIncrement = false;
        string? generated = null;
        if (AcceptWord("DEFAULT"))
            defaultValue = ParseDefault();
        else if (AcceptWord("AUTO_INCREMENT"))
        {
            if (nullable == true)
                throw StarRocksSqlException.SyntaxDetail(nameToken, $"AUTO_INCREMENT column {name} must be NOT NULL");
            autoIncrement = true;
        }
        else if (AcceptWord("AS"))
            generated = ReadExpressionUntil(t => t.IsSymbol(',') || t.IsSymbol(')') || t.IsWord("COMMENT"));
        string? comment = AcceptWord("COMMENT") ? ExpectString() : null;
        return new ColumnDefinition(name, type, key, aggregate, nullable, defaultValue, autoIncrement, generated, comment);
    }

    private static AggregateFunction? TryAggregate(SqlToken token) =>
        token.Kind != SqlTokenKind.Word ? null : token.Text.ToUpperInvariant() switch
        {
            "SUM" => AggregateFunction.Sum,
            "MAX" => AggregateFunction.Max,
            "MIN" => AggregateFunction.Min,
            "REPLACE" => AggregateFunction.Replace,
            "REPLACE_IF_NOT_NULL" => AggregateFunction.ReplaceIfNotNull,
            "HLL_UNION" => AggregateFunction.HllUnion,
            "BITMAP_UNION" => AggregateFunction.BitmapUnion,
            _ => null,
        };

    private DefaultValue ParseDefault()
    {
        var token = Current;
        if (token.Kind is SqlTokenKind.String or SqlTokenKind.Number)
        {
            _position++;
            return new DefaultValue(DefaultKind.Literal, token.Text);
        }
        if (token.IsSymbol('-') && Peek().Kind == SqlTokenKind.Number)
        {
            _position += 2;
            return new DefaultValue(DefaultKind.Literal, "-" + Peek(-1).Text);
        }
        if (AcceptWord("NULL"))
            return new DefaultValue(DefaultKind.Null, "NULL");
        if (token.IsSymbol('('))
        {
            int start = token.Start;
            SkipBalanced();
            return new DefaultValue(DefaultKind.Expression, _sql[start..Peek(-1).End()]);
        }
        if (token.Kind == SqlTokenKind.Word)
        {
            _position++;
            string text = token.Text;
            if (Current.IsSymbol('('))
            {
                int start = token.Start;
                SkipBalanced();
                text = _sql[start..Peek(-1).End()];
            }
            string function = token.Text.ToUpperInvariant();
            return function is "CURRENT_TIMESTAMP" or "NOW"
                ? new DefaultValue(DefaultKind.CurrentTimestamp, "CURRENT_TIMESTAMP")
                : new DefaultValue(DefaultKind.Expression, text);
        }
        throw Unexpected("a default value");
    }

    private StarRocksType ParseType()
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.Word || !TypeNames.Contains(token.Text.ToUpperInvariant()))
            throw Unexpected("INT, BIGINT, VARCHAR, DECIMAL, DATETIME, ...");
        _position++;
        string name = token.Text.ToUpperInvariant();
        switch (name)
        {
            case "ARRAY":
                Expect('<');
                var element = ParseType();
                Expect('>');
                return new StarRocksType("ARRAY", Arguments: [element]);
            case "MAP":
                Expect('<');
                var key = ParseType();
                Expect(',');
                var value = ParseType();
                Expect('>');
                return new StarRocksType("MAP", Arguments: [key, value]);
            case "STRUCT":
                Expect('<');
                var names = new List<string>();
                var types = new List<StarRocksType>();
                do
                {
                    names.Add(ExpectIdentifier());
                    types.Add(ParseType());
                }
                while (Accept(','));
                Expect('>');
                return new StarRocksType("STRUCT", Arguments: types, FieldNames: names);
        }
        // baseType: only the integer, CHAR/VARCHAR and BINARY/VARBINARY types take a typeParameter '(' INTEGER_VALUE ')';
        // decimalType takes '(' precision (',' scale)? ')'; every other type takes none.
        var arguments = new List<int>();
        bool isDecimal = name is "DECIMAL" or "NUMERIC" or "DECIMALV2" or "DECIMAL32" or "DECIMAL64" or "DECIMAL128";
        if ((isDecimal || name is "TINYINT" or "SMALLINT" or "INT" or "INTEGER" or "BIGINT" or "LARGEINT" or "CHAR" or "VARCHAR"
                or "BINARY" or "VARBINARY") && Accept('('))
        {
            arguments.Add(ExpectInteger());
            if (isDecimal && Accept(','))
                arguments.Add(ExpectInteger());
            Expect(')');
        }
        return name switch
        {
            "INTEGER" => new StarRocksType("INT"),
            "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "LARGEINT" => new StarRocksType(name),
            "STRING" or "TEXT" => new StarRocksType("VARCHAR", Length: 65533),
            "CHAR" or "VARCHAR" => new StarRocksType(name, Length: arguments.Count > 0 && arguments[0] > 0 ? arguments[0] : 1),
            "BINARY" or "VARBINARY" => new StarRocksType("VARBINARY", Length: arguments.Count > 0 ? arguments[0] : null),
            "DECIMAL" or "NUMERIC" or "DECIMALV2" or "DECIMAL32" or "DECIMAL64" or "DECIMAL128" => new StarRocksType(
                name is "NUMERIC" or "DECIMALV2" ? "DECIMAL" : name,
                Precision: arguments.Count > 0 ? arguments[0] : 10,
                Scale: arguments.Count > 1 ? arguments[1] : 0),
            _ => new StarRocksType(name),
        };
    }

    private PartitionClause ParsePartition()
    {
        _position++;
        ExpectWord("BY");
        if (Current.IsWord("RANGE") || Current.IsWord("LIST"))
        {
            var kind = Current.IsWord("RANGE") ? PartitionKind.Range : PartitionKind.List;
            _position++;
            var columns = ParseIdentifierList();
            if (Current.IsSymbol('('))
                SkipBalanced();
            else
                throw Unexpected("'('");
            return new PartitionClause(kind, columns);
        }
        PartitionClause clause;
        if (Current.IsSymbol('('))
            clause = new PartitionClause(PartitionKind.Columns, ParseIdentifierList());
        else if (Current.Kind == SqlTokenKind.Word && Peek().IsSymbol('('))
            clause = ParsePartitionFunction();
        else
            clause = new PartitionClause(PartitionKind.Columns, ParseBareIdentifierList());
        if (Current.IsSymbol('('))
            SkipBalanced();
        return clause;
    }

    private PartitionClause ParsePartitionFunction()
    {
        string function = Current.Text.ToLowerInvariant();
        _position += 2;
        string? column = null, unit = null;
        int depth = 0;
        while (!(depth == 0 && Current.IsSymbol(')')))
        {
            var token = Current;
            if (token.Kind == SqlTokenKind.End)
                throw Unexpected("')'");
            if (token.IsSymbol('('))
                depth++;
            else if (token.IsSymbol(')'))
                depth--;
            else if (token.Kind == SqlTokenKind.String && function == "date_trunc")
                unit = token.Text.ToLowerInvariant();
            else if (token.IsIdentifier && !token.IsWord("INTERVAL"))
            {
                // time_slice(col, INTERVAL n unit [, floor|ceil]): the word after the number is the unit.
                if (Peek(-1).Kind == SqlTokenKind.Number)
                    unit = token.Text.ToLowerInvariant();
                else
                    column ??= token.Text;
            }
            _position++;
        }
        _position++;
        return new PartitionClause(PartitionKind.Expression, column is null ? [] : [column], function, unit);
    }

    private DistributionClause ParseDistribution()
    {
        _position++;
        ExpectWord("BY");
        bool random;
        var columns = new List<string>();
        if (AcceptWord("RANDOM"))
            random = true;
        else
        {
            ExpectWord("HASH");
            random = false;
            columns = ParseIdentifierList();
        }
        int? buckets = AcceptWord("BUCKETS") ? ExpectInteger() : null;
        return new DistributionClause(random, columns, buckets);
    }

    private Dictionary<string, string> ParseProperties()
    {
        _position++;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Expect('(');
        do
        {
            string key = ExpectString();
            Expect('=');
            properties[key] = ExpectString();
        }
        while (Accept(','));
        Expect(')');
        return properties;
    }

    // ---- ALTER / DROP / TRUNCATE --------------------------------------------------------------------------------

    /// <summary>
    /// <c>alterTableStatement</c>: <c>ALTER TABLE t alterClause (',' alterClause)*</c>. <c>PROPERTIES (..)</c> belongs to
    /// the column clauses that take it (<c>addColumnClause</c>, <c>addColumnsClause</c>, <c>dropColumnClause</c>,
    /// <c>modifyColumnClause</c>); <c>columnRenameClause</c> is <c>RENAME COLUMN a TO b</c> with no properties.
    /// </summary>
    private StarRocksStatement? ParseAlterTable()
    {
        _position += 2;
        var table = ParseTableName();
        var actions = new List<AlterAction>();
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        do
        {
            var action = ParseAlterAction(properties);
            if (action is null)
                return null;
            actions.Add(action);
        }
        while (Accept(','));
        ExpectEnd();
        return new AlterTableStatement(table, actions, properties);
    }

    private AlterAction? ParseAlterAction(Dictionary<string, string> properties)
    {
        if (AcceptWords("ADD", "COLUMN"))
        {
            AlterAction add;
            if (Accept('('))
            {
                var columns = new List<ColumnDefinition>();
                do
                    columns.Add(ParseColumnDefinition());
                while (Accept(','));
                Expect(')');
                add = new AddColumnsAction(columns, null);
            }
            else
            {
                var column = ParseColumnDefinition();
                add = new AddColumnsAction([column], ParsePosition());
            }
            SkipRollupName();
            ParseClauseProperties(properties);
            return add;
        }
        if (AcceptWords("DROP", "COLUMN"))
        {
            string name = ExpectIdentifier();
            if (AcceptWord("FROM"))
                ExpectIdentifier();
            ParseClauseProperties(properties);
            return new DropColumnAction(name);
        }
        if (AcceptWords("MODIFY", "COLUMN"))
        {
            var column = ParseColumnDefinition();
            var position = ParsePosition();
            if (AcceptWord("FROM"))
                ExpectIdentifier();
            ParseClauseProperties(properties);
            return new ModifyColumnAction(column, position);
        }
        if (AcceptWords("RENAME", "COLUMN"))
        {
            string from = ExpectIdentifier();
            ExpectWord("TO");
            return new RenameColumnAction(from, ExpectIdentifier());
        }
        if (Current.IsWord("COMMENT"))
        {
            _position++;
            Expect('=');
            ExpectString();
            return new IgnoredAlterAction("COMMENT");
        }
        if (Current.IsWord("SET") && Peek().IsSymbol('('))
        {
            _position++;
            SkipBalanced();
            return new IgnoredAlterAction("SET");
        }
        if (Current.IsWord("ADD") || Current.IsWord("DROP") || Current.IsWord("MODIFY") || Current.IsWord("RENAME"))
        {
            if (Peek().IsWord("PARTITION") || Peek().IsWord("TEMPORARY") || Peek().IsWord("ROLLUP")
                || Peek().IsWord("INDEX"))
            {
                var clause = Current.Text + " " + Peek().Text;
                while (!Current.IsSymbol(',') && Current.Kind != SqlTokenKind.End && !Current.IsSymbol(';'))
                {
                    if (Current.IsSymbol('(')) SkipBalanced();
                    else _position++;
                }
                return new IgnoredAlterAction(clause.ToUpperInvariant());
            }
        }
        // Other alterClause forms of StarRocks.g4 the stand-in does not emulate (tableRenameClause, swapTableClause,
        // reorderColumnsClause, distributionClause, ...) pass through; anything else is no alterClause at all.
        if (Current.IsWord("RENAME") || Current.IsWord("SWAP") || Current.IsWord("ORDER") || Current.IsWord("DISTRIBUTED")
            || Current.IsWord("ADD") || Current.IsWord("DROP") || Current.IsWord("MODIFY") || Current.IsWord("TRUNCATE")
            || Current.IsWord("REPLACE") || Current.IsWord("COMPACT") || Current.IsWord("BASE") || Current.IsWord("CUMULATIVE"))
            return null;
        throw Unexpected("'ADD', 'DROP', 'MODIFY', 'RENAME', 'SET', 'COMMENT', ...");
    }

    /// <summary>The optional <c>properties</c> that ends a column clause, merged into the statement's.</summary>
    private void ParseClauseProperties(Dictionary<string, string> properties)
    {
        if (!Current.IsWord("PROPERTIES"))
            return;
        foreach (var (key, value) in ParseProperties())
            properties[key] = value;
    }

    private ColumnPosition? ParsePosition() =>
        AcceptWord("FIRST") ? new ColumnPosition(true, null)
        : AcceptWord("AFTER") ? new ColumnPosition(false, ExpectIdentifier())
        : null;

    /// <summary>The optional <c>(TO | IN) rollup</c> of the ADD COLUMN clauses.</summary>
    private void SkipRollupName()
    {
        if (AcceptWord("TO") || AcceptWord("IN"))
            ExpectIdentifier();
    }

    private StarRocksStatement ParseDropTable()
    {
        _position += 2;
        bool ifExists = AcceptWords("IF", "EXISTS");
        var table = ParseTableName();
        AcceptWord("FORCE");
        ExpectEnd();
        return new DropTableStatement(table, ifExists);
    }

    private StarRocksStatement ParseDropDatabase()
    {
        _position += 2;
        bool ifExists = AcceptWords("IF", "EXISTS");
        string db = ExpectIdentifier();
        AcceptWord("FORCE");
        ExpectEnd();
        return new DropDatabaseStatement(db, ifExists);
    }

    private StarRocksStatement? ParseTruncate()
    {
        _position++;
        AcceptWord("TABLE");
        if (!Current.IsIdentifier)
            return null;
        var table = ParseTableName();
        if (AcceptWord("PARTITION") || AcceptWord("PARTITIONS"))
        {
            if (Current.IsSymbol('(')) SkipBalanced();
            else ExpectIdentifier();
        }
        ExpectEnd();
        return new TruncateTableStatement(table);
    }

    // ---- SET / SHOW / INSERT ------------------------------------------------------------------------------------

    private StarRocksStatement? ParseSet()
    {
        _position++;
        if (Current.IsWord("NAMES") || Current.IsWord("CHARACTER") || Current.IsWord("CHARSET")
            || Current.IsWord("PASSWORD") || Current.IsWord("ROLE") || Current.IsWord("DEFAULT")
            || ((Current.IsWord("SESSION") || Current.IsWord("GLOBAL")) && Peek().IsWord("TRANSACTION"))
            || Current.IsWord("TRANSACTION") || Current.IsWord("STATEMENT") || Current.IsWord("CATALOG"))
            return null;
        var assignments = new List<SetAssignment>();
        do
        {
            int start = Current.Start;
            if (Current.IsWord("SESSION") || Current.IsWord("GLOBAL") || Current.IsWord("LOCAL"))
                _position++;
            var nameToken = Current;
            if (!nameToken.IsIdentifier)
                return null;
            _position++;
            string name = nameToken.Text;
            bool user = name.StartsWith('@') && !name.StartsWith("@@", StringComparison.Ordinal);
            if (name.StartsWith("@@", StringComparison.Ordinal))
            {
                name = name[2..];
                if (Accept('.'))
                {
                    name = ExpectIdentifier();
                }
                else if (name.Contains('.'))
                    name = name[(name.IndexOf('.') + 1)..];
            }
            // setVar: userVariable '=' expression | varType? identifier '=' setExprOrDefault (DEFAULT | ON | ALL | expression).
            Expect('=');
            if (user || !(AcceptWord("DEFAULT") || AcceptWord("ON") || AcceptWord("ALL")))
                ParseExpression();
            assignments.Add(new SetAssignment(name, user, _sql[start..Peek(-1).End()]));
        }
        while (Accept(','));
        SkipSemicolon();
        return Current.Kind == SqlTokenKind.End ? new SetStatement(assignments) : null;
    }

    private StarRocksStatement? ParseShow()
    {
        _position++;
        if (AcceptWords("ALTER", "TABLE"))
        {
            bool column = Current.IsWord("COLUMN");
            if (!column && !Current.IsWord("ROLLUP") && !Current.IsWord("MATERIALIZED") && !Current.IsWord("OPTIMIZE"))
                return null;
            _position++;
            AcceptWord("VIEW");
            string? db = AcceptWord("FROM") || AcceptWord("IN") ? ExpectIdentifier() : null;
            int tailStart = Current.Start;
            ParseShowPredicateClauses();
            int end = Current.Start;
            ExpectEnd();
            return new ShowAlterTableStatement(column, db, _sql[tailStart..end].Trim());
        }
        if (AcceptWords("CREATE", "TABLE"))
        {
            var table = ParseTableName();
            SkipSemicolon();
            return Current.Kind == SqlTokenKind.End ? new ShowCreateTableStatement(table) : null;
        }
        return null;
    }

    /// <summary>
    /// <c>insertStatement</c>: <c>INSERT (INTO | OVERWRITE) t partitionNames? (columnAliases | WITH LABEL l)*
    /// properties? (queryStatement | VALUES ..)</c>. <c>PARTITION</c> must come before <c>WITH LABEL</c>, and
    /// <c>INSERT OVERWRITE</c> takes no <c>TABLE</c> keyword.
    /// </summary>
    private StarRocksStatement? ParseInsert()
    {
        var insertToken = Current;
        _position++;
        bool overwrite = AcceptWord("OVERWRITE");
        if (!overwrite && !AcceptWord("INTO"))
            throw Unexpected("'INTO', 'OVERWRITE'");
        int intoEnd = Peek(-1).End();
        if (Current.IsWord("FILES") || Current.IsWord("BLACKHOLE"))
            return null;
        var table = ParseTableName();
        int tableEnd = Peek(-1).End();
        bool dropsClauses = false;
        if (Current.IsWord("PARTITION") || Current.IsWord("PARTITIONS") || Current.IsWord("TEMPORARY"))
        {
            ParsePartitionNames();
            dropsClauses = true;
        }
        string? columns = null;
        while (true)
        {
            if (AcceptWords("WITH", "LABEL"))
            {
                ExpectIdentifier();
                dropsClauses = true;
            }
            else if (Current.IsSymbol('('))
            {
                int start = Current.Start;
                ParseIdentifierList();
                columns = _sql[start..Peek(-1).End()];
            }
            else
                break;
        }
        if (Current.IsWord("PROPERTIES"))
        {
            ParseProperties();
            dropsClauses = true;
        }
        int bodyStart = Current.Start;
        ParseInsertBody(insertToken);
        return new InsertStatement(table, insertToken.Start, intoEnd, tableEnd, columns, bodyStart, dropsClauses, overwrite);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private TableName ParseTableName()
    {
        string first = ExpectIdentifier();
        if (!Accept('.'))
            return new TableName(null, first);
        string second = ExpectIdentifier();
        if (!Accept('.'))
            return new TableName(first, second);
        return new TableName(second, ExpectIdentifier());
    }

    private List<string> ParseIdentifierList()
    {
        Expect('(');
        var names = ParseBareIdentifierList();
        Expect(')');
        return names;
    }

    private List<string> ParseBareIdentifierList()
    {
        var names = new List<string>();
        do
            names.Add(ExpectIdentifier());
        while (Accept(','));
        return names;
    }

    private string ReadExpressionUntil(Func<SqlToken, bool> stop)
    {
        int start = Current.Start;
        int depth = 0;
        while (Current.Kind != SqlTokenKind.End && !(depth == 0 && stop(Current)))
        {
            if (Current.IsSymbol('(')) depth++;
            else if (Current.IsSymbol(')')) depth--;
            _position++;
        }
        return _sql[start..Math.Max(start, Peek(-1).End())].Trim();
    }

    private void SkipBalanced()
    {
        Expect('(');
        int depth = 1;
        while (depth > 0)
        {
            if (Current.Kind == SqlTokenKind.End)
                throw Unexpected("')'");
            if (Current.IsSymbol('(') || Current.IsSymbol('[')) depth++;
            else if (Current.IsSymbol(')') || Current.IsSymbol(']')) depth--;
            _position++;
        }
    }

    private SqlToken Advance()
    {
        var token = Current;
        _position++;
        return token;
    }

    private void SkipSemicolon()
    {
        while (Current.IsSymbol(';'))
            _position++;
    }

    private void ExpectEnd()
    {
        SkipSemicolon();
        if (Current.Kind != SqlTokenKind.End)
            throw Unexpected("<EOF>");
    }

    private bool Accept(char symbol)
    {
        if (!Current.IsSymbol(symbol))
            return false;
        _position++;
        return true;
    }

    private void Expect(char symbol)
    {
        if (!Accept(symbol))
            throw Unexpected($"'{symbol}'");
    }

    private bool AcceptWord(string word)
    {
        if (!Current.IsWord(word))
            return false;
        _position++;
        return true;
    }

    private bool AcceptWords(params string[] words)
    {
        for (int i = 0; i < words.Length; i++)
            if (!Peek(i).IsWord(words[i]))
                return false;
        _position += words.Length;
        return true;
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
            throw Unexpected(word);
    }

    /// <summary>An <c>identifier</c>: a backquoted name or a bare word that is not one of StarRocks's reserved words.</summary>
    private string ExpectIdentifier()
    {
        if (!IsIdentifierToken(Current))
            throw Unexpected("a legal identifier");
        return Advance().Text;
    }

    private string ExpectString()
    {
        if (Current.Kind != SqlTokenKind.String)
            throw Unexpected("a string");
        return Advance().Text;
    }

    private int ExpectInteger()
    {
        if (Current.Kind != SqlTokenKind.Number || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            throw Unexpected("INTEGER_VALUE");
        _position++;
        return value;
    }

    private StarRocksSqlException Unexpected(string expected) => StarRocksSqlException.Syntax(Current, expected);
}

/// <summary>Offsets of <see cref="SqlToken"/>s.</summary>
internal static class SqlTokenExtensions
{
    /// <summary>The offset just past the token (past the closing quote for quoted tokens).</summary>
    public static int End(this SqlToken token) => token.Start + token.Length;
}
