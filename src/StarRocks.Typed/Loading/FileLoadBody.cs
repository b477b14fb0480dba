using System.Buffers;

namespace StarRocks.Typed.Loading;

/// <summary>
/// A file sent as a Stream Load body as it is (StarRocks caps a body at the BE's <c>streaming_load_max_mb</c>, 10 GB by
/// default). The file is read while it is sent, anew for each request (a redirect, a retry), so a body of any size
/// takes one read buffer of memory, not its size.
/// </summary>
public sealed class FileLoadBody : LoadBody
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Takes the file at <paramref name="path"/> and its length now; the file must keep that length until the load ends.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public FileLoadBody(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"No file at '{file.FullName}' to load.", file.FullName);
        }

        Path = file.FullName;
        Length = file.Length;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's length when the body was created: the <c>Content-Length</c> of every request.</summary>
    public override long Length { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file's length is no longer <see cref="Length"/> (not retried: every attempt would send other bytes).</exception>
    public override async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            await using (file.ConfigureAwait(false))
            {
                long sent = 0;
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (sent + read > Length)
                    {
                        throw Changed();
                    }

                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    sent += read;
                }

                if (sent != Length)
                {
                    throw Changed();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private InvalidDataException Changed() =>
        new($"'{Path}' changed while it was being loaded: the load sends {Length:N0} bytes, its length when the load began.");
}
