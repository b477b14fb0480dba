using System.Collections.Generic;
using System.Linq;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Emitting.Literals;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Writes <c>Read</c>: each selected, non-NULL column is read with the runtime's <c>StarRocksReaders</c>, then the row is
/// built with its constructor (when it takes parameters) and an object initializer for the settable members.
/// </summary>
internal static class ReaderEmitter
{
    private const string Readers = "global::StarRocks.Typed.Generated.StarRocksReaders";

    public static void Emit(SourceWriter writer, TableSpec table)
    {
        var constructorMembers = new HashSet<string>(table.ConstructorParameters);
        var readColumns = table.Columns.Select((column, index) => (column, index))
            .Where(c => c.column.IsSettable || constructorMembers.Contains(c.column.MemberName))
            .ToList();

        writer.Line("/// <summary>Materializes a row from the reader's current record; <paramref name=\"ordinals\"/>[i] is column i's ordinal, or -1 when not selected.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"public static {table.TypeName} Read(global::System.Data.Common.DbDataReader reader, global::System.ReadOnlySpan<int> ordinals)"))
        {
            foreach (var (column, index) in readColumns)
            {
                var local = Local(index);
                var ordinal = $"ordinals[{CSharpInt(index)}]";
                // A non-nullable reference local starts as default! (it is assigned before use or stays the type's default).
                var nonNullableReference = column.Value.IsReference && !column.Value.DeclaredTypeName.EndsWith("?");
                writer.Line($"{column.Value.DeclaredTypeName} {local} = {(nonNullableReference ? "default!" : "default")};");
                writer.Line($"if ({ordinal} >= 0 && !reader.IsDBNull({ordinal}))");
                using (writer.Indented())
                    writer.LineWithoutNullabilityConstraintWarning($"{local} = {Get(column.Value, ordinal)};", ValueTypeNames.HasReferenceMapKey(column.Value));
            }

            var arguments = string.Join(", ", table.ConstructorParameters.Select(m => Local(IndexOf(table, m))));
            var initialized = readColumns.Where(c => !constructorMembers.Contains(c.column.MemberName)).ToList();
            if (initialized.Count == 0)
            {
                writer.Line($"return new {table.TypeName}({arguments});");
                return;
            }

            writer.Line(arguments.Length == 0 ? $"return new {table.TypeName}" : $"return new {table.TypeName}({arguments})");
            writer.Line("{");
            using (writer.Indented())
            {
                foreach (var (column, index) in initialized)
                    writer.Line($"{CSharpIdentifier(column.MemberName)} = {Local(index)},");
            }

            writer.Line("};");
        }
    }

    /// <summary>A collection comes from the composed value reader; <c>!</c> adapts its nested nullability to the member's.</summary>
    private static string GetCollection(ValueSpec value, string ordinal)
    {
        var (valueType, valueReader) = ValueTypeNames.Reader(value with { IsNullableValueType = false });
        return $"{Readers}.GetValue<{valueType}, {valueReader}>(reader, {ordinal})!";
    }

    private static string Local(int index) => "column" + CSharpInt(index);

    private static int IndexOf(TableSpec table, string memberName)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].MemberName == memberName)
                return i;
        }

        return -1;
    }

    private static string Get(ValueSpec value, string ordinal) => value.Kind switch
    {
        ValueKind.Array or ValueKind.Map or ValueKind.Struct => GetCollection(value, ordinal),
        ValueKind.EnumNumber => $"{Readers}.GetEnumNumber<{value.TypeName}>(reader, {ordinal})",
        ValueKind.EnumName => $"{Readers}.GetEnumByName<{value.TypeName}>(reader, {ordinal})",
        ValueKind.BytesMemory => $"{Readers}.GetBinary(reader, {ordinal})",
        ValueKind.JsonDocument => $"global::System.Text.Json.JsonDocument.Parse({Readers}.GetString(reader, {ordinal}))",
        ValueKind.JsonNode => $"global::System.Text.Json.Nodes.JsonNode.Parse({Readers}.GetString(reader, {ordinal}))!" + value.TypeName switch
        {
            "global::System.Text.Json.Nodes.JsonObject" => ".AsObject()",
            "global::System.Text.Json.Nodes.JsonArray" => ".AsArray()",
            _ => "",
        },
        ValueKind.JsonText => $"{Readers}.GetString(reader, {ordinal})",
        ValueKind.JsonElement => $"{Readers}.GetJsonElement(reader, {ordinal})",
        ValueKind.DateOnly => $"{Readers}.GetDateOnly(reader, {ordinal})",
        ValueKind.DateTimeOffset => $"{Readers}.GetDateTimeOffset(reader, {ordinal}, global::System.TimeZoneInfo.Utc)",
        _ => $"{Readers}.Get{ValueTypeNames.ScalarSuffix(value.Kind)}(reader, {ordinal})",
    };
}
