using System.Text;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Serialization;

/// <summary>
/// A test model of how StarRocks's Stream Load CSV reader splits a body into fields, written from a reading of
/// be/src/formats/csv/csv_reader.cpp and be/src/exec/csv_scanner.cpp: without enclose/escape the body is cut at every
/// row delimiter (blank records skipped) and every column separator; with enclose or escape the byte-wise state
/// machine (START / ORDINARY / ENCLOSE / ESCAPE / ENCLOSE_ESCAPE) applies, with an unset enclose/escape acting as NUL.
/// A field equal to <c>\N</c> is NULL (nullable_converter.cpp). Used as the oracle for round-trip tests.
/// </summary>
internal static class StarRocksCsvModel
{
    public static List<List<string?>> Parse(ReadOnlySpan<byte> body, CsvFormat format)
    {
        var rows = format.Enclose is null && format.Escape is null
            ? ParsePlain(body, format.ColumnSeparatorBytes.ToArray(), format.RowDelimiterBytes.ToArray())
            : ParseStateMachine(body.ToArray(), format.ColumnSeparatorBytes.ToArray(), format.RowDelimiterBytes.ToArray(), format.Enclose ?? 0, format.Escape ?? 0);
        return rows.Select(r => r.Select(f => f.SequenceEqual("\\N"u8.ToArray()) ? null : Encoding.UTF8.GetString(f)).ToList()).ToList();
    }

    private static List<List<byte[]>> ParsePlain(ReadOnlySpan<byte> body, byte[] separator, byte[] delimiter)
    {
        var rows = new List<List<byte[]>>();
        while (!body.IsEmpty)
        {
            int end = body.IndexOf(delimiter);
            var record = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + delimiter.Length)..];
            if (record.IsEmpty) continue; // blank records are skipped
            var fields = new List<byte[]>();
            while (true)
            {
                int cut = record.IndexOf(separator);
                if (cut < 0) { fields.Add(record.ToArray()); break; }
                fields.Add(record[..cut].ToArray());
                record = record[(cut + separator.Length)..];
            }
            rows.Add(fields);
        }
        return rows;
    }

    private enum State { Start, Ordinary, Enclose, Escape, EncloseEscape }

    private static List<List<byte[]>> ParseStateMachine(byte[] d, byte[] separator, byte[] delimiter, byte enclose, byte escape)
    {
        var rows = new List<List<byte[]>>();
        var columns = new List<byte[]>();
        var escaped = new HashSet<int>();
        var state = State.Start;
        var previous = State.Start;
        int pos = 0, columnStart = 0;
        bool enclosed = false;

        bool At(byte[] token) => pos + token.Length <= d.Length && d.AsSpan(pos, token.Length).SequenceEqual(token);

        void PushColumn(int tokenLength)
        {
            var bytes = new List<byte>();
            for (int i = columnStart; i < pos; i++)
                if (!escaped.Contains(i)) bytes.Add(d[i]);
            int length = bytes.Count - tokenLength - (enclosed ? 1 : 0);
            columns.Add(bytes.Take(Math.Max(length, 0)).ToArray());
            escaped.Clear();
            enclosed = false;
        }

        void EndRow()
        {
            if (columns.Count == 0 && pos - delimiter.Length - columnStart == 0)
            {
                // blank row: skipped
            }
            else
            {
                PushColumn(delimiter.Length);
                rows.Add(columns);
                columns = [];
            }
            escaped.Clear();
            enclosed = false;
            state = State.Start;
        }

        while (pos < d.Length)
        {
            switch (state)
            {
                case State.Start:
                    columnStart = pos;
                    if (At(delimiter)) { pos += delimiter.Length; EndRow(); break; }
                    if (At(separator)) { pos += separator.Length; PushColumn(separator.Length); state = State.Start; break; }
                    if (d[pos] == escape) { previous = State.Ordinary; state = State.Escape; escaped.Add(pos); pos++; break; }
                    if (d[pos] == enclose)
                    {
                        pos++;
                        if (pos >= d.Length) throw new InvalidOperationException("truncated");
                        columnStart = pos;
                        if (d[pos] != enclose) { state = State.Enclose; enclosed = true; break; }
                        pos++;
                        if (At(delimiter)) { enclosed = true; pos += delimiter.Length; EndRow(); break; }
                        if (At(separator)) { enclosed = true; pos += separator.Length; PushColumn(separator.Length); state = State.Start; break; }
                        state = State.Ordinary;
                        break;
                    }
                    state = State.Ordinary;
                    pos++;
                    break;

                case State.Enclose:
                    if (d[pos] == enclose)
                    {
                        pos++;
                        if (pos >= d.Length) throw new InvalidOperationException("truncated");
                        previous = state;
                        if (d[pos] == enclose) { state = State.EncloseEscape; escaped.Add(pos - 1); }
                        else state = State.Ordinary;
                        break;
                    }
                    if (d[pos] == escape) { previous = state; state = State.Escape; escaped.Add(pos); pos++; break; }
                    pos++;
                    break;

                case State.EncloseEscape:
                    state = previous;
                    pos++;
                    break;

                case State.Escape:
                    if (d[pos] == enclose || d[pos] == escape) { state = previous; pos++; break; }
                    if (At(delimiter)) { pos += delimiter.Length; state = previous; break; }
                    if (At(separator)) { pos += separator.Length; state = previous; break; }
                    Ordinary();
                    break;

                case State.Ordinary:
                    Ordinary();
                    break;
            }
        }
        if (state != State.Start || columns.Count != 0) throw new InvalidOperationException("body does not end with a row delimiter");
        return rows;

        void Ordinary()
        {
            if (At(delimiter)) { pos += delimiter.Length; EndRow(); return; }
            if (At(separator)) { pos += separator.Length; PushColumn(separator.Length); state = State.Start; return; }
            if (d[pos] == escape) { previous = state; state = State.Escape; escaped.Add(pos); pos++; return; }
            if (d[pos] == enclose) { previous = state; state = State.EncloseEscape; escaped.Add(pos); pos++; return; }
            pos++;
            state = State.Ordinary;
        }
    }
}
