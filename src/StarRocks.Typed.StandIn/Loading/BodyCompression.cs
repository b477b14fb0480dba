using System.IO.Compression;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.BZip2;
using K4os.Compression.LZ4.Streams;
using Microsoft.AspNetCore.Http;
using ZstdSharp;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// A compressed load body's codec, from the <c>compression</c> or <c>Content-Encoding</c> header, as StarRocks reads it:
/// one of the two, never both (<c>be/src/http/action/stream_load.cpp</c>, <c>_process_put</c>); a name from the FE's list,
/// case-insensitive, else <c>Unsupported compression type: …</c> (<c>fe/fe-core/src/main/java/com/starrocks/common/util/
/// CompressionUtils.java</c>); decompressed as the BE's stream decompressors do (<c>be/src/util/compression/
/// stream_compression.cpp</c>): GZIP accepts a gzip or zlib header, DEFLATE is zlib-wrapped, then BZIP2, LZ4_FRAME and
/// ZSTD. A body that does not decompress fails the load with the decompressor's message; a body that ends before its
/// stream does with <c>be/src/io/compressed_input_stream.cpp</c>'s. LZ4, SNAPPY and ZLIB (Hadoop-framed blocks, and a
/// codec older BEs do not decompress) are refused: the stand-in does not reproduce them.
/// </summary>
public sealed class BodyCompression
{
    private static readonly Dictionary<string, BodyCompression?> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NO_COMPRESSION"] = null,
        ["GZIP"] = new("GZIP"),
        ["DEFLATE"] = new("DEFLATE"),
        ["BZIP2"] = new("BZIP2"),
        ["LZ4_FRAME"] = new("LZ4_FRAME"),
        ["ZSTD"] = new("ZSTD"),
    };

    private static readonly HashSet<string> NotReproduced = new(StringComparer.OrdinalIgnoreCase) { "LZ4", "SNAPPY", "ZLIB" };

    private BodyCompression(string name) => Name = name;

    /// <summary>The codec's name as the FE lists it (upper-case).</summary>
    public string Name { get; }

    /// <summary>Reads the codec from the headers: null when the body is plain, an error for a refused header combination or name.</summary>
    public static BodyCompression? Parse(IHeaderDictionary headers, out string? error)
    {
        error = null;
        var encoding = LoadOptions.Header(headers, "Content-Encoding");
        var compression = LoadOptions.Header(headers, "compression");
        if (!string.IsNullOrEmpty(encoding) && !string.IsNullOrEmpty(compression))
        {
            error = "Only one of http header content-encoding and compression can be set";
            return null;
        }
        var name = string.IsNullOrEmpty(encoding) ? compression : encoding;
        if (string.IsNullOrEmpty(name))
            return null;
        if (Known.TryGetValue(name, out var codec))
            return codec;
        error = NotReproduced.Contains(name)
            ? $"The StarRocks stand-in does not reproduce the '{name}' compression"
            : $"Unsupported compression type: {name}";
        return null;
    }

    /// <summary>The decompressed body, or null with StarRocks's message when it does not decompress.</summary>
    public byte[]? Decompress(ReadOnlySpan<byte> body, out string? error)
    {
        var output = new MemoryStream(body.Length * 4);
        error = Decompress(new MemoryStream(body.ToArray(), writable: false), body.Length, chunk => output.Write(chunk));
        return error is null ? output.ToArray() : null;
    }

    /// <summary>
    /// Decompresses <paramref name="source"/> (<paramref name="length"/> bytes when known, else -1) chunk by chunk into
    /// <paramref name="consume"/>; returns StarRocks's message when the body does not decompress, else null.
    /// </summary>
    public string? Decompress(Stream source, long length, Action<ReadOnlySpan<byte>> consume)
    {
        var input = new PeekStream(source);
        var head = input.Peek(2);
        if (head.Length == 0)
            return Truncated(0);
        var zlibInGzip = Name == "GZIP" && !(head.Length == 2 && head[0] == 0x1f && head[1] == 0x8b);
        var buffer = new byte[256 * 1024];
        var trailer = new Trailer(Name == "DEFLATE" || zlibInGzip ? TrailerKind.Adler32 : Name == "GZIP" ? TrailerKind.GzipSize : TrailerKind.None);
        try
        {
            using var decompressor = Open(zlibInGzip ? "DEFLATE" : Name, input); // bzip2 reads its header here
            int read;
            while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
            {
                trailer.Add(buffer.AsSpan(0, read));
                consume(buffer.AsSpan(0, read));
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or InvalidOperationException
                                              or ZstdException or SharpZipBaseException or ArgumentException)
        {
            return exception is EndOfStreamException ? Truncated(length) : Corrupt(exception);
        }
        // .NET's inflater ends quietly on a cut-off gzip or zlib stream; zlib itself has checked the trailer of a whole one,
        // so a trailer that does not match what was inflated means the stream was cut off.
        return trailer.Matches(input.LastBytes) ? null : Truncated(length);
    }

    private static Stream Open(string name, Stream input) => name switch
    {
        "GZIP" => new GZipStream(input, CompressionMode.Decompress),
        "DEFLATE" => new ZLibStream(input, CompressionMode.Decompress),
        "BZIP2" => new BZip2InputStream(input),
        "LZ4_FRAME" => LZ4Stream.Decode(input),
        "ZSTD" => new DecompressionStream(input),
        _ => throw new InvalidOperationException(name),
    };

    /// <summary>The message of the BE's decompressor for corrupt input.</summary>
    private string Corrupt(Exception exception) => Name switch
    {
        "GZIP" or "DEFLATE" => "Failed to inflate. return code: -3",
        "BZIP2" => "Failed to bz2 decompress. status code: -4",
        "LZ4_FRAME" when exception is InvalidDataException => "LZ4F_getFrameInfo error: ERROR_frameType_unknown",
        "LZ4_FRAME" => "Decompression error: ERROR_GENERIC",
        _ => $"ZSTD decompress failed. error: {exception.Message}",
    };

    /// <summary><c>CompressedInputStream::read</c>'s message when the body ends inside the compressed stream.</summary>
    private static string Truncated(long length) =>
        $"Failed to decompress. input_len:{Math.Max(0, length)}, output_len:{Math.Max(0, length)}";

    private enum TrailerKind { None, Adler32, GzipSize }

    /// <summary>Tracks what the end of a whole zlib (Adler-32, big-endian) or gzip (size mod 2^32, little-endian) stream must be.</summary>
    private struct Trailer(TrailerKind kind)
    {
        private uint _a = 1, _b;
        private ulong _size;

        public void Add(ReadOnlySpan<byte> data)
        {
            _size += (ulong)data.Length;
            if (kind != TrailerKind.Adler32)
                return;
            foreach (var value in data)
            {
                _a = (_a + value) % 65521;
                _b = (_b + _a) % 65521;
            }
        }

        public readonly bool Matches(ReadOnlySpan<byte> last4) => kind switch
        {
            TrailerKind.None => true,
            _ when last4.Length < 4 => false,
            TrailerKind.Adler32 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(last4) == ((_b << 16) | _a),
            _ => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(last4) == (uint)_size,
        };
    }

    /// <summary>A read-only stream that can show its first bytes before they are read and keeps the last four bytes read.</summary>
    private sealed class PeekStream(Stream inner) : Stream
    {
        private readonly byte[] _last = new byte[4];
        private byte[] _peeked = [];
        private int _peekedOffset;
        private int _lastCount;

        public ReadOnlySpan<byte> LastBytes => _last.AsSpan(4 - _lastCount);

        public ReadOnlySpan<byte> Peek(int count)
        {
            var buffer = new byte[count];
            var filled = 0;
            int read;
            while (filled < count && (read = inner.Read(buffer, filled, count - filled)) > 0)
                filled += read;
            _peeked = buffer[..filled];
            return _peeked;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            if (_peekedOffset < _peeked.Length)
            {
                read = Math.Min(buffer.Length, _peeked.Length - _peekedOffset);
                _peeked.AsSpan(_peekedOffset, read).CopyTo(buffer);
                _peekedOffset += read;
            }
            else
            {
                read = inner.Read(buffer);
            }
            Remember(buffer[..read]);
            return read;
        }

        private void Remember(ReadOnlySpan<byte> data)
        {
            if (data.Length >= 4)
            {
                data[^4..].CopyTo(_last);
                _lastCount = 4;
                return;
            }
            // shift the kept bytes left and append
            var keep = Math.Min(_lastCount, 4 - data.Length);
            _last.AsSpan(4 - keep).CopyTo(_last.AsSpan(4 - keep - data.Length));
            data.CopyTo(_last.AsSpan(4 - data.Length));
            _lastCount = Math.Min(4, keep + data.Length);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
