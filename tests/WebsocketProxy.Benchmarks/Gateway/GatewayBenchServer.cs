using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Benchmarks.Gateway;

/// <summary>
/// An Alpaca-like market-data server on 127.0.0.1 for the gateway benchmark, in both codecs (MessagePack when the
/// upgrade says <c>Content-Type: application/msgpack</c>, as Alpaca decides): it greets, answers <c>auth</c> and
/// <c>subscribe</c>/<c>unsubscribe</c> with Alpaca's messages (the subscription reply lists what the connection
/// asked for), and sends phases of AAPL trades to every connection, each trade written once in both codecs (the
/// simulator's encoder): <c>i</c> is the monotonic send stamp, <c>s</c> the trade's number in its phase; a phase ends
/// with a marker trade (exchange <c>E</c>, the phase as its only condition, the count sent as its size); <c>Q</c> quits.
/// </summary>
internal sealed class GatewayBenchServer : IAsyncDisposable
{
    private const long Stamp = 1_764_763_200_123_456_789; // 2025-12-03T12:00:00.123456789Z
    private static readonly string[] Channels = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, Peer> _open = new();
    private readonly MessageEncoder _encoder = new() { JsonEnabled = true, PackEnabled = true };
    private int _next;
    private int _subscribes;

    private GatewayBenchServer(WebApplication app) => _app = app;

    /// <summary>The base address (<c>ws://127.0.0.1:port</c>); any path is served.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int OpenCount => _open.Count;

    /// <summary>Subscribe requests that named AAPL trades, over all connections.</summary>
    public int Subscribes => Volatile.Read(ref _subscribes);

    public static async Task<GatewayBenchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GatewayBenchServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Sends <paramref name="count"/> trades to every connection, paced at <paramref name="rate"/> per second (0 = as fast as possible), then the phase's end marker.</summary>
    public async Task RunPhaseAsync(string phase, int count, int rate)
    {
        var peers = _open.Values.Where(p => p.Subscribed).ToArray();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (rate > 0)
            {
                var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                while (Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(1);
                }
            }

            var (json, pack) = Trade(Stopwatch.GetTimestamp(), "V", i, "@");
            foreach (var peer in peers)
            {
                await peer.SendAsync(peer.IsMessagePack ? pack : json);
            }
        }

        // Let every reader drain before the marker, so a reader that was lapped somewhere never skips it; rates are
        // first to last trade, so the pause does not count.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await SendAllAsync(peers, Trade(0, "E", count, phase));
    }

    public Task QuitAsync() => SendAllAsync([.. _open.Values], Trade(0, "Q", 0, "quit"));

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _open.Values)
        {
            peer.Socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _encoder.Dispose();
    }

    /// <summary>One trade as a one-message frame in each codec.</summary>
    private (byte[] Json, byte[] Pack) Trade(long id, string exchange, long size, string condition)
    {
        lock (_encoder)
        {
            _encoder.Clear();
            _encoder.Begin(9);
            _encoder.String("T"u8, "t"u8);
            _encoder.String("S"u8, "AAPL"u8);
            _encoder.Integer("i"u8, id);
            _encoder.String("x"u8, exchange);
            _encoder.Number("p"u8, 187.25);
            _encoder.Integer("s"u8, size);
            _encoder.StringArray("c"u8, Encoding.ASCII.GetBytes(condition));
            _encoder.String("z"u8, "C"u8);
            _encoder.Timestamp("t"u8, Stamp);
            var message = _encoder.End();
            return ([(byte)'[', .. _encoder.Json(message), (byte)']'], [0x91, .. _encoder.Pack(message)]);
        }
    }

    private static async Task SendAllAsync(Peer[] peers, (byte[] Json, byte[] Pack) message)
    {
        foreach (var peer in peers)
        {
            await peer.SendAsync(peer.IsMessagePack ? message.Pack : message.Json);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var messagePack = context.Request.ContentType?.Contains("msgpack", StringComparison.OrdinalIgnoreCase) == true;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new Peer(socket, messagePack);
        var id = Interlocked.Increment(ref _next);
        await peer.SendJsonAsync("""[{"T":"success","msg":"connected"}]""");
        _open[id] = peer;
        var subscribed = Channels.ToDictionary(c => c, _ => new SortedSet<string>(StringComparer.Ordinal));
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
                    count += received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var text = messagePack ? MessagePackSerializer.ConvertToJson(buffer.AsMemory(0, count)) : Encoding.UTF8.GetString(buffer, 0, count);
                using var request = JsonDocument.Parse(text);
                var action = request.RootElement.GetProperty("action").GetString();
                if (action == "auth")
                {
                    await peer.SendJsonAsync("""[{"T":"success","msg":"authenticated"}]""");
                }
                else if (action is "subscribe" or "unsubscribe")
                {
                    foreach (var channel in Channels)
                    {
                        if (request.RootElement.TryGetProperty(channel, out var symbols) && symbols.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var symbol in symbols.EnumerateArray().Select(s => s.GetString()!))
                            {
                                _ = action == "subscribe" ? subscribed[channel].Add(symbol) : subscribed[channel].Remove(symbol);
                            }
                        }
                    }

                    peer.Subscribed = subscribed["trades"].Contains("AAPL");
                    var reply = new Dictionary<string, object> { ["T"] = "subscription" };
                    foreach (var channel in Channels)
                    {
                        reply[channel] = subscribed[channel].ToArray();
                    }

                    reply["corrections"] = subscribed["trades"].ToArray();
                    reply["cancelErrors"] = subscribed["trades"].ToArray();
                    await peer.SendJsonAsync("[" + JsonSerializer.Serialize(reply) + "]");
                    if (action == "subscribe" && peer.Subscribed)
                    {
                        Interlocked.Increment(ref _subscribes);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or JsonException or MessagePackSerializationException or KeyNotFoundException)
        {
            // The peer went away, or sent what this server does not understand: the benchmark's peers do neither.
        }
        finally
        {
            _open.TryRemove(id, out _);
        }
    }

    /// <summary>One connection; sends are serialised (replies to requests may meet a phase's messages).</summary>
    private sealed class Peer(WebSocket socket, bool messagePack)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private volatile bool _subscribed;

        public WebSocket Socket => socket;

        public bool IsMessagePack => messagePack;

        public bool Subscribed
        {
            get => _subscribed;
            set => _subscribed = value;
        }

        public Task SendJsonAsync(string json) =>
            SendAsync(messagePack ? MessagePackSerializer.ConvertFromJson(json) : Encoding.UTF8.GetBytes(json));

        public async Task SendAsync(byte[] message)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(message, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
