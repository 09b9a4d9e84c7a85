using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using MessagePack;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

/// <summary>
/// A MessagePack client on a socket with a tiny receive buffer that authenticates, subscribes, reads its replies
/// and then stops reading: what a stuck strategy looks like to the gateway.
/// </summary>
internal sealed class StalledClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;

    private StalledClient(Socket socket, WebSocket webSocket)
    {
        _socket = socket;
        _webSocket = webSocket;
    }

    public static async Task<StalledClient> ConnectAsync(Uri url, string key, string secret, string subscribeJson)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        using var timeout = new CancellationTokenSource(RawClient.Timeout);
        await socket.ConnectAsync("127.0.0.1", url.Port, timeout.Token);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var request = $"GET {url.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1:{url.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nContent-Type: application/msgpack\r\nContent-Length: 0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var response = new List<byte>();
        var one = new byte[1];
        while (response.Count < 4 || !(response[^4] == '\r' && response[^3] == '\n' && response[^2] == '\r' && response[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new IOException("The gateway closed during the handshake: " + Encoding.ASCII.GetString([.. response]));
            }

            response.Add(one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString([.. response]), StringComparison.Ordinal);
        var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var client = new StalledClient(socket, webSocket);
        await client.SendAsync($"{{\"action\":\"auth\",\"key\":\"{key}\",\"secret\":\"{secret}\"}}");
        await client.SendAsync(subscribeJson);

        // connected, authenticated, subscription: then it reads no more.
        var buffer = new byte[1 << 16];
        for (var replies = 0; replies < 3;)
        {
            var result = await webSocket.ReceiveAsync(buffer, timeout.Token);
            if (result.EndOfMessage)
            {
                replies++;
            }
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _webSocket.Abort();
        _webSocket.Dispose();
        _socket.Dispose();
        await Task.CompletedTask;
    }

    private async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(RawClient.Timeout);
        await _webSocket.SendAsync(MessagePackSerializer.ConvertFromJson(json), WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
    }
}
