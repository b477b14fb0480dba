using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>One MySQL protocol packet read into a pooled buffer; dispose returns the buffer.</summary>
internal sealed class MySqlPacket : IDisposable
{
    /// <summary>Payloads of this length continue in the next packet.</summary>
    public const int MaxPayloadLength = 0xFFFFFF;

    private byte[]? _buffer;

    public MySqlPacket(byte sequence, byte[] buffer, int length)
    {
        Sequence = sequence;
        _buffer = buffer;
        Length = length;
    }

    public byte Sequence { get; }

    public int Length { get; }

    public ReadOnlyMemory<byte> Payload => _buffer.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is not null)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}

/// <summary>Reading and writing MySQL protocol packets, and the server packets the proxy builds itself.</summary>
internal static class MySqlPackets
{
    /// <summary>Reads a length-encoded integer (MySQL protocol); 0 past the end of <paramref name="data"/>.</summary>
    public static ulong ReadLengthEncoded(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length)
            return 0;
        var first = data[position++];
        switch (first)
        {
            case < 0xFB:
                return first;
            case 0xFC:
                position += 2;
                return BinaryPrimitives.ReadUInt16LittleEndian(data[(position - 2)..]);
            case 0xFD:
                position += 3;
                return (ulong)(data[position - 3] | data[position - 2] << 8 | data[position - 1] << 16);
            case 0xFE:
                position += 8;
                return BinaryPrimitives.ReadUInt64LittleEndian(data[(position - 8)..]);
            default:
                return 0;
        }
    }

    /// <summary>Reads one packet; null at end of stream.</summary>
    public static async Task<MySqlPacket?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        int read = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellationToken);
        if (read < 4)
            return null;
        int length = header[0] | header[1] << 8 | header[2] << 16;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
        return new MySqlPacket(header[3], buffer, length);
    }

    /// <summary>Writes one packet exactly as given (relaying; a 16 MB payload stays a continued packet).</summary>
    public static async Task WritePacketAsync(Stream stream, byte sequence, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        byte[] header = [(byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), sequence];
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(payload, cancellationToken);
    }

    /// <summary>Writes <paramref name="payload"/> as packets starting at <paramref name="sequence"/> (split at 16 MB); returns the next sequence id.</summary>
    public static async Task<byte> WriteAsync(Stream stream, byte sequence, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        while (true)
        {
            int chunk = Math.Min(payload.Length, MySqlPacket.MaxPayloadLength);
            header[0] = (byte)chunk;
            header[1] = (byte)(chunk >> 8);
            header[2] = (byte)(chunk >> 16);
            header[3] = sequence++;
            await stream.WriteAsync(header, cancellationToken);
            await stream.WriteAsync(payload[..chunk], cancellationToken);
            payload = payload[chunk..];
            if (chunk < MySqlPacket.MaxPayloadLength)
                return sequence;
        }
    }

    /// <summary>An OK packet payload (autocommit status).</summary>
    public static byte[] Ok() => [0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00];

    /// <summary>An ERR packet payload.</summary>
    public static byte[] Error(int code, string message, string sqlState = "42000")
    {
        var text = Encoding.UTF8.GetBytes(message);
        var payload = new byte[9 + text.Length];
        payload[0] = 0xFF;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(1), (ushort)code);
        payload[3] = (byte)'#';
        Encoding.ASCII.GetBytes(sqlState.PadRight(5).AsSpan(0, 5), payload.AsSpan(4));
        text.CopyTo(payload, 9);
        return payload;
    }
}

/// <summary>The connection-phase packets the proxy inspects: the server greeting and the client's handshake response.</summary>
internal static class MySqlHandshake
{
    private const uint ClientConnectWithDb = 0x8;
    private const uint ClientSsl = 0x800;
    private const uint ClientSecureConnection = 0x8000;
    private const uint ClientPluginAuthLenencData = 0x200000;
    /// <summary>CLIENT_DEPRECATE_EOF (1 &lt;&lt; 24) in the upper capability word.</summary>
    private const ushort ClientDeprecateEofUpper = 0x0100;

    /// <summary>
    /// Clears CLIENT_SSL in a server greeting (so clients do not start TLS with the proxy) and CLIENT_DEPRECATE_EOF (so
    /// result sets keep their EOF packets, which <see cref="ResultSetRelay"/> follows) and returns MariaDB's connection
    /// id, or -1 when the packet is not a protocol-10 greeting (an error packet, for instance).
    /// </summary>
    public static int PrepareGreeting(Span<byte> greeting)
    {
        if (greeting.Length < 1 || greeting[0] != 10)
            return -1;
        int end = greeting[1..].IndexOf((byte)0) + 1;
        if (end <= 0 || greeting.Length < end + 1 + 4 + 9 + 2)
            return -1;
        int connectionId = BinaryPrimitives.ReadInt32LittleEndian(greeting[(end + 1)..]);
        int capabilities = end + 1 + 4 + 9;
        ushort lower = BinaryPrimitives.ReadUInt16LittleEndian(greeting[capabilities..]);
        BinaryPrimitives.WriteUInt16LittleEndian(greeting[capabilities..], (ushort)(lower & ~ClientSsl));
        int upperCapabilities = capabilities + 2 + 1 + 2; // lower capabilities, character set, status
        if (greeting.Length >= upperCapabilities + 2)
        {
            ushort upper = BinaryPrimitives.ReadUInt16LittleEndian(greeting[upperCapabilities..]);
            BinaryPrimitives.WriteUInt16LittleEndian(greeting[upperCapabilities..], (ushort)(upper & ~ClientDeprecateEofUpper));
        }
        return connectionId;
    }

    /// <summary>The database a client's handshake response names (CLIENT_CONNECT_WITH_DB), or null.</summary>
    public static string? DatabaseOf(ReadOnlySpan<byte> response)
    {
        if (response.Length < 33)
            return null;
        uint capabilities = BinaryPrimitives.ReadUInt32LittleEndian(response);
        if ((capabilities & ClientConnectWithDb) == 0)
            return null;
        int position = 32;
        int userEnd = response[position..].IndexOf((byte)0);
        if (userEnd < 0)
            return null;
        position += userEnd + 1;
        if (position >= response.Length)
            return null;
        if ((capabilities & ClientPluginAuthLenencData) != 0)
        {
            ulong length = MySqlPackets.ReadLengthEncoded(response, ref position);
            position += (int)length;
        }
        else if ((capabilities & ClientSecureConnection) != 0)
            position += 1 + response[position];
        else
            position += response[position..].IndexOf((byte)0) + 1;
        if (position >= response.Length)
            return null;
        int dbEnd = response[position..].IndexOf((byte)0);
        var name = dbEnd < 0 ? response[position..] : response.Slice(position, dbEnd);
        return name.Length == 0 ? null : Encoding.UTF8.GetString(name);
    }

}
