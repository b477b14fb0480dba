using System.Data.Common;
using StarRocks.Typed.StandIn.Hosting;

namespace StarRocks.Typed.Samples.Orders;

/// <summary>The stand-in the sample talks to: the one <c>standin.sh start</c> announced in the environment, or one started in-process.</summary>
internal sealed class StandInConnection : IAsyncDisposable
{
    private readonly StarRocksStandIn? _owned;

    private StandInConnection(string feHttp, string mySql, string user, string password, StarRocksStandIn? owned)
    {
        (FeHttp, MySql, User, Password, _owned) = (feHttp, mySql, user, password, owned);
    }

    public string FeHttp { get; }

    public string MySql { get; }

    public string User { get; }

    public string Password { get; }

    public static async Task<StandInConnection> StartOrAttachAsync()
    {
        if (Environment.GetEnvironmentVariable("STARROCKS_FE_HTTP") is { Length: > 0 } feHttp &&
            Environment.GetEnvironmentVariable("STARROCKS_MYSQL") is { Length: > 0 } mySql)
        {
            return new StandInConnection(feHttp, mySql,
                Environment.GetEnvironmentVariable("STARROCKS_USER") ?? "root",
                Environment.GetEnvironmentVariable("STARROCKS_PASSWORD") ?? "",
                owned: null);
        }

        var standIn = await StarRocksStandIn.StartAsync(new StandInOptions());
        return new StandInConnection(standIn.FeHttp.ToString(), standIn.MySql!.ToString(), standIn.User, standIn.Password, standIn);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
            await _owned.DisposeAsync();
    }
}

/// <summary>Command-line arguments of the sample.</summary>
internal static class SampleArguments
{
    public static int RowCount(string[] args, int defaultRows)
    {
        var index = Array.IndexOf(args, "--rows");
        if (index < 0)
            return defaultRows;
        if (index + 1 < args.Length && int.TryParse(args[index + 1], out var rows) && rows > 0)
            return rows;
        throw new ArgumentException("--rows needs a positive whole number, e.g. --rows 1000000");
    }
}

/// <summary>SQL helpers of the sample.</summary>
internal static class DataSourceExtensions
{
    public static async Task<long> ScalarAsync(this DbDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
