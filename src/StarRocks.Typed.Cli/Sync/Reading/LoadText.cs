using System.Globalization;
using MySqlConnector;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// Turns the values of a MySQL-protocol result into StarRocks's load text, as a CSV Stream Load field holds them
/// (StarRocks docs, STREAM LOAD and "Data types"): integers and decimals in invariant digits, floating point in the
/// shortest text that reads back the same, DATE as <c>yyyy-MM-dd</c>, DATETIME as <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>,
/// booleans as <c>1</c>/<c>0</c>, binary as base64 (StarRocks reads a CSV VARBINARY field as base64,
/// be/src/formats/csv/varbinary_converter.cpp), NULL as <see langword="null"/>.
/// </summary>
internal static class LoadText
{
    /// <summary>A reader of column <c>i</c> of the current row as load text.</summary>
    public delegate string? Column(MySqlDataReader reader, int ordinal);

    /// <summary>The reader of each column of <paramref name="schema"/>'s result, and each column's kind.</summary>
    public static (Column Read, ColumnKind Kind) For(Type fieldType, string dataTypeName)
    {
        if (fieldType == typeof(string))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetString(i), ColumnKind.Text);
        if (fieldType == typeof(long))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetInt64(i).ToString(CultureInfo.InvariantCulture), ColumnKind.Number);
        if (fieldType == typeof(int))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetInt32(i).ToString(CultureInfo.InvariantCulture), ColumnKind.Number);
        if (fieldType == typeof(decimal))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetDecimal(i).ToString(CultureInfo.InvariantCulture), ColumnKind.Number);
        if (fieldType == typeof(double))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetDouble(i).ToString("R", CultureInfo.InvariantCulture), ColumnKind.Number);
        if (fieldType == typeof(float))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetFloat(i).ToString("R", CultureInfo.InvariantCulture), ColumnKind.Number);
        if (fieldType == typeof(bool))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetBoolean(i) ? "1" : "0", ColumnKind.Number);
        if (fieldType == typeof(DateTime))
        {
            return dataTypeName.Equals("DATE", StringComparison.OrdinalIgnoreCase)
                ? ((r, i) => r.IsDBNull(i) ? null : r.GetDateTime(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ColumnKind.Text)
                : ((r, i) => r.IsDBNull(i) ? null : DateTimeText(r.GetDateTime(i)), ColumnKind.Text);
        }

        if (fieldType == typeof(DateOnly))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ColumnKind.Text);
        if (fieldType == typeof(byte[]))
            return ((r, i) => r.IsDBNull(i) ? null : Convert.ToBase64String((byte[])r.GetValue(i)), ColumnKind.Text);
        if (fieldType == typeof(TimeSpan))
            return ((r, i) => r.IsDBNull(i) ? null : r.GetTimeSpan(i).ToString("c", CultureInfo.InvariantCulture), ColumnKind.Text);
        var kind = IsNumber(fieldType) ? ColumnKind.Number : ColumnKind.Text;
        return ((r, i) => r.IsDBNull(i) ? null : Format(r.GetValue(i)), kind);
    }

    /// <summary>DATETIME text: seconds, and microseconds only when there are any.</summary>
    public static string DateTimeText(DateTime value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static string Format(object value) => value switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(Type type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(System.Numerics.BigInteger);
}
