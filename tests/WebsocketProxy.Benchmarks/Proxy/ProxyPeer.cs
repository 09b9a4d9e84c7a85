using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using WebsocketProxy.Client;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// One receiving process of the proxy benchmark: reads a phase of timestamped messages either through the
/// proxy (as frames or callbacks) or over its own direct WebSocket, then prints <c>result phase count seconds p50us p99us lost</c>.
/// </summary>
internal static class ProxyPeer
{
    public const string Verb = "proxy-peer";

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0];
        var url = new Uri(args[1]);
        var instance = args[2];
        var proxyPath = args[3];
        Console.Out.WriteLine("started");
        if (mode == "direct")
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(url, CancellationToken.None);
            Console.Out.WriteLine("ready");
            var buffer = new byte[64 * 1024];
            var stats = new PhaseStats();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close || !stats.Add(buffer.AsSpan(0, result.Count), 0))
                {
                    return 0;
                }
            }
        }

        var options = WebsocketProxyClientOptions.Default with { Name = "bench-peer", Instance = instance, ProxyPath = proxyPath, ProxyGracePeriod = TimeSpan.FromSeconds(2), FrameBufferCapacity = 1 << 20 };
        if (mode == "callback")
        {
            // Frames handed to IWebsocketProxyCallback.OnData on the client's receive thread: no copy, no channel.
            var callback = new StatsCallback();
            await using var callbackClient = await WebsocketProxyClient.ConnectAsync(options with { Callback = callback });
            await using var callbackConnection = await callbackClient.OpenAsync(new ProxyConnectionOptions { Url = url });
            Console.Out.WriteLine("ready");
            await callback.Quit.Task;
            return 0;
        }

        await using var client = await WebsocketProxyClient.ConnectAsync(options);
        await using var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = url });
        var frames = connection.ReadFramesAsync();
        Console.Out.WriteLine("ready");
        var proxyStats = new PhaseStats();
        await foreach (var frame in frames)
        {
            var lost = frame.Kind == ProxyFrameKind.Gap ? Math.Max(1, frame.LostMessages) : 0;
            if (frame.Kind is ProxyFrameKind.Data or ProxyFrameKind.Gap && !proxyStats.Add(frame.Payload.Span, lost))
            {
                return 0;
            }
        }

        return 0;
    }

    private sealed class StatsCallback : IWebsocketProxyCallback
    {
        private readonly PhaseStats _stats = new();

        public TaskCompletionSource Quit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining)
        {
            if (!_stats.Add(data, 0))
            {
                Quit.TrySetResult();
            }
        }

        public void OnGap(long connectionId, long lostMessages, string message) => _stats.Add([], Math.Max(1, lostMessages));
    }

    /// <summary>Messages are <c>phase seq timestamp padding</c>; <c>end phase</c> closes a phase, <c>quit</c> ends.</summary>
    private sealed class PhaseStats
    {
        private readonly List<long> _latencies = new(1 << 20);
        private long _count;
        private long _lost;
        private long _first;
        private long _last;

        public bool Add(ReadOnlySpan<byte> message, long lost)
        {
            _lost += lost;
            if (message.IsEmpty)
            {
                return true;
            }

            var now = Stopwatch.GetTimestamp();
            if (message.StartsWith("quit"u8))
            {
                return false;
            }

            if (message.StartsWith("end "u8))
            {
                Report(System.Text.Encoding.ASCII.GetString(message[4..]));
                return true;
            }

            var space = message.IndexOf((byte)' ');
            var rest = message[(space + 1)..];
            rest = rest[(rest.IndexOf((byte)' ') + 1)..];
            Utf8Parser.TryParse(rest, out long sent, out _);
            _first = _count == 0 ? now : _first;
            _last = now;
            _count++;
            _latencies.Add(now - sent);
            return true;
        }

        private void Report(string phase)
        {
            _latencies.Sort();
            double Percentile(double p) => _latencies.Count == 0 ? 0 : _latencies[(int)Math.Min(_latencies.Count - 1, p * _latencies.Count)] * 1_000_000.0 / Stopwatch.Frequency;
            var seconds = (_last - _first) / (double)Stopwatch.Frequency;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {phase} {_count} {seconds:0.######} {Percentile(0.5):0.0} {Percentile(0.99):0.0} {_lost}"));
            Console.Out.Flush();
            _latencies.Clear();
            _count = 0;
            _lost = 0;
        }
    }
}
