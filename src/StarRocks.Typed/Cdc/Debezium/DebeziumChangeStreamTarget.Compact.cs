using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>The decoder's fast path: data change events in the compact JSON JsonConverter writes, read without a tokenizer (see <see cref="CompactJson"/>).</summary>
public sealed partial class DebeziumChangeStreamTarget
{
    /// <summary>
    /// Reads a message or payload: through <see cref="CompactEnvelopeEnd"/> when it is compact JSON, else through
    /// <see cref="Scan"/>. What the fast path set before it gave up, <see cref="Scan"/> sets again: it reads every member
    /// of the same object (and an <c>after</c> read with the guessed columns starts by clearing
    /// <see cref="Parts.WrittenWith"/>), so <paramref name="parts"/> is not copied aside for it (a copy per event measured
    /// 6–10 % of decoding one).
    /// </summary>
    private void ScanEnvelope(ReadOnlyMemory<byte> json, ref Parts parts)
    {
        if (ReadsCompactJson && CompactEnvelopeEnd(json, ref parts) == json.Length)
        {
            return;
        }
        Scan(json, ref parts);
    }

    /// <summary>The members <see cref="CompactEnvelopeEnd"/> reads; a second one of them is left to the reader's path, which decides which counts.</summary>
    [Flags]
    private enum EnvelopeMember
    {
        Other = 0,
        Before = 1,
        After = 2,
        Source = 4,
        Op = 8,

        /// <summary>A member of an envelope or a schema change: only the reader's path reads those.</summary>
        NotCompact = 16,
    }

    private static readonly Func<ReadOnlySpan<byte>, int> RoleOfEnvelopeMember = name => (int)(name.Length switch
    {
        5 when name.SequenceEqual("after"u8) => EnvelopeMember.After,
        6 when name.SequenceEqual("before"u8) => EnvelopeMember.Before,
        6 when name.SequenceEqual("source"u8) => EnvelopeMember.Source,
        2 when name.SequenceEqual("op"u8) => EnvelopeMember.Op,
        6 when name.SequenceEqual("schema"u8) => EnvelopeMember.NotCompact,
        7 when name.SequenceEqual("payload"u8) => EnvelopeMember.NotCompact,
        12 when name.SequenceEqual("tableChanges"u8) => EnvelopeMember.NotCompact,
        _ => EnvelopeMember.Other,
    });

    /// <summary>The members of <c>source</c> that name the table.</summary>
    private enum SourceMember
    {
        Other,
        Table,
        Database,
        Schema,
        Connector,
    }

    private static readonly Func<ReadOnlySpan<byte>, int> RoleOfSourceMember = name => (int)(name.Length switch
    {
        5 when name.SequenceEqual("table"u8) => SourceMember.Table,
        2 when name.SequenceEqual("db"u8) => SourceMember.Database,
        6 when name.SequenceEqual("schema"u8) => SourceMember.Schema,
        9 when name.SequenceEqual("connector"u8) => SourceMember.Connector,
        _ => SourceMember.Other,
    });

