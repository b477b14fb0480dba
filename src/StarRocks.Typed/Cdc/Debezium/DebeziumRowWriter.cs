using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Rewrites one row image of a Debezium payload (<c>before</c>, <c>after</c> or the key) into the row JSON the CDC sink
/// takes: each value in StarRocks's JSON load form, as <see cref="JsonRowWriter"/> writes the same StarRocks type (DATE and
/// DATETIME as text, DECIMAL as an exact number token, TIME as <c>HH:mm:ss[.fffffff]</c> text, JSON columns as JSON values,
/// strings escaped like it). Streams from <see cref="Utf8JsonReader"/> to <see cref="Utf8JsonWriter"/> over one reused
/// buffer: no DOM, no allocation per row.
/// </summary>
internal sealed class DebeziumRowWriter
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly TimeZoneInfo _zone;
    private byte[] _scratch = new byte[256];

    public DebeziumRowWriter(TimeZoneInfo zone)
    {
        _zone = zone;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>The row written last; valid until the next <see cref="WriteRow"/>.</summary>
    public ReadOnlyMemory<byte> Row => _buffer.WrittenMemory;

    /// <summary>Writes the JSON object <paramref name="image"/> (one row image) with each member decoded by its column.</summary>
    public void WriteRow(ReadOnlySpan<byte> image, DebeziumColumn[] columns, CdcTableId table)
    {
        var reader = new Utf8JsonReader(image);
        reader.Read();
        TryWriteRow(ref reader, columns, table, guessing: false);
    }

    /// <summary>
    /// Writes the row image starting at the reader's current token, leaving the reader on its end. When
    /// <paramref name="guessing"/> (the columns are those of the previous event's table, not yet confirmed), a member no
    /// column names returns false instead of throwing.
    /// </summary>
    public bool TryWriteRow(ref Utf8JsonReader reader, DebeziumColumn[] columns, CdcTableId table, bool guessing)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        if (reader.TokenType != JsonTokenType.StartObject) throw new DebeziumEventException($"Table {table}: a row image is not a JSON object.");
        _writer.WriteStartObject();
        int next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = Find(ref reader, columns, ref next);
            if (column is null)
            {
                if (guessing) return false;
                throw new DebeziumEventException($"Table {table}, column '{reader.GetString()}': the row has a column its schema does not describe.");
            }
            _writer.WritePropertyName(column.WrittenName);
            reader.Read();
            WriteValue(ref reader, column, table);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return true;
    }

    /// <summary>The column named by the current property: the one after the last match first (payloads follow schema order).</summary>
    private static DebeziumColumn? Find(ref Utf8JsonReader reader, DebeziumColumn[] columns, ref int next)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            int index = next + i < columns.Length ? next + i : next + i - columns.Length;
            if (DebeziumChangeStreamTarget.IsName(ref reader, columns[index].Utf8Name))
            {
                next = index + 1;
                return columns[index];
            }
        }
        return null;
    }

    private void WriteValue(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            _writer.WriteNullValue();
            return;
        }
        switch (column.Encoding)
        {
            case DebeziumEncoding.Plain:
                WritePlain(ref reader, column, table);
                break;
            case DebeziumEncoding.EpochDays:
                long days = Integer(ref reader, column, table, "days since 1970-01-01");
                if (days < DateOnly.MinValue.DayNumber - EpochDayNumber || days > DateOnly.MaxValue.DayNumber - EpochDayNumber)
                    throw OutOfRange(column, table, days, "DATE");
                Span<byte> date = stackalloc byte[Utf8ValueFormatter.MaxDateLength];
                _writer.WriteStringValue(date[..Utf8ValueFormatter.FormatDate(date, DateOnly.FromDayNumber(EpochDayNumber + (int)days))]);
                break;
            case DebeziumEncoding.TimeMillis:
                WriteTime(ScaleTicks(Integer(ref reader, column, table, "milliseconds past midnight"), TimeSpan.TicksPerMillisecond, column, table));
                break;
            case DebeziumEncoding.TimeMicros:
                WriteTime(ScaleTicks(Integer(ref reader, column, table, "microseconds past midnight"), TimeSpan.TicksPerMicrosecond, column, table));
                break;
            case DebeziumEncoding.TimeNanos:
                WriteTime(NanosToTicks(Integer(ref reader, column, table, "nanoseconds past midnight")));
                break;
            case DebeziumEncoding.TimestampMillis:
                WriteEpochTicks(ScaleTicks(Integer(ref reader, column, table, "epoch milliseconds"), TimeSpan.TicksPerMillisecond, column, table), column, table);
                break;
            case DebeziumEncoding.TimestampMicros:
                WriteEpochTicks(ScaleTicks(Integer(ref reader, column, table, "epoch microseconds"), TimeSpan.TicksPerMicrosecond, column, table), column, table);
                break;
            case DebeziumEncoding.TimestampNanos:
                WriteEpochTicks(NanosToTicks(Integer(ref reader, column, table, "epoch nanoseconds")), column, table);
                break;
            case DebeziumEncoding.ZonedTimestamp:
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var instant))
                    throw Unexpected(column, table, "an ISO-8601 timestamp with offset (io.debezium.time.ZonedTimestamp)", ref reader);
                if (!Utf8ValueFormatter.TryToZone(instant, _zone, out var wallClock))
                    throw new DebeziumEventException($"Table {table}, column '{column.Name}': {Utf8ValueFormatter.OutOfZoneRange(instant, _zone)}");
                Span<byte> dateTime = stackalloc byte[Utf8ValueFormatter.MaxDateTimeLength];
                _writer.WriteStringValue(dateTime[..Utf8ValueFormatter.FormatDateTime(dateTime, wallClock)]);
                break;
            case DebeziumEncoding.DecimalBytes:
                if (reader.TokenType == JsonTokenType.Number) _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                else WriteDecimalBytes(ref reader, column, table);
                break;
            case DebeziumEncoding.DecimalText:
                if (reader.TokenType == JsonTokenType.Number) _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                else WriteDecimalText(ref reader, column, table);
                break;
            case DebeziumEncoding.JsonText:
                if (reader.TokenType != JsonTokenType.String) throw Unexpected(column, table, "a string holding JSON text (io.debezium.data.Json)", ref reader);
                try { _writer.WriteRawValue(Unescaped(ref reader), skipInputValidation: false); }
                catch (Exception e) when (e is JsonException or ArgumentException)
                {
                    throw new DebeziumEventException($"Table {table}, column '{column.Name}': the io.debezium.data.Json value is not a single JSON value.", e);
                }
                break;
        }
    }

    private void WritePlain(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                _writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                break;
            case JsonTokenType.String:
                _writer.WriteStringValue(Unescaped(ref reader));
                break;
            default:
                throw Unexpected(column, table, "a number, boolean or string", ref reader);
        }
    }

    /// <summary>The current string's UTF-8 content, unescaped (into the scratch buffer only when it has escapes).</summary>
    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        if (_scratch.Length < reader.ValueSpan.Length) _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        return _scratch.AsSpan(0, reader.CopyString(_scratch));
    }

    private static long Integer(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table, string meaning)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
            throw Unexpected(column, table, $"an integer ({meaning})", ref reader);
        return value;
    }

    private static long ScaleTicks(long value, long ticksPerUnit, DebeziumColumn column, CdcTableId table)
    {
        long ticks = value * ticksPerUnit;
        if (ticks / ticksPerUnit != value) throw OutOfRange(column, table, value, "time");
        return ticks;
    }

    /// <summary>Nanoseconds to 100 ns ticks, rounding toward negative infinity (sub-tick digits are dropped, as the writers drop sub-microsecond ticks).</summary>
    private static long NanosToTicks(long nanos)
    {
        var (quotient, remainder) = Math.DivRem(nanos, 100L);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private void WriteEpochTicks(long ticks, DebeziumColumn column, CdcTableId table)
    {
        long absolute = DateTime.UnixEpoch.Ticks + ticks;
        if (ticks < DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks || ticks > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)
            throw OutOfRange(column, table, ticks, "DATETIME (ticks)");
        Span<byte> text = stackalloc byte[Utf8ValueFormatter.MaxDateTimeLength];
        _writer.WriteStringValue(text[..Utf8ValueFormatter.FormatDateTime(text, new DateTime(absolute))]);
    }

    /// <summary>
    /// TIME as <c>[-]HH:mm:ss[.fffffff]</c> with trailing fraction zeros dropped (the library's TimeOnly text, see
    /// <see cref="Utf8ValueFormatter.TimeOnlyFormat"/>); MySQL's TIME also goes below zero and past 24 hours (to 838:59:59),
    /// which keeps the sign and the hour count.
    /// </summary>
    private void WriteTime(long ticks)
    {
        Span<byte> text = stackalloc byte[40];
        int n = 0;
        ulong magnitude = ticks < 0 ? (ulong)-(ticks + 1) + 1 : (ulong)ticks;
        if (ticks < 0) text[n++] = (byte)'-';
        ulong seconds = magnitude / TimeSpan.TicksPerSecond;
        ulong fraction = magnitude % TimeSpan.TicksPerSecond;
        (seconds / 3600).TryFormat(text[n..], out int written, "00", CultureInfo.InvariantCulture);
        n += written;
        text[n++] = (byte)':';
        (seconds / 60 % 60).TryFormat(text[n..], out written, "00", CultureInfo.InvariantCulture);
        n += written;
        text[n++] = (byte)':';
        (seconds % 60).TryFormat(text[n..], out written, "00", CultureInfo.InvariantCulture);
        n += written;
        if (fraction != 0)
        {
            text[n++] = (byte)'.';
            fraction.TryFormat(text[n..], out written, "0000000", CultureInfo.InvariantCulture);
            n += written;
            while (text[n - 1] == (byte)'0') n--;
        }
        _writer.WriteStringValue(text[..n]);
    }

    /// <summary>A Connect <c>Decimal</c>: base64 of the unscaled value (big-endian two's complement), written as the exact decimal number.</summary>
    private void WriteDecimalBytes(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table)
    {
        if (reader.TokenType != JsonTokenType.String) throw Unexpected(column, table, "base64 decimal bytes (org.apache.kafka.connect.data.Decimal)", ref reader);
        var base64 = Unescaped(ref reader);
        Span<byte> bytes = stackalloc byte[64];
        if (Base64.GetMaxDecodedFromUtf8Length(base64.Length) > bytes.Length
            || Base64.DecodeFromUtf8(base64, bytes, out _, out int length) != OperationStatus.Done
            || length == 0)
            throw new DebeziumEventException($"Table {table}, column '{column.Name}': the decimal value is not base64 of at most 64 bytes (org.apache.kafka.connect.data.Decimal).");
        bytes = bytes[..length];
        Span<byte> digits = stackalloc byte[200];
        int n;
        if (length <= 16)
        {
            Int128 unscaled = (sbyte)bytes[0] < 0 ? Int128.NegativeOne : Int128.Zero;
            foreach (byte b in bytes) unscaled = (unscaled << 8) | b;
            unscaled.TryFormat(digits, out n, default, CultureInfo.InvariantCulture);
        }
        else
        {
            Span<char> chars = stackalloc char[digits.Length];
            new BigInteger(bytes, isUnsigned: false, isBigEndian: true).TryFormat(chars, out n, default, CultureInfo.InvariantCulture);
            for (int i = 0; i < n; i++) digits[i] = (byte)chars[i];
        }
        Span<byte> text = stackalloc byte[256];
        _writer.WriteRawValue(text[..PlaceDecimalPoint(digits[..n], column.Scale, text)], skipInputValidation: true);
    }

    /// <summary>Writes <paramref name="unscaled"/> (<c>[-]digits</c>) with <paramref name="scale"/> fraction digits into <paramref name="text"/>.</summary>
    internal static int PlaceDecimalPoint(ReadOnlySpan<byte> unscaled, int scale, Span<byte> text)
    {
        int n = 0;
        if (unscaled[0] == (byte)'-')
        {
            text[n++] = (byte)'-';
            unscaled = unscaled[1..];
        }
        if (scale <= 0)
        {
            unscaled.CopyTo(text[n..]);
            n += unscaled.Length;
            if (unscaled is not [(byte)'0']) for (int i = 0; i < -scale; i++) text[n++] = (byte)'0';
            return n;
        }
        int integerDigits = unscaled.Length - scale;
        if (integerDigits <= 0)
        {
            text[n++] = (byte)'0';
            text[n++] = (byte)'.';
            for (int i = 0; i < -integerDigits; i++) text[n++] = (byte)'0';
            unscaled.CopyTo(text[n..]);
            return n + unscaled.Length;
        }
        unscaled[..integerDigits].CopyTo(text[n..]);
        n += integerDigits;
        text[n++] = (byte)'.';
        unscaled[integerDigits..].CopyTo(text[n..]);
        return n + scale;
    }

    /// <summary><c>decimal.handling.mode=string</c>: plain decimal text (<c>[-]digits[.digits]</c>), written as the number it is.</summary>
    private void WriteDecimalText(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table)
    {
        var text = reader.TokenType == JsonTokenType.String ? Unescaped(ref reader) : default;
        if (!IsPlainDecimal(text)) throw Unexpected(column, table, "plain decimal text (decimal.handling.mode=string)", ref reader);
        _writer.WriteRawValue(text, skipInputValidation: true);
    }

    private static bool IsPlainDecimal(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith((byte)'-')) text = text[1..];
        int point = text.IndexOf((byte)'.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "0"u8 : text[(point + 1)..];
        return !integer.IsEmpty && !fraction.IsEmpty
            && !integer.ContainsAnyExceptInRange((byte)'0', (byte)'9') && !fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && (integer.Length == 1 || integer[0] != (byte)'0');
    }

    private static DebeziumEventException Unexpected(DebeziumColumn column, CdcTableId table, string expected, ref Utf8JsonReader reader)
        => new($"Table {table}, column '{column.Name}': expected {expected}, got a JSON {Describe(reader.TokenType)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object (structured values such as io.debezium.data.geometry.* cannot be loaded)",
        JsonTokenType.StartArray => "array (ARRAY columns are not supported)",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => token.ToString().ToLowerInvariant(),
    };

    private static DebeziumEventException OutOfRange(DebeziumColumn column, CdcTableId table, long value, string type)
        => new($"Table {table}, column '{column.Name}': {value.ToString(CultureInfo.InvariantCulture)} is outside the {type} range.");
}
