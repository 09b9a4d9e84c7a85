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

/// <summary>A Kestrel WebSocket server on 127.0.0.1 that sends timestamped phases to every open connection.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, WebSocket> _open = new();
    private int _next;

    private BenchServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int OpenCount => _open.Count;

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

    /// <summary>Sends <paramref name="count"/> messages to every connection, paced at <paramref name="rate"/> per second (0 = as fast as possible), then <c>end phase</c>.</summary>
    public async Task RunPhaseAsync(string phase, int count, int rate)
    {
        var sockets = _open.Values.ToArray();
        var padding = new string('x', 100);
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

            var message = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{phase} {i} {Stopwatch.GetTimestamp()} {padding}"));
            foreach (var socket in sockets)
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }

        // A reader lapped by the broadcast ring skips to the newest records: give every reader time to drain, so the
        // marker that ends its phase is never among what it skips. Rates are first-to-last message, so the pause
        // does not count.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await SendAllAsync(sockets, "end " + phase);
    }

    public Task QuitAsync() => SendAllAsync(_open.Values.ToArray(), "quit");

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _open.Values)
        {
            socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task SendAllAsync(WebSocket[] sockets, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        foreach (var socket in sockets)
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
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
        var id = Interlocked.Increment(ref _next);
        _open[id] = socket;
        var buffer = new byte[4096];
        try
        {
            while ((await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted)).MessageType != WebSocketMessageType.Close)
            {
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
}
