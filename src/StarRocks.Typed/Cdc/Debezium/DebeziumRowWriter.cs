using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Encodings.Web;
using System.Text.Unicode;
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
[SkipLocalsInit] // every stackalloc'd buffer here is written before it is read
internal sealed class DebeziumRowWriter
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly TimeZoneInfo _zone;
    private byte[] _scratch = new byte[256];

    public DebeziumRowWriter(TimeZoneInfo zone)
    {
        _zone = zone;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Relaxed, SkipValidation = true });
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

    /// <summary>
    /// The fast path of <see cref="TryWriteRow"/> for a row image in the compact form <see cref="CompactJson"/> reads:
    /// writes the object at <paramref name="position"/> and moves past it. Returns false, having written nothing to rely
    /// on, for a member no column names, a value outside that form or not of its column's encoding (an error
    /// included): the caller then writes the image with <see cref="TryWriteRow"/>, which writes it or names the error.
    /// </summary>
    public bool TryWriteCompactRow(ReadOnlySpan<byte> json, ref int position, DebeziumColumn[] columns, CdcTableId table)
    {
        try
        {
            return WriteCompactRow(json, ref position, columns, table);
        }
        catch (DebeziumEventException)
        {
            return false; // the reader's path throws it again, for the image it decides is this table's
        }
    }

    /// <summary>
    /// <see cref="TryWriteCompactRow"/> but for the errors a conversion throws. Not inlined, so that the exception
    /// handling stays out of its per-member loop: inside it, the loop's positions would live in memory (13 % of an
    /// event's decoding, measured). For the same reason the positions here are never passed by reference: the values'
    /// readers return where they end, the values' writers what they wrote.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WriteCompactRow(ReadOnlySpan<byte> json, ref int position, DebeziumColumn[] columns, CdcTableId table)
    {
        _buffer.ResetWrittenCount();
        int at = position;
        if ((uint)at >= (uint)json.Length || json[at++] != (byte)'{') return false;
        var output = _buffer.GetSpan(json.Length - position + MaxConvertedLength);
        int n = 0;
        output[n++] = (byte)'{';
        if (at < json.Length && json[at] == (byte)'}')
        {
            at++;
        }
        else
        {
            int next = 0;
            while (true)
            {
                // Members come in the columns' order: the next column's "name": is compared first, before searching.
                DebeziumColumn? column = next < columns.Length ? columns[next] : null;
                if (column?.CompactMember is { } expected && expected.IsAt(json, at))
                {
                    at += expected.Bytes.Length;
                    next++;
                }
                else
                {
                    int nameEnd = CompactJson.AfterString(json, at, out _);
                    if (nameEnd < 0 || nameEnd >= json.Length || json[nameEnd] != (byte)':') return false;
                    int index = Find(json[(at + 1)..(nameEnd - 1)], columns, next);
                    if (index < 0) return false;
                    (column, next, at) = (columns[index], index + 1, nameEnd + 1);
                }
                var member = column.WrittenMember;
                int room = member.Length + Vector128<byte>.Count + MaxConvertedLength + (json.Length - at);
                if (output.Length - n < room)
                {
                    _buffer.Advance(n);
                    output = _buffer.GetSpan(room);
                    n = 0;
                }
                if (column.WrittenAsRead) column.CompactMember!.WriteTo(output[n..]);
                else member.CopyTo(output[n..]);
                n += member.Length;
                var (end, written) = WriteCompactValue(json, at, column, table, output[n..]);
                if ((uint)end >= (uint)json.Length) return false;
                n += written;
                at = end + 1;
                if (json[end] == (byte)'}') break;
                if (json[end] != (byte)',') return false;
                output[n++] = (byte)',';
            }
        }
        output[n++] = (byte)'}';
        _buffer.Advance(n);
        position = at;
        return true;
    }

    /// <summary>
    /// Writes the value at <paramref name="position"/> of <see cref="TryWriteCompactRow"/> to the start of
    /// <paramref name="output"/> (room for the value's bytes or <see cref="MaxConvertedLength"/>): where it ends in
    /// <paramref name="json"/> (-1 when the fast path does not take it) and how many bytes it wrote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int End, int Written) WriteCompactValue(ReadOnlySpan<byte> json, int position, DebeziumColumn column, CdcTableId table, Span<byte> output)
    {
        var refused = (-1, 0);
        if ((uint)position >= (uint)json.Length) return refused;
        int end;
        if (json[position] == (byte)'n')
        {
            if ((end = CompactJson.AfterLiteral(json, position, "null"u8)) < 0) return refused;
            "null"u8.CopyTo(output);
            return (end, 4);
        }
        switch (column.Encoding)
        {
            case DebeziumEncoding.Plain when json[position] == (byte)'"':
                // Copied as it is when the relaxed encoder JsonRowWriter uses would escape none of it.
                end = CompactJson.AfterString(json, position, out bool printableAscii);
                if (end < 0 || (!printableAscii && Relaxed.FindFirstCharacterToEncodeUtf8(json[(position + 1)..(end - 1)]) >= 0)) return refused;
                return (end, Copy(json, position, end, output));
            case DebeziumEncoding.Plain when json[position] is (byte)'t' or (byte)'f':
                end = CompactJson.AfterLiteral(json, position, json[position] == (byte)'t' ? "true"u8 : "false"u8);
                return end < 0 ? refused : (end, Copy(json, position, end, output));
            case DebeziumEncoding.Plain:
            case DebeziumEncoding.DecimalBytes or DebeziumEncoding.DecimalText when json[position] != (byte)'"':
                end = CompactJson.AfterNumber(json, position);
                return end < 0 ? refused : (end, Copy(json, position, end, output));
            case DebeziumEncoding.DecimalBytes:
                end = CompactJson.AfterString(json, position, out _);
                return end < 0 ? refused : (end, FormatDecimalBytes(json[(position + 1)..(end - 1)], column, table, output));
            case DebeziumEncoding.DecimalText:
                end = CompactJson.AfterString(json, position, out _);
                return end < 0 || !IsPlainDecimal(json[(position + 1)..(end - 1)]) ? refused : (end, Copy(json, position + 1, end - 1, output));
            case DebeziumEncoding.ZonedTimestamp:
                // The reader's own ISO-8601 parsing, over just this string.
                if ((end = CompactJson.AfterString(json, position, out _)) < 0) return refused;
                var reader = new Utf8JsonReader(json[position..end]);
                if (!reader.Read() || !reader.TryGetDateTimeOffset(out var instant)) return refused;
                return (end, Quote(FormatZoned(instant, column, table, output[1..]), output));
            case DebeziumEncoding.JsonText:
                return refused;
            default:
                end = CompactJson.AfterInteger(json, position, out long value);
                return end < 0 ? refused : (end, Quote(FormatInteger(value, column, table, output[1..]), output));
        }
    }

    /// <summary>Copies <c>json[from..to]</c> to the start of <paramref name="output"/>, one 16-byte move for a short token (the output has room for it); the bytes copied.</summary>
    private static int Copy(ReadOnlySpan<byte> json, int from, int to, Span<byte> output)
    {
        if (to - from <= Vector128<byte>.Count && json.Length - from >= Vector128<byte>.Count && Vector128.IsHardwareAccelerated)
        {
            Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)from).StoreUnsafe(ref MemoryMarshal.GetReference(output));
        }
        else
        {
            json[from..to].CopyTo(output);
        }
        return to - from;
    }

    /// <summary>Quotes the <paramref name="length"/> bytes of text formatted at <c>output[1]</c>; the bytes written.</summary>
    private static int Quote(int length, Span<byte> output)
    {
        output[0] = (byte)'"';
        output[1 + length] = (byte)'"';
        return length + 2;
    }

    /// <summary>The column named by the current property.</summary>
    private DebeziumColumn? Find(ref Utf8JsonReader reader, DebeziumColumn[] columns, ref int next)
    {
        int index = Find(Unescaped(ref reader), columns, next);
        if (index < 0) return null;
        next = index + 1;
        return columns[index];
    }

    /// <summary>The index of the column named <paramref name="name"/> (-1 when none): from <paramref name="next"/> on first (payloads follow schema order).</summary>
    private static int Find(ReadOnlySpan<byte> name, DebeziumColumn[] columns, int next)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            int index = next + i < columns.Length ? next + i : next + i - columns.Length;
            if (name.SequenceEqual(columns[index].Utf8Name)) return index;
        }
        return -1;
    }

    private void WriteValue(ref Utf8JsonReader reader, DebeziumColumn column, CdcTableId table)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            _writer.WriteNullValue();
            return;
        }
        Span<byte> text = stackalloc byte[MaxConvertedLength];
        switch (column.Encoding)
        {
            case DebeziumEncoding.Plain:
                WritePlain(ref reader, column, table);
                break;
            case DebeziumEncoding.ZonedTimestamp:
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var instant))
                    throw Unexpected(column, table, "an ISO-8601 timestamp with offset (io.debezium.time.ZonedTimestamp)", ref reader);
                _writer.WriteStringValue(text[..FormatZoned(instant, column, table, text)]);
                break;
            case DebeziumEncoding.DecimalBytes:
                if (reader.TokenType == JsonTokenType.Number) _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                else if (reader.TokenType != JsonTokenType.String) throw Unexpected(column, table, "base64 decimal bytes (org.apache.kafka.connect.data.Decimal)", ref reader);
                else _writer.WriteRawValue(text[..FormatDecimalBytes(Unescaped(ref reader), column, table, text)], skipInputValidation: true);
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
            default:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
                    throw Unexpected(column, table, $"an integer ({IntegerMeaning(column.Encoding)})", ref reader);
                _writer.WriteStringValue(text[..FormatInteger(value, column, table, text)]);
                break;
        }
    }

    /// <summary>The longest text a converted value takes: a DECIMAL of 64 bytes' unscaled value with its scale, or a TIME or DATETIME.</summary>
    private const int MaxConvertedLength = 256;

    private static string IntegerMeaning(DebeziumEncoding encoding) => encoding switch
    {
        DebeziumEncoding.EpochDays => "days since 1970-01-01",
        DebeziumEncoding.TimeMillis => "milliseconds past midnight",
        DebeziumEncoding.TimeMicros => "microseconds past midnight",
        DebeziumEncoding.TimeNanos => "nanoseconds past midnight",
        DebeziumEncoding.TimestampMillis => "epoch milliseconds",
        DebeziumEncoding.TimestampMicros => "epoch microseconds",
        _ => "epoch nanoseconds",
    };

    /// <summary>The text (unquoted) of an integer-encoded value: a date, a time of day or a wall-clock DATETIME.</summary>
    private static int FormatInteger(long value, DebeziumColumn column, CdcTableId table, Span<byte> text)
    {
        switch (column.Encoding)
        {
            case DebeziumEncoding.EpochDays:
                if (value < DateOnly.MinValue.DayNumber - EpochDayNumber || value > DateOnly.MaxValue.DayNumber - EpochDayNumber)
                    throw OutOfRange(column, table, value, "DATE");
                return Utf8ValueFormatter.FormatDate(text, DateOnly.FromDayNumber(EpochDayNumber + (int)value));
            case DebeziumEncoding.TimeMillis:
                return FormatTime(ScaleTicks(value, TimeSpan.TicksPerMillisecond, column, table), text);
            case DebeziumEncoding.TimeMicros:
                return FormatTime(ScaleTicks(value, TimeSpan.TicksPerMicrosecond, column, table), text);
            case DebeziumEncoding.TimeNanos:
                return FormatTime(NanosToTicks(value), text);
            case DebeziumEncoding.TimestampMillis:
                return FormatEpochTicks(ScaleTicks(value, TimeSpan.TicksPerMillisecond, column, table), column, table, text);
            case DebeziumEncoding.TimestampMicros:
                return FormatEpochTicks(ScaleTicks(value, TimeSpan.TicksPerMicrosecond, column, table), column, table, text);
            default:
                return FormatEpochTicks(NanosToTicks(value), column, table, text);
        }
    }

    /// <summary>The text (unquoted) of a ZonedTimestamp: the instant's wall-clock time in the configured zone.</summary>
    private int FormatZoned(DateTimeOffset instant, DebeziumColumn column, CdcTableId table, Span<byte> text)
    {
        if (!Utf8ValueFormatter.TryToZone(instant, _zone, out var wallClock))
            throw new DebeziumEventException($"Table {table}, column '{column.Name}': {Utf8ValueFormatter.OutOfZoneRange(instant, _zone)}");
        return Utf8ValueFormatter.FormatDateTime(text, wallClock);
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
                var text = Unescaped(ref reader);
                if (!Utf8.IsValid(text)) throw new DebeziumEventException($"Table {table}, column '{column.Name}': the string is not valid UTF-8.");
                _writer.WriteStringValue(text);
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

    /// <summary><paramref name="value"/> × <paramref name="ticksPerUnit"/>, refused when it overflows (checked on the 128-bit product: no division).</summary>
    private static long ScaleTicks(long value, long ticksPerUnit, DebeziumColumn column, CdcTableId table)
    {
        long high = Math.BigMul(value, ticksPerUnit, out long ticks);
        if (high != ticks >> 63) throw OutOfRange(column, table, value, "time");
        return ticks;
    }

    /// <summary>Nanoseconds to 100 ns ticks, rounding toward negative infinity (sub-tick digits are dropped, as the writers drop sub-microsecond ticks).</summary>
    private static long NanosToTicks(long nanos)
    {
        var (quotient, remainder) = Math.DivRem(nanos, 100L);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static int FormatEpochTicks(long ticks, DebeziumColumn column, CdcTableId table, Span<byte> text)
    {
        if (ticks < DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks || ticks > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)
            throw OutOfRange(column, table, ticks, "DATETIME (ticks)");
        return Utf8ValueFormatter.FormatDateTime(text, new DateTime(DateTime.UnixEpoch.Ticks + ticks));
    }

    /// <summary>
    /// TIME as <c>[-]HH:mm:ss[.fffffff]</c> with trailing fraction zeros dropped (the library's TimeOnly text, see
    /// <see cref="Utf8ValueFormatter.TimeOnlyFormat"/>); MySQL's TIME also goes below zero and past 24 hours (to 838:59:59),
    /// which keeps the sign and the hour count.
    /// </summary>
    private static int FormatTime(long ticks, Span<byte> text)
    {
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
        return n;
    }

    /// <summary>A Connect <c>Decimal</c>: base64 of the unscaled value (big-endian two's complement), as the exact decimal number's text.</summary>
    private static int FormatDecimalBytes(ReadOnlySpan<byte> base64, DebeziumColumn column, CdcTableId table, Span<byte> text)
    {
        if (column.Scale >= 0 && TryDecodeShortBase64(base64, out long value))
        {
            return Utf8ValueFormatter.FormatFixedPoint(text, value, column.Scale);
        }

        Span<byte> digits = stackalloc byte[200];
        Span<byte> bytes = stackalloc byte[64];
        if (Base64.GetMaxDecodedFromUtf8Length(base64.Length) > bytes.Length
            || Base64.DecodeFromUtf8(base64, bytes, out _, out int length) != OperationStatus.Done
            || length == 0)
            throw new DebeziumEventException($"Table {table}, column '{column.Name}': the decimal value is not base64 of at most 64 bytes (org.apache.kafka.connect.data.Decimal).");
        bytes = bytes[..length];
        int n;
        if (length <= 8)
        {
            long unscaled = (sbyte)bytes[0] < 0 ? -1 : 0;
            foreach (byte b in bytes) unscaled = (unscaled << 8) | b;
            n = Utf8ValueFormatter.FormatInt64(digits, unscaled);
        }
        else if (length <= 16)
        {
            Int128 unscaled = (sbyte)bytes[0] < 0 ? Int128.NegativeOne : Int128.Zero;
            foreach (byte b in bytes) unscaled = (unscaled << 8) | b;
            n = Utf8ValueFormatter.FormatInt128(digits, unscaled);
        }
        else
        {
            Span<char> chars = stackalloc char[digits.Length];
            new BigInteger(bytes, isUnsigned: false, isBigEndian: true).TryFormat(chars, out n, default, CultureInfo.InvariantCulture);
            for (int i = 0; i < n; i++) digits[i] = (byte)chars[i];
        }
        return PlaceDecimalPoint(digits[..n], column.Scale, text);
    }

    /// <summary>
    /// The common case of <see cref="FormatDecimalBytes"/> without the general decoder: canonical base64 (padded, unused
    /// bits zero) of one to eight bytes, as the big-endian two's-complement value they hold. False for anything else,
    /// which the general decoder then reads (or refuses) as before.
    /// </summary>
    private static bool TryDecodeShortBase64(ReadOnlySpan<byte> base64, out long value)
    {
        value = 0;
        if (base64.Length is not (4 or 8 or 12)) return false;
        int padding = base64[^1] != (byte)'=' ? 0 : base64[^2] != (byte)'=' ? 1 : 2;
        int bytes = base64.Length / 4 * 3 - padding;
        if (bytes > 8) return false;
        // Up to 11 digits: 66 bits, of which the low 64 are accumulated; the first digit's top two bits are put back after.
        ulong bits = 0;
        var alphabet = Base64Digits;
        int digits = base64.Length - padding;
        for (int i = 0; i < digits; i++)
        {
            int digit = alphabet[base64[i]];
            if (digit < 0) return false;
            bits = (bits << 6) | (uint)digit;
        }
        int unused = padding * 2; // bits of the last digit past the bytes: 2 with one '=', 4 with two
        if ((bits & ((1UL << unused) - 1)) != 0) return false;
        ulong raw = bits >> unused;
        if (digits == 11) raw |= (ulong)(alphabet[base64[0]] >> 4) << 62;
        int shift = 64 - 8 * bytes;
        value = (long)(raw << shift) >> shift; // sign-extended
        return true;
    }

    /// <summary>Each byte's base64 digit value (RFC 4648 alphabet), -1 when it is not one.</summary>
    private static ReadOnlySpan<sbyte> Base64Digits => new sbyte[]
    {
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
        -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
        -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    };

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
