using System.Net;
using System.Net.Http.Headers;

namespace StarRocks.Typed.Loading;

/// <summary>
/// The bytes of one Stream Load body, sent as they are: a <see cref="LoadBatch"/> (rows serialized into pooled memory)
/// or a <see cref="FileLoadBody"/> (a file read while it is sent). A body can be sent any number of times (after a
/// redirect, on a retry); each request gets its own <see cref="HttpContent"/>.
/// </summary>
public abstract class LoadBody
{
    private protected LoadBody()
    {
    }

    /// <summary>The number of bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Copies the bytes to <paramref name="destination"/>.</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when every byte is written.</returns>
    public abstract Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new <see cref="HttpContent"/> over the body with a known <c>Content-Length</c>. Each request needs its own
    /// content; disposing the content does not release the body.
    /// </summary>
    /// <returns>A content that streams the body.</returns>
    public HttpContent CreateContent() => CreateContent(null);

    /// <summary>
    /// Creates a new <see cref="HttpContent"/> over the body: with <paramref name="compression"/>, the bytes go through the
    /// compressing stream into the request stream as they are sent (chunked, no <c>Content-Length</c>, no compressed copy
    /// of the body); each request compresses anew. Without it, as <see cref="CreateContent()"/>.
    /// </summary>
    internal HttpContent CreateContent(LoadCompression? compression)
    {
        ThrowIfUnusable();
        return compression is null ? new BodyContent(this) : new CompressedBodyContent(this, compression);
    }

    /// <summary>Throws when the body can no longer be sent (a disposed batch).</summary>
    private protected virtual void ThrowIfUnusable()
    {
    }

    /// <summary>An <see cref="HttpContent"/> view of a body; serializing copies it in pieces, never whole.</summary>
    private sealed class BodyContent : HttpContent
    {
        private readonly LoadBody _body;

        public BodyContent(LoadBody body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _body.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _body.CopyToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    /// <summary>An <see cref="HttpContent"/> that compresses a body while it is sent, as StarRocks's SDK does (<c>CompressionHttpEntity</c>).</summary>
    private sealed class CompressedBodyContent : HttpContent
    {
        private readonly LoadBody _body;
        private readonly LoadCompression _compression;

        public CompressedBodyContent(LoadBody body, LoadCompression compression)
        {
            _body = body;
            _compression = compression;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var compressor = _compression.Compress(stream);
            await using (compressor.ConfigureAwait(false))
            {
                await _body.CopyToAsync(compressor, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
