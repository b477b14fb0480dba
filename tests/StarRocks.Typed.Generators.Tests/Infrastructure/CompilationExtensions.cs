using Microsoft.CodeAnalysis;

namespace StarRocks.Typed.Generators.Tests.Infrastructure;

internal static class CompilationExtensions
{
    /// <summary>The generated <c>CreateTableSql</c> constant of <paramref name="typeName"/>.</summary>
    public static string CreateTableSql(this GeneratorOutput output, string typeName = "Shop.Model")
    {
        var type = output.Compilation.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException("No type " + typeName);
        return (string)type.GetMembers("CreateTableSql").OfType<IFieldSymbol>().Single().ConstantValue!;
    }
}
