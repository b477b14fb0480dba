using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>The decoder's fast path: data change events in the compact JSON JsonConverter writes, read without a tokenizer (see <see cref="CompactJson"/>).</summary>
public sealed partial class DebeziumChangeStreamTarget
{
    /// <summary>
    /// Reads a message or payload: through <see cref="TryScanCompact"/> when it is compact JSON, else through
    /// <see cref="Scan"/>. What the fast path set before it gave up, <see cref="Scan"/> sets again: it reads every member
    /// of the same object (and an <c>after</c> read with the guessed columns starts by clearing
    /// <see cref="Parts.WrittenWith"/>), so <paramref name="parts"/> is not copied aside for it (a copy per event measured
    /// 6–10 % of decoding one).
    /// </summary>
    private void ScanEnvelope(ReadOnlyMemory<byte> json, ref Parts parts)
    {
        if (ReadsCompactJson && TryScanCompact(json, ref parts))
        {
            return;
        }
        Scan(json, ref parts);
    }

    /// <summary>The members <see cref="TryScanCompact"/> reads; a second one of them is left to the reader's path, which decides which counts.</summary>
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
    /// read it. False for anything else (a schema change, a nested envelope, a member twice, JSON outside that form):
    /// <see cref="Scan"/> reads the message then.
    /// </summary>
    private static bool TryScanCompact(ReadOnlyMemory<byte> json, ref Parts parts)
    {
        var span = json.Span;
        if (span.Length < 2 || span[0] != (byte)'{') return false;
        int position = 1;
        var seen = EnvelopeMember.Other;
        bool end;
        int index = 0;
        do
        {
            if (!parts.EnvelopeShape!.TryName(span, ref position, index++, RoleOfEnvelopeMember, out int role)) return false;
            var member = (EnvelopeMember)role;
            if ((member & seen) != 0) return false;
            seen |= member;
            bool read = member switch
            {
                EnvelopeMember.After => TryImage(json, ref position, ref parts, out parts.After, rewrite: true),
                EnvelopeMember.Before => TryImage(json, ref position, ref parts, out parts.Before, rewrite: false),
                EnvelopeMember.Source => TrySource(json, ref position, ref parts),
                EnvelopeMember.Op => TryOp(span, ref position, ref parts),
                EnvelopeMember.Other => CompactJson.TrySkip(span, ref position, 1),
                _ => false,
            };
            if (!read || !CompactJson.TryNext(span, ref position, (byte)'}', out end)) return false;
        }
        while (!end);
        return position == span.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryOp(ReadOnlySpan<byte> span, ref int position, ref Parts parts)
    {
        if (!CompactJson.TryString(span, ref position, out var op) || op.Length != 1) return false;
        parts.Op = op[0];
        return true;
    }

    /// <summary>Reads <c>before</c> or <c>after</c> (null or an object); <c>after</c> is rewritten with the guessed table's columns when they read it.</summary>
    private static bool TryImage(ReadOnlyMemory<byte> json, ref int position, ref Parts parts, out ReadOnlyMemory<byte> image, bool rewrite)
    {
        var span = json.Span;
        image = default;
        if (position >= span.Length) return false;
        if (span[position] == (byte)'n') return CompactJson.TryLiteral(span, ref position, "null"u8);
        if (span[position] != (byte)'{') return false;
        int start = position;
        if (rewrite)
        {
            parts.WrittenWith = GuessedColumns(parts) is { } columns && parts.Rows!.TryWriteCompactRow(span, ref position, columns, parts.Guess!.Id) ? columns : null;
        }
        if ((!rewrite || parts.WrittenWith is null) && !parts.ImageShape!.TrySkipObject(span, ref position, 1)) return false; // read past it, not written
        image = json[start..position];
        return true;
    }

    /// <summary>Reads <c>source</c>, keeping the names of the table (strings without escapes, or null) and skipping the rest.</summary>
    private static bool TrySource(ReadOnlyMemory<byte> json, ref int position, ref Parts parts)
    {
        var span = json.Span;
        // (An empty source names no table: the reader's path says so.)
        if (position >= span.Length || span[position] != (byte)'{' || ++position >= span.Length || span[position] == (byte)'}') return false;
        bool end;
        int index = 0;
        var shape = parts.SourceShape!;
        do
        {
            if (!shape.TrySkipRepeated(span, ref position, index))
            {
                int start = position;
                if (!shape.TryName(span, ref position, index, RoleOfSourceMember, out int role)) return false;
                bool read = (SourceMember)role switch
                {
                    SourceMember.Table => TryText(json, ref position, out parts.Table),
                    SourceMember.Database => TryText(json, ref position, out parts.Database),
                    SourceMember.Schema => TryText(json, ref position, out parts.SchemaName),
                    SourceMember.Connector => TryText(json, ref position, out parts.Connector),
                    _ => CompactJson.TrySkip(span, ref position, 2),
                };
                if (!read) return false;
                if ((SourceMember)role == SourceMember.Other) shape.RememberSkipped(span, start, position, index);
            }
            index++;
            if (!CompactJson.TryNext(span, ref position, (byte)'}', out end)) return false;
        }
        while (!end);
        return true;
    }

    /// <summary>A string's content without escapes, or empty for null (other values: the reader's path names the error).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryText(ReadOnlyMemory<byte> json, ref int position, out ReadOnlyMemory<byte> text)
    {
        var span = json.Span;
        text = default;
        if (position >= span.Length) return false;
        if (span[position] == (byte)'n') return CompactJson.TryLiteral(span, ref position, "null"u8);
        int start = position;
        if (!CompactJson.TryString(span, ref position, out var content)) return false;
        text = json.Slice(start + 1, content.Length);
        return true;
    }
}
