using System.Text;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Emitting.Literals;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Writes <c>WriteCsv</c> and <c>WriteJson</c>: one runtime writer call per column in table order, with NULL handling for
/// nullable value types and pre-encoded UTF-8 JSON names (docs/serialization.md).
/// </summary>
internal static class WriterEmitter
{
    private const string CsvWriter = "global::StarRocks.Typed.Serialization.CsvRowWriter";
    private const string JsonWriter = "global::StarRocks.Typed.Serialization.JsonRowWriter";

    public static void EmitCsv(SourceWriter writer, TableSpec table)
    {
        writer.Line("/// <summary>Writes the row's fields, in table order, into the current CSV row.</summary>");
        using (writer.Open($"public static void WriteCsv({table.TypeName} row, ref {CsvWriter} writer)"))
        {
            for (var i = 0; i < table.Columns.Count; i++)
                EmitValue(writer, table.Columns[i], i, json: false);
        }
    }

    public static void EmitJson(SourceWriter writer, TableSpec table)
    {
        writer.Line("/// <summary>Writes the row's fields, every column including NULLs, into the current JSON object.</summary>");
        using (writer.Open($"public static void WriteJson({table.TypeName} row, ref {JsonWriter} writer)"))
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                writer.Line($"writer.WriteName({CSharpString(JsonName(table.Columns[i].Name))}u8);");
                EmitValue(writer, table.Columns[i], i, json: true);
            }
        }
    }

    /// <summary>
    /// One value: nullable value types unwrap or write NULL; reference types go straight to the writer, which writes
    /// NULL for null. CSV calls that can reject a value take the column name; JSON calls take it from the last name.
    /// </summary>
    private static void EmitValue(SourceWriter writer, ColumnSpec column, int index, bool json)
    {
        var value = column.Value;
        var member = "row." + column.MemberName;
        var local = "value" + CSharpInt(index);
        var statement = value.IsNullableValueType
            ? $"if ({member} is {{ }} {local}) {Call(value, local, column.Name, json)}; else writer.WriteNull();"
            : Call(value, member, column.Name, json) + ";";
        writer.LineWithoutNullabilityConstraintWarning(statement, ValueTypeNames.HasReferenceMapKey(value));
    }

    private static string Call(ValueSpec value, string argument, string columnName, bool json)
    {
        var column = json ? "" : ", " + CSharpString(columnName);
        return value.Kind switch
        {
            ValueKind.Array or ValueKind.Map => WriteCollection(value, argument, column),
            ValueKind.Single or ValueKind.Double or ValueKind.String or ValueKind.JsonText or ValueKind.JsonElement
                or ValueKind.DateTimeOffset or ValueKind.EnumName =>
                $"writer.Write{ValueTypeNames.ScalarSuffix(value.Kind)}({argument}{column})",
            _ => $"writer.Write{ValueTypeNames.ScalarSuffix(value.Kind)}({argument})",
        };
    }

    /// <summary>
    /// A collection goes through the composed value writer; <c>!</c> lets a member declared with different nested
    /// nullability (<c>List&lt;string&gt;</c>) pass as the writer's <c>List&lt;string?&gt;?</c>.
    /// </summary>
    private static string WriteCollection(ValueSpec value, string argument, string column)
    {
        var (valueType, valueWriter) = ValueTypeNames.Writer(value with { IsNullableValueType = false });
        return $"writer.WriteValue<{valueType}, {valueWriter}>({argument}!{column})";
    }

    /// <summary>The JSON member prefix <c>"name":</c>, escaped like System.Text.Json's relaxed encoder (quotes, backslashes, control characters).</summary>
    private static string JsonName(string name)
    {
        var json = new StringBuilder("\"");
        foreach (var c in name)
        {
            if (c is '"' or '\\')
                json.Append('\\').Append(c);
            else if (c < ' ')
                json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else
                json.Append(c);
        }

        return json.Append("\":").ToString();
    }
}