    /// <summary>
    /// The fast path of <see cref="Scan"/> for a data change event in compact JSON (see <see cref="CompactJson"/>): the
    /// same parts, in one pass without a tokenizer, <c>after</c> rewritten on the way when the guessed table's columns
    /// read it; where the event's object ends in <paramref name="json"/>. -1 for anything else (a schema change, a nested
    /// envelope, a member twice, JSON outside that form): <see cref="Scan"/> reads the message then. What follows the
    /// object is not read: the caller checks it (the end of the message, or of a JSON line).
    /// </summary>
    private static int CompactEnvelopeEnd(ReadOnlyMemory<byte> json, ref Parts parts)
    {
        var span = json.Span;
        if (span.Length < 2 || span[0] != (byte)'{') return -1;
        int position = 1;
        var seen = EnvelopeMember.Other;
        var shape = parts.EnvelopeShape!;
        for (int index = 0; ; index++)
        {
            if ((position = shape.AfterName(span, position, index, RoleOfEnvelopeMember, out int role)) < 0) return -1;
            var member = (EnvelopeMember)role;
            if ((member & seen) != 0) return -1;
            seen |= member;
            position = member switch
            {
                EnvelopeMember.After => AfterImage(json, position, ref parts, out parts.After, rewrite: true),
                EnvelopeMember.Before => AfterImage(json, position, ref parts, out parts.Before, rewrite: false),
                EnvelopeMember.Source => AfterSource(json, position, ref parts),
                EnvelopeMember.Op => AfterOp(span, position, ref parts),
                EnvelopeMember.Other => CompactJson.AfterValue(span, position, 1),
                _ => -1,
            };
            switch (CompactJson.SeparatorAt(span, position++, (byte)'}'))
            {
                case Separator.Comma: continue;
                case Separator.Close: return position;
                default: return -1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AfterOp(ReadOnlySpan<byte> span, int position, ref Parts parts)
    {
        int end = CompactJson.AfterString(span, position, out _);
        if (end - position != 3) return -1; // a one-letter string (or not a string: -1)
        parts.Op = span[position + 1];
        return end;
    }

    /// <summary>Reads <c>before</c> or <c>after</c> (null or an object); <c>after</c> is rewritten with the guessed table's columns when they read it.</summary>
    private static int AfterImage(ReadOnlyMemory<byte> json, int position, ref Parts parts, out ReadOnlyMemory<byte> image, bool rewrite)
    {
        var span = json.Span;
        image = default;
        if (position >= span.Length) return -1;
        if (span[position] == (byte)'n') return CompactJson.AfterLiteral(span, position, "null"u8);
        if (span[position] != (byte)'{') return -1;
        int end = -1;
        if (rewrite)
        {
            int written = position;
            parts.WrittenWith = GuessedColumns(parts) is { } columns && parts.Rows!.TryWriteCompactRow(span, ref written, columns, parts.Guess!.Id) ? columns : null;
            if (parts.WrittenWith is not null) end = written;
        }
        if (end < 0 && (end = parts.ImageShape!.AfterObject(span, position, 1)) < 0) return -1; // read past it, not written
        image = json[position..end];
        return end;
    }

    /// <summary>Reads <c>source</c>, keeping the names of the table (strings without escapes, or null) and skipping the rest.</summary>
    private static int AfterSource(ReadOnlyMemory<byte> json, int position, ref Parts parts)
    {
        var span = json.Span;
        // (An empty source names no table: the reader's path says so.)
        if (position >= span.Length || span[position] != (byte)'{' || ++position >= span.Length || span[position] == (byte)'}') return -1;
        var shape = parts.SourceShape!;
        for (int index = 0; ; index++)
        {
            int end = shape.AfterRepeated(span, position, index);
            if (end < 0)
            {
                int start = position;
                if ((position = shape.AfterName(span, position, index, RoleOfSourceMember, out int role)) < 0) return -1;
                end = (SourceMember)role switch
                {
                    SourceMember.Table => AfterText(json, position, out parts.Table),
                    SourceMember.Database => AfterText(json, position, out parts.Database),
                    SourceMember.Schema => AfterText(json, position, out parts.SchemaName),
                    SourceMember.Connector => AfterText(json, position, out parts.Connector),
                    _ => CompactJson.AfterValue(span, position, 2),
                };
                if (end < 0) return -1;
                if ((SourceMember)role == SourceMember.Other) shape.RememberSkipped(span, start, end, index);
            }
            position = end;
            switch (CompactJson.SeparatorAt(span, position++, (byte)'}'))
            {
                case Separator.Comma: continue;
                case Separator.Close: return position;
                default: return -1;
            }
        }
    }

    /// <summary>A string's content without escapes, or empty for null (other values: the reader's path names the error).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AfterText(ReadOnlyMemory<byte> json, int position, out ReadOnlyMemory<byte> text)
    {
        var span = json.Span;
        text = default;
        if (position >= span.Length) return -1;
        if (span[position] == (byte)'n') return CompactJson.AfterLiteral(span, position, "null"u8);
        int end = CompactJson.AfterString(span, position, out _);
        if (end >= 0) text = json[(position + 1)..(end - 1)];
        return end;
    }
}
