using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>A bare <see cref="ClientWebSocket"/> speaking the JSON protocol, with every wait bounded.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly Queue<JsonElement> _pending = new();

    private RawClient(WebSocket socket)
    {
        Socket = socket;
    }

    public WebSocket Socket { get; }

    /// <summary>Connects with a hand-written handshake, for headers <see cref="ClientWebSocket"/> will not send.</summary>
    public static async Task<RawClient> ConnectWithHeadersAsync(Uri uri, IReadOnlyDictionary<string, string> headers, int receiveBufferSize = 0)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var stream = await Handshake.OpenAsync(uri, headers, cts.Token, receiveBufferSize);
        return new RawClient(WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false }));
    }

    public static async Task<RawClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var cts = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, cts.Token);
        return new RawClient(socket);
    }

    /// <summary>Connects, reads "connected", authenticates with the simulator's key and reads "authenticated".</summary>
    public static async Task<RawClient> ConnectAuthenticatedAsync(AlpacaMarketSimulator sim, AlpacaSimulatorFeed feed)
    {
        var client = await ConnectAsync(sim.GetUri(feed));
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        await client.SendAsync($$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"{{sim.Credentials.Secret}}"}""");
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        return client;
    }

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next frame's bytes and type; a Close frame returns type Close.</summary>
    public async Task<(byte[] Payload, WebSocketMessageType Type)> ReceiveRawAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        var count = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(count), cts.Token);
            count += result.Count;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ([], WebSocketMessageType.Close);
            }

            if (result.EndOfMessage)
            {
                return (_buffer.AsSpan(0, count).ToArray(), result.MessageType);
            }
        }
    }

    /// <summary>The next frame as a JSON array of messages.</summary>
    public async Task<JsonElement[]> ReceiveFrameAsync()
    {
        Assert.True(_pending.Count == 0, "Messages of an earlier frame are still unread: use ReceiveUntilAsync.");
        var (payload, type) = await ReceiveRawAsync();
        Assert.NotEqual(WebSocketMessageType.Close, type);
        using var document = JsonDocument.Parse(payload);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The next frame, which must hold exactly one message (control messages come alone).</summary>
    public async Task<JsonElement> ReceiveSingleAsync()
    {
        var frame = await ReceiveFrameAsync();
        Assert.Single(frame);
        return frame[0];
    }

    /// <summary>Reads messages (the rest of a frame first) until one matches, failing after the timeout.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, List<JsonElement>? seen = null)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            cts.Token.ThrowIfCancellationRequested();
            if (_pending.Count == 0)
            {
                foreach (var received in await ReceiveFrameAsync())
                {
                    _pending.Enqueue(received);
                }

                continue;
            }

            var message = _pending.Dequeue();
            seen?.Add(message);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Reads until the server closes or drops the connection; returns the control messages seen.</summary>
    public async Task<List<JsonElement>> ReceiveUntilClosedAsync()
    {
        var seen = new List<JsonElement>();
        try
        {
            while (true)
            {
                var (payload, type) = await ReceiveRawAsync();
                if (type == WebSocketMessageType.Close)
                {
                    return seen;
                }

                using var document = JsonDocument.Parse(payload);
                seen.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
            }
        }
        catch (WebSocketException)
        {
            return seen;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }

        Socket.Dispose();
    }
}
