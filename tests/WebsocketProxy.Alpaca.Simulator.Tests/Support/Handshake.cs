using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>
/// A WebSocket opening handshake written by hand over TCP. <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// silently drops a <c>Content-Type</c> request header, which the MessagePack handshake needs.
/// </summary>
internal static class Handshake
{
    /// <summary>Opens the connection; <paramref name="receiveBufferSize"/> fixes the socket's receive buffer (0: the system's, which grows to megabytes).</summary>
    public static async Task<NetworkStream> OpenAsync(Uri uri, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken, int receiveBufferSize = 0)
    {
        var tcp = new TcpClient { NoDelay = true };
        if (receiveBufferSize > 0)
        {
            tcp.ReceiveBufferSize = receiveBufferSize;
        }

        await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = new StringBuilder()
            .Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.Authority).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken);

        // Read the response head byte by byte so no frame bytes after it are consumed.
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
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        Assert.Contains("Sec-WebSocket-Accept: " + expected, head.ToString(), StringComparison.OrdinalIgnoreCase);
        return stream;
    }
}
