using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StarRocks.Typed.Generators.Diagnostics;

/// <summary>An equatable snapshot of a source location (a <see cref="Location"/> would root the compilation).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: { } tree }
            ? new LocationInfo(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    public static LocationInfo? From(SyntaxReference? reference) => From(reference?.GetSyntax().GetLocation());

    /// <summary>
    /// Rebuilds a source location in <paramref name="compilation"/>'s tree with the same path, so that <c>#pragma warning</c>
    /// applies (a file-path location would bypass it); falls back to a file-path location.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        return tree is not null && Span.End <= tree.Length
            ? Location.Create(tree, Span)
            : Location.Create(FilePath, Span, LineSpan);
    }
}
