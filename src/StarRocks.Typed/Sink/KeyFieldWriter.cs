using System.Runtime.CompilerServices;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Sink;

/// <summary>
/// Writes a key (the key member's value, or a value tuple of the key members) as the key fields of a delete-by-key row.
/// Keys are boxed per delete; upserts never come here.
/// </summary>
internal static class KeyFieldWriter
{
    /// <summary>The key's values in key order, checked against the table's key columns.</summary>
    public static object?[] Values<TKey>(TKey key, StarRocksTableInfo table)
    {
        object?[] values = key is ITuple tuple && table.KeyColumns.Length > 1
            ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).ToArray()
            : [key];
        if (values.Length != table.KeyColumns.Length)
        {
            throw new ArgumentException($"{table.Database}.{table.Table} has {table.KeyColumns.Length} key column(s); the key has {values.Length} value(s).", nameof(key));
        }

        return values;
    }

    public static void WriteCsv(ref CsvRowWriter writer, object? value, string column)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case string s: writer.WriteString(s, column); break;
            case bool b: writer.WriteBoolean(b); break;
            case Enum e: writer.WriteInt64(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteUInt64(u); break;
            case Int128 h: writer.WriteInt128(h); break;
            case decimal d: writer.WriteDecimal(d); break;
            case DateOnly d: writer.WriteDate(d); break;
            case DateTime d: writer.WriteDateTime(d); break;
            case DateTimeOffset d: writer.WriteDateTimeOffset(d, column); break;
            case Guid g: writer.WriteGuid(g); break;
            case sbyte or byte or short or ushort or int or uint or long: writer.WriteInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: throw new NotSupportedException($"Key column {column}: values of type {value.GetType()} cannot be deleted by key; use DeleteAsync(row).");
        }
    }

    public static void WriteJson(ref JsonRowWriter writer, object? value, string column)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case string s: writer.WriteString(s); break;
            case bool b: writer.WriteBoolean(b); break;
            case Enum e: writer.WriteInt64(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteUInt64(u); break;
            case Int128 h: writer.WriteInt128(h); break;
            case decimal d: writer.WriteDecimal(d); break;
            case DateOnly d: writer.WriteDate(d); break;
            case DateTime d: writer.WriteDateTime(d); break;
            case DateTimeOffset d: writer.WriteDateTimeOffset(d); break;
            case Guid g: writer.WriteGuid(g); break;
            case sbyte or byte or short or ushort or int or uint or long: writer.WriteInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: throw new NotSupportedException($"Key column {column}: values of type {value.GetType()} cannot be deleted by key; use DeleteAsync(row).");
        }
    }
}
