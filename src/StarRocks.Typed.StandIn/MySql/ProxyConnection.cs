using System.Buffers;
using System.Net.Sockets;
using System.Text;
using StarRocks.Typed.StandIn.Catalog;

namespace StarRocks.Typed.StandIn.MySql;

/// <summary>
/// One client connection of <see cref="MySqlProxy"/> and its MariaDB connection. The connection phase is relayed
/// packet by packet (CLIENT_SSL and CLIENT_DEPRECATE_EOF cleared in the greeting); afterwards server→client packets go
/// through <see cref="ResultSetRelay"/> (which gives text result sets StarRocks's column types and number text) and
/// only client command packets are inspected: COM_QUERY text is logged and handed to the <see cref="StatementHandler"/>,
/// COM_INIT_DB tracked, everything else relayed unchanged.
/// </summary>
internal sealed class ProxyConnection : IAsyncDisposable
{
    private const byte ComInitDb = 0x02;
    private const byte ComQuery = 0x03;
    private const byte ComStmtPrepare = 0x16;
    private const byte ComResetConnection = 0x1F;
    private const int CopyBufferSize = 64 * 1024;

    private readonly Socket _client;
    private readonly Socket _server;
    private readonly NetworkStream _clientStream;
    private readonly NetworkStream _serverStream;
    private readonly StatementHandler _handler;
    private readonly SqlLog _log;
    private readonly SchemaCatalog _catalog;
    private readonly CommandTracker _commands = new();
    private readonly SemaphoreSlim _clientWrite = new(1, 1);
    private ProxySession _session = new(0);

    public ProxyConnection(Socket client, Socket server, StatementHandler handler, SchemaCatalog catalog, SqlLog log)
    {
        _catalog = catalog;
        _client = client;
        _server = server;
        _client.NoDelay = true;
        _server.NoDelay = true;
        _clientStream = new NetworkStream(client, ownsSocket: false);
        _serverStream = new NetworkStream(server, ownsSocket: false);
        _handler = handler;
        _log = log;
    }

