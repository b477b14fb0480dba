namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// The query half of the parser: <c>SELECT</c> statements, <c>UPDATE</c>/<c>DELETE</c>, <c>INSERT</c> bodies and
/// expressions, checked by the rules of StarRocks's grammar (StarRocks repo
/// <c>fe/fe-grammar/src/main/antlr/com/starrocks/grammar/StarRocks.g4</c>, formerly
/// <c>fe/fe-core/src/main/java/com/starrocks/sql/parser/StarRocks.g4</c>; rule names are given on each method).
/// Only acceptance is decided: nothing is built, and operator precedence does not change what is accepted.
/// The rules follow StarRocks 3.5 closely enough for the SQL that clients of the stand-in send; forms StarRocks has
/// and MariaDB lacks (lambdas, <c>MAP{}</c>, <c>ARRAY&lt;T&gt;[]</c>, <c>PIVOT</c>, <c>QUALIFY</c>, <c>ASOF JOIN</c>,
/// <c>EXPLAIN</c>) are refused here, which never makes the stand-in looser than StarRocks.
/// </summary>
public sealed partial class StarRocksSqlParser
{
    /// <summary>
    /// StarRocks's <c>expr_children_limit</c> (StarRocks repo <c>fe/fe-core/src/main/java/com/starrocks/common/Config.java</c>,
    /// default 10000): the most expressions one <c>expressionList</c> (an <c>IN</c> list, a row constructor, a
    /// <c>GROUP BY</c> list, an array) or one <c>VALUES</c> row may hold, and the most rows an <c>INSERT ... VALUES</c> may
    /// have. The parser enforces it while parsing (<c>fe/fe-core/src/main/java/com/starrocks/sql/parser/PostProcessListener.java</c>).
    /// </summary>
    public const int ExprChildrenLimit = 10_000;

