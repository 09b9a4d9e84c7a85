using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using MessagePack;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

/// <summary>
/// A raw Alpaca protocol client of the simulator in either codec. The MessagePack one opens its WebSocket with a
/// hand-written handshake: <see cref="ClientWebSocket"/> drops the <c>Content-Type</c> header that selects it.
/// </summary>
internal sealed class SimulatorSocket : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly WebSocket _socket;
    private readonly byte[] _buffer = new byte[4 << 20];

    private SimulatorSocket(WebSocket socket, bool messagePack)
    {
        _socket = socket;
        IsMessagePack = messagePack;
    }

    public bool IsMessagePack { get; }

    public static async Task<SimulatorSocket> ConnectAsync(Uri uri, bool messagePack)
    {
        using var cts = new CancellationTokenSource(Timeout);
        if (!messagePack)
        {
            var client = new ClientWebSocket();
            await client.ConnectAsync(uri, cts.Token);
            return new SimulatorSocket(client, false);
        }

        var stream = await HandshakeAsync(uri, cts.Token);
        return new SimulatorSocket(WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false }), true);
    }

    /// <summary>Sends a command written as JSON: as it is on a JSON connection, packed on a MessagePack one.</summary>
    public async Task SendAsync(string json)
    {
        using var cts = new CancellationTokenSource(Timeout);
        if (IsMessagePack)
        {
            await _socket.SendAsync(MessagePackSerializer.ConvertFromJson(json, cancellationToken: cts.Token), WebSocketMessageType.Binary, true, cts.Token);
        }
        else
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cts.Token);
        }
    }

    /// <summary>The next whole frame's payload; fails on close or after the timeout.</summary>
    public async Task<byte[]> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The simulator closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            Assert.Equal(IsMessagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, result.MessageType);
            count += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsSpan(0, count).ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone: nothing left to close.
        }

        _socket.Dispose();
    }

    private static async Task<NetworkStream> HandshakeAsync(Uri uri, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\nContent-Type: application/msgpack\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);

        // Byte by byte, so no frame bytes after the response head are consumed.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The server closed the connection during the handshake.");
            }

            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
        return stream;
    }
}
