using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StarRocks.Typed.Generators.Tests.Infrastructure;

namespace StarRocks.Typed.Generators.Tests;

/// <summary>The pipeline caches: unrelated edits re-emit nothing, real edits do, and models hold no compilation objects.</summary>
public class IncrementalTests
{
    private const string Table = """
        using System;
        using StarRocks.Typed;
        namespace Shop;

        [StarRocksTable("shop", "orders", Kind = StarRocksTableKind.PrimaryKey)]
        public partial record Order
        {
            [StarRocksKey(0)] public long OrderId { get; init; }
            public string? Note { get; init; }
        }
        """;

    private const string Unrelated = "namespace Shop; public class Helper { public int Value => 1; }";

    private static readonly string[] ModelSteps = [TrackingNames.Parse, TrackingNames.Tables, TrackingNames.RegistryEntries];

    [Fact]
    public void RerunOnTheSameCompilationIsFullyCached()
    {
        var compilation = GeneratorHarness.Compile(Table, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var result = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in ModelSteps)
            AssertOutputs(result, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void UnrelatedEditLeavesModelsAndOutputsCached()
    {
        var compilation = GeneratorHarness.Compile(Table, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 1, Unrelated.Replace("=> 1", "=> 2"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in ModelSteps)
            AssertOutputs(result, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void EditInsideTheTableFileWithoutModelChangeKeepsTheModelUnchanged()
    {
        var compilation = GeneratorHarness.Compile(Table, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 0, Table.Replace("public partial record Order", "// a comment\npublic partial record Order"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The attribute moved, so the parse result (with its location snapshots) may change, but the table model does not.
        AssertOutputs(result, TrackingNames.Tables, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void RealEditModifiesTheModelAndTheOutput()
    {
        var compilation = GeneratorHarness.Compile(Table, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 0, Table.Replace("public string? Note", "public string Note"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertOutputs(result, TrackingNames.Tables, IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void EditingABaseClassInAnotherFileUpdatesTheDerivedTable()
    {
        const string derived = """
            using StarRocks.Typed;
            namespace Shop;

            [StarRocksTable("shop", "notes")]
            public partial class Note : Entity { public string? Text { get; set; } }
            """;
        const string baseClass = "namespace Shop; public abstract class Entity { public long Id { get; set; } }";
        var compilation = GeneratorHarness.Compile(derived, baseClass);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = Replace(compilation, 1, baseClass.Replace("public long Id { get; set; }", "public long Id { get; set; } public int Revision { get; set; }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertOutputs(result, TrackingNames.Tables, IncrementalStepRunReason.Modified);
        Assert.Contains("`revision` INT NOT NULL", result.GeneratedSources.Single(s => s.HintName == "Shop.Note.g.cs").SourceText.ToString());
    }

    [Fact]
    public void DiagnosticsAreEquatableAcrossRuns()
    {
        var invalid = Table.Replace("[StarRocksKey(0)] public long OrderId", "[StarRocksKey(0)] public long? OrderId");
        var compilation = GeneratorHarness.Compile(invalid, Unrelated);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var result = driver.RunGenerators(Replace(compilation, 1, Unrelated.Replace("=> 1", "=> 2"))).GetRunResult();

        AssertOutputs(result.Results.Single(), TrackingNames.Diagnostics, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal("SRT004", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void ModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        var invalid = Table.Replace("public long OrderId", "public long? OrderId");
        var compilation = GeneratorHarness.Compile(Table, invalid.Replace("Order", "Broken").Replace("orders", "broken"));
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        var outputs = new[] { TrackingNames.Parse, TrackingNames.Tables, TrackingNames.Diagnostics, TrackingNames.RegistryEntries }
            .SelectMany(step => result.TrackedSteps[step])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToList();
        Assert.NotEmpty(outputs);
        foreach (var output in outputs)
            AssertHoldsNoCompilationObjects(output, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
    }

    private static Compilation Replace(Compilation compilation, int index, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(index),
            CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.ElementAt(index).FilePath));

    private static void AssertOutputs(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }

    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SyntaxTree), typeof(SemanticModel)];

    private static void AssertHoldsNoCompilationObjects(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
            return;
        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} is a {type.Name}");
        if (value is DiagnosticDescriptor)
            return; // a static, equatable descriptor
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                AssertHoldsNoCompilationObjects(item, visited, $"{path}[{i++}]");
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                AssertHoldsNoCompilationObjects(field.GetValue(value), visited, $"{path}.{field.Name}");
        }
    }
}
