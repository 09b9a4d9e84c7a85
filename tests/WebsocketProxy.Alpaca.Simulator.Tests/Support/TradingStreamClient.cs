using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>A bare client of the trading stream (<c>/stream</c>): one JSON message a frame, every wait bounded.</summary>
internal sealed class TradingStreamClient : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[1 << 20];

    private TradingStreamClient(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The type of the last frame received.</summary>
    public WebSocketMessageType LastType { get; private set; }

    public static Task<TradingStreamClient> ConnectAsync(AlpacaMarketSimulator sim) => ConnectAsync(sim.TradingStreamUri);

    public static async Task<TradingStreamClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await socket.ConnectAsync(uri, cts.Token);
        return new TradingStreamClient(socket);
    }

    /// <summary>Connects, authenticates with <paramref name="pair"/> (the simulator's by default) and listens to trade_updates.</summary>
    public static Task<TradingStreamClient> ConnectListeningAsync(AlpacaMarketSimulator sim, AlpacaKeyPair? pair = null) =>
        ConnectListeningAsync(sim.TradingStreamUri, pair ?? sim.Credentials);

    public static async Task<TradingStreamClient> ConnectListeningAsync(Uri uri, AlpacaKeyPair pair)
    {
        var client = await ConnectAsync(uri);
        await client.AuthenticateAsync(pair);
        Assert.Equal("authorized", (await client.ReceiveAsync()).GetProperty("data").GetProperty("status").GetString());
        await client.SendAsync("""{"action":"listen","data":{"streams":["trade_updates"]}}""");
        Assert.Equal("listening", (await client.ReceiveAsync()).GetProperty("stream").GetString());
        return client;
    }

    public Task AuthenticateAsync(AlpacaKeyPair pair) =>
        SendAsync($$$"""{"action":"authenticate","data":{"key_id":"{{{pair.KeyId}}}","secret_key":"{{{pair.Secret}}}"}}""");

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next frame's bytes; a close returns an empty array with <see cref="LastType"/> Close.</summary>
    public async Task<byte[]> ReceiveRawAsync()
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        var count = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(count), cts.Token);
            count += result.Count;
            LastType = result.MessageType;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return [];
            }

            if (result.EndOfMessage)
            {
                return _buffer.AsSpan(0, count).ToArray();
            }
        }
    }

    /// <summary>The next message, which must be a JSON object in a binary frame, as paper trading sends.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var payload = await ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Binary, LastType);
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }

    /// <summary>The next trade update's <c>data</c>.</summary>
    public async Task<JsonElement> ReceiveUpdateAsync()
    {
        var message = await ReceiveAsync();
        Assert.Equal("trade_updates", message.GetProperty("stream").GetString());
        return message.GetProperty("data");
    }

    /// <summary>Trade updates until one for <paramref name="orderId"/> ends it (fill, canceled, expired, rejected).</summary>
    public async Task<List<JsonElement>> ReceiveUntilDoneAsync(string orderId)
    {
        var updates = new List<JsonElement>();
        while (true)
        {
            var update = await ReceiveUpdateAsync();
            if (update.GetProperty("order").GetProperty("id").GetString() != orderId)
            {
                continue;
            }

            updates.Add(update);
            if (update.GetProperty("event").GetString() is "fill" or "canceled" or "expired" or "rejected")
            {
                return updates;
            }
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
