using System.Collections.Generic;
using System.Linq;
using System.Text;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Emitting.Literals;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Writes <c>WriteCsv</c> and <c>WriteJson</c>: one runtime writer call per column in table order, with NULL handling for
/// nullable value types and pre-encoded UTF-8 JSON names (docs/serialization.md); and <c>WriteKeyCsv</c>/<c>WriteKeyJson</c>,
/// the same per-column code over the key columns, read from the key instead of a row.
/// </summary>
internal static class WriterEmitter
{
    private const string CsvWriter = "global::StarRocks.Typed.Serialization.CsvRowWriter";
    private const string JsonWriter = "global::StarRocks.Typed.Serialization.JsonRowWriter";

    public static void EmitCsv(SourceWriter writer, TableSpec table)
    {
        writer.Line("/// <summary>Writes the row's fields, in table order, into the current CSV row.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"public static void WriteCsv({table.TypeName} row, ref {CsvWriter} writer)"))
            EmitFields(writer, RowFields(table), json: false);
    }

    public static void EmitJson(SourceWriter writer, TableSpec table)
    {
        writer.Line("/// <summary>Writes the row's fields, every column including NULLs, into the current JSON object.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"public static void WriteJson({table.TypeName} row, ref {JsonWriter} writer)"))
            EmitFields(writer, RowFields(table), json: true);
    }

    /// <summary>
    /// <c>WriteKeyCsv</c>: the key's fields (key columns in key order) into the current CSV row, with the same per-column
    /// code as <c>WriteCsv</c>. <paramref name="keyType"/> is the key member's type or the value tuple of the key members.
    /// </summary>
    public static void EmitKeyCsv(SourceWriter writer, TableSpec table, string keyType)
    {
        writer.Line("/// <summary>Writes the key's fields (the key columns, in key order) into the current CSV row.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"public static void WriteKeyCsv({keyType} key, ref {CsvWriter} writer)"))
            EmitFields(writer, KeyFields(table), json: false);
    }

    /// <summary><c>WriteKeyJson</c>: the key columns' names and values into the current JSON object, as <c>WriteJson</c> writes them.</summary>
    public static void EmitKeyJson(SourceWriter writer, TableSpec table, string keyType)
    {
        writer.Line("/// <summary>Writes the key columns' names and values into the current JSON object.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"public static void WriteKeyJson({keyType} key, ref {JsonWriter} writer)"))
            EmitFields(writer, KeyFields(table), json: true);
    }

    /// <summary>Every column, read from the row's members.</summary>
    private static IEnumerable<(ColumnSpec Column, string Access)> RowFields(TableSpec table) =>
        table.Columns.Select(c => (c, "row." + CSharpIdentifier(c.MemberName)));

    /// <summary>The key columns, read from the key: the key itself, or the tuple's <c>ItemN</c> (valid whatever the element names).</summary>
    private static IEnumerable<(ColumnSpec Column, string Access)> KeyFields(TableSpec table)
    {
        var keys = table.Columns.Where(c => c.IsKey).ToList();
        return keys.Select((c, i) => (c, keys.Count == 1 ? "key" : "key.Item" + CSharpInt(i + 1)));
    }

    /// <summary>One value per field; in JSON each is preceded by its pre-encoded name.</summary>
    private static void EmitFields(SourceWriter writer, IEnumerable<(ColumnSpec Column, string Access)> fields, bool json)
    {
        var index = 0;
        foreach (var (column, access) in fields)
        {
            if (json)
                writer.Line($"writer.WriteName({CSharpString(JsonName(column.Name))}u8);");
            EmitValue(writer, column, access, index++, json);
        }
    }

    /// <summary>
    /// One value: nullable value types unwrap or write NULL; reference types go straight to the writer, which writes
    /// NULL for null. CSV calls that can reject a value take the column name; JSON calls take it from the last name.
    /// </summary>
    private static void EmitValue(SourceWriter writer, ColumnSpec column, string access, int index, bool json)
    {
        var value = column.Value;
        var local = "value" + CSharpInt(index);
        var statement = value.IsNullableValueType
            ? $"if ({access} is {{ }} {local}) {Call(column, local, json)}; else writer.WriteNull();"
            : Call(column, access, json) + ";";
        writer.LineWithoutNullabilityConstraintWarning(statement, ValueTypeNames.HasReferenceMapKey(value));
    }

    /// <summary>
    /// The writer call for one value. Strings, chars and enum names in a CHAR/VARCHAR/STRING column pass its byte length,
    /// decimals the column's precision and scale, so that the writer refuses what StarRocks would filter.
    /// </summary>
    private static string Call(ColumnSpec spec, string argument, bool json)
    {
        var value = spec.Value;
        var column = json ? "" : ", " + CSharpString(spec.Name);
        var limit = spec.MaxBytes > 0 ? ", " + CSharpInt(spec.MaxBytes) : "";
        return value.Kind switch
        {
            ValueKind.Decimal when spec.Decimal is { } digits =>
                $"writer.WriteDecimal({argument}, {CSharpInt(digits.Precision)}, {CSharpInt(digits.Scale)}{column})",
            ValueKind.String or ValueKind.Char or ValueKind.EnumName when json =>
                $"writer.Write{ValueTypeNames.ScalarSuffix(value.Kind)}({argument}{limit})",
            ValueKind.Array or ValueKind.Map or ValueKind.Struct => WriteCollection(value, argument, column),
            ValueKind.BytesMemory => $"writer.WriteBinary({argument}.Span)",
            ValueKind.JsonDocument => $"writer.WriteJson({argument}?.RootElement ?? default{column})",
            ValueKind.JsonNode => $"writer.WriteJsonText({argument}?.ToJsonString(){column})",
            ValueKind.String or ValueKind.Char or ValueKind.EnumName =>
                $"writer.Write{ValueTypeNames.ScalarSuffix(value.Kind)}({argument}{limit}{column})",
            ValueKind.Half or ValueKind.Single or ValueKind.Double or ValueKind.UInt128 or ValueKind.BigInteger or ValueKind.JsonText or ValueKind.JsonElement
                or ValueKind.DateTimeOffset =>
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
    internal static string JsonName(string name)
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
