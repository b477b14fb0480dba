using System.CommandLine;
using System.Text;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cli.Ddl;

/// <summary><c>ddl --assembly PATH [--out DIR]</c>: the DDL of every typed table in an assembly, to the console or one file per table.</summary>
internal static class DdlCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var assembly = new Option<FileInfo>("--assembly") { Description = "The compiled assembly holding [StarRocksTable] types.", Required = true };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Writes one <database>.<table>.sql file per table here instead of to the console." };
        var command = new Command("ddl", "Prints the CREATE DATABASE and CREATE TABLE statements of every [StarRocksTable] type in an assembly.")
        {
            assembly,
            output,
        };
        command.SetAction(result => Run(result.GetValue(assembly)!, result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Writes the DDL; returns the exit code (0, or 1 when the assembly has no tables or cannot be read).</summary>
    public static int Run(FileInfo assembly, DirectoryInfo? output, TextWriter console, TextWriter error)
    {
        IReadOnlyList<StarRocksTableInfo> tables;
        try
        {
            tables = TableAssembly.Load(assembly.FullName);
        }
        catch (Exception e) when (e is FileNotFoundException or BadImageFormatException or FileLoadException)
        {
            error.WriteLine(e is FileNotFoundException ? e.Message : $"--assembly: '{assembly.FullName}' cannot be loaded: {e.Message}");
            return 1;
        }

        if (tables.Count == 0)
        {
            error.WriteLine($"--assembly: '{assembly.FullName}' has no [StarRocksTable] types.");
            return 1;
        }

        if (output is null)
        {
            console.Write(string.Join(Environment.NewLine, tables.Select(Script)));
            return 0;
        }

        output.Create();
        foreach (var table in tables)
        {
            var file = Path.Combine(output.FullName, $"{table.Database}.{table.Table}.sql");
            File.WriteAllText(file, Script(table), new UTF8Encoding(false));
            console.WriteLine(file);
        }

        return 0;
    }

    /// <summary>The statements that create <paramref name="table"/> and its database, each ending with a semicolon.</summary>
    public static string Script(StarRocksTableInfo table) =>
        $"{StarRocksSqlText.CreateDatabase(table.Database)};{Environment.NewLine}{table.CreateTableSql.TrimEnd().TrimEnd(';')};{Environment.NewLine}";
}
