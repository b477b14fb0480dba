using System.Reflection;
using System.Runtime.Loader;
using StarRocks.Typed.Metadata;

namespace StarRocks.Typed.Cli.Ddl;

/// <summary>
/// Finds the generated tables of a compiled assembly: every <see cref="StarRocksTableAttribute"/> type, whose
/// <see cref="IStarRocksTable{TSelf}.Table"/> holds its DDL. The assembly loads in its own context with its own
/// dependencies, except StarRocks.Typed itself, which is shared with the tool so the attribute and interface match.
/// </summary>
internal static class TableAssembly
{
    /// <summary>The tables of the assembly at <paramref name="path"/>, ordered by database and table.</summary>
    /// <param name="path">The assembly file.</param>
    /// <returns>The tables' metadata.</returns>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static IReadOnlyList<StarRocksTableInfo> Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"--assembly: no file at '{fullPath}'.", fullPath);

        var context = new IsolatedContext(fullPath);
        var assembly = context.LoadFromAssemblyPath(fullPath);
        return [.. LoadableTypes(assembly)
            .Where(t => t.GetCustomAttribute<StarRocksTableAttribute>() is not null)
            .Select(TableOf)
            .OfType<StarRocksTableInfo>()
            .OrderBy(t => t.Database, StringComparer.Ordinal)
            .ThenBy(t => t.Table, StringComparer.Ordinal)];
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    private static StarRocksTableInfo? TableOf(Type type)
    {
        if (type.IsGenericTypeDefinition)
            return null;
        var contract = typeof(IStarRocksTable<>).MakeGenericType(type);
        if (!contract.IsAssignableFrom(type))
            return null;
        var getter = contract.GetProperty(nameof(IStarRocksTable<>.Table))!.GetMethod!;
        var map = type.GetInterfaceMap(contract);
        var implementation = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, getter)];
        return (StarRocksTableInfo?)implementation.Invoke(null, null);
    }

    private sealed class IsolatedContext(string path) : AssemblyLoadContext(isCollectible: true)
    {
        private static readonly string Shared = typeof(IStarRocksTable<>).Assembly.GetName().Name!;
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == Shared)
                return null;
            var resolved = _resolver.ResolveAssemblyToPath(assemblyName);
            return resolved is null ? null : LoadFromAssemblyPath(resolved);
        }
    }
}
