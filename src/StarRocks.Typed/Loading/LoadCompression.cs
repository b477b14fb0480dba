using System.IO.Compression;
using ICSharpCode.SharpZipLib.BZip2;
using K4os.Compression.LZ4.Streams;
using ZstdSharp;

namespace StarRocks.Typed.Loading;

/// <summary>
/// The codec of a compressed Stream Load body, named by the <c>compression</c> header (<c>sink.properties.compression</c>).
/// StarRocks's FE takes the name case-insensitively from a fixed list and answers <c>Unsupported compression type: …</c>
/// for any other (<c>fe/fe-core/src/main/java/com/starrocks/common/util/CompressionUtils.java</c>,
/// <c>fe/fe-core/src/main/java/com/starrocks/load/streamload/StreamLoadInfo.java</c>); the BE decompresses the body as a
/// stream while it reads it (<c>be/src/util/compression/stream_compression.cpp</c>, <c>create_decompressor</c>). Each
/// codec here writes what that decompressor reads, at the codec's usual default level.
/// </summary>
internal sealed class LoadCompression
{
    /// <summary>The Stream Load header (and <c>sink.properties.*</c> key) that names the codec.</summary>
    public const string HeaderName = "compression";

    /// <summary>The names this library compresses with, as listed in messages.</summary>
    public const string Supported = "gzip, deflate, zstd, lz4_frame, bzip2 (or no_compression)";

    private static readonly Dictionary<string, LoadCompression?> Codecs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["no_compression"] = null,
        // gzip member, zlib's default level 6; the BE inflates with gzip/zlib header detection.
        ["gzip"] = new("gzip", s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)),
        // StarRocks's DEFLATE is zlib-wrapped (RFC 1950): the BE calls inflateInit2 with 15 window bits, not raw deflate.
        ["deflate"] = new("deflate", s => new ZLibStream(s, CompressionLevel.Optimal, leaveOpen: true)),
        // one zstd frame at zstd's default level 3
        ["zstd"] = new("zstd", s => new CompressionStream(s, level: 3, leaveOpen: true)),
        // one LZ4 frame (64 KiB blocks, the BE's LZ4F decoder takes up to 4 MiB)
        ["lz4_frame"] = new("lz4_frame", s => LZ4Stream.Encode(s, leaveOpen: true)),
        // one bzip2 stream, 900 KB blocks (bzip2's default)
        ["bzip2"] = new("bzip2", s => new BZip2OutputStream(s) { IsStreamOwner = false }),
    };

    /// <summary>
    /// Names the FE accepts whose body format this library does not write: Hadoop-framed <c>lz4</c> and <c>snappy</c>
    /// blocks, and <c>zlib</c>, which older BEs do not decompress.
    /// </summary>
    private static readonly HashSet<string> AcceptedButNotWritten = new(StringComparer.OrdinalIgnoreCase) { "lz4", "snappy", "zlib" };

    private readonly Func<Stream, Stream> _open;

    private LoadCompression(string name, Func<Stream, Stream> open)
    {
        Name = name;
        _open = open;
    }

    /// <summary>The codec's name as StarRocks spells it (lower-case).</summary>
    public string Name { get; }

    /// <summary>Opens a compressing stream over <paramref name="destination"/>; disposing it ends the frame and leaves the destination open.</summary>
    public Stream Compress(Stream destination) => _open(destination);

    /// <summary>Reads a <c>compression</c> value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="codec">The codec; <see langword="null"/> for <c>no_compression</c>.</param>
    /// <param name="error">Why the value cannot be used (naming <c>sink.properties.compression</c> and the value), or <see langword="null"/>.</param>
    /// <returns>Whether the value can be used.</returns>
    public static bool TryParse(string? value, out LoadCompression? codec, out string? error)
    {
        var name = value?.Trim() ?? "";
        if (Codecs.TryGetValue(name, out codec))
        {
            error = null;
            return true;
        }

        error = AcceptedButNotWritten.Contains(name)
            ? $"sink.properties.compression '{value}' is a codec StarRocks accepts but this library does not write; use {Supported}."
            : $"sink.properties.compression '{value}' is not a StarRocks compression type (StarRocks answers \"Unsupported compression type: {value}\"); use {Supported}.";
        return false;
    }

    /// <summary>The codec named by the (lower-cased) <c>compression</c> header among <paramref name="headers"/>, if any.</summary>
    /// <exception cref="ArgumentException">The header names a codec that cannot be used.</exception>
    public static LoadCompression? FromHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name == HeaderName)
            {
                return TryParse(value, out var codec, out var error) ? codec : throw new ArgumentException(error, nameof(headers));
            }
        }

        return null;
    }
}
