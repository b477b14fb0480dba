using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StarRocks.Typed.Generated;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Writes rows as CSV in UTF-8 for Stream Load (<c>format: csv</c>), straight into an <see cref="IBufferWriter{T}"/>.
/// Per row: <see cref="BeginRow"/>, one value method per column in table order (the writer inserts the column
/// separator), then <see cref="EndRow()"/> or <see cref="EndRow(StarRocksOperation)"/>; at the end
/// <see cref="Complete"/>. NULL is <c>\N</c>; strings are enclosed or rejected by the rules in docs/serialization.md.
/// Methods that can reject a value take the column name for the exception message.
/// </summary>
public ref struct CsvRowWriter : IRowWriter
{
    private Utf8Buffer _buffer;
    private readonly CsvFormat _format;
    private readonly ReadOnlySpan<byte> _separator;
    private readonly ReadOnlySpan<byte> _delimiter;
    private readonly SearchValues<byte> _special;
    private readonly ReadOnlySpan<byte> _specialAscii;
    private readonly ReadOnlySpan<byte> _nullMarker;
    private readonly int _separatorByte; // the separator when it is one byte, else -1
    private bool _needSeparator;
    private int _rows;
    private long _rowStart;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Where the UTF-8 bytes go.</param>
    /// <param name="format">The CSV dialect; null for <see cref="CsvFormat.Default"/>.</param>
    public CsvRowWriter(IBufferWriter<byte> output, CsvFormat? format = null)
    {
        _buffer = new Utf8Buffer(output);
        _format = format ?? CsvFormat.Default;
        _separator = _format.ColumnSeparatorBytes;
        _delimiter = _format.RowDelimiterBytes;
        _separatorByte = _separator.Length == 1 ? _separator[0] : -1;
        _special = _format.SpecialBytes;
        _specialAscii = _format.SpecialAsciiTable;
        _nullMarker = _format.NullMarkerBytes;
    }

    /// <summary>The format this writer follows.</summary>
    public readonly CsvFormat Format => _format;

    /// <summary>Bytes written so far (flushed or not).</summary>
    public readonly long BytesWritten => _buffer.BytesWritten;

    /// <summary>Rows ended so far.</summary>
    public readonly int RowCount => _rows;

    /// <summary>Starts a row (the next value is its first field).</summary>
    public void BeginRow()
    {
        _needSeparator = false;
        _rowStart = _buffer.BytesWritten;
    }

    /// <summary>Ends the row with the row delimiter.</summary>
    public void EndRow()
    {
        if (_buffer.BytesWritten == _rowStart) WriteBlankRowField();
        if (_delimiter.Length == 1) _buffer.Write(_delimiter[0]);
        else _buffer.Write(_delimiter);
        _needSeparator = false;
        _rows++;
        _rowStart = _buffer.BytesWritten;
    }

    /// <summary>
    /// Ends the row after a last field <c>0</c> (upsert) or <c>1</c> (delete): the <c>__op</c> column of PRIMARY KEY
    /// tables, announced by <see cref="StarRocksHeaders"/> with <c>withOperation: true</c>.
    /// </summary>
    /// <param name="operation">The row operation.</param>
    public void EndRow(StarRocksOperation operation)
    {
        var span = StartField(1);
        span[0] = operation == StarRocksOperation.Delete ? (byte)'1' : (byte)'0';
        _buffer.Advance(1);
        EndRow();
    }

    /// <summary>Hands everything written so far to the buffer writer (call before flushing or reading it).</summary>
    public void Flush() => _buffer.Flush();

    /// <summary>Ends the body (CSV needs no trailer) and flushes.</summary>
    public void Complete() => _buffer.Flush();

    /// <summary>Writes NULL (<c>\N</c>; <c>\\N</c> when the escape byte is a backslash).</summary>
    public void WriteNull()
    {
        var marker = _nullMarker;
        var span = StartField(marker.Length);
        if (marker.Length == 2)
        {
            span[1] = marker[1];
            span[0] = marker[0];
        }
        else marker.CopyTo(span);
        _buffer.Advance(marker.Length);
    }

    /// <summary>Writes a BOOLEAN as <c>1</c> or <c>0</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value)
    {
        var span = StartField(1);
        span[0] = value ? (byte)'1' : (byte)'0';
        _buffer.Advance(1);
    }

    /// <summary>Writes a TINYINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteSByte(sbyte value) => WriteInt64(value);

    /// <summary>Writes a SMALLINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteByte(byte value) => WriteUInt64(value);

    /// <summary>Writes a SMALLINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt16(short value) => WriteInt64(value);

    /// <summary>Writes an INT.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt16(ushort value) => WriteUInt64(value);

    /// <summary>Writes an INT.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32(int value) => WriteInt64(value);

    /// <summary>Writes a BIGINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32(uint value) => WriteUInt64(value);

    /// <summary>Writes a BIGINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value)
        => _buffer.Advance(Utf8ValueFormatter.FormatInt64(StartField(Utf8ValueFormatter.MaxInt64Length), value));

    /// <summary>Writes a BIGINT or LARGEINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value)
        => _buffer.Advance(Utf8ValueFormatter.FormatUInt64(StartField(Utf8ValueFormatter.MaxInt64Length), value));

    /// <summary>Writes a LARGEINT.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt128(Int128 value)
        => _buffer.Advance(Utf8ValueFormatter.FormatInt128(StartField(Utf8ValueFormatter.MaxInt128Length), value));

    /// <summary>Writes a LARGEINT from a <see cref="UInt128"/>; a value past 2^127 − 1 throws <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteUInt128(UInt128 value, string column)
    {
        if (value > (UInt128)Int128.MaxValue) throw new StarRocksSerializationException(column, Utf8ValueFormatter.OutOfLargeIntRange(value));
        WriteInt128((Int128)value);
    }

    /// <summary>Writes a LARGEINT from a <see cref="System.Numerics.BigInteger"/>; a value outside LARGEINT's range throws <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteBigInteger(System.Numerics.BigInteger value, string column)
    {
        if (!Utf8ValueFormatter.FitsLargeInt(value)) throw new StarRocksSerializationException(column, Utf8ValueFormatter.OutOfLargeIntRange(value));
        WriteInt128((Int128)value);
    }

    /// <summary>Writes a FLOAT from a <see cref="Half"/> (its exact float value). NaN and infinities throw <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteHalf(Half value, string column) => WriteSingle((float)value, column);

    /// <summary>Writes a FLOAT (shortest round-trip text). NaN and infinities throw <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteSingle(float value, string column)
    {
        if (!float.IsFinite(value)) ThrowNotFinite(value, column);
        _buffer.Advance(Utf8ValueFormatter.FormatSingle(StartField(Utf8ValueFormatter.MaxDoubleLength), value));
    }

    /// <summary>Writes a DOUBLE (shortest round-trip text, as <c>ToString("R")</c>). NaN and infinities throw <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteDouble(double value, string column)
    {
        if (!double.IsFinite(value)) ThrowNotFinite(value, column);
        _buffer.Advance(Utf8ValueFormatter.FormatDouble(StartField(Utf8ValueFormatter.MaxDoubleLength), value));
    }

    /// <summary>Writes a DECIMAL, keeping the value's scale (<c>1.50m</c> → <c>1.50</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteDecimal(decimal value)
        => _buffer.Advance(Utf8ValueFormatter.FormatDecimal(StartField(Utf8ValueFormatter.MaxDecimalLength), value));

    /// <summary>
    /// Writes a DECIMAL(<paramref name="precision"/>,<paramref name="scale"/>) value as <see cref="WriteDecimal(decimal)"/>;
    /// a value with more than precision − scale integer digits, which StarRocks would refuse, throws
    /// <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">The column's precision.</param>
    /// <param name="scale">The column's scale.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteDecimal(decimal value, int precision, int scale, string column)
    {
        if (!ColumnLimits.FitsDecimal(value, precision, scale)) throw ColumnLimits.DecimalTooLarge(column, precision, scale);
        WriteDecimal(value);
    }

    /// <summary>
    /// Writes a CHAR/VARCHAR/STRING field of at most <paramref name="maxBytes"/> UTF-8 bytes, NULL for null; a longer
    /// value, which StarRocks would refuse, throws <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteString(string? value, int maxBytes, string column)
    {
        if (value is null) WriteNull();
        else WriteString(value.AsSpan(), maxBytes, column);
    }

    /// <summary>Writes a string field of at most <paramref name="maxBytes"/> UTF-8 bytes (see <see cref="WriteString(string?, int, string)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteString(scoped ReadOnlySpan<char> value, int maxBytes, string column)
    {
        if (!ColumnLimits.FitsUtf8(value, maxBytes)) throw ColumnLimits.TooLong(column, value, maxBytes);
        WriteString(value, column);
    }

    /// <summary>Writes a <see cref="char"/> into a CHAR/VARCHAR of <paramref name="maxBytes"/> bytes (see <see cref="WriteString(string?, int, string)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteChar(char value, int maxBytes, string column) => WriteString(new ReadOnlySpan<char>(in value), maxBytes, column);

    /// <summary>Writes a string field, NULL for null. See docs/serialization.md for enclosure and rejection rules.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the value cannot be represented.</param>
    public void WriteString(string? value, string column)
    {
        if (value is null) WriteNull();
        else WriteString(value.AsSpan(), column);
    }

    /// <summary>Writes a <see cref="char"/> as a one-character string field (a lone surrogate becomes U+FFFD).</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the value cannot be represented.</param>
    public void WriteChar(char value, string column) => WriteString(new ReadOnlySpan<char>(in value), column);

    /// <summary>Writes a string field. Lone surrogates become U+FFFD.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the value cannot be represented.</param>
    public void WriteString(scoped ReadOnlySpan<char> value, string column)
    {
        var span = StartField(checked(value.Length * 3));
        if (value.Length <= ShortStringLength && TryWriteShortAscii(value, span)) return;
        int n = Utf8ValueFormatter.TranscodeUtf16(value, span);
        CompleteTextField(span, n, column);
    }

    /// <summary>Writes a field from UTF-8 text (already valid UTF-8), with the same rules as <see cref="WriteString(ReadOnlySpan{char}, string)"/>.</summary>
    /// <param name="utf8">The UTF-8 text.</param>
    /// <param name="column">The column name, for the exception when the value cannot be represented.</param>
    public void WriteUtf8String(ReadOnlySpan<byte> utf8, string column)
    {
        var span = StartField(utf8.Length);
        utf8.CopyTo(span);
        CompleteTextField(span, utf8.Length, column);
    }

    /// <summary>Writes a DATE as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteDate(DateOnly value)
        => _buffer.Advance(Utf8ValueFormatter.FormatDate(StartField(Utf8ValueFormatter.MaxDateLength), value));

    /// <summary>Writes a DATETIME as <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c> (the kind is ignored; sub-microsecond ticks truncated).</summary>
    /// <param name="value">The value.</param>
    public void WriteDateTime(DateTime value)
        => _buffer.Advance(Utf8ValueFormatter.FormatDateTime(StartField(Utf8ValueFormatter.MaxDateTimeLength), value));

    /// <summary>Writes a DATETIME: the instant converted to <see cref="StarRocksFormat.TimeZone"/>, as <see cref="WriteDateTime"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the converted value is out of range.</param>
    public void WriteDateTimeOffset(DateTimeOffset value, string column)
    {
        if (!Utf8ValueFormatter.TryToZone(value, _format.TimeZone, out var wallClock))
            throw new StarRocksSerializationException(column, Utf8ValueFormatter.OutOfZoneRange(value, _format.TimeZone));
        WriteDateTime(wallClock);
    }

    /// <summary>Writes a Guid as <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteGuid(Guid value)
    {
        var span = StartField(36);
        value.TryFormat(span, out int n, "D");
        _buffer.Advance(n);
    }

    /// <summary>Writes a <see cref="TimeOnly"/> as VARCHAR text <c>HH:mm:ss[.fffffff]</c> (docs/serialization.md).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeOnly(TimeOnly value)
        => _buffer.Advance(Utf8ValueFormatter.FormatTimeOnly(StartField(Utf8ValueFormatter.MaxTimeOnlyLength), value));

    /// <summary>Writes a <see cref="TimeSpan"/> as VARCHAR text <c>[-][d.]hh:mm:ss[.fffffff]</c> (docs/serialization.md).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeSpan(TimeSpan value)
        => _buffer.Advance(Utf8ValueFormatter.FormatTimeSpan(StartField(Utf8ValueFormatter.MaxTimeSpanLength), value));

    /// <summary>Writes VARBINARY bytes as base64 (StarRocks's CSV reader decodes base64 for VARBINARY columns), NULL for null.</summary>
    /// <param name="value">The value.</param>
    public void WriteBinary(byte[]? value)
    {
        if (value is null) WriteNull();
        else WriteBinary(new ReadOnlySpan<byte>(value));
    }

    /// <summary>Writes VARBINARY bytes as base64 (StarRocks's CSV reader decodes base64 for VARBINARY columns).</summary>
    /// <param name="value">The value.</param>
    public void WriteBinary(ReadOnlySpan<byte> value)
        => _buffer.Advance(Utf8ValueFormatter.FormatBinary(StartField(Utf8ValueFormatter.GetBinaryLength(value.Length)), value));

    /// <summary>Writes a JSON column as its JSON text (<see cref="JsonValueKind.Undefined"/>: NULL).</summary>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the text cannot be represented.</param>
    public void WriteJson(JsonElement value, string column)
    {
        if (value.ValueKind == JsonValueKind.Undefined) { WriteNull(); return; }
        var scratch = ScratchBuffer.Rent();
        var nested = new Utf8Buffer(scratch);
        JsonTextWriter.WriteElement(ref nested, value);
        nested.Flush();
        WriteUtf8String(scratch.WrittenSpan, column);
    }

    /// <summary>Writes a JSON column given as JSON text (validated), NULL for null.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="column">The column name, for the exception when the text is not JSON or cannot be represented.</param>
    public void WriteJsonText(string? json, string column)
    {
        if (json is null) { WriteNull(); return; }
        JsonTextWriter.Validate(json, column);
        WriteString(json, column);
    }

    /// <summary>Writes an enum as its underlying integer.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    public void WriteEnumNumber<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        if (EnumInfo<TEnum>.IsUnsigned) WriteUInt64(EnumInfo<TEnum>.ToUInt64(value));
        else WriteInt64(EnumInfo<TEnum>.ToInt64(value));
    }

    /// <summary>Writes an enum as its name; values without a name are written as their number text.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for the exception when the name cannot be represented.</param>
    public void WriteEnumName<TEnum>(TEnum value, string column) where TEnum : struct, Enum
        => WriteUtf8String(EnumInfo<TEnum>.GetUtf8Name(value), column);

    /// <summary>Writes an enum as its name into a VARCHAR of <paramref name="maxBytes"/> bytes; a longer name (a flag combination, an undefined value) throws <see cref="StarRocksSerializationException"/> naming <paramref name="column"/>.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    /// <param name="column">The column name, for the exception.</param>
    public void WriteEnumName<TEnum>(TEnum value, int maxBytes, string column) where TEnum : struct, Enum
    {
        var name = EnumInfo<TEnum>.GetUtf8Name(value);
        if (name.Length > maxBytes) throw ColumnLimits.TooLong(column, name.Length, maxBytes);
        WriteUtf8String(name, column);
    }

    /// <summary>
    /// Writes a composite value (ARRAY, MAP …) as JSON text with <typeparamref name="TWriter"/>, e.g.
    /// <c>WriteValue&lt;int[], ValueWriters.Array&lt;int, ValueWriters.Int32&gt;&gt;(row.Ids, "ids")</c>; null writes NULL.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TWriter">The value writer.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="column">The column name, for exceptions.</param>
    public void WriteValue<T, TWriter>(T value, string column) where TWriter : IValueWriter<T>
    {
        if (value is null) { WriteNull(); return; }
        var scratch = ScratchBuffer.Rent();
        var nested = new JsonRowWriter(scratch, _format.TimeZone, column);
        TWriter.Write(ref nested, value);
        nested.Flush();
        WriteUtf8String(scratch.WrittenSpan, column);
    }

    /// <summary>Writes the separator when this is not the row's first field and returns room for <paramref name="size"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> StartField(int size)
    {
        if (!_needSeparator)
        {
            _needSeparator = true;
            return _buffer.GetSpan(size);
        }
        if (_separatorByte >= 0)
        {
            var single = _buffer.GetSpan(size + 1);
            single[0] = (byte)_separatorByte;
            _buffer.Advance(1);
            return single[1..];
        }
        var span = _buffer.GetSpan(size + _separator.Length);
        _separator.CopyTo(span);
        _buffer.Advance(_separator.Length);
        return span[_separator.Length..];
    }

    private const int ShortStringLength = 32;

    /// <summary>
    /// The common case of a short, non-empty ASCII string with no special byte: narrow and check each char against
    /// the format's table in one pass and commit. Returns false (nothing committed) otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryWriteShortAscii(scoped ReadOnlySpan<char> value, Span<byte> destination)
    {
        if (value.IsEmpty || !Utf8ValueFormatter.TryNarrowAscii(value, destination, _specialAscii)) return false;
        if (value.Length == 2 && value[0] == '\\' && value[1] == 'N') return false;
        _buffer.Advance(value.Length);
        return true;
    }

    /// <summary>Commits <paramref name="length"/> text bytes written at <paramref name="span"/>, enclosing or rejecting them when needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CompleteTextField(Span<byte> span, int length, string column)
    {
        var text = span[..length];
        if (text.IndexOfAny(_special) < 0 && length != 0 && !CsvFieldRules.IsNullMarker(text))
        {
            _buffer.Advance(length);
            return;
        }
        CsvFieldRules.WriteSpecial(ref _buffer, text, _format, column);
    }

    /// <summary>
    /// A row whose only field is empty would be a blank line, which StarRocks skips: it is written as an empty enclosed
    /// field, with the enclose byte or, when only escape is set, with the byte 0 StarRocks then takes as the enclose byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteBlankRowField()
    {
        byte? quote = _format.Enclose ?? (_format.Escape is null ? null : (byte)0);
        if (quote is not { } enclose)
            throw new StarRocksSerializationException("(row)", "a row whose only field is empty would be a blank line, which StarRocks " +
                "skips (CSVScanner::_parse_csv, be/src/exec/csv_scanner.cpp), and without enclose or escape it cannot be enclosed; use JSON.");
        var span = _buffer.GetSpan(2);
        span[0] = enclose;
        span[1] = enclose;
        _buffer.Advance(2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(double value, string column)
        => throw new StarRocksSerializationException(column, $"{value} cannot be stored: StarRocks FLOAT/DOUBLE columns do not load NaN or infinities.");
}
