using Microsoft.CodeAnalysis;
using StarRocks.Typed.Generators.Helpers;

namespace StarRocks.Typed.Generators.Diagnostics;

/// <summary>An equatable diagnostic: descriptor, location snapshot and message arguments (strings only).</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s tree of the same path (or by path without it).</summary>
    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, [.. Arguments]);
}
