namespace StarRocks.Typed.StandIn.MySql;

/// <summary>How the proxy answers one client statement.</summary>
internal abstract record StatementOutcome;

/// <summary>Send the statement to MariaDB: unchanged when <see cref="Sql"/> is null, else rewritten.</summary>
internal sealed record ForwardOutcome(string? Sql) : StatementOutcome
{
    public static readonly ForwardOutcome Unchanged = new((string?)null);
}

/// <summary>Answer OK without involving the client's MariaDB connection.</summary>
internal sealed record OkOutcome : StatementOutcome
{
    public static readonly OkOutcome Instance = new();
}

/// <summary>Answer with an error packet.</summary>
internal sealed record ErrorOutcome(int Code, string Message) : StatementOutcome;
