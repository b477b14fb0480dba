namespace StarRocks.Typed.Cli.Tests.Ddl;

/// <summary>A duplicate-key table compiled into this test assembly for <c>ddl --assembly</c>.</summary>
[StarRocksTable("cli_test", "page_views")]
[StarRocksHashDistribution(nameof(UserId))]
public sealed partial record PageView
{
    [StarRocksKey(0)] public required long UserId { get; init; }
    [StarRocksColumn(Length = 200)] public required string Url { get; init; }
}

/// <summary>A primary-key table in another database, so the output's order is by database, then table.</summary>
[StarRocksTable("cli_accounts", "accounts", Kind = StarRocksTableKind.PrimaryKey)]
[StarRocksHashDistribution(nameof(AccountId))]
public sealed partial record Account
{
    [StarRocksKey(0)] public required long AccountId { get; init; }
    public decimal Balance { get; init; }
}
