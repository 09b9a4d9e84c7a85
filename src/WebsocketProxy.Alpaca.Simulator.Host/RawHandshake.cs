using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>
/// Opens a client WebSocket with a hand-written handshake: <see cref="ClientWebSocket"/> drops a
/// <c>Content-Type</c> request header, and that header is how a client asks for MessagePack.
/// </summary>
internal static class RawHandshake
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static async Task<WebSocket> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = new StringBuilder()
            .Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\nHost: ").Append(uri.Authority)
            .Append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
            .Append(key).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken).ConfigureAwait(false);

        // Byte by byte, so no frame that follows the response head is consumed here.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The server closed the connection during the WebSocket handshake.");
            }

            head.Append((char)one[0]);
        }

        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));
        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal)
            || !head.ToString().Contains(accept, StringComparison.Ordinal))
        {
            throw new IOException($"The WebSocket handshake failed: {head.ToString().Split("\r\n")[0]}");
        }

        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
    }
}
