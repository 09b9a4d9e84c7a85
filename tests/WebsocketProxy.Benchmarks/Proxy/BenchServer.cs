using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// A Kestrel WebSocket server on 127.0.0.1 that sends timestamped phases to every open connection, as Alpaca stock
/// trades so the typed client can read them too: it greets, answers <c>auth</c> and <c>subscribe</c> as Alpaca does,
/// and every trade's id <c>i</c> is the monotonic send timestamp, its size <c>s</c> the message's number in its
/// phase. A phase ends with a marker trade (exchange <c>E</c>, the phase as its only condition, the number of
/// messages sent as its size); exchange <c>Q</c> means quit.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private const string Stamp = "2026-12-03T12:00:00.123456789Z";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, Peer> _open = new();
    private int _next;
    private int _subscribes;

    private BenchServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int OpenCount => _open.Count;

    /// <summary>Subscribe requests received so far (the typed path sends one per upstream connection).</summary>
    public int Subscribes => Volatile.Read(ref _subscribes);

    public static async Task<BenchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new BenchServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/bench");
        return server;
    }

    /// <summary>Sends <paramref name="count"/> messages to every connection, paced at <paramref name="rate"/> per second (0 = as fast as possible), then the phase's end marker.</summary>
    public async Task RunPhaseAsync(string phase, int count, int rate)
    {
        var peers = _open.Values.ToArray();
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

            var message = Trade(Stopwatch.GetTimestamp(), "V", i, "@");
            foreach (var peer in peers)
            {
                await peer.SendAsync(message);
            }
        }

        // A reader lapped by the broadcast ring skips to the newest records: give every reader time to drain, so the
        // marker that ends its phase is never among what it skips. Rates are first-to-last message, so the pause
        // does not count.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await SendAllAsync(peers, Trade(0, "E", count, phase));
    }

    public Task QuitAsync() => SendAllAsync(_open.Values.ToArray(), Trade(0, "Q", 0, "quit"));

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _open.Values)
        {
            peer.Socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] Trade(long id, string exchange, long size, string condition) =>
        Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"[{{\"T\":\"t\",\"S\":\"AAPL\",\"i\":{id},\"x\":\"{exchange}\",\"p\":187.25,\"s\":{size},\"c\":[\"{condition}\"],\"t\":\"{Stamp}\",\"z\":\"C\"}}]"));

    private static async Task SendAllAsync(Peer[] peers, byte[] message)
    {
        foreach (var peer in peers)
        {
            await peer.SendAsync(message);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new Peer(socket);
        var id = Interlocked.Increment(ref _next);
        await peer.SendAsync("[{\"T\":\"success\",\"msg\":\"connected\"}]"u8.ToArray());
        _open[id] = peer;
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var text = buffer.AsSpan(0, received.Count);
                if (text.IndexOf("\"action\":\"auth\""u8) >= 0)
                {
                    await peer.SendAsync("[{\"T\":\"success\",\"msg\":\"authenticated\"}]"u8.ToArray());
                }
                else if (text.IndexOf("\"action\":\"subscribe\""u8) >= 0)
                {
                    await peer.SendAsync("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[],\"bars\":[]}]"u8.ToArray());
                    Interlocked.Increment(ref _subscribes);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer went away.
        }
        finally
        {
            _open.TryRemove(id, out _);
        }
    }

    /// <summary>One connection; sends are serialised (replies to requests may meet a phase's messages).</summary>
    private sealed class Peer(WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public WebSocket Socket => socket;

        public async Task SendAsync(byte[] message)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
