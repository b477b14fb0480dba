using System.Linq;
using StarRocks.Typed.Generators.Diagnostics;
using StarRocks.Typed.Generators.Model;

namespace StarRocks.Typed.Generators.Parsing;

/// <summary>
/// Checks a <c>[StarRocksColumn(Type = "…")]</c> override: it must parse as a StarRocks type (SRT032), respect the
/// limits StarRocks's type analysis enforces (TypeDef: string lengths SRT009, DECIMAL precision and scale SRT010,
/// element and map key types SRT032), and fit the member, whose values the writers send and the reader reads back
/// (SRT032).
/// </summary>
internal static class TypeOverrideChecker
{
    public static MappingProblem? Check(ColumnSpec column)
    {
        if (column.StarRocksType == column.Value.StarRocksType)
            return null;
        var type = SqlType.Parse(column.StarRocksType, out var error);
        if (type is null)
            return Problem(column, $"is not a StarRocks type ({error}); {SqlType.Grammar}");
        return CheckLimits(column, type) ?? CheckFit(column, column.Value, type);
    }

    private static MappingProblem? CheckLimits(ColumnSpec column, SqlType type)
    {
        switch (type.Name)
        {
            case "CHAR" or "VARCHAR" or "VARBINARY" when type.Length is { } length:
                return TypeMapper.CheckStringLength(column.MemberName, column.Name, type.Name, length, out var stringProblem) ? null : stringProblem;
            case "DECIMAL":
                var precision = (int)System.Math.Min(type.Precision ?? 10, int.MaxValue);
                var scale = (int)System.Math.Min(type.Scale ?? 0, int.MaxValue);
                return TypeMapper.CheckDecimal(column.MemberName, column.Name, precision, scale, out var decimalProblem) ? null : decimalProblem;
            case "DECIMAL32" or "DECIMAL64" or "DECIMAL128" or "DECIMALV2":
                return CheckDecimalVariant(column, type);
            case "TIME":
                return Problem(column, "is not a column type: StarRocks has TIME only in expressions; use DATETIME (DateTime) or a string");
            case "ARRAY" or "MAP" or "STRUCT":
                if (type.Arguments.FirstOrDefault(a => a.IsMetricOnly) is { } metric)
                    return Problem(column, $"is refused by StarRocks: Invalid data type: {metric} (HLL, BITMAP and PERCENTILE cannot be nested in {type.Name})");
                if (type.Name == "MAP" && (type.Arguments[0].IsComplex || type.Arguments[0].Name == "JSON"))
                    return Problem(column, $"is refused by StarRocks: Invalid map.key's type: {type.Arguments[0]}");
                return type.Arguments.Select(argument => CheckLimits(column, argument)).FirstOrDefault(p => p is not null);
            default:
                return null;
        }
    }

    /// <summary>DECIMAL32 ≤ 9, DECIMAL64 ≤ 18, DECIMAL128 ≤ 38 digits; DECIMALV2 ≤ 27 digits with a scale ≤ 9 (ScalarType).</summary>
    private static MappingProblem? CheckDecimalVariant(ColumnSpec column, SqlType type)
    {
        var max = type.Name switch { "DECIMAL32" => 9, "DECIMAL64" => 18, "DECIMALV2" => 27, _ => 38 };
        var precision = type.Precision ?? max;
        var scale = type.Scale ?? 0;
        var maxScale = type.Name == "DECIMALV2" ? System.Math.Min(9, precision) : precision;
        if (precision < 1 || precision > max)
            return new MappingProblem(DiagnosticDescriptors.DecimalOutOfRange, [column.MemberName, column.Name, $"Precision of {type.Name} must between 1 and {max}, precision was set to: {precision}."]);
        if (scale > maxScale)
            return new MappingProblem(DiagnosticDescriptors.DecimalOutOfRange, [column.MemberName, column.Name, $"Scale of {type.Name} must between 0 and {maxScale},  scale was set to: {scale}."]);
        return null;
    }

    /// <summary>Whether the member's values can be written into <paramref name="type"/> and read back from it.</summary>
    private static MappingProblem? CheckFit(ColumnSpec column, ValueSpec value, SqlType type)
    {
        var (fits, takes) = value.Kind switch
        {
            ValueKind.Boolean => (type.Name == "BOOLEAN", "BOOLEAN"),
            ValueKind.SByte or ValueKind.Byte or ValueKind.Int16 or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32
                or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Int128 or ValueKind.UInt128 or ValueKind.BigInteger or ValueKind.EnumNumber
                => (type.IsInteger || type.Name is "BITMAP" or "HLL", "an integer type (TINYINT … LARGEINT), or BITMAP or HLL for an AGGREGATE KEY value"),
            ValueKind.Half or ValueKind.Single or ValueKind.Double => (type.Name is "FLOAT" or "DOUBLE" or "PERCENTILE", "FLOAT, DOUBLE or PERCENTILE"),
            ValueKind.Decimal => (type.IsDecimal, "a DECIMAL type"),
            ValueKind.TimeOnly or ValueKind.TimeSpan => (type.IsString, "CHAR, VARCHAR or STRING"),
            ValueKind.String or ValueKind.Char or ValueKind.EnumName or ValueKind.Guid
                => (type.IsString || type.Name is "HLL" or "BITMAP", "CHAR, VARCHAR or STRING (a string holding JSON text takes Json = true), or HLL or BITMAP for an AGGREGATE KEY value"),
            ValueKind.DateOnly => (type.Name == "DATE", "DATE"),
            ValueKind.DateTime or ValueKind.DateTimeOffset => (type.Name is "DATETIME" or "DATE", "DATETIME or DATE"),
            ValueKind.Bytes or ValueKind.BytesMemory => (type.Name == "VARBINARY", "VARBINARY(n)"),
            ValueKind.JsonElement or ValueKind.JsonText or ValueKind.JsonDocument or ValueKind.JsonNode => (type.Name == "JSON", "JSON"),
            ValueKind.Array => (type.Name == "ARRAY", "ARRAY<T>"),
            ValueKind.Map => (type.Name == "MAP", "MAP<K,V>"),
            _ => (false, "no override"),
        };
        if (!fits)
            return Problem(column, $"does not fit the .NET type {value.DeclaredTypeName.Replace("global::", "")}: its column can be {takes}");

        if (value.Kind == ValueKind.Guid && type.Name is "CHAR" or "VARCHAR" && type.Length is < 36)
            return Problem(column, "is too short for a Guid, which is written as 36 characters");
        if (value.Kind == ValueKind.TimeOnly && type.Name is "CHAR" or "VARCHAR" && type.Length is < 16)
            return Problem(column, "is too short for a TimeOnly, which is written as up to 16 characters (HH:mm:ss.fffffff)");
        if (value.Kind == ValueKind.TimeSpan && type.Name is "CHAR" or "VARCHAR" && type.Length is < 26)
            return Problem(column, "is too short for a TimeSpan, which is written as up to 26 characters ([-]d.hh:mm:ss.fffffff)");
        if (value.Kind == ValueKind.Array)
            return CheckFit(column, value.Element!, type.Arguments[0]);
        if (value.Kind == ValueKind.Map)
            return CheckFit(column, value.Key!, type.Arguments[0]) ?? CheckFit(column, value.Element!, type.Arguments[1]);
        return null;
    }

    private static MappingProblem Problem(ColumnSpec column, string reason) =>
        new(DiagnosticDescriptors.InvalidTypeOverride, [column.MemberName, column.Name, column.StarRocksType, reason]);
}
