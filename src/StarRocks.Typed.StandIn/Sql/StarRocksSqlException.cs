namespace StarRocks.Typed.StandIn.Sql;

/// <summary>
/// A statement StarRocks would refuse, with the MySQL error code and the message StarRocks sends
/// (syntax errors as its parser words them, analyzer errors prefixed "Getting analyzing error. Detail message: ").
/// </summary>
public sealed class StarRocksSqlException : Exception
{
    /// <summary>The MySQL error code StarRocks's parser and analyzer use.</summary>
    public const int SyntaxErrorCode = 1064;

    private const string AnalyzerPrefix = "Getting analyzing error. Detail message: ";

    /// <summary>Creates an error with a complete client-facing message.</summary>
    public StarRocksSqlException(int errorCode, string message) : base(message) => ErrorCode = errorCode;

    /// <summary>The MySQL error code (1064 for StarRocks's parser and analyzer errors).</summary>
    public int ErrorCode { get; }

    /// <summary>An analyzer refusal: "Getting analyzing error. Detail message: <paramref name="detail"/>".</summary>
    public static StarRocksSqlException Analysis(string detail, int errorCode = SyntaxErrorCode) =>
        new(errorCode, AnalyzerPrefix + detail);

    /// <summary>A refusal raised while executing DDL (StarRocks's DdlException text, unprefixed).</summary>
    public static StarRocksSqlException Execution(string detail) => new(SyntaxErrorCode, detail);

    /// <summary>A parser refusal at <paramref name="token"/> (line from 1, column from 0 as StarRocks counts).</summary>
    public static StarRocksSqlException Syntax(SqlToken token, string expected) =>
        new(SyntaxErrorCode,
            $"Getting syntax error at line {token.Line}, column {token.Column}. Detail message: Unexpected input '{(token.Kind == SqlTokenKind.End ? "<EOF>" : token.Text)}', the most similar input is {{{expected}}}.");

    /// <summary>
    /// A parser refusal StarRocks reports over a range of tokens (its <c>ParsingException</c> with a <c>NodePosition</c>,
    /// e.g. <c>expr_children_limit</c>): "Getting syntax error from line L, column C to line L2, column C2. Detail message: ...".
    /// Columns are those where <paramref name="first"/> and <paramref name="last"/> start.
    /// </summary>
    public static StarRocksSqlException SyntaxRange(SqlToken first, SqlToken last, string detail) =>
        new(SyntaxErrorCode,
            $"Getting syntax error from line {first.Line}, column {first.Column} to line {last.Line}, column {last.Column}. Detail message: {detail}.");

    /// <summary>A refusal StarRocks's AST builder reports as a syntax error with its own detail.</summary>
    public static StarRocksSqlException SyntaxDetail(SqlToken token, string detail) =>
        new(SyntaxErrorCode, $"Getting syntax error at line {token.Line}, column {token.Column}. Detail message: {detail}.");
}
