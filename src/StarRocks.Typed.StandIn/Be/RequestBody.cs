using System.Buffers;
using Microsoft.AspNetCore.Http;
using StarRocks.Typed.StandIn.Loading;
using StarRocks.Typed.StandIn.Observation;

namespace StarRocks.Typed.StandIn.Be;

/// <summary>Reads a load body (Content-Length or chunked) through the request's PipeReader, counting bytes for the request log.</summary>
internal static class RequestBody
{
    /// <summary>Bytes to gather per read, below Kestrel's 1 MB request buffer limit.</summary>
    private const int BatchBytes = 256 * 1024;

    /// <summary>
    /// Reads the whole body. With <paramref name="resetAfterBytes"/>, aborts the connection once that many bytes arrived
    /// and returns null.
    /// </summary>
    public static async Task<byte[]?> ReadAllAsync(HttpContext context, long? resetAfterBytes = null)
    {
        var facts = RequestFacts.Of(context);
        var reader = context.Request.BodyReader;
        var buffer = new ArrayBufferWriter<byte>(context.Request.ContentLength is > 0 and < int.MaxValue ? (int)context.Request.ContentLength.Value : 64 * 1024);
        while (true)
        {
            var result = await reader.ReadAtLeastAsync(BatchBytes, context.RequestAborted);
            if (resetAfterBytes is { } limit && facts.BodyBytes + result.Buffer.Length >= limit)
            {
                // consume exactly up to the limit, then drop the connection
                reader.AdvanceTo(result.Buffer.GetPosition(limit - facts.BodyBytes));
                facts.BodyBytes = limit;
                context.Abort();
                return null;
            }
            foreach (var segment in result.Buffer)
                buffer.Write(segment.Span);
            facts.BodyBytes += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>
    /// Storage-off mode: counts rows by the row delimiter while draining the body, without keeping it. A compressed body
    /// is read whole, then decompressed and counted; one that does not decompress returns StarRocks's message.
    /// </summary>
    public static async Task<(long Rows, long Bytes, string? Error)> CountRowsAsync(HttpContext context, LoadOptions options)
    {
        var facts = RequestFacts.Of(context);
        var counter = new RowCounter(options.RowDelimiter);
        if (options.Compression is { } compression)
        {
            var body = (await ReadAllAsync(context))!;
            var error = compression.Decompress(new MemoryStream(body, writable: false), body.Length, counter.Add);
            return (counter.Finish(), facts.BodyBytes, error);
        }
        var reader = context.Request.BodyReader;
        while (true)
        {
            // wait for large batches: one wake-up per 256 KB instead of per 4 KB transport block
            var result = await reader.ReadAtLeastAsync(BatchBytes, context.RequestAborted);
            foreach (var segment in result.Buffer)
                counter.Add(segment.Span);
            facts.BodyBytes += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                break;
        }
        return (counter.Finish(), facts.BodyBytes, null);
    }

    /// <summary>Counts rows in a body seen chunk by chunk, including delimiters that straddle two chunks.</summary>
    private sealed class RowCounter(byte[] rowDelimiter)
    {
        private long _rows;
        private byte[] _tail = [];
        private int _lastByte = -1;

        public void Add(ReadOnlySpan<byte> span)
        {
            if (span.IsEmpty)
                return;
            if (rowDelimiter.Length > 1 && _tail.Length > 0)
            {
                // a delimiter straddling two segments
                var head = span[..Math.Min(span.Length, rowDelimiter.Length - 1)];
                var window = new byte[_tail.Length + head.Length];
                _tail.CopyTo(window, 0);
                head.CopyTo(window.AsSpan(_tail.Length));
                _rows += CsvRowReader.CountRows(window, rowDelimiter);
            }
            _rows += CsvRowReader.CountRows(span, rowDelimiter);
            if (rowDelimiter.Length > 1)
                _tail = span[Math.Max(0, span.Length - (rowDelimiter.Length - 1))..].ToArray();
            _lastByte = span[^1];
        }

        /// <summary>The row count, a last row without a trailing delimiter included.</summary>
        public long Finish() => _lastByte >= 0 && _lastByte != rowDelimiter[^1] ? _rows + 1 : _rows;
    }
}
