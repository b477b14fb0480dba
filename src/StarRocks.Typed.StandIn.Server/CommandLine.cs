using System.Globalization;

namespace StarRocks.Typed.StandIn.Server;

/// <summary>The program's <c>--name value</c> / <c>--flag</c> arguments.</summary>
internal static class CommandLine
{
    public const string Usage = """
        StarRocks.Typed.StandIn.Server [options]
          --fe-http-port N     FE HTTP port (StarRocks 8030; default 0 = free port)
          --be-http-port N     BE HTTP port (StarRocks 8040; default 0)
          --mysql-port N       MySQL-protocol port (StarRocks 9030; default 0)
          --datadir DIR        private MariaDB data directory (default ./.standin/mariadb)
          --mariadb-port N     private MariaDB port (default 0)
          --shared-mariadb     use a per-process MariaDB in $TMPDIR instead of --datadir, removed at stop
                               (abandoned ones of killed processes are removed at start)
          --user NAME          StarRocks user (default root)
          --password TEXT      its password (default empty)
          --storage-off        count rows by delimiter, parse and store nothing (client benchmarks)
          --endpoints-file F   also write the KEY=VALUE endpoint lines to F once ready
          --stop-mariadb       stop the MariaDB instance of --datadir and exit
          --measure            measure the storage-off and full-parse load rates and exit
                               (--measure-mb N: storage-off body size, default 2048; --measure-rows N: default 200000)
        """;

    private static readonly HashSet<string> Flags = ["storage-off", "shared-mariadb", "stop-mariadb", "measure", "help"];

    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument {args[i]}\n{Usage}");
            var name = args[i][2..];
            if (Flags.Contains(name))
                result[name] = "true";
            else if (i + 1 < args.Length)
                result[name] = args[++i];
            else
                throw new ArgumentException($"--{name} needs a value\n{Usage}");
        }
        return result;
    }

    public static int Port(Dictionary<string, string> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
}
