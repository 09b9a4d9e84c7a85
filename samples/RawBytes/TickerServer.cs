using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RawBytes;

/// <summary>
/// A tiny ticker WebSocket server that is not Alpaca: <c>{"op":"subscribe","products":["BTC-USD"]}</c> in,
/// <c>{"type":"tick","product":"BTC-USD","price":...}</c> out. It prints every message it receives, so the
/// proxy's reference counting shows on screen.
/// </summary>
internal sealed class TickerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TickerServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How many WebSocket connections the server accepted since the process started.</summary>
    public static int ConnectionsSeen => _connections;

    private static readonly Lock Gate = new();
    private static readonly List<(int Count, TaskCompletionSource Reached)> Waiters = [];
    private static int _connections;
    private static int _received;

    /// <summary>Completes once the server has received and printed <paramref name="count"/> messages since the process started.</summary>
    public static Task WaitForMessagesAsync(int count, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (_received >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Waiters.Add((count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    public static async Task<TickerServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/ticker", HandleAsync);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new TickerServer(app, new Uri($"ws://127.0.0.1:{address.Port}/ticker"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Interlocked.Increment(ref _connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var products = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var ticking = TickAsync(socket, products, stop.Token);
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                Console.WriteLine($"    [ticker server] received {text}");
                Apply(text, products);
                Received();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The proxy went away.
        }

        await stop.CancelAsync();
        await ticking;
    }

    private static void Received()
    {
        lock (Gate)
        {
            _received++;
            foreach (var waiter in Waiters.Where(w => w.Count <= _received).ToList())
            {
                waiter.Reached.TrySetResult();
                Waiters.Remove(waiter);
            }
        }
    }

    private static void Apply(string text, ConcurrentDictionary<string, decimal> products)
    {
        using var document = JsonDocument.Parse(text);
        var op = document.RootElement.GetProperty("op").GetString();
        foreach (var product in document.RootElement.GetProperty("products").EnumerateArray())
        {
            var name = product.GetString()!;
            if (op == "subscribe")
            {
                products.TryAdd(name, 10m + name.Sum(c => c % 37));
            }
            else
            {
                products.TryRemove(name, out _);
            }
        }
    }

    private static async Task TickAsync(WebSocket socket, ConcurrentDictionary<string, decimal> products, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var (product, price) in products)
                {
                    var next = price + 0.01m;
                    products[product] = next;
                    var tick = Encoding.UTF8.GetBytes($$"""{"type":"tick","product":"{{product}}","price":{{next}}}""");
                    await socket.SendAsync(tick, WebSocketMessageType.Text, true, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Connection closed.
        }
    }
}
