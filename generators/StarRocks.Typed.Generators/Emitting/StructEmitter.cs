using System.Collections.Generic;
using System.Linq;
using StarRocks.Typed.Generators.Helpers;
using StarRocks.Typed.Generators.Model;
using static StarRocks.Typed.Generators.Emitting.Literals;

namespace StarRocks.Typed.Generators.Emitting;

/// <summary>
/// Writes, for each STRUCT type a table's columns hold (nested ones included), a private value writer and reader: the
/// JSON object <c>{"name":value,…}</c> a JSON load's <c>add_struct_column</c> reads (be/src/formats/json/struct_column.cpp),
/// and the parser of the text StarRocks returns over the MySQL protocol, the same form (<c>StructColumn::put_mysql_row_buffer</c>,
/// be/src/column/struct_column.cpp). Fields are matched by name; unknown ones are skipped, missing ones keep their default.
/// </summary>
internal static class StructEmitter
{
    private const string JsonWriter = "global::StarRocks.Typed.Serialization.JsonRowWriter";
    private const string TextReader = "global::StarRocks.Typed.Generated.CollectionTextReader";

    public static void Emit(SourceWriter writer, TableSpec table)
    {
        var emitted = new HashSet<string>();
        foreach (var value in table.Columns.SelectMany(c => Structs(c.Value)))
        {
            if (!emitted.Add(value.TypeName))
                continue;
            writer.Line();
            EmitStruct(writer, value);
        }
    }

    /// <summary>
    /// Writes, for each length and each DECIMAL(p,s) the table's nested values hold, the <c>IByteLength</c> and
    /// <c>IDecimalDigits</c> their value writers take (<see cref="ValueTypeNames.LengthType"/>, <see cref="ValueTypeNames.DigitsType"/>).
    /// </summary>
    public static void EmitLimits(SourceWriter writer, TableSpec table)
    {
        var nested = table.Columns.SelectMany(c => ValueTypeNames.Nested(c.Value)).ToList();
        foreach (var bytes in nested.Select(v => v.MaxBytes).Where(b => b > 0).Distinct().OrderBy(b => b))
        {
            writer.Line();
            writer.Line(GeneratedCodeAttribute);
            writer.Line($"private readonly struct {ValueTypeNames.LengthType(bytes)} : global::StarRocks.Typed.Generated.IByteLength {{ public static int MaxBytes => {CSharpInt(bytes)}; }}");
        }

        foreach (var digits in nested.Select(v => v.Digits).OfType<DecimalDigits>().Distinct().OrderBy(d => d.Precision).ThenBy(d => d.Scale))
        {
            writer.Line();
            writer.Line(GeneratedCodeAttribute);
            writer.Line($"private readonly struct {ValueTypeNames.DigitsType(digits)} : global::StarRocks.Typed.Generated.IDecimalDigits "
                + $"{{ public static int Precision => {CSharpInt(digits.Precision)}; public static int Scale => {CSharpInt(digits.Scale)}; }}");
        }
    }

    /// <summary>The STRUCT values inside <paramref name="value"/> and itself, innermost first.</summary>
    private static IEnumerable<ValueSpec> Structs(ValueSpec value) =>
        ValueTypeNames.Nested(value).Append(value).Where(v => v.Kind == ValueKind.Struct);

    private static void EmitStruct(SourceWriter writer, ValueSpec value)
    {
        var type = value.IsReference ? value.TypeName + "?" : value.TypeName;
        var fields = value.Fields.ToList();
        writer.Line($"/// <summary>Writes and reads <c>{value.TypeName.Replace("global::", "").Replace("<", "&lt;").Replace(">", "&gt;")}</c> as <c>{value.StarRocksType.Replace("<", "&lt;").Replace(">", "&gt;")}</c>.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open($"private readonly struct {ValueTypeNames.StructType(value)} : global::StarRocks.Typed.Generated.IValueWriter<{type}>, global::StarRocks.Typed.Generated.IValueReader<{type}>"))
        {
            using (writer.Open($"public static void Write(ref {JsonWriter} writer, {type} value)"))
            {
                if (value.IsReference)
                    writer.Line("if (value is null) { writer.WriteNull(); return; }");
                writer.Line("writer.BeginObject();");
                for (var i = 0; i < fields.Count; i++)
                {
                    if (i > 0)
                        writer.Line("writer.WriteSeparator();");
                    writer.Line($"writer.WriteFieldName({CSharpString(WriterEmitter.JsonName(fields[i].Name))}u8);");
                    var (_, fieldWriter) = ValueTypeNames.Writer(fields[i].Value);
                    writer.LineWithoutNullabilityConstraintWarning(
                        $"{fieldWriter}.Write(ref writer, value.{CSharpIdentifier(fields[i].MemberName)}{Forgiving(fields[i].Value)});", ValueTypeNames.HasReferenceMapKey(fields[i].Value));
                }

                writer.Line("writer.EndObject();");
            }

            writer.Line();
            EmitRead(writer, value, type, fields);
        }
    }

    private static void EmitRead(SourceWriter writer, ValueSpec value, string type, List<StructField> fields)
    {
        var constructor = value.ConstructorParameters.ToList();
        var read = fields.Select((field, index) => (field, index))
            .Where(f => f.field.IsSettable || constructor.Contains(f.field.MemberName))
            .ToList();
        using (writer.Open($"public static {type} Read(ref {TextReader} reader)"))
        {
            writer.Line("if (reader.TryReadNull()) return default!;");
            writer.Line("reader.Expect('{');");
            foreach (var (field, index) in read)
                writer.Line($"{field.Value.DeclaredTypeName} {Local(index)} = default!;");
            using (writer.Open("if (!reader.TryConsume('}'))"))
            {
                writer.Line("do");
                writer.Line("{");
                using (writer.Indented())
                {
                    writer.Line("var name = reader.ReadScalar();");
                    writer.Line("reader.Expect(':');");
                    using (writer.Open("switch (name)"))
                    {
                        foreach (var (field, index) in read)
                        {
                            var (_, fieldReader) = ValueTypeNames.Reader(field.Value);
                            writer.LineWithoutNullabilityConstraintWarning(
                                $"case {CSharpString(field.Name)}: {Local(index)} = {fieldReader}.Read(ref reader){Forgiving(field.Value)}; break;", ValueTypeNames.HasReferenceMapKey(field.Value));
                        }

                        writer.Line("default: reader.ReadRaw(); break;");
                    }
                }

                writer.Line("}");
                writer.Line("while (reader.TryConsume(','));");
                writer.Line("reader.Expect('}');");
            }

            var arguments = string.Join(", ", constructor.Select(m => Local(fields.FindIndex(f => f.MemberName == m))));
            var initialized = read.Where(f => !constructor.Contains(f.field.MemberName))
                .Select(f => $"{CSharpIdentifier(f.field.MemberName)} = {Local(f.index)}").ToList();
            writer.Line(initialized.Count == 0
                ? $"return new {value.TypeName}({arguments});"
                : $"return new {value.TypeName}({arguments}) {{ {string.Join(", ", initialized)} }};");
        }
    }

    /// <summary><c>!</c> for reference types: lets a member declared with other nested nullability pass as the runtime's annotated type.</summary>
    private static string Forgiving(ValueSpec value) => value.IsReference ? "!" : "";

    private static string Local(int index) => "field" + CSharpInt(index);
}
