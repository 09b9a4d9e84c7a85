using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A real Kestrel WebSocket server on 127.0.0.1 with an ephemeral port. Records every accepted connection and
/// every text message it receives (in order), can broadcast to or drop all connections, and answers messages
/// through an optional responder (for example an authentication reply).
/// Kestrel sends the 101 reply before the server can record the connection, so a client may know it is connected
/// first: every view of the connections waits until no handshake is half-recorded, so a test never misses one.
/// </summary>
public sealed class TestWebSocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, ServerConnection> _open = new();
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stopping = new();
    private int _nextId;
    private int _handshaking;

    private TestWebSocketServer(WebApplication app) => _app = app;

    /// <summary>Replies to a received text message; return <see langword="null"/> for no reply.</summary>
    public Func<ServerConnection, string, string?>? Responder { get; set; }

    /// <summary>Replies to a received binary message with a binary message; return <see langword="null"/> for no reply.</summary>
    public Func<ServerConnection, byte[], byte[]?>? BinaryResponder { get; set; }

    /// <summary>Every message received, with its frame type and bytes as they arrived, in order.</summary>
    public ConcurrentQueue<(WebSocketMessageType Type, byte[] Payload)> ReceivedFrames { get; } = new();

    /// <summary>
    /// Runs after a received text message (and its reply) before the connection reads on, for example to close or
    /// drop it after authentication. A task that does not complete stops the connection reading, so it also stops
    /// answering pings: a half-open link, from the client's point of view (see <see cref="StopReadingAsync"/>).
    /// </summary>
    public Func<ServerConnection, string, Task>? AfterMessage { get; set; }

    /// <summary><see cref="TimeProvider.System"/> timestamps of every accepted connection, in order.</summary>
    public ConcurrentQueue<long> AcceptedAt { get; } = new();

    /// <summary>Decides whether a handshake is accepted (for example by its headers); <see langword="null"/> accepts all.</summary>
    public Func<HttpContext, bool>? Accept { get; set; }

    public Uri Url { get; private set; } = null!;

    /// <summary>How many WebSocket connections were accepted in total.</summary>
    public int AcceptedCount
    {
        get
        {
            SettleHandshakes();
            return Volatile.Read(ref _nextId);
        }
    }

    public IReadOnlyCollection<ServerConnection> OpenConnections
    {
        get
        {
            SettleHandshakes();
            return [.. _open.Values];
        }
    }

    /// <summary>Every text message received on any connection, in arrival order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<TestWebSocketServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TestWebSocketServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/stream");
        return server;
    }

    /// <summary>Waits for a log entry ("open N", "recv N text", "close N") matching <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForEventAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var item = await _events.Reader.ReadAsync(cts.Token);
                if (predicate(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The test server saw no matching event; received so far: [{string.Join(" | ", Received)}]");
        }
    }

    public Task WaitForMessageAsync(string text, TimeSpan? timeout = null) =>
        WaitForEventAsync(e => e.EndsWith(" " + text, StringComparison.Ordinal) && e.StartsWith("recv ", StringComparison.Ordinal), timeout);

    /// <summary>For <see cref="AfterMessage"/>: never completes while the server runs, so the connection stops reading (and answering pings).</summary>
    public async Task StopReadingAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    public async Task BroadcastAsync(string text)
    {
        SettleHandshakes();
        foreach (var connection in _open.Values)
        {
            await connection.SendAsync(text);
        }
    }

    /// <summary>Aborts every open connection (a network drop, from the proxy's point of view).</summary>
    public void DropAll()
    {
        SettleHandshakes();
        foreach (var connection in _open.Values)
        {
            connection.Socket.Abort();
        }
    }

    /// <summary>Closes every open connection with <paramref name="status"/> (a deliberate close, from the proxy's point of view).</summary>
    public async Task CloseAllAsync(WebSocketCloseStatus status, string description)
    {
        SettleHandshakes();
        foreach (var connection in _open.Values)
        {
            try
            {
                await connection.Socket.CloseOutputAsync(status, description, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        DropAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || (Accept is not null && !Accept(context)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Counted before the 101 reply goes out, so whoever learns of the connection also sees it pending here.
        Interlocked.Increment(ref _handshaking);
        WebSocket socket;
        ServerConnection connection;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
            connection = new ServerConnection(Interlocked.Increment(ref _nextId), socket, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            _open[connection.Id] = connection;
            AcceptedAt.Enqueue(TimeProvider.System.GetTimestamp());
            _events.Writer.TryWrite($"open {connection.Id}");
        }
        finally
        {
            Interlocked.Decrement(ref _handshaking);
        }

        using var owned = socket;
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                    count += result.Count;
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, count);
                ReceivedFrames.Enqueue((result.MessageType, buffer.AsSpan(0, count).ToArray()));
                Received.Enqueue(text);
                connection.Received.Enqueue(text);
                _events.Writer.TryWrite($"recv {connection.Id} {text}");
                if (result.MessageType == WebSocketMessageType.Binary && BinaryResponder is { } binaryResponder)
                {
                    if (binaryResponder(connection, buffer.AsSpan(0, count).ToArray()) is { } binaryReply)
                    {
                        await connection.SendAsync(binaryReply, WebSocketMessageType.Binary);
                    }
                }
                else if (Responder?.Invoke(connection, text) is { } reply)
                {
                    await connection.SendAsync(reply);
                }

                if (AfterMessage is { } after)
                {
                    await after(connection, text);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped by the test or by the peer.
        }
        finally
        {
            _open.TryRemove(connection.Id, out _);
            _events.Writer.TryWrite($"close {connection.Id}");
        }
    }

    private void SettleHandshakes()
    {
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _handshaking) == 0, TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException("A WebSocket handshake with the test server did not complete within 20 s.");
        }
    }
}
