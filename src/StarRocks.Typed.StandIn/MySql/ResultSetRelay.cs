using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// Copies MariaDB's answers to the client, cutting them into packets so that text result sets (answers to COM_QUERY)
/// can be given StarRocks's wire form where MariaDB's storage differs:
/// <list type="bullet">
/// <item>LARGEINT (stored as DECIMAL(39,0)) is described as <c>MYSQL_TYPE_STRING</c>, charset 33 — StarRocks's FE maps
/// LARGEINT to <c>MYSQL_TYPE_STRING</c> (<c>fe/fe-core/src/main/java/com/starrocks/catalog/PrimitiveType.java</c>,
/// <c>toMysqlType</c>: the default branch) and the BE sends its decimal digits.</item>
/// <item>CHAR (stored as VARCHAR to keep trailing spaces) is described as <c>MYSQL_TYPE_STRING</c>, as StarRocks does.</item>
/// <item>FLOAT (stored as DOUBLE, losslessly) is described as <c>MYSQL_TYPE_FLOAT</c>; FLOAT and every DOUBLE value
/// are re-rendered as StarRocks writes them (<see cref="StarRocksNumberText"/>).</item>
/// </list>
/// Column definitions and, only when a column needs it, rows are rewritten; everything else is copied as it comes.
/// The proxy clears CLIENT_DEPRECATE_EOF in the greeting, so result sets always end their column definitions and rows
/// with EOF packets.
/// </summary>
internal sealed class ResultSetRelay(Stream server, Func<ReadOnlyMemory<byte>, CancellationToken, Task> writeToClient,
    SchemaCatalog catalog, CommandTracker commands)
{
    private const int BufferSize = 64 * 1024;
    private const byte TypeNewDecimal = 0xF6;
    private const byte TypeDouble = 0x05;
    private const byte TypeFloat = 0x04;
    private const byte TypeVarString = 0xFD;
    private const byte TypeString = 0xFE;
    /// <summary>
    /// utf8_general_ci, the character set StarRocks gives LARGEINT (and CHAR, VARCHAR, JSON, HLL, BITMAP) columns
    /// (<c>fe/fe-core/src/main/java/com/starrocks/catalog/Type.java</c>, <c>getMysqlResultSetFieldCharsetIndex</c>).
    /// </summary>
    private const ushort Utf8GeneralCi = 33;
    private const ushort BinaryFlag = 0x80;
    private const ushort ServerMoreResultsExist = 0x0008;
    private static readonly string[] SystemSchemas = ["information_schema", "mysql", "performance_schema", "sys", SchemaCatalog.StateDatabase];

    private enum State { Raw, ResultStart, ColumnDefinitions, ColumnsEnd, Rows }

    /// <summary>How a column's values are rewritten.</summary>
    private enum ValueText { AsIs, Float, Double }

    private byte[] _input = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private readonly ArrayBufferWriter<byte> _output = new(BufferSize);
    private State _state = State.Raw;
    private long _answeredCommand;
    private ValueText[] _columns = [];
    private int _columnsSeen;
    private bool _rewriteRows;
    private bool _continued;
    private readonly Dictionary<(string, string), TableSchema?> _tables = [];

    /// <summary>Relays until MariaDB closes the connection.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await EnsureAsync(4, cancellationToken))
            {
                var length = _input[_start] | _input[_start + 1] << 8 | _input[_start + 2] << 16;
                var sequence = _input[_start + 3];
                if (sequence == 1 && commands.Current is var (id, isQuery) && id != _answeredCommand)
                {
                    // the first packet of the answer to a new command
                    _answeredCommand = id;
                    _state = isQuery ? State.ResultStart : State.Raw;
                    _continued = false;
                }
                var continuation = _continued;
                _continued = length == MySqlPacket.MaxPayloadLength;
                if (_state == State.Raw || continuation || _continued || (_state == State.Rows && !_rewriteRows && length > 0 && await EndsRowsAsync(length, cancellationToken) is false))
                {
                    await PassThroughAsync(4 + length, cancellationToken);
                    continue;
                }
                if (!await EnsureAsync(4 + length, cancellationToken))
                    return;
                var payload = _input.AsSpan(_start + 4, length);
                if (_state == State.Rows && _rewriteRows && !IsEndOfRows(payload))
                    WriteRewrittenRow(payload, sequence);
                else
                {
                    await InspectAsync(_start + 4, length, cancellationToken);
                    _output.Write(_input.AsSpan(_start, 4 + length));
                }
                _start += 4 + length;
            }
        }
        finally
        {
            await FlushAsync(CancellationToken.None);
            ArrayPool<byte>.Shared.Return(_input);
        }
    }

    /// <summary>Whether a packet in the rows phase ends the rows (false: a row to copy as it is).</summary>
    private async Task<bool> EndsRowsAsync(int length, CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(5, cancellationToken))
            return false;
        var first = _input[_start + 4];
        return first == 0xFF || (first == 0xFE && length < 9);
    }

    private static bool IsEndOfRows(ReadOnlySpan<byte> payload) =>
        payload.Length > 0 && (payload[0] == 0xFF || (payload[0] == 0xFE && payload.Length < 9));

    /// <summary>Follows the result-set state machine over one complete packet, patching column definitions in place.</summary>
    private async Task InspectAsync(int offset, int length, CancellationToken cancellationToken)
    {
        var payload = _input.AsMemory(offset, length);
        switch (_state)
        {
            case State.ResultStart:
                StartResult(payload.Span);
                break;
            case State.ColumnDefinitions:
                _columns[_columnsSeen] = await PatchColumnDefinitionAsync(payload, cancellationToken);
                _rewriteRows |= _columns[_columnsSeen] != ValueText.AsIs;
                if (++_columnsSeen == _columns.Length)
                    _state = State.ColumnsEnd;
                break;
            case State.ColumnsEnd:
                _state = State.Rows;
                break;
            case State.Rows:
                var span = payload.Span;
                if (span.Length == 0)
                    break;
                if (span[0] == 0xFF)
                    _state = State.Raw;
                else // EOF: 0xFE, warnings (2), status (2)
                    _state = span.Length >= 5 && (BinaryPrimitives.ReadUInt16LittleEndian(span[3..]) & ServerMoreResultsExist) != 0
                        ? State.ResultStart : State.Raw;
                break;
        }
    }

    private void StartResult(ReadOnlySpan<byte> payload)
    {
        _state = State.Raw;
        if (payload.Length == 0 || payload[0] is 0xFF or 0xFB)
            return;
        var position = 0;
        if (payload[0] == 0x00)
        {
            // OK: header, affected rows, last insert id, status
            position = 1;
            MySqlPackets.ReadLengthEncoded(payload, ref position);
            MySqlPackets.ReadLengthEncoded(payload, ref position);
            if (position + 2 <= payload.Length && (BinaryPrimitives.ReadUInt16LittleEndian(payload[position..]) & ServerMoreResultsExist) != 0)
                _state = State.ResultStart;
            return;
        }
        var count = (int)MySqlPackets.ReadLengthEncoded(payload, ref position);
        _columns = new ValueText[count];
        _columnsSeen = 0;
        _rewriteRows = false;
        _tables.Clear();
        _state = count == 0 ? State.ColumnsEnd : State.ColumnDefinitions;
    }

    /// <summary>Gives a column definition StarRocks's type where the stored MariaDB type differs; returns how its values are rewritten.</summary>
    private async Task<ValueText> PatchColumnDefinitionAsync(Memory<byte> definition, CancellationToken cancellationToken)
    {
        var position = 0;
        SkipLengthEncodedString(definition.Span, ref position); // catalog
        var schema = ReadLengthEncodedString(definition.Span, ref position);
        SkipLengthEncodedString(definition.Span, ref position); // table alias
        var table = ReadLengthEncodedString(definition.Span, ref position);
        SkipLengthEncodedString(definition.Span, ref position); // column alias
        var column = ReadLengthEncodedString(definition.Span, ref position);
        position++; // length of the fixed fields (0x0C)
        var fixedFields = position;
        if (fixedFields + 10 > definition.Length)
            return ValueText.AsIs;
        var type = definition.Span[fixedFields + 6];
        if (type is not (TypeNewDecimal or TypeDouble or TypeVarString))
            return ValueText.AsIs;
        var starRocksType = table.Length == 0 || column.Length == 0 || SystemSchemas.Contains(schema, StringComparer.OrdinalIgnoreCase)
            ? null
            : (await RecordedTableAsync(schema, table, cancellationToken))?.FindColumn(column)?.BaseType.ToUpperInvariant();
        var fields = definition.Span[fixedFields..];
        switch (starRocksType, type)
        {
            case ("LARGEINT", TypeNewDecimal):
                DescribeAsString(fields);
                return ValueText.AsIs;
            case ("CHAR", TypeVarString):
                fields[6] = TypeString;
                return ValueText.AsIs;
            case ("FLOAT", TypeDouble):
                fields[6] = TypeFloat;
                return ValueText.Float;
            case (_, TypeDouble):
                return ValueText.Double;
            default:
                return ValueText.AsIs;
        }
    }

    /// <summary>The catalog's record of a table, looked up once per result set.</summary>
    private async Task<TableSchema?> RecordedTableAsync(string schema, string table, CancellationToken cancellationToken)
    {
        if (!_tables.TryGetValue((schema, table), out var recorded))
            _tables[(schema, table)] = recorded = await catalog.GetAsync(schema, table, cancellationToken);
        return recorded;
    }

    /// <summary>Fixed fields: charset (2), length (4), type (1), flags (2), decimals (1).</summary>
    private static void DescribeAsString(Span<byte> fields)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(fields, Utf8GeneralCi);
        fields[6] = TypeString;
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(fields[7..]);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[7..], (ushort)(flags & ~BinaryFlag));
        fields[9] = 0;
    }

    private void WriteRewrittenRow(ReadOnlySpan<byte> row, byte sequence)
    {
        _output.GetSpan(4);
        _output.Advance(4); // the header, filled in once the row's length is known
        var before = _output.WrittenCount;
        var position = 0;
        foreach (var column in _columns)
        {
            if (position < row.Length && row[position] == 0xFB)
            {
                _output.Write<byte>([0xFB]);
                position++;
                continue;
            }
            var start = position;
            var length = (int)MySqlPackets.ReadLengthEncoded(row, ref position);
            var value = row.Slice(position, length);
            position += length;
            if (column == ValueText.AsIs)
            {
                _output.Write(row[start..position]);
                continue;
            }
            var number = double.Parse(Encoding.ASCII.GetString(value), NumberStyles.Float, CultureInfo.InvariantCulture);
            var text = column == ValueText.Float ? StarRocksNumberText.Format((float)number) : StarRocksNumberText.Format(number);
            _output.Write<byte>([(byte)text.Length]);
            _output.Write(Encoding.ASCII.GetBytes(text));
        }
        var written = _output.WrittenCount - before;
        // through the written memory: the buffer may have been replaced by a larger one since the header was reserved
        var packet = MemoryMarshal.AsMemory(_output.WrittenMemory).Span[(before - 4)..];
        packet[0] = (byte)written;
        packet[1] = (byte)(written >> 8);
        packet[2] = (byte)(written >> 16);
        packet[3] = sequence;
    }

    /// <summary>Copies <paramref name="count"/> bytes (a whole packet with its header) without looking at them.</summary>
    private async Task PassThroughAsync(int count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await EnsureAsync(1, cancellationToken))
                return;
            var chunk = Math.Min(count, _end - _start);
            _output.Write(_input.AsSpan(_start, chunk));
            _start += chunk;
            count -= chunk;
            if (_output.WrittenCount >= BufferSize)
                await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Makes <paramref name="count"/> bytes available from <c>_start</c>, flushing the output before waiting; false at end of stream.</summary>
    private async Task<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
            return true;
        if (_output.WrittenCount >= BufferSize)
            await FlushAsync(cancellationToken);
        if (count > _input.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(count);
            _input.AsSpan(_start, _end - _start).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_input);
            _input = larger;
            _end -= _start;
            _start = 0;
        }
        else if (_input.Length - _start < count)
        {
            _input.AsSpan(_start, _end - _start).CopyTo(_input);
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < count)
        {
            if (_output.WrittenCount > 0 && !HasPendingData())
                await FlushAsync(cancellationToken);
            var read = await server.ReadAsync(_input.AsMemory(_end), cancellationToken);
            if (read == 0)
                return false;
            _end += read;
        }
        return true;
    }

    private bool HasPendingData() => server is System.Net.Sockets.NetworkStream network && network.DataAvailable;

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_output.WrittenCount == 0)
            return;
        await writeToClient(_output.WrittenMemory, cancellationToken);
        _output.ResetWrittenCount();
    }

    private static string ReadLengthEncodedString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)MySqlPackets.ReadLengthEncoded(data, ref position);
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }

    private static void SkipLengthEncodedString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)MySqlPackets.ReadLengthEncoded(data, ref position);
        position += length;
    }
}

/// <summary>The latest command the client sent to MariaDB: a counter and whether it was COM_QUERY (answered in the text protocol).</summary>
internal sealed class CommandTracker
{
    private (long Id, bool IsQuery) _current;
    private readonly Lock _lock = new();

    /// <summary>The latest command.</summary>
    public (long Id, bool IsQuery) Current
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>Records a command about to be sent to MariaDB.</summary>
    public void Sent(bool isQuery)
    {
        lock (_lock)
            _current = (_current.Id + 1, isQuery);
    }
}
