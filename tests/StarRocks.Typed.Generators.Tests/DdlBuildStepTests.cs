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
        var log = RunBuildStep(expectSuccess: true, 1, 2);

        Assert.Contains("StarRocks DDL: 2 table(s), 2 file(s) written, 0 stale file(s) removed", log);
        Assert.Contains("StarRocks DDL: 1 table(s), 0 file(s) written, 1 stale file(s) removed", log);
        var ddl = Path.Combine(_directory, "ddl");
        Assert.Equal(order + ";\n", File.ReadAllText(Path.Combine(ddl, "shop.orders.sql")));
        Assert.False(File.Exists(Path.Combine(ddl, "shop.customers.sql")));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(ddl, "unrelated.sql")));
    }

    [Fact]
    public void NamesTooLongForAPathOrInvalidAsFileNamesGetAHashedFileName()
    {
        var longName = new string('t', 1024);
        var models = $$"""
            using StarRocks.Typed;
            namespace Shop;

            [StarRocksTable("shop", "{{longName}}")]
            public partial class Order { public long Id { get; set; } }

            [StarRocksTable("shop", "a/b:c")]
            public partial class Slashed { public long Id { get; set; } }

            [StarRocksTable("shop", "Mixed")]
            public partial class Upper { public long Id { get; set; } }

            [StarRocksTable("shop", "mixed")]
            public partial class Lower { public long Id { get; set; } }
            """;
        var order = EmitAssembly(models, "Models1.dll");

        var log = RunBuildStep(expectSuccess: true, 1);

        Assert.Contains("StarRocks DDL: 4 table(s), 4 file(s) written", log);
        var files = Directory.GetFiles(Path.Combine(_directory, "ddl")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, files.Count);
        Assert.All(files, name => Assert.Matches(@"^shop\.[^/\\:]{1,60}~[0-9a-f]{16}\.sql$", name));
        Assert.Contains(files, name => name!.StartsWith("shop.a_b_c~", StringComparison.Ordinal));
        Assert.Contains(files, name => name!.StartsWith("shop.Mixed~", StringComparison.Ordinal));
        Assert.Contains(files, name => name!.StartsWith("shop.mixed~", StringComparison.Ordinal));
        var orderFile = Assert.Single(files, name => name!.StartsWith("shop.tttt", StringComparison.Ordinal));
        Assert.Equal(order + ";\n", File.ReadAllText(Path.Combine(_directory, "ddl", orderFile!)));
    }

    [Fact]
    public void TwoModelsOfOneTableAreAnErrorNamingBothNotACrash()
    {
        const string models = """
            using StarRocks.Typed;
            namespace Shop;

            [StarRocksTable("shop", "orders")]
            public partial class Order { public long Id { get; set; } }

            [StarRocksTable("shop", "orders")]
            public partial class LegacyOrder { public long Id { get; set; } }

            [StarRocksTable("shop", "customers")]
            public partial class Customer { public long Id { get; set; } }
            """;
        // SRT028 reports this at compile time; suppressed, the assembly carries both tables' DDL.
        EmitAssembly(models, "Models1.dll", clean: false);

        var log = RunBuildStep(expectSuccess: false, 1);

        Assert.Contains("error SRT101: StarRocks DDL: 2 models map to table shop.orders (Shop.LegacyOrder, Shop.Order): each table needs exactly one model.", log);
        Assert.DoesNotContain("Exception", log);
        Assert.DoesNotContain("MSB4018", log); // the "task failed unexpectedly" stack trace
        Assert.False(File.Exists(Path.Combine(_directory, "ddl", "shop.orders.sql")));
        Assert.True(File.Exists(Path.Combine(_directory, "ddl", "shop.customers.sql")));
    }

    [Fact]
    public void AnUnwritableOutputFolderIsAnErrorNotACrash()
    {
        EmitAssembly(Models, "Models1.dll");
        File.WriteAllText(Path.Combine(_directory, "blocker"), "a file where the output folder should be");

        var log = RunBuildStep(expectSuccess: false, 1, output: "blocker/ddl/");

        Assert.Contains("error SRT102: StarRocks DDL: cannot write the DDL files into", log);
        Assert.DoesNotContain("MSB4018", log);
        Assert.DoesNotContain("   at ", log);
    }

    [Fact]
    public void AnUnreadableAssemblyIsAnErrorNotACrash()
    {
        var log = RunBuildStep(expectSuccess: false, 1); // Models1.dll was never written

        Assert.Contains("error SRT103: StarRocks DDL: cannot read the compiled assembly", log);
        Assert.DoesNotContain("MSB4018", log);
        Assert.DoesNotContain("   at ", log);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Compiles the models with the generator into <paramref name="fileName"/>; returns the orders DDL.</summary>
    private string EmitAssembly(string source, string fileName, bool clean = true)
    {
        var output = clean ? GeneratorHarness.RunClean(source) : GeneratorHarness.Run(source);
        using (var assembly = File.Create(Path.Combine(_directory, fileName)))
        {
            var result = output.Compilation.Emit(assembly);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        }

        return output.CreateTableSql("Shop.Order");
    }

    /// <summary>
    /// Runs the targets file on a minimal project whose CoreCompile "produces" Models$(Variant).dll, building the given
    /// variants in order in one MSBuild process (the inline task is compiled once). Returns the log.
    /// </summary>
    private string RunBuildStep(bool expectSuccess, params int[] variants) => RunBuildStep(expectSuccess, "ddl/", variants);

    private string RunBuildStep(bool expectSuccess, int variant, string output) => RunBuildStep(expectSuccess, output, [variant]);

    private string RunBuildStep(bool expectSuccess, string output, int[] variants)
    {
        var targets = Path.GetFullPath(Path.Combine(RepositoryRoot(), "src", "StarRocks.Typed", "build", "StarRocks.Typed.targets"));
        File.WriteAllText(Path.Combine(_directory, "models.proj"), $"""
            <Project>
              <PropertyGroup>
                <StarRocksDdlOutput>{output}</StarRocksDdlOutput>
                <IntermediateOutputPath>obj/</IntermediateOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <IntermediateAssembly Include="Models$(Variant).dll" />
              </ItemGroup>
              <Import Project="{targets}" />
              <Target Name="CoreCompile" />
              <Target Name="BuildVariants">
                {string.Concat(variants.Select(v => $"<MSBuild Projects=\"$(MSBuildProjectFullPath)\" Targets=\"CoreCompile\" Properties=\"Variant={v}\" />"))}
              </Target>
            </Project>
            """);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", "msbuild models.proj -t:BuildVariants -v:n -nologo -nodeReuse:false")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 == expectSuccess, log);
        return log;
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "..", "..");
}
