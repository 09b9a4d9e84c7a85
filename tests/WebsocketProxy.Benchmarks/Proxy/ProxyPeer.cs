using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// One receiving process of the proxy benchmark: reads a phase of timestamped trades either through the proxy (as
/// frames, callbacks, or typed <c>StockTrade</c>s from <c>await foreach</c>) or over its own direct WebSocket, then
/// prints <c>result phase count seconds p50us p99us lost allocatedBytesPerMessage</c> followed by the process's CPU
/// time per message by thread group (<see cref="ThreadCpu"/>) and the garbage collections during the phase.
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
        using var gcReasons = GcReasonListener.StartIfAsked();
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
                if (result.MessageType == WebSocketMessageType.Close || !stats.AddRaw(buffer.AsSpan(0, result.Count)))
                {
                    return 0;
                }
            }
        }

        var options = WebsocketProxyClientOptions.Default with { Name = "bench-peer", Instance = instance, ProxyPath = proxyPath, ProxyGracePeriod = TimeSpan.FromSeconds(2), FrameBufferCapacity = 1 << 20 };
        if (mode == "typed")
        {
            return await RunTypedAsync(url, options);
        }

        if (mode == "typed-handler")
        {
            return await RunTypedHandlerAsync(url, options);
        }

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
            if (frame.Kind == ProxyFrameKind.Data && !proxyStats.AddRaw(frame.Payload.Span))
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// What a strategy writes: <c>AlpacaProxy.ConnectAsync</c>, then <c>await foreach</c> over
    /// <c>proxy.Trades("AAPL")</c> (a buffer larger than a flood phase, so a slow consumer shows as slowness, not as
    /// an overflow).
    /// </summary>
    private static async Task<int> RunTypedAsync(Uri url, WebsocketProxyClientOptions proxy)
    {
        // The bench server speaks Alpaca's JSON (the raw paths scan it); MessagePack is the typed client's default.
        var options = new AlpacaProxyOptions { Url = url, Proxy = proxy, Feed = AlpacaFeed.Sip, WireFormat = AlpacaWireFormat.Json };
        await using var stocks = await AlpacaProxy.ConnectAsync(new AlpacaCredentials("bench-key", "bench-secret"), options);
        var stats = new PhaseStats();
        var trades = stocks.Trades("AAPL", new StreamBufferOptions { Capacity = 1 << 20, Policy = BufferPolicy.Fail });
        await using var enumerator = trades.GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync();
        Console.Out.WriteLine("ready");
        while (await next)
        {
            var trade = enumerator.Current;
            var kind = trade.Exchange.Length == 1 ? (byte)trade.Exchange[0] : (byte)'?';
            var phase = kind == (byte)'E' && trade.Conditions.Length > 0 ? trade.Conditions[0] : null;
            if (!stats.Add(kind, trade.Id, trade.Size, phase))
            {
                return 0;
            }

            next = enumerator.MoveNextAsync();
        }

        return 0;
    }

    /// <summary>
    /// The same trades decoded on the client's frame thread and handed to a handler there
    /// (<c>StreamRouter.ListenAsync</c>): the typed path without the hop to the <c>await foreach</c> consumer.
    /// </summary>
    private static async Task<int> RunTypedHandlerAsync(Uri url, WebsocketProxyClientOptions proxy)
    {
        var options = new AlpacaProxyOptions { Url = url, Proxy = proxy, Feed = AlpacaFeed.Sip, WireFormat = AlpacaWireFormat.Json };
        await using var stocks = await AlpacaProxy.ConnectAsync(new AlpacaCredentials("bench-key", "bench-secret"), options);
        await stocks.Stocks.OpenAsync();
        var router = stocks.Stocks.Router ?? throw new InvalidOperationException("The stocks stream has no router after opening.");
        var channel = router.Protocol.Channels.Single(c => c.TypeCode == "t").Index;
        var stats = new PhaseStats();
        var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await router.ListenAsync<StockTrade>(channel, ["AAPL"], trade =>
        {
            var kind = trade.Exchange.Length == 1 ? (byte)trade.Exchange[0] : (byte)'?';
            var phase = kind == (byte)'E' && trade.Conditions.Length > 0 ? trade.Conditions[0] : null;
            if (!stats.Add(kind, trade.Id, trade.Size, phase))
            {
                quit.TrySetResult();
            }
        });
        Console.Out.WriteLine("ready");
        await quit.Task;
        return 0;
    }

    private sealed class StatsCallback : IWebsocketProxyCallback
    {
        private readonly PhaseStats _stats = new();

        public TaskCompletionSource Quit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining)
        {
            if (!_stats.AddRaw(data))
            {
                Quit.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Counts a phase's data trades (latency = receive time - the trade's id, the server's monotonic send stamp),
    /// reports at the phase's end marker, whose size is what the server sent (so lost = sent - received), with the
    /// bytes this process allocated per message from the first data trade to the marker.
    /// </summary>
    private sealed class PhaseStats
    {
        private readonly List<long> _latencies = new(1 << 20);
        private long _count;
        private long _first;
        private long _last;
        private long _allocatedAtFirst;
        private ThreadCpu _cpuAtFirst;
        private int _gen0AtFirst;
        private int _gen1AtFirst;
        private int _gen2AtFirst;
        private TimeSpan _pauseAtFirst;

        /// <summary>Raw paths: finds the fields the typed path decodes (kind, id, size, phase) by scanning the JSON.</summary>
        public bool AddRaw(ReadOnlySpan<byte> message)
        {
            if (message.IndexOf("\"T\":\"t\""u8) < 0)
            {
                return true; // connected, authenticated, subscription
            }

            var kind = After(message, "\"x\":\""u8)[0];
            Utf8Parser.TryParse(After(message, "\"i\":"u8), out long id, out _);
            Utf8Parser.TryParse(After(message, "\"s\":"u8), out long size, out _);
            string? phase = null;
            if (kind == (byte)'E')
            {
                var condition = After(message, "\"c\":[\""u8);
                phase = Encoding.ASCII.GetString(condition[..condition.IndexOf((byte)'"')]);
            }

            return Add(kind, id, size, phase);
        }

        public bool Add(byte kind, long sentTimestamp, long size, string? phase)
        {
            var now = Stopwatch.GetTimestamp();
            switch (kind)
            {
                case (byte)'Q':
                    return false;
                case (byte)'E':
                    Report(phase ?? "?", size);
                    return true;
                default:
                    if (_count == 0)
                    {
                        _first = now;
                        // The CPU snapshot first: reading /proc allocates, which must not count as the path's allocation.
                        _cpuAtFirst = ThreadCpu.Read();
                        _gen0AtFirst = GC.CollectionCount(0);
                        _gen1AtFirst = GC.CollectionCount(1);
                        _gen2AtFirst = GC.CollectionCount(2);
                        _pauseAtFirst = GC.GetTotalPauseDuration();
                        _allocatedAtFirst = GC.GetTotalAllocatedBytes(precise: true);
                    }

                    _last = now;
                    _count++;
                    _latencies.Add(now - sentTimestamp);
                    return true;
            }
        }

        private static ReadOnlySpan<byte> After(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key) => message[(message.IndexOf(key) + key.Length)..];

        private void Report(string phase, long sent)
        {
            var allocated = _count == 0 ? 0 : (GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtFirst) / (double)_count;
            var cpu = (ThreadCpu.Read() - _cpuAtFirst).PerMessage(_count);
            var pause = (GC.GetTotalPauseDuration() - _pauseAtFirst).TotalMilliseconds;
            var collections = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - _gen0AtFirst} {GC.CollectionCount(1) - _gen1AtFirst} {GC.CollectionCount(2) - _gen2AtFirst} {pause:0.0}");
            _latencies.Sort();
            double Percentile(double p) => _latencies.Count == 0 ? 0 : _latencies[(int)Math.Min(_latencies.Count - 1, p * _latencies.Count)] * 1_000_000.0 / Stopwatch.Frequency;
            var seconds = (_last - _first) / (double)Stopwatch.Frequency;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {phase} {_count} {seconds:0.######} {Percentile(0.5):0.0} {Percentile(0.99):0.0} {sent - _count} {allocated:0.0} {cpu} {collections}"));
            Console.Out.Flush();
            _latencies.Clear();
            _count = 0;
        }
    }
}
