using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Emitting;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Parsing;

namespace StarRocks.Typed.Generators;

/// <summary>
/// Generates, for each <c>[StarRocksTable]</c> type, its metadata, DDL, CSV/JSON writers, reader and key accessor, plus
/// one registry per assembly. Parsing yields an equatable model; source output and diagnostics are separate pipelines
/// so an unchanged model is never re-emitted while diagnostics are still reported on every run.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StarRocksTableGenerator : IIncrementalGenerator
{
    private const string TableAttribute = "StarRocks.Typed.StarRocksTableAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(TableAttribute, static (node, _) => node is TypeDeclarationSyntax, TableParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var tables = parsed
            .Where(static result => result.Table is not null)
            .Select(static (result, _) => result.Table!)
            .WithTrackingName(TrackingNames.Tables);
        // Hint names must be unique ignoring case (Shop.Model and Shop.model are two types): the set decides the suffixes,
        // and as long as it is unchanged each table's output stays cached.
        var hintNames = tables
            .Select(static (table, _) => table.HintName)
            .Collect()
            .Select(static (names, _) => UniqueHintNames(names))
            .WithTrackingName(TrackingNames.HintNames);
        context.RegisterSourceOutput(tables.Combine(hintNames), static (output, pair) =>
            output.AddSource(HintNameOf(pair.Left.HintName, pair.Right) + ".g.cs", TableEmitter.Emit(pair.Left)));

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static diagnostics => !diagnostics.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (var diagnostic in pair.Left)
                output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });

        // Two models of one table: reported on each, naming the other (the DDL build step would otherwise get two files' worth of one table).
        var identities = parsed
            .Select(static (result, _) => result.Identity)
            .Where(static identity => identity is not null)
            .Select(static (identity, _) => identity!)
            .Collect()
            .SelectMany(static (identities, _) => DuplicateTables(identities))
            .WithTrackingName(TrackingNames.DuplicateTables);
        context.RegisterSourceOutput(identities.Combine(context.CompilationProvider), static (output, pair) =>
            output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

        // The registry is a namespace-level class: it lists the tables it can name (not private or protected nested types).
        var registryEntries = tables
            .Where(static table => table.IsAssemblyAccessible)
            .Select(static (table, _) => table.TypeName)
            .Collect()
            .Select(static (types, _) => types.OrderBy(t => t, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.RegistryEntries);
        var registryPlace = context.CompilationProvider.Select(static (compilation, _) => RegistryPlace.Of(compilation));
        context.RegisterSourceOutput(registryEntries.Combine(registryPlace), static (output, pair) =>
        {
            if (!pair.Left.IsEmpty && pair.Right.Conflict is null)
                output.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(pair.Left, pair.Right.Namespace));
        });
        var registryConflicts = registryPlace
            .Combine(registryEntries)
            .SelectMany(static (pair, _) => pair.Left.Conflict is not null && !pair.Right.IsEmpty
                ? ImmutableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.RegistryNameTaken, pair.Left.Conflict, pair.Left.Namespace))
                : ImmutableArray<DiagnosticInfo>.Empty);
        context.RegisterSourceOutput(registryConflicts.Combine(context.CompilationProvider), static (output, pair) =>
            output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
    }

    /// <summary>
    /// The hint names that collide ignoring case, each with the name to use: the ordinally first keeps its name, the
    /// others get <c>_2</c>, <c>_3</c>, … (empty when nothing collides, the usual case).
    /// </summary>
    private static EquatableArray<HintNameChoice> UniqueHintNames(ImmutableArray<string> names) =>
        names
            .GroupBy(name => name, System.StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group.OrderBy(n => n, System.StringComparer.Ordinal).Skip(1).Select((name, i) => new HintNameChoice(name, name + "_" + (i + 2))))
            .OrderBy(choice => choice.Original, System.StringComparer.Ordinal)
            .ToEquatableArray();

    private static string HintNameOf(string hintName, EquatableArray<HintNameChoice> choices)
    {
        foreach (var choice in choices)
        {
            if (choice.Original == hintName)
                return choice.Unique;
        }

        return hintName;
    }

    /// <summary>
    /// Where the registry goes: the namespace named after the assembly, and the user's own type of the registry's name
    /// there, if any (then the registry is not generated).
    /// </summary>
    private sealed record RegistryPlace(string Namespace, LocationInfo? Conflict)
    {
        public static RegistryPlace Of(Compilation compilation)
        {
            var ns = RegistryEmitter.RegistryNamespace(compilation.AssemblyName ?? "Assembly");
            var taken = compilation.Assembly.GetTypeByMetadataName(ns.Replace("@", "") + "." + RegistryEmitter.ClassName);
            return new RegistryPlace(ns, taken is null ? null : LocationInfo.From(taken.Locations.FirstOrDefault()) ?? new LocationInfo(compilation.AssemblyName ?? "", default, default));
        }
    }

    /// <summary>A hint name that collides with another ignoring case, and the one used instead.</summary>
    private sealed record HintNameChoice(string Original, string Unique);

    /// <summary>SRT028 for every model whose <c>database.table</c> another model of the compilation has too (names compared as written).</summary>
    private static ImmutableArray<DiagnosticInfo> DuplicateTables(ImmutableArray<TableIdentity> identities) =>
        identities
            .GroupBy(i => (i.Database, i.Table))
            .Where(group => group.Count() > 1)
            .SelectMany(group => group.Select(identity => DiagnosticInfo.Create(
                DiagnosticDescriptors.DuplicateTable, identity.Location, identity.TypeName,
                string.Join("', '", group.Where(other => other != identity).Select(other => other.TypeName).OrderBy(n => n, System.StringComparer.Ordinal)),
                identity.Database, identity.Table)))
            .ToImmutableArray();
}
