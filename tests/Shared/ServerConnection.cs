using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace WebsocketProxy.Tests.Shared;

/// <summary>One accepted WebSocket on the <see cref="TestWebSocketServer"/>.</summary>
public sealed class ServerConnection(int id, WebSocket socket, IReadOnlyDictionary<string, string> headers)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public int Id { get; } = id;

    public WebSocket Socket { get; } = socket;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public ConcurrentQueue<string> Received { get; } = new();

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            await Socket.SendAsync(payload, type, true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The connection went away meanwhile.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
