using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// StarRocks's CSV state machine, used when <c>enclose</c> or <c>escape</c> is set: a port of
/// <c>CSVReader::more_rows()</c> (be/src/formats/csv/csv_reader.cpp, StarRocks commit 6130f7dd), with its states
/// START, ORDINARY, ENCLOSE, ENCLOSE_ESCAPE, ESCAPE, COLUMN_DELIMITER and NEWROW, its order of tests, and its
/// arithmetic for where a column ends. Like StarRocks it records the positions of escape bytes while scanning and
/// drops them when the column ends, so <c>\N</c> is compared (by the caller, as <c>NullableConverter</c> does) after
/// escapes and enclosing quotes are gone.
/// </summary>
/// <remarks>
/// Faithful quirks kept on purpose: an unset enclose or escape is the byte 0, so with only one of them set a NUL byte
/// in the data acts as the other; <c>trim_space</c> drops leading spaces of every field but trailing spaces only after
/// an enclosed field's closing quote; bytes between a closing quote and the separator stay in the field and its last byte
/// is dropped as if it were the quote (<c>"ab"x,</c> reads <c>ab"</c>); a line of only spaces is blank when
/// <c>trim_space</c> is on; a multi-byte row delimiter ending the data is read as data, as <c>is_row_delimiter</c> needs a
/// byte after it.
/// </remarks>
internal ref struct CsvStateMachine
{
    private enum State { Start, Ordinary, ColumnDelimiter, NewRow, Escape, Enclose, EncloseEscape }

    private readonly ReadOnlySpan<byte> _data;
    private readonly byte[] _row;
    private readonly byte[] _column;
    private readonly byte _enclose;
    private readonly byte _escape;
    private readonly bool _trim;
    // the bytes an ORDINARY or ENCLOSE state reacts to; runs of other bytes are skipped at once
    private readonly SearchValues<byte> _ordinaryStops;
    private readonly SearchValues<byte> _encloseStops;
    // _limit grows past _data when StarRocks's _fill_buffer invents a row delimiter at the end of the data
    private int _limit;
    private int _position;
    private bool _invented;

    private CsvStateMachine(ReadOnlySpan<byte> data, LoadOptions options)
    {
        _data = data;
        _row = options.RowDelimiter;
        _column = options.ColumnSeparator;
        _enclose = options.Enclose ?? 0;
        _escape = options.Escape ?? 0;
        _trim = options.TrimSpace;
        _limit = data.Length;
        _ordinaryStops = SearchValues.Create([_row[0], _column[0], _enclose, _escape]);
        _encloseStops = SearchValues.Create([_enclose, _escape]);
    }

    /// <summary>Reads every record of <paramref name="data"/> (after <c>skip_header</c>).</summary>
    public static List<SourceRow> Read(ReadOnlySpan<byte> data, LoadOptions options) => new CsvStateMachine(data, options).ReadAll();

    /// <summary>A byte of the data, or of the row delimiters invented behind it.</summary>
    private readonly byte At(int index) => index < _data.Length ? _data[index] : _row[(index - _data.Length) % _row.Length];

    /// <summary>
    /// Moves past the byte at the position and every following byte of the data that is not in <paramref name="stops"/>:
    /// the state machine would take each of them with one <c>_buff.skip(1)</c> and stay in its state.
    /// </summary>
    private void SkipPast(SearchValues<byte> stops)
    {
        if (++_position >= _data.Length)
            return;
        var run = _data[_position..].IndexOfAny(stops);
        _position = run < 0 ? _data.Length : _position + run;
    }

    /// <summary>
    /// <c>readMore</c> at the end of the data (CSVScanner::ScannerCSVReader::_fill_buffer): a row delimiter is appended
    /// when what is left is shorter than one or does not end with one; with nothing left it is skipped at once and the
    /// data has ended. Returns false at the end.
    /// </summary>
    private bool ReadMore()
    {
        var left = _limit - _position;
        if (left < _row.Length || !EndsWithRowDelimiter())
        {
            // StarRocks would go on inventing delimiters while a multi-byte one is only partly consumed; stop at the second
            if (left > 0 && _invented)
                return false;
            _limit += _row.Length;
            _invented = true;
        }
        if (left == 0)
        {
            _position += _row.Length;
            return false;
        }
        return true;
    }

    private readonly bool EndsWithRowDelimiter()
    {
        if (_limit < _row.Length)
            return false;
        for (var i = 0; i < _row.Length; i++)
        {
            if (At(_limit - _row.Length + i) != _row[i])
                return false;
        }
        return true;
    }

    /// <summary>
    /// <c>is_row_delimiter</c> / <c>is_column_delimiter</c>: consumes <paramref name="token"/> at the position. A
    /// multi-byte token must have a byte after it, asking for more data when it reaches the end.
    /// </summary>
    private bool IsToken(byte[] token)
    {
        if (token.Length == 1)
        {
            if (At(_position) != token[0])
                return false;
            _position++;
            return true;
        }
        int i = 0, p = _position;
        while (i < token.Length && p < _limit && At(p) == token[i])
        {
            i++;
            p++;
            if (_limit - p < 1 && (!ReadMore() || _limit - p < 1))
                return false;
        }
        if (i != token.Length)
            return false;
        _position += token.Length;
        return true;
    }

    private List<SourceRow> ReadAll()
    {
        var rows = new List<SourceRow>();
        var fields = new List<string?>();
        var escaped = new List<byte>();
        var escapePositions = new HashSet<int>();
        var state = State.Start;
        var previous = State.Start;
        int parsedStart = 0, columnStart = -1, whiteSpaceStart = -1;
        bool encloseColumn = false, trailingCr = false, ended = false;

        while (true)
        {
            if (state is not (State.NewRow or State.ColumnDelimiter) && _position >= _limit && !ReadMore())
            {
                ended = true;
                state = State.NewRow;
            }
            switch (state)
            {
                case State.Start:
                    if (_trim)
                    {
                        while (At(_position) == (byte)' ')
                        {
                            _position++;
                            if (_position >= _limit && !ReadMore())
                            {
                                ended = true;
                                break;
                            }
                        }
                        if (ended)
                        {
                            state = State.NewRow;
                            continue;
                        }
                    }
                    columnStart = _position;
                    if (IsToken(_row))
                        state = State.NewRow;
                    else if (IsToken(_column))
                        state = State.ColumnDelimiter;
                    else if (At(_position) == _escape)
                    {
                        // StarRocks's "trick": an escape first in a field behaves as inside an ordinary field
                        previous = State.Ordinary;
                        state = State.Escape;
                        escapePositions.Add(_position++);
                    }
                    else if (At(_position) == _enclose)
                    {
                        _position++;
                        if (_position >= _limit && !ReadMore())
                        {
                            ended = true;
                            state = State.NewRow;
                            continue;
                        }
                        columnStart = _position;
                        state = State.Enclose;
                        encloseColumn = true;
                    }
                    else
                    {
                        state = State.Ordinary;
                        _position++;
                    }
                    break;

                case State.Enclose:
                    if (At(_position) == _enclose)
                    {
                        _position++;
                        if (_position >= _limit && !ReadMore())
                        {
                            encloseColumn = true;
                            ended = true;
                            state = State.NewRow;
                            continue;
                        }
                        previous = State.Enclose;
                        if (At(_position) == _enclose)
                        {
                            // a doubled enclose: the first is dropped, ENCLOSE_ESCAPE keeps the second
                            state = State.EncloseEscape;
                            escapePositions.Add(_position - 1);
                        }
                        else
                        {
                            // CRLF after the closing quote of the last field when the row delimiter is "\n" (#51725)
                            if (_row is [(byte)'\n'] && At(_position) == (byte)'\r')
                            {
                                if (_limit - _position < 2 && !ReadMore())
                                {
                                    encloseColumn = true;
                                    ended = true;
                                    state = State.NewRow;
                                    continue;
                                }
                                if (_limit - _position >= 2 && At(_position + 1) == (byte)'\n')
                                {
                                    _position++;
                                    trailingCr = true;
                                }
                            }
                            state = State.Ordinary;
                        }
                    }
                    else if (At(_position) == _escape)
                    {
                        previous = State.Enclose;
                        state = State.Escape;
                        escapePositions.Add(_position++);
                    }
                    else
                    {
                        SkipPast(_encloseStops);
                    }
                    break;

                case State.EncloseEscape:
                    state = previous;
                    _position++;
                    break;

                case State.Escape:
                    // the escaped byte is data, delimiters included, and the field stays what it was (#43613)
                    state = previous;
                    if (At(_position) == _enclose || At(_position) == _escape)
                        _position++;
                    else if (!IsToken(_row) && !IsToken(_column))
                        _position++;
                    break;

                case State.Ordinary:
                    if (_trim && previous == State.Enclose)
                    {
                        if (At(_position) == (byte)' ')
                            whiteSpaceStart = _position;
                        previous = State.Ordinary;
                    }
                    if (IsToken(_row))
                        state = State.NewRow;
                    else if (IsToken(_column))
                        state = State.ColumnDelimiter;
                    else if (At(_position) == _escape)
                    {
                        previous = State.Ordinary;
                        state = State.Escape;
                        escapePositions.Add(_position++);
                    }
                    else if (At(_position) == _enclose)
                    {
                        // outside an enclosure an enclose byte is dropped; a doubled one stands for one enclose byte
                        previous = State.Ordinary;
                        escapePositions.Add(_position++);
                        if (_position >= _limit && !ReadMore())
                        {
                            ended = true;
                            state = State.NewRow;
                            continue;
                        }
                        state = At(_position) == _enclose ? State.EncloseEscape : State.Ordinary;
                    }
                    else
                    {
                        SkipPast(_ordinaryStops);
                    }
                    break;

                case State.ColumnDelimiter:
                    fields.Add(EndColumn(columnStart, whiteSpaceStart, encloseColumn, _column.Length, 0, escapePositions, escaped));
                    state = State.Start;
                    encloseColumn = false;
                    whiteSpaceStart = -1;
                    break;

                case State.NewRow:
                    var parsedEnd = _position;
                    if (fields.Count == 0 && columnStart >= 0 && _position - _row.Length - columnStart == 0)
                    {
                        // a blank line: no record
                        state = State.Start;
                        encloseColumn = trailingCr = false;
                        if (ended)
                            return rows;
                        parsedStart = columnStart = _position;
                        break;
                    }
                    if (columnStart >= 0)
                    {
                        fields.Add(EndColumn(columnStart, whiteSpaceStart, encloseColumn, _row.Length, trailingCr ? 1 : 0, escapePositions, escaped));
                        columnStart = -1;
                        // a record made only of invented delimiter bytes is where StarRocks would keep inventing: none
                        if (parsedStart < _data.Length)
                            rows.Add(Record([.. fields], parsedStart, parsedEnd));
                    }
                    if (ended)
                        return rows;
                    fields.Clear();
                    state = State.Start;
                    encloseColumn = trailingCr = false;
                    whiteSpaceStart = -1;
                    parsedStart = _position;
                    break;
            }
        }
    }

    /// <summary>
    /// The column that ends at the position, just past its separator or delimiter of <paramref name="tokenLength"/>
    /// bytes: escape bytes are dropped, then the token, and for an enclosed column the closing quote (and a consumed
    /// <c>\r</c>, <paramref name="extra"/>). With <c>trim_space</c> and spaces after a closing quote it ends where they start.
    /// </summary>
    private readonly string? EndColumn(int columnStart, int whiteSpaceStart, bool encloseColumn, int tokenLength, int extra,
        HashSet<int> escapePositions, List<byte> escaped)
    {
        var trimmed = _trim && whiteSpaceStart >= 0;
        var end = trimmed ? whiteSpaceStart : _position;
        ReadOnlySpan<byte> bytes;
        if (escapePositions.Count > 0)
        {
            escaped.Clear();
            for (var i = columnStart; i < end; i++)
            {
                if (!escapePositions.Contains(i))
                    escaped.Add(At(i));
            }
            escapePositions.Clear();
            bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(escaped);
        }
        else
        {
            bytes = end <= _data.Length ? _data[columnStart..end] : Copy(columnStart, end);
        }
        var length = bytes.Length - (trimmed ? 0 : tokenLength) - (encloseColumn ? 1 + extra : 0);
        return CsvRowReader.FieldText(bytes[..Math.Max(length, 0)]);
    }

    private readonly byte[] Copy(int start, int end)
    {
        var bytes = new byte[end - start];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = At(start + i);
        return bytes;
    }

    private readonly SourceRow Record(string?[] fields, int start, int end)
    {
        var raw = end <= _data.Length ? _data[start..end] : Copy(start, end);
        return Utf8.IsValid(raw)
            ? new SourceRow(fields, Encoding.UTF8.GetString(raw))
            : new SourceRow(null, Encoding.UTF8.GetString(raw), CsvRowReader.InvalidUtf8);
    }
}
