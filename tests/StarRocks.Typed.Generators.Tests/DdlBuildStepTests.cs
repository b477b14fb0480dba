using System.Diagnostics;
using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>
/// build/StarRocks.Typed.targets: after CoreCompile it reads the DDL the generator recorded in the assembly and writes
/// one .sql file per table, rewriting only changed files and removing files of tables that no longer exist.
/// </summary>
public sealed class DdlBuildStepTests : IDisposable
{
    private const string Models = """
        using StarRocks.Typed;
        namespace Shop;

        [StarRocksTable("shop", "orders", Kind = StarRocksTableKind.PrimaryKey, Comment = "Long comment: LONG_TEXT")]
        public partial class Order { [StarRocksKey(0)] public long Id { get; set; } }

        [StarRocksTable("shop", "customers")]
        public partial class Customer { public long Id { get; set; } }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("srt-ddl-").FullName;

    public DdlBuildStepTests() => Directory.CreateDirectory(Path.Combine(_directory, "ddl"));

    [Fact]
    public void WritesOneFilePerTableOnlyWhenChangedAndRemovesStaleFiles()
    {
        // A comment long enough that the DDL's blob length needs the 4-byte compressed form.
        var models = Models.Replace("LONG_TEXT", new string('x', 20000));
        var order = EmitAssembly(models, "Models1.dll");
        EmitAssembly(models[..models.IndexOf("[StarRocksTable(\"shop\", \"customers\")]", StringComparison.Ordinal)], "Models2.dll");
        File.WriteAllText(Path.Combine(_directory, "ddl", "unrelated.sql"), "keep me");

        // Build 1 has both tables; build 2 (same project, one table removed) leaves orders.sql alone and removes customers.sql.
        var log = RunBuildStep();

        Assert.Contains("StarRocks DDL: 2 table(s), 2 file(s) written, 0 stale file(s) removed", log);
        Assert.Contains("StarRocks DDL: 1 table(s), 0 file(s) written, 1 stale file(s) removed", log);
        var ddl = Path.Combine(_directory, "ddl");
        Assert.Equal(order + ";\n", File.ReadAllText(Path.Combine(ddl, "shop.orders.sql")));
        Assert.False(File.Exists(Path.Combine(ddl, "shop.customers.sql")));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(ddl, "unrelated.sql")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Compiles the models with the generator into <paramref name="fileName"/>; returns the orders DDL.</summary>
    private string EmitAssembly(string source, string fileName)
    {
        var output = GeneratorHarness.RunClean(source);
        using (var assembly = File.Create(Path.Combine(_directory, fileName)))
        {
            var result = output.Compilation.Emit(assembly);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        }


        return output.CreateTableSql("Shop.Order");
    }

    /// <summary>
    /// Runs the targets file on a minimal project whose CoreCompile "produces" Models$(Variant).dll, building variant 1
    /// then variant 2 in one MSBuild process (the inline task is compiled once). Returns the log.
    /// </summary>
    private string RunBuildStep()
    {
        var targets = Path.GetFullPath(Path.Combine(RepositoryRoot(), "src", "StarRocks.Typed", "build", "StarRocks.Typed.targets"));
        File.WriteAllText(Path.Combine(_directory, "models.proj"), $"""
            <Project>
              <PropertyGroup>
                <StarRocksDdlOutput>ddl/</StarRocksDdlOutput>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <IntermediateAssembly Include="Models$(Variant).dll" />
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="CoreCompile" />
              <Target Name="BuildBothVariants">
                <MSBuild Projects="$(MSBuildProjectFullPath)" Targets="CoreCompile" Properties="Variant=1" />
                <MSBuild Projects="$(MSBuildProjectFullPath)" Targets="CoreCompile" Properties="Variant=2" />
              </Target>
            </Project>
            """);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", "msbuild models.proj -t:BuildBothVariants -v:n -nologo -nodeReuse:false")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, log);
        return log;
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "..", "..");
}
