using StarRocks.Typed.Cli.Ddl;

namespace StarRocks.Typed.Cli.Tests.Ddl;

public sealed class DdlCommandTests
{
    private static FileInfo ThisAssembly => new(typeof(PageView).Assembly.Location);

    [Fact]
    public void Ddl_prints_every_table_of_the_assembly_with_its_database_ordered_by_database_then_table()
    {
        var console = new StringWriter();
        var error = new StringWriter();

        var exit = DdlCommand.Run(ThisAssembly, null, console, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        var text = console.ToString();
        var expected = string.Join(Environment.NewLine, DdlCommand.Script(Account.Table), DdlCommand.Script(PageView.Table));
        Assert.Equal(expected, text);
        Assert.StartsWith("CREATE DATABASE IF NOT EXISTS `cli_accounts`;", text, StringComparison.Ordinal);
        Assert.Contains("PRIMARY KEY", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ddl_out_writes_one_file_per_table_named_database_dot_table()
    {
        var directory = Directory.CreateTempSubdirectory("ddl-out-");
        try
        {
            var console = new StringWriter();

            var exit = DdlCommand.Run(ThisAssembly, new DirectoryInfo(Path.Combine(directory.FullName, "sql")), console, new StringWriter());

            Assert.Equal(0, exit);
            var files = Directory.GetFiles(Path.Combine(directory.FullName, "sql")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "cli_accounts.accounts.sql", "cli_test.page_views.sql" }, files);
            Assert.Equal(DdlCommand.Script(PageView.Table), File.ReadAllText(Path.Combine(directory.FullName, "sql", "cli_test.page_views.sql")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Ddl_of_a_missing_assembly_fails_naming_the_option()
    {
        var error = new StringWriter();

        var exit = DdlCommand.Run(new FileInfo("/nonexistent/app.dll"), null, new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("--assembly", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ddl_of_an_assembly_without_tables_fails()
    {
        var error = new StringWriter();

        var exit = DdlCommand.Run(new FileInfo(typeof(Xunit.FactAttribute).Assembly.Location), null, new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("no [StarRocksTable] types", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ddl_runs_through_the_command_line()
    {
        var console = new StringWriter();
        var root = new System.CommandLine.RootCommand { DdlCommand.Create() };

        var exit = await root.Parse(["ddl", "--assembly", ThisAssembly.FullName])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = console, Error = new StringWriter() });

        Assert.Equal(0, exit);
        Assert.Contains(PageView.Table.CreateTableSql.TrimEnd().TrimEnd(';'), console.ToString(), StringComparison.Ordinal);
    }
}
