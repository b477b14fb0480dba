using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StarRocks.Typed.Generated;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Writes rows as JSON objects in UTF-8 for Stream Load (<c>format: json</c>), straight into an
/// <see cref="IBufferWriter{T}"/>. Per row: <see cref="BeginRow"/>, then per member <see cref="WriteName"/> followed
/// by one value method, then <see cref="EndRow()"/> or <see cref="EndRow(StarRocksOperation)"/>; at the end of the
/// body <see cref="Complete"/>. Strings are escaped byte-identically to System.Text.Json with
/// <see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>. See docs/serialization.md.
/// </summary>
public ref struct JsonRowWriter : IRowWriter
{
    private Utf8Buffer _buffer;
    private readonly JsonFormat _format;
    private readonly TimeZoneInfo _zone;
    private ReadOnlySpan<byte> _name;
    private readonly string? _column;
    private readonly bool _csvText;
    private bool _needComma;
    private int _rows;
    private int _depth;
    private ulong _objectLevels;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Where the UTF-8 bytes go.</param>
    /// <param name="format">The layout and time zone; null for <see cref="JsonFormat.Default"/>.</param>
    public JsonRowWriter(IBufferWriter<byte> output, JsonFormat? format = null)
    {
        _buffer = new Utf8Buffer(output);
        _format = format ?? JsonFormat.Default;
        _zone = _format.TimeZone;
    }

    /// <summary>A writer of nested JSON values for a CSV column (no rows, no names).</summary>
    internal JsonRowWriter(IBufferWriter<byte> output, TimeZoneInfo zone, string column)
    {
        _buffer = new Utf8Buffer(output);
        _format = JsonFormat.Default;
        _zone = zone;
        _column = column;
        _csvText = true;
    }

    /// <summary>The format this writer follows.</summary>
    public readonly JsonFormat Format => _format;

    /// <summary>Bytes written so far (flushed or not).</summary>
    public readonly long BytesWritten => _buffer.BytesWritten;

    /// <summary>Rows ended so far.</summary>
    public readonly int RowCount => _rows;

    /// <summary>
    /// Encodes a column name as <see cref="WriteName"/> expects it: the JSON string (escaped like System.Text.Json
    /// relaxed) followed by a colon, e.g. <c>order_id</c> → <c>"order_id":</c>. Generated code embeds the result as a
    /// <c>u8</c> literal instead of calling this.
    /// </summary>
    /// <param name="name">The column name.</param>
    /// <returns>The UTF-8 bytes of <c>"name":</c>.</returns>
    public static byte[] EncodeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var encoded = JsonStringEscaper.Escape(name);
        return Encoding.UTF8.GetBytes($"\"{encoded}\":");
    }

    /// <summary>Starts a row: <c>{</c> (preceded by <c>[</c> or <c>,</c> in the outer-array layout).</summary>
    public void BeginRow()
    {
        if (_format.Layout == JsonRowLayout.OuterArray)
            _buffer.Write(_rows == 0 ? (byte)'[' : (byte)',');
        _buffer.Write((byte)'{');
        _needComma = false;
    }

    /// <summary>Ends the row: <c>}</c> (plus a newline in the newline-delimited layout).</summary>
    public void EndRow()
    {
        if (_format.Layout == JsonRowLayout.NewlineDelimited) _buffer.Write("}\n"u8);
        else _buffer.Write((byte)'}');
        _rows++;
    }

    /// <summary>Ends the row with the member <c>"__op":0</c> (upsert) or <c>"__op":1</c> (delete), for PRIMARY KEY tables.</summary>
    /// <param name="operation">The row operation.</param>
    public void EndRow(StarRocksOperation operation)
    {
        WriteName("\"__op\":"u8);
        _buffer.Write(operation == StarRocksOperation.Delete ? (byte)'1' : (byte)'0');
        EndRow();
    }

    /// <summary>Hands everything written so far to the buffer writer (call before flushing or reading it).</summary>
    public void Flush() => _buffer.Flush();

    /// <summary>Ends the body (<c>]</c> in the outer-array layout; <c>[]</c> when no row was written) and flushes.</summary>
    public void Complete()
    {
        if (_format.Layout == JsonRowLayout.OuterArray)
            _buffer.Write(_rows == 0 ? "[]"u8 : "]"u8);
        _buffer.Flush();
    }

    /// <summary>
    /// Starts a member: writes a comma when needed and <paramref name="name"/>, which is the pre-encoded JSON name
    /// with its quotes and the colon, e.g. <c>"\"order_id\":"u8</c> (see <see cref="EncodeName"/>).
    /// </summary>
    /// <param name="name">The UTF-8 bytes <c>"name":</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteName(ReadOnlySpan<byte> name)
    {
        var span = _buffer.GetSpan(name.Length + 1);
        int n = 0;
        if (_needComma) span[n++] = (byte)',';
        name.CopyTo(span[n..]);
        _buffer.Advance(n + name.Length);
        _needComma = true;
        _name = name;
    }

    /// <summary>Writes <c>null</c>.</summary>
    public void WriteNull() => _buffer.Write("null"u8);

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => _buffer.Write(value ? "true"u8 : "false"u8);

    /// <summary>Writes a TINYINT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteSByte(sbyte value) => WriteInt64(value);

    /// <summary>Writes a SMALLINT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteByte(byte value) => WriteUInt64(value);

    /// <summary>Writes a SMALLINT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt16(short value) => WriteInt64(value);

    /// <summary>Writes an INT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt16(ushort value) => WriteUInt64(value);

    /// <summary>Writes an INT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32(int value) => WriteInt64(value);

    /// <summary>Writes a BIGINT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32(uint value) => WriteUInt64(value);

    /// <summary>Writes a BIGINT number.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value)
        => _buffer.Advance(Utf8ValueFormatter.FormatInt64(_buffer.GetSpan(Utf8ValueFormatter.MaxInt64Length), value));

    /// <summary>Writes a BIGINT or LARGEINT number (see docs/serialization.md for LARGEINT).</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value)
        => _buffer.Advance(Utf8ValueFormatter.FormatUInt64(_buffer.GetSpan(Utf8ValueFormatter.MaxInt64Length), value));

    /// <summary>Writes a LARGEINT (see docs/serialization.md for its JSON form).</summary>
    /// <param name="value">The value.</param>
    public void WriteInt128(Int128 value)
        => _buffer.Advance(Utf8ValueFormatter.FormatInt128(_buffer.GetSpan(Utf8ValueFormatter.MaxInt128Length), value));

    /// <summary>Writes a LARGEINT from a <see cref="UInt128"/>; a value past 2^127 − 1 throws <see cref="StarRocksSerializationException"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt128(UInt128 value)
    {
        if (value > (UInt128)Int128.MaxValue) throw new StarRocksSerializationException(CurrentColumn, Utf8ValueFormatter.OutOfLargeIntRange(value));
        WriteInt128((Int128)value);
    }

    /// <summary>Writes a LARGEINT from a <see cref="System.Numerics.BigInteger"/>; a value outside LARGEINT's range throws <see cref="StarRocksSerializationException"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBigInteger(System.Numerics.BigInteger value)
    {
        if (!Utf8ValueFormatter.FitsLargeInt(value)) throw new StarRocksSerializationException(CurrentColumn, Utf8ValueFormatter.OutOfLargeIntRange(value));
        WriteInt128((Int128)value);
    }

    /// <summary>Writes a FLOAT number from a <see cref="Half"/> (its exact float value). NaN and infinities throw <see cref="StarRocksSerializationException"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteHalf(Half value) => WriteSingle((float)value);

    /// <summary>Writes a FLOAT number (shortest round-trip text). NaN and infinities throw <see cref="StarRocksSerializationException"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteSingle(float value)
    {
        if (!float.IsFinite(value)) ThrowNotFinite(value);
        _buffer.Advance(Utf8ValueFormatter.FormatSingle(_buffer.GetSpan(Utf8ValueFormatter.MaxDoubleLength), value));
    }

    /// <summary>Writes a DOUBLE number (shortest round-trip text, as <c>ToString("R")</c>). NaN and infinities throw <see cref="StarRocksSerializationException"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        if (!double.IsFinite(value)) ThrowNotFinite(value);
        _buffer.Advance(Utf8ValueFormatter.FormatDouble(_buffer.GetSpan(Utf8ValueFormatter.MaxDoubleLength), value));
    }

    /// <summary>Writes a DECIMAL (see docs/serialization.md for its JSON form), keeping the value's scale.</summary>
    /// <param name="value">The value.</param>
    public void WriteDecimal(decimal value)
        => _buffer.Advance(Utf8ValueFormatter.FormatDecimal(_buffer.GetSpan(Utf8ValueFormatter.MaxDecimalLength), value));

    /// <summary>
    /// Writes a DECIMAL(<paramref name="precision"/>,<paramref name="scale"/>) number as <see cref="WriteDecimal(decimal)"/>;
    /// a value with more than precision − scale integer digits, which StarRocks would refuse, throws
    /// <see cref="StarRocksSerializationException"/> naming the member.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">The column's precision.</param>
    /// <param name="scale">The column's scale.</param>
    public void WriteDecimal(decimal value, int precision, int scale)
    {
        if (!ColumnLimits.FitsDecimal(value, precision, scale)) throw ColumnLimits.DecimalTooLarge(CurrentColumn, precision, scale);
        WriteDecimal(value);
    }

    /// <summary>
    /// Writes a JSON string of at most <paramref name="maxBytes"/> UTF-8 bytes for a CHAR/VARCHAR/STRING column, or
    /// <c>null</c> for null; a longer value, which StarRocks would refuse, throws <see cref="StarRocksSerializationException"/> naming the member.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    public void WriteString(string? value, int maxBytes)
    {
        if (value is null) WriteNull();
        else WriteString(value.AsSpan(), maxBytes);
    }

    /// <summary>Writes a JSON string of at most <paramref name="maxBytes"/> UTF-8 bytes (see <see cref="WriteString(string?, int)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    public void WriteString(scoped ReadOnlySpan<char> value, int maxBytes)
    {
        if (!ColumnLimits.FitsUtf8(value, maxBytes)) throw ColumnLimits.TooLong(CurrentColumn, value, maxBytes);
        WriteString(value);
    }

    /// <summary>Writes a <see cref="char"/> for a CHAR/VARCHAR of <paramref name="maxBytes"/> bytes (see <see cref="WriteString(string?, int)"/>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    public void WriteChar(char value, int maxBytes) => WriteString(new ReadOnlySpan<char>(in value), maxBytes);

    /// <summary>Writes a JSON string, or <c>null</c> for null.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(string? value)
    {
        if (value is null) WriteNull();
        else WriteString(value.AsSpan());
    }

    /// <summary>Writes a <see cref="char"/> as a one-character JSON string (a lone surrogate becomes U+FFFD).</summary>
    /// <param name="value">The value.</param>
    public void WriteChar(char value) => WriteString(new ReadOnlySpan<char>(in value));

    /// <summary>Writes a JSON string. Lone surrogates become U+FFFD.</summary>
    /// <param name="value">The value.</param>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        if (_csvText) CsvCollectionText.WriteString(ref _buffer, value);
        else JsonStringEscaper.Write(ref _buffer, value);
    }

    /// <summary>Writes a DATE as <c>"yyyy-MM-dd"</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteDate(DateOnly value)
    {
        var span = _buffer.GetSpan(Utf8ValueFormatter.MaxDateLength + 2);
        span[0] = (byte)'"';
        int n = 1 + Utf8ValueFormatter.FormatDate(span[1..], value);
        span[n++] = (byte)'"';
        _buffer.Advance(n);
    }

    /// <summary>Writes a DATETIME as <c>"yyyy-MM-dd HH:mm:ss[.ffffff]"</c> (the kind is ignored; sub-microsecond ticks truncated).</summary>
    /// <param name="value">The value.</param>
    public void WriteDateTime(DateTime value)
    {
        var span = _buffer.GetSpan(Utf8ValueFormatter.MaxDateTimeLength + 2);
        span[0] = (byte)'"';
        int n = 1 + Utf8ValueFormatter.FormatDateTime(span[1..], value);
        span[n++] = (byte)'"';
        _buffer.Advance(n);
    }

    /// <summary>Writes a DATETIME: the instant converted to <see cref="StarRocksFormat.TimeZone"/>, as <see cref="WriteDateTime"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        if (!Utf8ValueFormatter.TryToZone(value, _zone, out var wallClock))
            throw new StarRocksSerializationException(CurrentColumn, Utf8ValueFormatter.OutOfZoneRange(value, _zone));
        WriteDateTime(wallClock);
    }

    /// <summary>Writes a Guid as <c>"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteGuid(Guid value)
    {
        var span = _buffer.GetSpan(38);
        span[0] = (byte)'"';
        value.TryFormat(span[1..], out int n, "D");
        span[n + 1] = (byte)'"';
        _buffer.Advance(n + 2);
    }

    /// <summary>Writes a <see cref="TimeOnly"/> as a JSON string <c>"HH:mm:ss[.fffffff]"</c> (for a VARCHAR column).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeOnly(TimeOnly value)
    {
        var span = _buffer.GetSpan(Utf8ValueFormatter.MaxTimeOnlyLength + 2);
        span[0] = (byte)'"';
        int n = Utf8ValueFormatter.FormatTimeOnly(span[1..], value);
        span[n + 1] = (byte)'"';
        _buffer.Advance(n + 2);
    }

    /// <summary>Writes a <see cref="TimeSpan"/> as a JSON string <c>"[-][d.]hh:mm:ss[.fffffff]"</c> (for a VARCHAR column).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeSpan(TimeSpan value)
    {
        var span = _buffer.GetSpan(Utf8ValueFormatter.MaxTimeSpanLength + 2);
        span[0] = (byte)'"';
        int n = Utf8ValueFormatter.FormatTimeSpan(span[1..], value);
        span[n + 1] = (byte)'"';
        _buffer.Advance(n + 2);
    }

    /// <summary>Writes VARBINARY bytes as a base64 JSON string (decoded by the load's <c>columns</c> expression), or <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBinary(byte[]? value)
    {
        if (value is null) WriteNull();
        else WriteBinary(new ReadOnlySpan<byte>(value));
    }

    /// <summary>Writes VARBINARY bytes as a base64 JSON string (decoded by the load's <c>columns</c> expression).</summary>
    /// <param name="value">The value.</param>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (_depth > 0 && !_csvText)
            throw new StarRocksSerializationException(CurrentColumn, "VARBINARY elements of ARRAY/MAP cannot be loaded from JSON (StarRocks keeps the base64 text); use the CSV format.");
        var span = _buffer.GetSpan(Utf8ValueFormatter.GetBinaryLength(value.Length) + 2);
        span[0] = (byte)'"';
        int n = 1 + Utf8ValueFormatter.FormatBinary(span[1..], value);
        span[n++] = (byte)'"';
        _buffer.Advance(n);
    }

    /// <summary>Writes a JSON column value as is (<see cref="JsonValueKind.Undefined"/>: <c>null</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteJson(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined) { WriteNull(); return; }
        if (_csvText) ThrowJsonInCsvCollection();
        JsonTextWriter.WriteElement(ref _buffer, value);
    }

    /// <summary>Writes a JSON column given as JSON text, embedded as a JSON value after validation; null: <c>null</c>.</summary>
    /// <param name="json">The JSON text.</param>
    public void WriteJsonText(string? json)
    {
        if (json is null) { WriteNull(); return; }
        if (_csvText) ThrowJsonInCsvCollection();
        if (JsonTextWriter.WriteText(ref _buffer, json) is { } error)
            throw new StarRocksSerializationException(CurrentColumn, error);
    }

    /// <summary>Writes an enum as its underlying integer.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    public void WriteEnumNumber<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        if (EnumInfo<TEnum>.IsUnsigned) WriteUInt64(EnumInfo<TEnum>.ToUInt64(value));
        else WriteInt64(EnumInfo<TEnum>.ToInt64(value));
    }

    /// <summary>Writes an enum as its name (a JSON string); values without a name are written as their number text.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    public void WriteEnumName<TEnum>(TEnum value) where TEnum : struct, Enum => WriteEnumName(EnumInfo<TEnum>.GetUtf8Name(value));

    /// <summary>An enum name (an identifier, or names joined by <c>", "</c>: nothing to escape) as a JSON string.</summary>
    private void WriteEnumName(ReadOnlySpan<byte> name)
    {
        var span = _buffer.GetSpan(name.Length + 2);
        span[0] = (byte)'"';
        name.CopyTo(span[1..]);
        span[name.Length + 1] = (byte)'"';
        _buffer.Advance(name.Length + 2);
    }

    /// <summary>Writes an enum as its name for a VARCHAR of <paramref name="maxBytes"/> bytes; a longer name (a flag combination, an undefined value) throws <see cref="StarRocksSerializationException"/> naming the member.</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="maxBytes">The column's length in bytes.</param>
    public void WriteEnumName<TEnum>(TEnum value, int maxBytes) where TEnum : struct, Enum
    {
        var name = EnumInfo<TEnum>.GetUtf8Name(value);
        if (name.Length > maxBytes) throw ColumnLimits.TooLong(CurrentColumn, name.Length, maxBytes);
        WriteEnumName(name);
    }

    /// <summary>
    /// Writes a composite value (ARRAY, MAP, nullable element …) with <typeparamref name="TWriter"/>, e.g.
    /// <c>WriteValue&lt;List&lt;int&gt;, ValueWriters.List&lt;int, ValueWriters.Int32&gt;&gt;(row.Ids)</c>.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <typeparam name="TWriter">The value writer.</typeparam>
    /// <param name="value">The value; null writes <c>null</c>.</param>
    public void WriteValue<T, TWriter>(T value) where TWriter : IValueWriter<T>
    {
        if (value is null) WriteNull();
        else TWriter.Write(ref this, value);
    }

    /// <summary>Writes <paramref name="items"/> as a JSON array with <typeparamref name="TWriter"/> per element.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TWriter">The element writer.</typeparam>
    /// <param name="items">The elements.</param>
    public void WriteArray<T, TWriter>(ReadOnlySpan<T> items) where TWriter : IValueWriter<T>
    {
        BeginArray();
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0) WriteSeparator();
            TWriter.Write(ref this, items[i]);
        }
        EndArray();
    }

    /// <summary>Starts a JSON array (element writers of collections call this).</summary>
    public void BeginArray()
    {
        Push(isObject: false);
        _buffer.Write((byte)'[');
    }

    /// <summary>Ends a JSON array.</summary>
    public void EndArray()
    {
        _depth--;
        _buffer.Write((byte)']');
    }

    /// <summary>Starts a JSON object (map writers call this).</summary>
    public void BeginObject()
    {
        Push(isObject: true);
        _buffer.Write((byte)'{');
    }

    /// <summary>Ends a JSON object.</summary>
    public void EndObject()
    {
        _depth--;
        _buffer.Write((byte)'}');
    }

    /// <summary>
    /// Writes a STRUCT field's pre-encoded name <c>"name":</c> inside an object begun with <see cref="BeginObject"/>
    /// (the comma before every field but the first comes from <see cref="WriteSeparator"/>).
    /// </summary>
    /// <param name="name">The UTF-8 bytes <c>"name":</c>.</param>
    public void WriteFieldName(ReadOnlySpan<byte> name) => _buffer.Write(name);

    /// <summary>Writes the comma between array elements, map entries or struct fields.</summary>
    public void WriteSeparator()
    {
        // StarRocks's CSV ARRAY splitter tracks only [] nesting and its MAP splitter only {}: a comma directly inside
        // a map nested in an array (or an array nested in a map) would split the outer collection.
        if (_csvText && _depth >= 2 && IsObjectLevel(_depth) != IsObjectLevel(_depth - 1))
            throw new StarRocksSerializationException(CurrentColumn, "CSV cannot carry a MAP with several entries inside an ARRAY, or an ARRAY with several elements inside a MAP: " +
                "StarRocks splits CSV ARRAY text at every comma outside quotes and [] (DefaultArrayReader::split_array_elements, " +
                "be/src/formats/csv/array_reader.cpp) and MAP text likewise outside quotes and {} (MapConverter::split_map_key_value, be/src/formats/csv/map_converter.cpp); use the JSON format.");
        _buffer.Write((byte)',');
    }

    /// <summary>
    /// Writes a map key followed by a colon: string keys as they are, other keys (numbers, dates …) as the JSON string
    /// of their JSON text, e.g. <c>1</c> → <c>"1":</c>.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TWriter">The key writer.</typeparam>
    /// <param name="key">The key (not null).</param>
    public void WriteKey<TKey, TWriter>(TKey key) where TWriter : IValueWriter<TKey>
    {
        if (_csvText)
        {
            // StarRocks's CSV MAP text takes keys as they are: strings quoted, numbers bare.
            TWriter.Write(ref this, key);
            _buffer.Write((byte)':');
            return;
        }
        // Reserve room so a scalar key (at most MaxScalarLength bytes) and its added quotes stay in this span.
        _buffer.GetSpan(Utf8ValueFormatter.MaxScalarLength + 3);
        long committed = _buffer.BytesWritten - _buffer.Position;
        int start = _buffer.Position;
        TWriter.Write(ref this, key);
        bool sameSpan = _buffer.BytesWritten - _buffer.Position == committed;
        if (sameSpan && _buffer.Position > start && _buffer.Pending[start] != (byte)'"')
        {
            if (_buffer.Position - start > Utf8ValueFormatter.MaxScalarLength)
                throw new StarRocksSerializationException(CurrentColumn, "MAP keys must be scalar values.");
            _buffer.QuoteFrom(start);
        }
        _buffer.Write((byte)':');
    }

    private void Push(bool isObject)
    {
        _depth++;
        if (_depth < 64)
        {
            ulong bit = 1UL << _depth;
            _objectLevels = isObject ? _objectLevels | bit : _objectLevels & ~bit;
        }
    }

    private readonly bool IsObjectLevel(int depth) => depth < 64 && (_objectLevels & (1UL << depth)) != 0;

    private readonly void ThrowJsonInCsvCollection()
        => throw new StarRocksSerializationException(CurrentColumn, "JSON values inside ARRAY/MAP cannot be written as CSV text; use the JSON format.");

    internal readonly string CurrentColumn => _column ?? (_name.IsEmpty ? "?" : DecodeName(_name));

    private static string DecodeName(ReadOnlySpan<byte> name)
    {
        var text = Encoding.UTF8.GetString(name);
        return text.Length >= 3 && text[0] == '"' && text[^1] == ':' ? text[1..^2] : text;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowNotFinite(double value)
        => throw new StarRocksSerializationException(CurrentColumn, $"{value} cannot be stored: StarRocks FLOAT/DOUBLE columns do not load NaN or infinities.");
}
