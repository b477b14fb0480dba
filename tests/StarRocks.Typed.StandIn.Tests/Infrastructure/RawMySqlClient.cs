using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StarRocks.Typed.StandIn.Tests.Infrastructure;

/// <summary>
/// A minimal MySQL text-protocol client (user without password) that shows a result set as it travels on the wire:
/// each column's type code and each value's text, which a driver would convert before a test could see them.
/// </summary>
public sealed class RawMySqlClient : IAsyncDisposable
{
    private const uint ClientLongPassword = 0x1, ClientConnectWithDb = 0x8, ClientProtocol41 = 0x200, ClientSecureConnection = 0x8000;
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;

    /// <summary>One result set: the type code and character set of each column and the rows' values as text (null = NULL).</summary>
    public sealed record ResultSet(IReadOnlyList<byte> Types, IReadOnlyList<ushort> Charsets, IReadOnlyList<string?[]> Rows);

    /// <summary>Connects as <paramref name="user"/> (empty password) to <paramref name="database"/>.</summary>
    public static async Task<RawMySqlClient> ConnectAsync(IPEndPoint endpoint, string user, string database)
    {
        var client = new RawMySqlClient();
        await client._tcp.ConnectAsync(endpoint);
        client._stream = client._tcp.GetStream();
        await client.ReadPacketAsync(); // greeting
        var response = new List<byte>();
        var flags = ClientLongPassword | ClientConnectWithDb | ClientProtocol41 | ClientSecureConnection;
        response.AddRange(BitConverter.GetBytes(flags));
        response.AddRange(BitConverter.GetBytes(16 * 1024 * 1024));
        response.Add(45); // utf8mb4_general_ci
        response.AddRange(new byte[23]);
        response.AddRange(Encoding.UTF8.GetBytes(user + "\0"));
        response.Add(0); // no auth response: empty password
        response.AddRange(Encoding.UTF8.GetBytes(database + "\0"));
        await client.WritePacketAsync(1, [.. response]);
        var answer = await client.ReadPacketAsync();
        if (answer[0] != 0x00)
            throw new InvalidOperationException($"login failed: {Encoding.UTF8.GetString(answer.AsSpan(Math.Min(9, answer.Length)))}");
        return client;
    }

    /// <summary>Runs <paramref name="sql"/> and reads its (single) result set.</summary>
    public async Task<ResultSet> QueryAsync(string sql)
    {
        await WritePacketAsync(0, [0x03, .. Encoding.UTF8.GetBytes(sql)]);
        var first = await ReadPacketAsync();
        if (first[0] == 0xFF)
            throw new InvalidOperationException(Encoding.UTF8.GetString(first.AsSpan(9)));
        var position = 0;
        var count = (int)LengthEncoded(first, ref position);
        var types = new List<byte>();
        var charsets = new List<ushort>();
        for (var i = 0; i < count; i++)
        {
            var definition = await ReadPacketAsync();
            position = 0;
            for (var field = 0; field < 6; field++)
            {
                var length = (int)LengthEncoded(definition, ref position);
                position += length;
            }
            charsets.Add(BinaryPrimitives.ReadUInt16LittleEndian(definition.AsSpan(position + 1)));
            types.Add(definition[position + 1 + 6]);
        }
        await ReadPacketAsync(); // EOF
        var rows = new List<string?[]>();
        while (true)
        {
            var row = await ReadPacketAsync();
            if (row[0] == 0xFE && row.Length < 9)
                return new ResultSet(types, charsets, rows);
            position = 0;
            var values = new string?[count];
            for (var i = 0; i < count; i++)
            {
                if (row[position] == 0xFB)
                {
                    position++;
                    continue;
                }
                var length = (int)LengthEncoded(row, ref position);
                values[i] = Encoding.UTF8.GetString(row, position, length);
                position += length;
            }
            rows.Add(values);
        }
    }

    private static ulong LengthEncoded(byte[] data, ref int position)
    {
        var first = data[position++];
        switch (first)
        {
            case < 0xFB:
                return first;
            case 0xFC:
                position += 2;
                return BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(position - 2));
            case 0xFD:
                position += 3;
                return (ulong)(data[position - 3] | data[position - 2] << 8 | data[position - 1] << 16);
            default:
                position += 8;
                return BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(position - 8));
        }
    }

    private async Task<byte[]> ReadPacketAsync()
    {
        var header = new byte[4];
        await _stream.ReadExactlyAsync(header);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await _stream.ReadExactlyAsync(payload);
        return payload;
    }

    private async Task WritePacketAsync(byte sequence, byte[] payload)
    {
        await _stream.WriteAsync(new byte[] { (byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), sequence });
        await _stream.WriteAsync(payload);
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
