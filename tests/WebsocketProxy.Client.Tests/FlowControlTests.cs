using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebsocketProxy.Client.Tests;

/// <summary>A client that floods the proxy with opens only slows itself: a real proxy, a host that never answers.</summary>
public sealed class FlowControlTests
{
    private const int OpensInFlight = 8;

    [Fact]
    public async Task OpenFlood_ToAHostThatNeverAnswers_AtMostEightAtOnce_OtherClientsUnaffected()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var blackHole = BlackHole.Start();
        var flooder = await context.ConnectAsync("flooder");

        // Each its own URL, so each is an upstream connect of its own that hangs in the handshake.
        var floods = Enumerable.Range(0, 3 * OpensInFlight)
            .Select(i => flooder.OpenAsync(new ProxyConnectionOptions { Url = new Uri($"ws://127.0.0.1:{blackHole.Port}/flood/{i}"), ConnectTimeout = TimeSpan.FromSeconds(100) }))
            .ToList();
        for (var i = 0; i < OpensInFlight; i++)
        {
            await blackHole.WaitForConnectionAsync();
        }

        var other = await context.ConnectIsolatedAsync("other");
        var connection = await other.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(new SubscriptionTemplate { Group = "bars", Subscribe = """{"subscribe":[{topics}]}""", Unsubscribe = """{"unsubscribe":[{topics}]}""" }, ["AAPL"]);
        await server.WaitForMessageAsync("""{"subscribe":["AAPL"]}""");
        await server.BroadcastAsync("unaffected");
        await frames.WaitForDataAsync("unaffected");

        // The proxy served everything the other client asked meanwhile; the flooder's ninth open still waits.
        Assert.Equal(OpensInFlight, blackHole.Connections);
        Assert.All(floods, open => Assert.False(open.IsCompleted));

        // The host goes away: the opens in flight fail, the waiting ones get their turn and fail too, each clearly.
        await blackHole.DisposeAsync();
        foreach (var open in floods)
        {
            var error = await Assert.ThrowsAsync<WebsocketProxyException>(() => open.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("flood", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConnectTimeout_BeyondTwoMinutes_ClearError()
    {
        var options = new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1/"), ConnectTimeout = TimeSpan.FromHours(1) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("at most 120 s", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Accepts TCP connections on 127.0.0.1 and never says a word.</summary>
    private sealed class BlackHole : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentQueue<TcpClient> _accepted = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private Task _accepting = Task.CompletedTask;
        private int _disposed;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => _accepted.Count;

        public static BlackHole Start()
        {
            var hole = new BlackHole();
            hole._listener.Start();
            hole._accepting = hole.AcceptAsync();
            return hole;
        }

        public async Task WaitForConnectionAsync()
        {
            if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"The proxy made only {Connections} connections to the silent host.");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _listener.Stop();
            await _accepting;
            foreach (var client in _accepted)
            {
                client.Dispose();
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    _accepted.Enqueue(await _listener.AcceptTcpClientAsync());
                    _arrived.Release();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
