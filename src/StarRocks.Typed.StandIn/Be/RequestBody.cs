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

    /// <summary>Storage-off mode: counts rows by <paramref name="rowDelimiter"/> while draining the body, without keeping it.</summary>
    public static async Task<(long Rows, long Bytes)> CountRowsAsync(HttpContext context, byte[] rowDelimiter)
    {
        var facts = RequestFacts.Of(context);
        var reader = context.Request.BodyReader;
        long rows = 0;
        var tail = Array.Empty<byte>();
        var lastByte = -1;
        while (true)
        {
            // wait for large batches: one wake-up per 256 KB instead of per 4 KB transport block
            var result = await reader.ReadAtLeastAsync(BatchBytes, context.RequestAborted);
            foreach (var segment in result.Buffer)
            {
                var span = segment.Span;
                if (span.IsEmpty)
                    continue;
                if (rowDelimiter.Length > 1 && tail.Length > 0)
                {
                    // a delimiter straddling two segments
                    var head = span[..Math.Min(span.Length, rowDelimiter.Length - 1)];
                    var window = new byte[tail.Length + head.Length];
                    tail.CopyTo(window, 0);
                    head.CopyTo(window.AsSpan(tail.Length));
                    rows += CsvRowReader.CountRows(window, rowDelimiter);
                }
                rows += CsvRowReader.CountRows(span, rowDelimiter);
                if (rowDelimiter.Length > 1)
                    tail = span[Math.Max(0, span.Length - (rowDelimiter.Length - 1))..].ToArray();
                lastByte = span[^1];
            }
            facts.BodyBytes += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                break;
        }
        if (lastByte >= 0 && lastByte != rowDelimiter[^1])
            rows++; // a last row without a trailing delimiter
        return (rows, facts.BodyBytes);
    }
}