    /// <summary>Relays until either side closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            if (!await RelayConnectionPhaseAsync(linked.Token))
                return;
            var serverToClient = CopyServerToClientAsync(linked.Token);
            var clientToServer = RelayCommandsAsync(linked.Token);
            await Task.WhenAny(serverToClient, clientToServer);
            await linked.CancelAsync();
            await Task.WhenAll(Quietly(serverToClient), Quietly(clientToServer));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
        {
            // A side closed the connection.
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException or ObjectDisposedException)
        {
            // Closing.
        }
    }

    private async Task<bool> RelayConnectionPhaseAsync(CancellationToken cancellationToken)
    {
        using (var greeting = await MySqlPackets.ReadAsync(_serverStream, cancellationToken))
        {
            if (greeting is null)
                return false;
            var bytes = greeting.Span.ToArray();
            int connectionId = MySqlHandshake.PrepareGreeting(bytes);
            _session = new ProxySession(connectionId);
            await MySqlPackets.WritePacketAsync(_clientStream, greeting.Sequence, bytes, cancellationToken);
            if (connectionId < 0)
                return false;
        }
        bool clientTurn = true;
        while (true)
        {
            if (clientTurn)
            {
                using var response = await MySqlPackets.ReadAsync(_clientStream, cancellationToken);
                if (response is null)
                    return false;
                if (response.Sequence == 1)
                    _session.Database = MySqlHandshake.DatabaseOf(response.Span);
                await MySqlPackets.WritePacketAsync(_serverStream, response.Sequence, response.Payload, cancellationToken);
            }
            using var reply = await MySqlPackets.ReadAsync(_serverStream, cancellationToken);
            if (reply is null)
                return false;
            await MySqlPackets.WritePacketAsync(_clientStream, reply.Sequence, reply.Payload, cancellationToken);
            if (reply.Length > 0 && reply.Span[0] == 0x00)
                return true;
            if (reply.Length > 0 && reply.Span[0] == 0xFF)
                return false;
            // 0x01 0x03: fast authentication succeeded, the OK follows without a client packet.
            clientTurn = !(reply.Length == 2 && reply.Span[0] == 0x01 && reply.Span[1] == 0x03);
        }
    }

    private Task CopyServerToClientAsync(CancellationToken cancellationToken) =>
        new ResultSetRelay(_serverStream, WriteToClientAsync, _catalog, _commands).RunAsync(cancellationToken);

    private async Task WriteToClientAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _clientWrite.WaitAsync(cancellationToken);
        try
        {
            await _clientStream.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _clientWrite.Release();
        }
    }

    private async Task RelayCommandsAsync(CancellationToken cancellationToken)
    {
        MemoryStream? longQuery = null;
        while (true)
        {
            using var packet = await MySqlPackets.ReadAsync(_clientStream, cancellationToken);
            if (packet is null)
                return;
            bool startsCommand = packet.Sequence == 0 && longQuery is null && packet.Length > 0;
            byte command = startsCommand ? packet.Span[0] : (byte)0;
            if (longQuery is not null)
            {
                longQuery.Write(packet.Span);
                if (packet.Length < MySqlPacket.MaxPayloadLength)
                {
                    _log.Add(_session.ConnectionId, Encoding.UTF8.GetString(longQuery.GetBuffer(), 1, (int)longQuery.Length - 1));
                    longQuery = null;
                }
            }
            else if (startsCommand && command == ComQuery && packet.Length == MySqlPacket.MaxPayloadLength)
            {
                // Multi-packet statements (16 MB and more) are passed through unchanged; logged once complete.
                longQuery = new MemoryStream();
                longQuery.Write(packet.Span);
            }
            else if (startsCommand && command == ComQuery)
            {
                string sql = Encoding.UTF8.GetString(packet.Span[1..]);
                _log.Add(_session.ConnectionId, sql);
                await AnswerAsync(sql, packet, cancellationToken);
                continue;
            }
            else if (startsCommand && command == ComInitDb)
                _session.Database = Encoding.UTF8.GetString(packet.Span[1..]);
            else if (startsCommand && command == ComResetConnection)
                _session.StarRocksVariables.Clear();
            else if (startsCommand && command == ComStmtPrepare)
                _log.Add(_session.ConnectionId, Encoding.UTF8.GetString(packet.Span[1..]));
            if (startsCommand)
                _commands.Sent(isQuery: command == ComQuery);
            await MySqlPackets.WritePacketAsync(_serverStream, packet.Sequence, packet.Payload, cancellationToken);
        }
    }

    private async Task AnswerAsync(string sql, MySqlPacket packet, CancellationToken cancellationToken)
    {
        var outcome = await _handler.HandleAsync(_session, sql, cancellationToken);
        switch (outcome)
        {
            case ForwardOutcome { Sql: null }:
                _commands.Sent(isQuery: true);
                await MySqlPackets.WritePacketAsync(_serverStream, 0, packet.Payload, cancellationToken);
                break;
            case ForwardOutcome forward:
                var text = Encoding.UTF8.GetBytes(forward.Sql!);
                var payload = new byte[text.Length + 1];
                payload[0] = ComQuery;
                text.CopyTo(payload, 1);
                _commands.Sent(isQuery: true);
                await MySqlPackets.WriteAsync(_serverStream, 0, payload, cancellationToken);
                break;
            case OkOutcome:
                await ReplyAsync(MySqlPackets.Ok(), cancellationToken);
                break;
            case ErrorOutcome error:
                await ReplyAsync(MySqlPackets.Error(error.Code, error.Message), cancellationToken);
                break;
        }
    }

    private async Task ReplyAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _clientWrite.WaitAsync(cancellationToken);
        try
        {
            await MySqlPackets.WriteAsync(_clientStream, 1, payload, cancellationToken);
        }
        finally
        {
            _clientWrite.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _clientStream.DisposeAsync();
        await _serverStream.DisposeAsync();
        _client.Dispose();
        _server.Dispose();
        _clientWrite.Dispose();
    }
}
