using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>Reading the StarRocks.Typed attributes' arguments from Roslyn's <see cref="AttributeData"/>.</summary>
internal static class AttributeArguments
{
    /// <summary>The namespace of the attributes.</summary>
    public const string Namespace = "StarRocks.Typed.";

    public static bool Is(AttributeData attribute, string fullName) => attribute.AttributeClass?.ToDisplayString() == fullName;

    public static T Named<T>(AttributeData? attribute, string name, T fallback)
    {
        if (attribute is null)
            return fallback;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
                return value;
        }

        return fallback;
    }

    public static IReadOnlyList<string> StringArray(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array
            ? constant.Values.Select(v => v.Value as string ?? "").ToList()
            : [constant.Value as string ?? ""];

    /// <summary>A <c>params string?[]</c> argument; null elements stay null (a lone <c>null</c> argument binds as a null array: one NULL).</summary>
    public static IReadOnlyList<string?> NullableStringArray(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Array
            ? constant.IsNull ? [null] : constant.Values.Select(v => v.Value as string).ToList()
            : [constant.Value as string];
}
