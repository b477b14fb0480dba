using System.Globalization;
using MySqlConnector;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// Turns the values of a MySQL-protocol result into StarRocks's load text, as a CSV Stream Load field holds them
/// (StarRocks docs, STREAM LOAD and "Data types"): integers and decimals in invariant digits, floating point in the
/// shortest text that reads back the same, DATE as <c>yyyy-MM-dd</c>, DATETIME as <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>,
/// booleans as <c>1</c>/<c>0</c>, binary as base64 (StarRocks reads a CSV VARBINARY field as base64,
/// be/src/formats/csv/varbinary_converter.cpp). Each value goes from the reader's typed getter straight into the chunk's
/// UTF-8 buffer; NULLs are the caller's.
/// </summary>
internal static class LoadText
{
    /// <summary>Appends column <c>ordinal</c> of the current row's load text to <c>chunk</c>, from the reader's typed getter.</summary>
    public delegate void Column(MySqlDataReader reader, int ordinal, RowChunk chunk);

    /// <summary>The reader of a column of <paramref name="fieldType"/> (<paramref name="dataTypeName"/> in SQL), and its kind.</summary>
    public static (Column Read, ColumnKind Kind) For(Type fieldType, string dataTypeName)
    {
        if (fieldType == typeof(string))
            return ((r, i, c) => c.Add(r.GetString(i)), ColumnKind.Text);
        if (fieldType == typeof(long))
            return ((r, i, c) => c.Add(r.GetInt64(i)), ColumnKind.Number);
        if (fieldType == typeof(int))
            return ((r, i, c) => c.Add(r.GetInt32(i)), ColumnKind.Number);
        if (fieldType == typeof(decimal))
            return ((r, i, c) => c.Add(r.GetDecimal(i)), ColumnKind.Number);
        if (fieldType == typeof(double))
            return ((r, i, c) => c.Add(r.GetDouble(i), "R"), ColumnKind.Number);
        if (fieldType == typeof(float))
            return ((r, i, c) => c.Add(r.GetFloat(i), "R"), ColumnKind.Number);
        if (fieldType == typeof(bool))
            return ((r, i, c) => c.Add(r.GetBoolean(i) ? "1" : "0"), ColumnKind.Number);
        if (fieldType == typeof(DateTime))
        {
            return dataTypeName.Equals("DATE", StringComparison.OrdinalIgnoreCase)
                ? ((r, i, c) => c.Add(r.GetDateTime(i), "yyyy-MM-dd"), ColumnKind.Text)
                : ((r, i, c) => c.Advance(DateTimeText(r.GetDateTime(i), c.GetSpan(26))), ColumnKind.Text);
        }

        if (fieldType == typeof(DateOnly))
            return ((r, i, c) => c.Add(r.GetFieldValue<DateOnly>(i), "yyyy-MM-dd"), ColumnKind.Text);
        if (fieldType == typeof(byte[]))
            return ((r, i, c) => Base64((byte[])r.GetValue(i), c), ColumnKind.Text);
        if (fieldType == typeof(TimeSpan))
            return ((r, i, c) => c.Add(r.GetTimeSpan(i), "c"), ColumnKind.Text);
        var kind = IsNumber(fieldType) ? ColumnKind.Number : ColumnKind.Text;
        return ((r, i, c) => c.Add(Format(r.GetValue(i))), kind);
    }

    /// <summary>
    /// Writes DATETIME text into <paramref name="text"/>: seconds, and microseconds only when there are any (by hand:
    /// custom format strings are slow); returns the bytes written (19 or 26).
    /// </summary>
    public static int DateTimeText(DateTime value, Span<byte> text)
    {
        var micros = (int)(value.Ticks % TimeSpan.TicksPerSecond / 10);
        Digits(text[..4], value.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), value.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), value.Day);
        text[10] = (byte)' ';
        Digits(text.Slice(11, 2), value.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), value.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), value.Second);
        if (micros == 0)
            return 19;
        text[19] = (byte)'.';
        Digits(text.Slice(20, 6), micros);
        return 26;
    }

    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10)
            text[i] = (byte)('0' + (value % 10));
    }

    private static void Base64(byte[] value, RowChunk chunk)
    {
        var text = chunk.GetSpan(System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(value.Length));
        System.Buffers.Text.Base64.EncodeToUtf8(value, text, out _, out var written);
        chunk.Advance(written);
    }

    private static string Format(object value) => value switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsNumber(Type type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(System.Numerics.BigInteger);
}