    /// <summary>
    /// StarRocks's reserved words: the keyword tokens of <c>StarRocksLex.g4</c> that are not in the grammar's
    /// <c>nonReserved</c> rule, together with the list of StarRocks's keyword documentation
    /// (<c>docs/en/sql-reference/sql-statements/keywords.md</c>), which also reserves a few words newer grammars freed
    /// (e.g. <c>RANK</c>, <c>ROW</c>, <c>SYSTEM</c>). Such a word is an identifier only in backquotes.
    /// </summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALL", "ALTER", "ANALYZE", "AND", "ANTI", "ARRAY", "AS", "ASC", "ASOF", "AUTHENTICATION", "BETWEEN",
        "BIGINT", "BITMAP", "BITSHIFTLEFT", "BITSHIFTRIGHT", "BITSHIFTRIGHTLOGICAL", "BOTH", "BY", "CANCEL", "CASE",
        "CHAR", "CHARACTER", "CHECK", "COLLATE", "COLUMN", "COMPACTION", "CONVERT", "CREATE", "CROSS", "CUBE",
        "CURRENT_DATE", "CURRENT_GROUP", "CURRENT_ROLE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
        "DATABASE", "DATABASES", "DECIMAL", "DECIMAL128", "DECIMAL256", "DECIMAL32", "DECIMAL64", "DECIMALV2",
        "DEFAULT", "DEFERRED", "DELETE", "DENSE_RANK", "DESC", "DESCRIBE", "DISTINCT", "DISTRIBUTED", "DIV", "DOUBLE",
        "DROP", "DUAL", "ELSE", "EXCEPT", "EXISTS", "EXPLAIN", "EXPORT", "FALSE", "FILES", "FIRST_VALUE", "FLOAT", "FOR",
        "FORCE", "FROM", "FULL", "FUNCTION", "GIN", "GRANT", "GROUP", "GROUPING", "GROUPING_ID", "GROUPS", "HAVING",
        "HLL", "HOST", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INFILE", "INNER", "INSERT", "INT", "INTEGER",
        "INTERSECT", "INTO", "INVOKER", "IS", "JOIN", "JSON", "KEY", "KEYS", "KILL", "LAG", "LARGEINT", "LAST_VALUE",
        "LATERAL", "LEAD", "LEFT", "LIKE", "LIMIT", "LOAD", "LOCALTIME", "LOCALTIMESTAMP", "MAXVALUE", "MICROSECOND",
        "MILLISECOND", "MINUS", "MOD", "NODES", "NOT", "NTILE", "NULL", "ON", "OPTIMIZE", "OR", "ORDER", "OUTER",
        "OUTFILE", "OVER", "PARTITION", "PERCENTILE", "PREPARE", "PRIMARY", "PROCEDURE", "QUALIFY", "RANGE", "RANK",
        "READ", "REGEXP", "RELEASE", "RENAME", "REPLACE", "REVOKE", "RIGHT", "RLIKE", "ROW", "ROWS", "ROW_NUMBER",
        "SCHEMA", "SCHEMAS", "SELECT", "SEMI", "SET", "SET_VAR", "SHOW", "SMALLINT", "SWAP", "SYSTEM", "TABLE",
        "TERMINATED", "TEXT", "THEN", "TINYINT", "TO", "TRUE", "UNION", "UNIQUE", "UNSIGNED", "UPDATE", "USE", "USING",
        "VALUES", "VARCHAR", "VARIANT", "WHEN", "WHERE", "WITH",
    };

    /// <summary>Names StarRocks's grammar gives a function-call form although they are reserved words (<c>specialFunctionExpression</c>, <c>windowFunction</c>, <c>informationFunctionExpression</c>).</summary>
    private static readonly HashSet<string> ReservedFunctionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CHAR", "IF", "LEFT", "LIKE", "MOD", "REGEXP", "REPLACE", "RIGHT", "RLIKE", "DATABASE", "SCHEMA",
        "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "LEAD", "LAG", "FIRST_VALUE", "LAST_VALUE",
    };

    /// <summary>Window functions (<c>windowFunction</c>): an <c>OVER</c> clause is required.</summary>
    private static readonly HashSet<string> WindowFunctionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "ROW_NUMBER", "RANK", "DENSE_RANK", "CUME_DIST", "PERCENT_RANK", "NTILE", "LEAD", "LAG", "FIRST_VALUE", "LAST_VALUE",
    };

    /// <summary>Names usable without parentheses (<c>specialDateTimeExpression</c>, <c>informationFunctionExpression</c>).</summary>
    private static readonly HashSet<string> NiladicFunctionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_USER",
        "CURRENT_ROLE", "CURRENT_GROUP",
    };

    /// <summary><c>unitIdentifier</c> of <c>INTERVAL n unit</c>.</summary>
    private static readonly HashSet<string> IntervalUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "QUARTER", "MILLISECOND", "MICROSECOND",
    };

    private static readonly string[] ComparisonOperators = ["<=>", "<=", ">=", "<>", "!=", "=", "<", ">"];

    private static readonly string[] ArithmeticOperators = ["^", "*", "/", "%", "+", "-", "&", "|"];

    private static readonly string[] ArithmeticWords = ["DIV", "MOD", "BITSHIFTLEFT", "BITSHIFTRIGHT", "BITSHIFTRIGHTLOGICAL"];

    /// <summary>Whether <paramref name="token"/> is an <c>identifier</c>: a backquoted name, or a bare word that is not reserved.</summary>
    private static bool IsIdentifierToken(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier
        || (token.Kind == SqlTokenKind.Word && !token.Text.StartsWith('@') && !ReservedWords.Contains(token.Text));

    // ---- statements ---------------------------------------------------------------------------------------------

    /// <summary><c>queryStatement</c> as a whole statement.</summary>
    private CheckedStatement ParseQueryStatement()
    {
        ParseQueryRelation();
        ExpectEnd();
        return CheckedStatement.Instance;
    }

    /// <summary><c>updateStatement</c>: <c>UPDATE t SET c = e, ... [FROM relations] [WHERE e]</c>.</summary>
    private CheckedStatement ParseUpdate()
    {
        ExpectWord("UPDATE");
        ParseTableName();
        ExpectWord("SET");
        do
        {
            ExpectIdentifier();
            Expect('=');
            if (!AcceptWord("DEFAULT"))
                ParseExpression();
        }
        while (Accept(','));
        if (AcceptWord("FROM"))
            ParseRelations();
        if (AcceptWord("WHERE"))
            ParseExpression();
        ExpectEnd();
        return CheckedStatement.Instance;
    }

    /// <summary><c>deleteStatement</c>: <c>DELETE FROM t [PARTITION ..] [USING relations] [WHERE e]</c>.</summary>
    private CheckedStatement ParseDelete()
    {
        ExpectWord("DELETE");
        ExpectWord("FROM");
        ParseTableName();
        if (Current.IsWord("PARTITION") || Current.IsWord("PARTITIONS") || Current.IsWord("TEMPORARY"))
            ParsePartitionNames();
        if (AcceptWord("USING"))
            ParseRelations();
        if (AcceptWord("WHERE"))
            ParseExpression();
        ExpectEnd();
        return CheckedStatement.Instance;
    }

    /// <summary>
    /// The body of <c>insertStatement</c>: <c>queryStatement</c>, or <c>VALUES expressionsWithDefault, ...</c> with
    /// StarRocks's limits on the values of a row and on the rows of the statement.
    /// </summary>
    private void ParseInsertBody(SqlToken insertToken)
    {
        if (!AcceptWord("VALUES"))
        {
            if (!IsQueryStart())
                throw Unexpected("'SELECT', 'WITH', 'VALUES', '('");
            ParseQueryRelation();
            ExpectEnd();
            return;
        }
        long rows = 0;
        do
        {
            var rowStart = Current;
            Expect('(');
            long values = 0;
            do
            {
                if (!AcceptWord("DEFAULT"))
                    ParseExpression();
                values++;
            }
            while (Accept(','));
            Expect(')');
            if (values > ExprChildrenLimit)
                throw StarRocksSqlException.SyntaxRange(rowStart, Peek(-1),
                    $"The number of children in expr are {values} exceeded the maximum limit {ExprChildrenLimit}, please consider modify 'expr_children_limit' in FE conf");
            rows++;
        }
        while (Accept(','));
        var last = Peek(-1);
        SkipSemicolon();
        if (Current.Kind != SqlTokenKind.End)
            throw Unexpected("<EOF>");
        if (rows > ExprChildrenLimit)
            throw StarRocksSqlException.SyntaxRange(insertToken, last,
                $"The inserted rows are {rows} exceeded the maximum limit {ExprChildrenLimit}, please consider modify 'expr_children_limit' in FE conf");
    }

    /// <summary>The clauses after <c>SHOW ...</c> (<c>showPredicateClauses</c>): <c>[WHERE e] [ORDER BY ..] [LIMIT ..]</c>.</summary>
    private void ParseShowPredicateClauses()
    {
        if (AcceptWord("WHERE"))
            ParseExpression();
        if (AcceptWords("ORDER", "BY"))
            ParseSortItems();
        if (Current.IsWord("LIMIT"))
            ParseLimit();
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    /// <summary>Whether a <c>queryRelation</c> starts here: <c>SELECT</c>, <c>WITH</c>, or parentheses around one.</summary>
    private bool IsQueryStart()
    {
        int ahead = 0;
        while (Peek(ahead).IsSymbol('('))
            ahead++;
        return Peek(ahead).IsWord("SELECT") || Peek(ahead).IsWord("WITH");
    }

    /// <summary><c>queryRelation</c>: <c>withClause? queryNoWith</c>.</summary>
    private void ParseQueryRelation()
    {
        if (AcceptWord("WITH"))
        {
            AcceptWord("RECURSIVE");
            do
            {
                ExpectIdentifier();
                if (Current.IsSymbol('('))
                    ParseIdentifierList();
                ExpectWord("AS");
                Expect('(');
                ParseQueryRelation();
                Expect(')');
            }
            while (Accept(','));
        }
        ParseQueryPrimary();
        if (AcceptWords("ORDER", "BY"))
            ParseSortItems();
        if (Current.IsWord("LIMIT"))
            ParseLimit();
    }

    /// <summary><c>queryPrimary</c>: specifications and parenthesized queries joined by set operators.</summary>
    private void ParseQueryPrimary()
    {
        while (true)
        {
            if (Current.IsSymbol('('))
            {
                _position++;
                ParseQueryRelation();
                Expect(')');
            }
            else
                ParseQuerySpecification();
            if (!(AcceptWord("UNION") || AcceptWord("EXCEPT") || AcceptWord("MINUS") || AcceptWord("INTERSECT")))
                return;
            if (!AcceptWord("DISTINCT"))
                AcceptWord("ALL");
        }
    }

    /// <summary><c>querySpecification</c>: <c>SELECT [DISTINCT|ALL] items [FROM ..] [WHERE ..] [GROUP BY ..] [HAVING ..]</c>.</summary>
    private void ParseQuerySpecification()
    {
        ExpectWord("SELECT");
        if (!AcceptWord("DISTINCT"))
            AcceptWord("ALL");
        do
            ParseSelectItem();
        while (Accept(','));
        if (AcceptWord("FROM") && !AcceptWord("DUAL"))
            ParseRelations();
        if (AcceptWord("WHERE"))
            ParseExpression();
        if (AcceptWords("GROUP", "BY"))
            ParseGroupingElement();
        if (AcceptWord("HAVING"))
            ParseExpression();
    }

    /// <summary><c>selectItem</c>: <c>*</c>, <c>name.*</c>, or an expression with an optional alias.</summary>
    private void ParseSelectItem()
    {
        if (Accept('*'))
            return;
        if (IsIdentifierToken(Current))
        {
            int start = _position;
            do
                _position++;
            while (Current.IsSymbol('.') && IsIdentifierToken(Peek()) && Accept('.'));
            if (Current.IsSymbol('.') && Peek().IsSymbol('*'))
            {
                _position += 2;
                return;
            }
            _position = start;
        }
        ParseExpression();
        ParseAlias(allowString: true);
    }

    /// <summary>An optional alias: <c>AS? identifier</c> (and, for select items, <c>AS? string</c>).</summary>
    private void ParseAlias(bool allowString)
    {
        bool explicitAs = AcceptWord("AS");
        if (IsIdentifierToken(Current) || (allowString && Current.Kind == SqlTokenKind.String))
            _position++;
        else if (explicitAs)
            throw Unexpected("a legal identifier");
    }

    /// <summary><c>relations</c>: <c>relation (',' LATERAL? relation)*</c>.</summary>
    private void ParseRelations()
    {
        do
        {
            AcceptWord("LATERAL");
            ParseRelation();
        }
        while (Accept(','));
    }

    /// <summary><c>relation</c>: a <c>relationPrimary</c> followed by joins.</summary>
    private void ParseRelation()
    {
        ParseRelationPrimary();
        while (TryParseJoinType(out bool criteriaRequired))
        {
            AcceptWord("LATERAL");
            ParseRelationPrimary();
            if (AcceptWord("ON"))
                ParseExpression();
            else if (AcceptWord("USING"))
                ParseIdentifierList();
            else if (criteriaRequired)
                throw Unexpected("'ON', 'USING'");
        }
    }

    /// <summary>
    /// <c>crossOrInnerJoinType</c> (criteria optional) or <c>outerAndSemiJoinType</c> (criteria required), then an
    /// optional <c>bracketHint</c>.
    /// </summary>
    private bool TryParseJoinType(out bool criteriaRequired)
    {
        if (AcceptWord("JOIN") || AcceptWords("INNER", "JOIN") || AcceptWords("CROSS", "JOIN") || AcceptWord("CROSS"))
            criteriaRequired = false;
        else if (AcceptWord("FULL"))
        {
            AcceptWord("OUTER");
            ExpectWord("JOIN");
            criteriaRequired = true;
        }
        else if (AcceptWord("LEFT") || AcceptWord("RIGHT"))
        {
            _ = AcceptWord("OUTER") || AcceptWord("SEMI") || AcceptWord("ANTI");
            ExpectWord("JOIN");
            criteriaRequired = true;
        }
        else if (AcceptWords("NULL", "AWARE", "LEFT", "ANTI", "JOIN"))
            criteriaRequired = true;
        else
        {
            criteriaRequired = false;
            return false;
        }
        if (Accept('['))
        {
            do
                ExpectIdentifier();
            while (Accept(','));
            Expect(']');
        }
        return true;
    }

    /// <summary>
    /// <c>relationPrimary</c>: a table (<c>partitionNames</c>, alias), a table function, <c>(VALUES ..)</c>, a subquery
    /// with an alias, or parenthesized relations.
    /// </summary>
    private void ParseRelationPrimary()
    {
        if (Current.IsSymbol('('))
        {
            if (Peek().IsWord("VALUES"))
            {
                _position += 2;
                do
                {
                    Expect('(');
                    ParseExpressionList();
                    Expect(')');
                }
                while (Accept(','));
                Expect(')');
                ParseRelationAlias();
            }
            else if (IsQueryStart())
            {
                _position++;
                ParseQueryRelation();
                Expect(')');
                ParseRelationAlias();
            }
            else
            {
                _position++;
                ParseRelations();
                Expect(')');
            }
            return;
        }
        ParseTableName();
        if (Accept('('))
        {
            ParseExpressionList();
            Expect(')');
            ParseRelationAlias();
            return;
        }
        if (Current.IsWord("PARTITION") || Current.IsWord("PARTITIONS") || Current.IsWord("TEMPORARY"))
            ParsePartitionNames();
        ParseAlias(allowString: false);
    }

    /// <summary><c>(AS? alias=identifier columnAliases?)?</c> after a derived table or table function.</summary>
    private void ParseRelationAlias()
    {
        bool explicitAs = AcceptWord("AS");
        if (!IsIdentifierToken(Current))
        {
            if (explicitAs)
                throw Unexpected("a legal identifier");
            return;
        }
        _position++;
        if (Current.IsSymbol('('))
            ParseIdentifierList();
    }

    /// <summary><c>partitionNames</c>: <c>[TEMPORARY] PARTITION[S] (p, ..)</c> or <c>[TEMPORARY] PARTITION[S] p, ..</c>.</summary>
    private void ParsePartitionNames()
    {
        AcceptWord("TEMPORARY");
        if (!AcceptWord("PARTITION") && !AcceptWord("PARTITIONS"))
            throw Unexpected("'PARTITION', 'PARTITIONS'");
        bool parenthesized = Accept('(');
        do
        {
            if (Current.Kind == SqlTokenKind.String)
                _position++;
            else
                ExpectIdentifier();
        }
        while (Accept(','));
        if (parenthesized)
            Expect(')');
    }

    /// <summary><c>groupingElement</c>: <c>ROLLUP(..)</c>, <c>CUBE(..)</c>, <c>GROUPING SETS(..)</c> or an expression list.</summary>
    private void ParseGroupingElement()
    {
        if (Current.IsWord("ROLLUP") || Current.IsWord("CUBE"))
        {
            _position++;
            Expect('(');
            if (!Current.IsSymbol(')'))
                ParseExpressionList();
            Expect(')');
        }
        else if (AcceptWords("GROUPING", "SETS"))
        {
            Expect('(');
            do
            {
                Expect('(');
                if (!Current.IsSymbol(')'))
                {
                    do
                        ParseExpression();
                    while (Accept(','));
                }
                Expect(')');
            }
            while (Accept(','));
            Expect(')');
        }
        else
            ParseExpressionList();
    }

    /// <summary><c>sortItem (',' sortItem)*</c>: <c>expression [ASC|DESC] [NULLS FIRST|LAST]</c>.</summary>
    private void ParseSortItems()
    {
        do
        {
            ParseExpression();
            if (!AcceptWord("ASC"))
                AcceptWord("DESC");
            if (AcceptWord("NULLS") && !AcceptWord("FIRST"))
                ExpectWord("LAST");
        }
        while (Accept(','));
    }

    /// <summary><c>limitElement</c>: <c>LIMIT n [OFFSET m]</c> or <c>LIMIT m, n</c> (integers, <c>?</c> or user variables).</summary>
    private void ParseLimit()
    {
        ExpectWord("LIMIT");
        ParseLimitValue();
        if (Accept(',') || AcceptWord("OFFSET"))
            ParseLimitValue();
    }

    private void ParseLimitValue()
    {
        if (Current.Kind == SqlTokenKind.Number && IsIntegerLiteral(Current.Text)
            || Current.IsSymbol('?') || IsUserVariable(Current))
            _position++;
        else
            throw Unexpected("INTEGER_VALUE, '?', '@'");
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>expressionList</c>, with StarRocks's limit on its length (<c>PostProcessListener.exitExpressionList</c>:
    /// "The number of exprs are N exceeded the maximum limit 10000", reported from the first to the last expression).
    /// </summary>
    private void ParseExpressionList()
    {
        var first = Current;
        long count = 0;
        do
        {
            ParseExpression();
            count++;
        }
        while (Accept(','));
        if (count > ExprChildrenLimit)
            throw StarRocksSqlException.SyntaxRange(first, Peek(-1),
                $"The number of exprs are {count} exceeded the maximum limit {ExprChildrenLimit}, please consider modify 'expr_children_limit' in FE conf");
    }

    /// <summary><c>expression</c>: <c>booleanExpression</c>s under <c>NOT</c>, <c>AND</c>/<c>&amp;&amp;</c>, <c>OR</c>/<c>||</c>.</summary>
    private void ParseExpression()
    {
        do
        {
            do
            {
                while (AcceptWord("NOT"))
                {
                }
                ParseBooleanExpression();
            }
            while (AcceptWord("AND") || AcceptOperator("&&"));
        }
        while (AcceptWord("OR") || AcceptOperator("||"));
    }

    /// <summary><c>booleanExpression</c>: a predicate followed by <c>IS [NOT] NULL</c> or comparisons.</summary>
    private void ParseBooleanExpression()
    {
        ParsePredicate();
        while (true)
        {
            if (AcceptWord("IS"))
            {
                AcceptWord("NOT");
                ExpectWord("NULL");
            }
            else if (AcceptAnyOperator(ComparisonOperators))
            {
                if (Current.IsSymbol('(') && IsQueryStart())
                {
                    _position++;
                    ParseQueryRelation();
                    Expect(')');
                }
                else
                    ParsePredicate();
            }
            else
                return;
        }
    }

    /// <summary>
    /// <c>predicate</c>: <c>valueExpression</c> with at most one of <c>[NOT] IN (..)</c>, <c>[NOT] BETWEEN .. AND ..</c>,
    /// <c>[NOT] LIKE|RLIKE|REGEXP ..</c>; or <c>tupleInSubquery</c>: a row constructor is allowed before <c>IN</c> only
    /// with a subquery after it (<c>(a, b) IN (SELECT ..)</c>), never with a list of rows. A parenthesized start is
    /// parsed once and then continued as a row constructor or as a value expression, without backtracking.
    /// </summary>
    private void ParsePredicate()
    {
        if (Current.IsSymbol('(') && !IsQueryStart())
        {
            _position++;
            ParseExpression();
            if (Accept(','))
            {
                ParseTupleInSubquery();
                return;
            }
            Expect(')');
            ParsePrimaryPostfix();
            ParseArithmeticTail();
        }
        else
            ParseValueExpression();
        bool negated = Current.IsWord("NOT") && (Peek().IsWord("IN") || Peek().IsWord("BETWEEN") || Peek().IsWord("LIKE")
                                                  || Peek().IsWord("RLIKE") || Peek().IsWord("REGEXP"));
        if (negated)
            _position++;
        if (AcceptWord("IN"))
        {
            Expect('(');
            if (IsQueryStart())
                ParseQueryRelation();
            else
                ParseExpressionList();
            Expect(')');
        }
        else if (AcceptWord("BETWEEN"))
        {
            ParseValueExpression();
            ExpectWord("AND");
            ParsePredicate();
        }
        else if (AcceptWord("LIKE") || AcceptWord("RLIKE") || AcceptWord("REGEXP"))
            ParseValueExpression();
    }

    /// <summary>
    /// The rest of <c>tupleInSubquery</c> after <c>'(' expression ','</c>:
    /// <c>expression (',' expression)* ')' NOT? IN '(' queryRelation ')'</c>.
    /// </summary>
    private void ParseTupleInSubquery()
    {
        do
            ParseExpression();
        while (Accept(','));
        Expect(')');
        AcceptWord("NOT");
        ExpectWord("IN");
        Expect('(');
        if (!IsQueryStart())
            throw Unexpected("'SELECT', 'WITH', '('");
        ParseQueryRelation();
        Expect(')');
    }

    /// <summary><c>valueExpression</c>: primary expressions joined by arithmetic and bit operators.</summary>
    private void ParseValueExpression()
    {
        ParsePrimaryExpression();
        ParseArithmeticTail();
    }

    /// <summary>The <c>(operator primaryExpression)*</c> part of <c>valueExpression</c>.</summary>
    private void ParseArithmeticTail()
    {
        while (AcceptAnyOperator(ArithmeticOperators) || AcceptAnyWord(ArithmeticWords))
            ParsePrimaryExpression();
    }

    /// <summary><c>primaryExpression</c> with its postfix forms (<c>.field</c>, <c>[index]</c>, <c>COLLATE</c>).</summary>
    private void ParsePrimaryExpression()
    {
        ParsePrimaryAtom();
        ParsePrimaryPostfix();
    }

    private void ParsePrimaryPostfix()
    {
        while (true)
        {
            if (Current.IsSymbol('.') && IsIdentifierToken(Peek()))
                _position += 2;
            else if (Accept('['))
            {
                ParseValueExpression();
                Expect(']');
            }
            else if (AcceptWord("COLLATE"))
            {
                if (Current.Kind == SqlTokenKind.String)
                    _position++;
                else
                    ExpectIdentifier();
            }
            else
                return;
        }
    }

    private void ParsePrimaryAtom()
    {
        var token = Current;
        if (AcceptAnyOperator(["-", "+", "~", "!"]))
        {
            ParsePrimaryExpression();
            return;
        }
        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                if (!IsNumberLiteral(token.Text))
                    throw Unexpected("a number");
                _position++;
                return;
            case SqlTokenKind.String:
                _position++;
                return;
            case SqlTokenKind.Symbol when token.IsSymbol('?'):
                _position++;
                return;
            case SqlTokenKind.Symbol when token.IsSymbol('('):
                _position++;
                if (IsQueryStart())
                    ParseQueryRelation();
                else
                    ParseExpression();
                Expect(')');
                return;
            case SqlTokenKind.Symbol when token.IsSymbol('['):
                _position++;
                if (!Current.IsSymbol(']'))
                    ParseExpressionList();
                Expect(']');
                return;
            case SqlTokenKind.QuotedIdentifier:
                ParseNameOrFunctionCall();
                return;
            case SqlTokenKind.Word:
                ParseWordExpression(token);
                return;
            default:
                throw Unexpected("an expression");
        }
    }

    private void ParseWordExpression(SqlToken token)
    {
        string word = token.Text.ToUpperInvariant();
        if (IsUserVariable(token) || word.StartsWith("@@", StringComparison.Ordinal))
        {
            // userVariable / systemVariable: @name, @@name, @@session.name.
            _position++;
            if (word is "@@GLOBAL" or "@@SESSION" or "@@LOCAL" or "@@VERBOSE")
            {
                Expect('.');
                ExpectIdentifier();
            }
            return;
        }
        bool call = Peek().IsSymbol('(');
        switch (word)
        {
            case "NULL" or "TRUE" or "FALSE":
                _position++;
                return;
            case "DATE" or "DATETIME" when Peek().Kind == SqlTokenKind.String:
            case "X" when Peek().Kind == SqlTokenKind.String && Peek().Start == token.End():
                _position += 2;
                return;
            case "INTERVAL":
                _position++;
                ParseExpression();
                if (!IntervalUnits.Contains(Current.Text) || Current.Kind != SqlTokenKind.Word)
                    throw Unexpected("'YEAR', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', ...");
                _position++;
                return;
            case "CASE":
                ParseCase();
                return;
            case "CAST":
                _position++;
                Expect('(');
                ParseExpression();
                ExpectWord("AS");
                ParseCastType();
                Expect(')');
                return;
            case "CONVERT":
                _position++;
                Expect('(');
                ParseExpression();
                Expect(',');
                ParseCastType();
                Expect(')');
                return;
            case "EXISTS":
                _position++;
                Expect('(');
                ParseQueryRelation();
                Expect(')');
                return;
        }
        if (NiladicFunctionNames.Contains(word) && !call)
        {
            _position++;
            return;
        }
        if (call && (ReservedFunctionNames.Contains(word) || NiladicFunctionNames.Contains(word)))
        {
            _position++;
            ParseFunctionArguments(word);
            return;
        }
        ParseNameOrFunctionCall();
    }

    /// <summary><c>columnReference</c> / dereference, or <c>qualifiedName '(' args ')'</c> (<c>simpleFunctionCall</c>, aggregates).</summary>
    private void ParseNameOrFunctionCall()
    {
        var first = Current;
        ExpectIdentifier();
        if (!Current.IsSymbol('('))
            return;
        ParseFunctionArguments(first.Kind == SqlTokenKind.Word ? first.Text.ToUpperInvariant() : first.Text);
    }

    /// <summary>The parenthesized arguments of a call to <paramref name="name"/>, then <c>OVER (..)</c> where allowed or required.</summary>
    private void ParseFunctionArguments(string name)
    {
        Expect('(');
        switch (name)
        {
            case "COUNT" when Accept('*'):
                break;
            case "EXTRACT":
                ExpectIdentifier();
                ExpectWord("FROM");
                ParseValueExpression();
                break;
            default:
                if (Current.IsSymbol(')'))
                    break;
                if (name is "COUNT" or "AVG" or "MAX" or "MIN" or "SUM" or "ARRAY_AGG" or "GROUP_CONCAT" && !AcceptWord("DISTINCT"))
                    AcceptWord("ALL");
                do
                    ParseExpression();
                while (Accept(','));
                if (name is "ARRAY_AGG" or "ARRAY_AGG_DISTINCT" or "GROUP_CONCAT" && AcceptWords("ORDER", "BY"))
                    ParseSortItems();
                if (name == "GROUP_CONCAT" && AcceptWord("SEPARATOR"))
                    ParseExpression();
                break;
        }
        Expect(')');
        if (WindowFunctionNames.Contains(name))
        {
            AcceptWords("IGNORE", "NULLS");
            if (!Current.IsWord("OVER"))
                throw Unexpected("'OVER'");
        }
        if (AcceptWord("OVER"))
            ParseOver();
    }

    /// <summary><c>over</c>: <c>OVER ([PARTITION BY ..] [ORDER BY ..] [windowFrame])</c>.</summary>
    private void ParseOver()
    {
        Expect('(');
        if (AcceptWords("PARTITION", "BY"))
        {
            do
                ParseExpression();
            while (Accept(','));
        }
        if (AcceptWords("ORDER", "BY"))
            ParseSortItems();
        if (AcceptWord("ROWS") || AcceptWord("RANGE"))
        {
            if (AcceptWord("BETWEEN"))
            {
                ParseFrameBound();
                ExpectWord("AND");
            }
            ParseFrameBound();
        }
        Expect(')');
    }

    /// <summary><c>frameBound</c>: <c>UNBOUNDED PRECEDING|FOLLOWING</c>, <c>CURRENT ROW</c>, <c>e PRECEDING|FOLLOWING</c>.</summary>
    private void ParseFrameBound()
    {
        if (AcceptWords("CURRENT", "ROW"))
            return;
        if (!AcceptWord("UNBOUNDED"))
            ParseExpression();
        if (!AcceptWord("PRECEDING"))
            ExpectWord("FOLLOWING");
    }

    /// <summary><c>CASE [e] WHEN c THEN r .. [ELSE e] END</c> (<c>simpleCase</c>, <c>searchedCase</c>).</summary>
    private void ParseCase()
    {
        ExpectWord("CASE");
        if (!Current.IsWord("WHEN"))
            ParseExpression();
        ExpectWord("WHEN");
        do
        {
            ParseExpression();
            ExpectWord("THEN");
            ParseExpression();
        }
        while (AcceptWord("WHEN"));
        if (AcceptWord("ELSE"))
            ParseExpression();
        ExpectWord("END");
    }

    /// <summary>The <c>type</c> of <c>CAST</c>/<c>CONVERT</c>, including <c>baseType</c>'s <c>SIGNED [INT]</c>, <c>UNSIGNED [INT]</c> and <c>TIME</c>.</summary>
    private void ParseCastType()
    {
        if (AcceptWord("SIGNED") || AcceptWord("UNSIGNED"))
        {
            if (!AcceptWord("INT"))
                AcceptWord("INTEGER");
            return;
        }
        if (AcceptWord("TIME"))
            return;
        ParseType();
    }

    // ---- tokens -------------------------------------------------------------------------------------------------

    /// <summary>Whether <paramref name="text"/> is <c>INTEGER_VALUE</c>.</summary>
    private static bool IsIntegerLiteral(string text) => text.All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="text"/> is <c>INTEGER_VALUE</c>, <c>DECIMAL_VALUE</c> or <c>DOUBLE_VALUE</c>.</summary>
    private static bool IsNumberLiteral(string text)
    {
        int i = 0, digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) { i++; digits++; }
        }
        if (digits == 0)
            return false;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            int exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i == exponent)
                return false;
        }
        return i == text.Length;
    }

    private static bool IsUserVariable(SqlToken token) =>
        token.Kind == SqlTokenKind.Word && token.Text.Length > 1 && token.Text[0] == '@' && token.Text[1] != '@';

    /// <summary>
    /// Consumes the operator <paramref name="op"/> when the next symbol tokens spell it with nothing between them and
    /// it is not the start of a longer operator (so <c>&lt;</c> does not match the start of <c>&lt;=</c>).
    /// </summary>
    private bool AcceptOperator(string op)
    {
        if (OperatorAt(_position) != op)
            return false;
        _position += op.Length;
        return true;
    }

    private bool AcceptAnyOperator(string[] operators)
    {
        string? op = OperatorAt(_position);
        if (op is null || !operators.Contains(op))
            return false;
        _position += op.Length;
        return true;
    }

    private bool AcceptAnyWord(string[] words)
    {
        foreach (string word in words)
            if (AcceptWord(word))
                return true;
        return false;
    }

    /// <summary>The longest operator of StarRocksLex.g4 spelled by adjacent symbol tokens at <paramref name="index"/>.</summary>
    private string? OperatorAt(int index)
    {
        var first = Peek(index - _position);
        if (first.Kind != SqlTokenKind.Symbol)
            return null;
        string spelled = first.Text;
        for (int i = 1; i < 3; i++)
        {
            var next = Peek(index - _position + i);
            var previous = Peek(index - _position + i - 1);
            if (next.Kind != SqlTokenKind.Symbol || next.Start != previous.End())
                break;
            spelled += next.Text;
        }
        foreach (string op in (string[])["<=>", "<=", ">=", "<>", "!=", "&&", "||"])
            if (spelled.StartsWith(op, StringComparison.Ordinal))
                return op;
        return first.Text;
    }
}
