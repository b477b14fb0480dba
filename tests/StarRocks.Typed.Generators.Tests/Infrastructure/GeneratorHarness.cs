using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StarRocks.Typed.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against the runtime and runs the generator over them.</summary>
internal static class GeneratorHarness
{
    /// <summary>C# latest, with XML doc comments checked (as in a project that generates documentation).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(StarRocksTableAttribute).Assembly.Location),
    ];

    /// <summary>A compilation of <paramref name="sources"/> (nullable enabled, XML doc comments checked but not required).</summary>
    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Tests.Models",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Suppress)])); // test models have no doc comments

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new StarRocksTableGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorOutput(driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>Runs the generator and asserts that it reports nothing and that the output compiles without warnings.</summary>
    public static GeneratorOutput RunClean(params string[] sources)
    {
        var output = Run(sources);
        Assert.Empty(output.GeneratorDiagnostics);
        var problems = output.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        return output;
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(GeneratorDriverRunResult Result, Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated source with <paramref name="hintName"/>.</summary>
    public string Source(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    public IEnumerable<string> HintNames => Result.Results.Single().GeneratedSources.Select(s => s.HintName);
}
