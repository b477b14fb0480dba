using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace StarRocks.Typed.Tests.PublicApi;

/// <summary>
/// The public surface of each shipped package (StarRocks.Typed, StarRocks.Typed.Kafka), listed in
/// <c>{assembly}.api.txt</c> and reviewed like a snapshot: a change to it fails this test until the listing is updated
/// (set <c>UPDATE_PUBLIC_API=1</c> and run the test to rewrite it).
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => [typeof(IStarRocksTable<>).Assembly.GetName().Name!, typeof(StarRocks.Typed.Cdc.Kafka.KafkaChangeStreamConsumer).Assembly.GetName().Name!];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_surface_is_the_reviewed_listing(string assembly)
    {
        var listing = Listing(Assembly.Load(assembly));
        var path = Path.Combine(SourceDirectory(), assembly + ".api.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, listing);
        }

        Assert.Equal(File.ReadAllText(path), listing);
    }

    private static string Listing(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(ForGeneratedCode(type) ? "[for generated code] " : "").Append(Kind(type)).Append(' ').Append(Name(type)).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not Type && !(m is MethodInfo { IsSpecialName: true }) && !IsCompilerGenerated(m))
                .Select(Describe)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        _ when type.IsSubclassOf(typeof(Delegate)) => "delegate",
        { IsAbstract: true, IsSealed: true } => "static class",
        _ => "class",
    };

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : "")}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        var name = type.IsGenericParameter ? type.Name : (type.DeclaringType is { } outer && !type.IsGenericParameter ? Name(outer) + "." : type.Namespace + ".") + type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var arguments = type.IsGenericType ? type.GetGenericArguments().Skip(type.DeclaringType?.GetGenericArguments().Length ?? 0).ToArray() : [];
        return arguments.Length == 0 ? name : $"{name}<{string.Join(", ", arguments.Select(Name))}>";
    }

    /// <summary>Hidden from IntelliSense (<c>EditorBrowsableState.Never</c>), itself or through the type it is nested in.</summary>
    private static bool ForGeneratedCode(Type? type) =>
        type is not null && (type.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>()?.State == System.ComponentModel.EditorBrowsableState.Never || ForGeneratedCode(type.DeclaringType));

    private static bool IsCompilerGenerated(MemberInfo member) => member.GetCustomAttribute<CompilerGeneratedAttribute>() is not null && member is not PropertyInfo;

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
