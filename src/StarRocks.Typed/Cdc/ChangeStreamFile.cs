using System.Buffers;
using System.IO.Pipelines;
using StarRocks.Typed.Cdc.Debezium;

namespace StarRocks.Typed.Cdc;

/// <summary>
/// Replays a change stream saved as JSON lines: one message per line, as Kafka Connect's JsonConverter wrote it — the
/// value alone (<c>kcat -C -t topic -e -f '%s\n'</c>), or the key, a tab and the value (<c>-f '%k\t%s\n'</c>), which
/// messages with the <c>schema</c> part need: their key's schema names the primary key. JsonConverter writes compact
/// JSON, in which a tab only appears escaped, so the first tab of a line ends its key. A line with nothing after the
/// key (or an empty line) is a tombstone, skipped by the decoder. After a restart, a stream without the <c>schema</c> part
/// needs the schemas its tables had: learn the schema history first (<see cref="LearnAsync(string, IChangeStreamTarget, CancellationToken)"/>
/// of the schema-change records up to where the replay resumes), then replay the rest.
/// </summary>
public static class ChangeStreamFile
{
    /// <summary>Replays the file at <paramref name="path"/> into <paramref name="target"/>, then checkpoints it.</summary>
    /// <param name="path">The JSON-lines file.</param>
    /// <param name="target">Where the messages go (e.g. a <c>DebeziumChangeStreamTarget</c> over the CDC sink).</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The number of lines replayed; completes when their rows are in StarRocks.</returns>
    public static async Task<long> ReplayAsync(string path, IChangeStreamTarget target, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await ReplayAsync(file, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replays the JSON lines of <paramref name="stream"/> into <paramref name="target"/>, then checkpoints it.</summary>
    /// <param name="stream">The JSON lines.</param>
    /// <param name="target">Where the messages go.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The number of lines replayed; completes when their rows are in StarRocks.</returns>
    public static async Task<long> ReplayAsync(Stream stream, IChangeStreamTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var lines = await ReadAsync(stream, target.WriteAsync, target as DebeziumChangeStreamTarget, cancellationToken).ConfigureAwait(false);
        await target.CheckpointAsync(null, cancellationToken).ConfigureAwait(false);
        return lines;
    }

    /// <summary>
    /// Replays JSON lines already in memory (a file read whole, a buffer of messages) into <paramref name="target"/>, then
    /// checkpoints it: each message is handed over as a slice of <paramref name="lines"/>, not copied.
    /// </summary>
    /// <param name="lines">The JSON lines; they must stay unchanged until the replay completes.</param>
    /// <param name="target">Where the messages go.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The number of lines replayed; completes when their rows are in StarRocks.</returns>
    public static async Task<long> ReplayAsync(ReadOnlyMemory<byte> lines, IChangeStreamTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (consumed, count) = await TakeLinesAsync(lines, target.WriteAsync, target as DebeziumChangeStreamTarget, cancellationToken).ConfigureAwait(false);
        if (consumed < lines.Length)
        {
            var (key, value) = KeyAndValue(TrimCarriageReturn(lines[consumed..])); // the last line, without a newline
            await target.WriteAsync(key, value, cancellationToken).ConfigureAwait(false);
            count++;
        }

        await target.CheckpointAsync(null, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>
    /// Hands each message of the file at <paramref name="path"/> to <see cref="IChangeStreamTarget.LearnAsync"/>: messages
    /// applied before the last checkpoint (e.g. Debezium's schema-change records), whose schemas are learned without
    /// writing anything to StarRocks.
    /// </summary>
    /// <param name="path">The JSON-lines file.</param>
    /// <param name="target">What learns them (e.g. a <c>DebeziumChangeStreamTarget</c> over the CDC sink).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The number of lines learned.</returns>
    public static async Task<long> LearnAsync(string path, IChangeStreamTarget target, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await LearnAsync(file, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands each message of <paramref name="stream"/>'s JSON lines to <see cref="IChangeStreamTarget.LearnAsync"/>.</summary>
    /// <param name="stream">The JSON lines.</param>
    /// <param name="target">What learns them.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The number of lines learned.</returns>
    public static Task<long> LearnAsync(Stream stream, IChangeStreamTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ReadAsync(stream, target.LearnAsync, null, cancellationToken);
    }

    /// <summary>Hands each line's key and value to <paramref name="take"/> (or the whole line to <paramref name="decoder"/>, see <see cref="TakeLinesAsync"/>), in order; the number of lines.</summary>
    private static async Task<long> ReadAsync(Stream stream, Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, CancellationToken, ValueTask> take, DebeziumChangeStreamTarget? decoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
        byte[]? joined = null; // a line that spans buffer segments is copied here
        long lines = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;

                while (true)
                {
                    // The lines inside the first segment; then the line that runs on into the next segment (or the last
                    // line, without a newline), copied; then that segment's lines.
                    var (consumed, taken) = await TakeLinesAsync(buffer.First, take, decoder, cancellationToken).ConfigureAwait(false);
                    lines += taken;
                    buffer = buffer.Slice(consumed);
                    if (!TryReadLine(ref buffer, out var spanning) && !(read.IsCompleted && TakeRest(ref buffer, out spanning)))
                    {
                        break;
                    }

                    var (spanningKey, spanningValue) = KeyAndValue(Contiguous(spanning, ref joined));
                    await take(spanningKey, spanningValue, cancellationToken).ConfigureAwait(false);
                    lines++;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }

        return lines;
    }

    /// <summary>
    /// Hands the key and value of each whole line of <paramref name="text"/> (ended by a newline) to <paramref name="take"/>,
    /// each found with one search for the key's tab and the newline: how many bytes those lines took, and how many they were.
    /// A <paramref name="decoder"/> is offered each line first: it takes a compact data change event without a key
    /// straight from the buffer, finding the newline as it reads the message (<see cref="DebeziumChangeStreamTarget.TryWriteLine"/>).
    /// </summary>
    private static async ValueTask<(int Consumed, long Lines)> TakeLinesAsync(
        ReadOnlyMemory<byte> text, Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, CancellationToken, ValueTask> take, DebeziumChangeStreamTarget? decoder, CancellationToken cancellationToken)
    {
        int consumed = 0;
        long lines = 0;
        while (true)
        {
            if (decoder is not null && decoder.TryWriteLine(text[consumed..], cancellationToken, out int taken, out var written))
            {
                consumed += taken;
                await written.ConfigureAwait(false);
            }
            else if (NextLine(text.Span[consumed..]) is var (length, tab) && length >= 0)
            {
                var line = text.Slice(consumed, length);
                consumed += length + 1;
                var (key, value) = tab < 0 ? (default, TrimCarriageReturn(line)) : (line[..tab], TrimCarriageReturn(line[(tab + 1)..]));
                await take(key, value, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                return (consumed, lines);
            }

            lines++;
        }
    }

    /// <summary>The length of the first line of <paramref name="text"/> (-1 when it does not end in it) and where its first tab is (-1 when none).</summary>
    private static (int Length, int Tab) NextLine(ReadOnlySpan<byte> text)
    {
        int stop = text.IndexOfAny((byte)'\n', (byte)'\t');
        if (stop < 0 || text[stop] == (byte)'\n')
        {
            return (stop, -1);
        }

        int end = text[(stop + 1)..].IndexOf((byte)'\n');
        return (end < 0 ? -1 : stop + 1 + end, stop);
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line)
        => !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;

    private static (ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value) KeyAndValue(ReadOnlyMemory<byte> line)
    {
        var tab = line.Span.IndexOf((byte)'\t');
        return tab < 0 ? (default, line) : (line[..tab], line[(tab + 1)..]);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static bool TakeRest(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        line = buffer;
        buffer = buffer.Slice(buffer.End);
        return !line.IsEmpty;
    }

    private static ReadOnlyMemory<byte> Contiguous(ReadOnlySequence<byte> line, ref byte[]? joined)
    {
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (line.IsSingleSegment)
        {
            return line.First;
        }

        if (joined is null || joined.Length < line.Length)
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }

            joined = ArrayPool<byte>.Shared.Rent(checked((int)line.Length));
        }

        line.CopyTo(joined);
        return joined.AsMemory(0, (int)line.Length);
    }
}
