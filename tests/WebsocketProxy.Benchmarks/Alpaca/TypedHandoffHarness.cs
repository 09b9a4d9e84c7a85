using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Benchmarks.Proxy;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// <c>typed-handoff [--messages 1000000] [--rounds 5] [--batch 1]</c>: the typed path's pump-to-consumer handoff in one
/// process, measured in CPU time rather than wall-clock time, so that it can be compared on a machine other people
/// load. A thread named as the client's pump (<c>wsproxy-frames</c>) hands trade frames to the router's frame
/// handler (dispatch, decode, post) as fast as it can; an <c>await foreach</c> written as the generator writes it reads
/// them on the thread pool at the same time. Per round it prints the pump's and the pool's CPU time per message, their
/// sleeps per 1,000 messages, collections and the wall-clock rate; then the medians. <c>--decode none</c> leaves the
/// decoding out: each (binary, one-byte) frame is routed and one prebuilt trade posted, so only the handoff remains.
/// </summary>
internal static class TypedHandoffHarness
{
    public const string Verb = "typed-handoff";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var messages = int.Parse(options.GetValueOrDefault("--messages", "1000000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(options.GetValueOrDefault("--rounds", "5"), CultureInfo.InvariantCulture);
        var perFrame = int.Parse(options.GetValueOrDefault("--batch", "1"), CultureInfo.InvariantCulture);
        var decode = options.GetValueOrDefault("--decode", "json") == "json";
        var frames = Enumerable.Range(0, 1000).Select(i => decode
            ? new ProxyFrame(ProxyFrameKind.Data, 1, Frame(i, perFrame))
            : new ProxyFrame(ProxyFrameKind.Data, 1, new byte[] { 0 }, WebSocketMessageType.Binary)).ToArray();

        var connection = new HandlerConnection();
        await using var router = StreamRouter.Acquire(connection, decode ? AlpacaStockStream.Protocol : WithoutDecoding(AlpacaStockStream.Protocol), StreamOptions.Default);
        var channel = router.Protocol.Channels.Single(c => c.TypeCode == "t").Index;
        var subscription = await router.OpenAsync<StockTrade>(channel, ["AAPL"], new StreamBufferOptions { Capacity = 1 << 24 });
        var consumer = new Consumer(subscription);
        var consuming = Task.Run(consumer.RunAsync);
        var handler = connection.Handler ?? throw new InvalidOperationException("The router attached no frame handler.");

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {File.ReadAllText("/proc/loadavg").Trim()}; {messages:N0} messages a round, {perFrame} per frame"));
        var results = new List<double[]>();
        for (var round = 0; round <= rounds; round++)
        {
            var cpuBefore = ThreadCpu.Read();
            var gen0 = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            var target = consumer.Read + messages;
            var pumpCpu = default(ThreadCpu);
            var pump = new Thread(() =>
            {
                // Read by the thread itself: an exited thread's figures are gone from /proc.
                var before = ThreadCpu.Read();
                for (var sent = 0; sent < messages; sent += perFrame)
                {
                    handler(frames[(sent / perFrame) % frames.Length]);
                }

                pumpCpu = ThreadCpu.Read() - before;
            })
            { Name = "wsproxy-frames" };
            pump.Start();
            pump.Join();
            await consumer.WaitForAsync(target);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = ThreadCpu.Read() - cpuBefore;
            var figures = new[] { pumpCpu.PumpNs / (double)messages, cpu.PoolNs / (double)messages, (pumpCpu.PumpNs + cpu.PoolNs + cpu.OtherNs) / (double)messages, pumpCpu.PumpSleeps * 1000.0 / messages, cpu.PoolSleeps * 1000.0 / messages, GC.CollectionCount(0) - gen0, messages / seconds };
            if (round == 0)
            {
                continue; // warm-up: tiered compilation
            }

            results.Add(figures);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: pump {figures[0]:0} ns, pool {figures[1]:0} ns, total {figures[2]:0} ns a message; sleeps /1k pump {figures[3]:0.0} pool {figures[4]:0.0}; gen0 {figures[5]:0}; {figures[6]:N0} msg/s"));
            await Task.Delay(300);
        }

        double Median(int index) => results.Select(r => r[index]).Order().ElementAt(results.Count / 2);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: pump {Median(0):0} ns, pool {Median(1):0} ns, total {Median(2):0} ns a message; sleeps /1k pump {Median(3):0.0} pool {Median(4):0.0}; gen0 {Median(5):0}; {Median(6):N0} msg/s; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        consumer.Stop();
        await consuming;
        return 0;
    }

    /// <summary>The Alpaca stock channels with a binary dispatcher that routes every frame as one prebuilt AAPL trade.</summary>
    private static StreamProtocol WithoutDecoding(StreamProtocol alpaca)
    {
        var channel = alpaca.Channels.Single(c => c.TypeCode == "t").Index;
        var trade = new StockTrade { Symbol = "AAPL", Exchange = "V", Tape = "C" };
        return new StreamProtocol("bench", alpaca.Discriminator, alpaca.SymbolField, alpaca.Channels, static (json, _) => StreamJson.SkipObject(json), (_, context) =>
        {
            if (context.TryGetTargets(channel, "AAPL"u8, out var targets))
            {
                context.Deliver(targets, trade);
            }
        });
    }

    private static byte[] Frame(int id, int count)
    {
        var trades = Enumerable.Range(0, count).Select(k => $$"""{"T":"t","S":"AAPL","i":{{id}},"x":"V","p":187.25,"s":{{k}},"c":["@"],"t":"2026-12-03T14:00:00.123456789Z","z":"C"}""");
        return Encoding.UTF8.GetBytes("[" + string.Join(',', trades) + "]");
    }

    /// <summary>The generator's iterator shape over the subscription, counting what it reads.</summary>
    private sealed class Consumer(StreamSubscription<StockTrade> subscription)
    {
        private readonly CancellationTokenSource _stop = new();
        private long _read;
        private long _waitingFor = long.MaxValue;
        private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Read => Volatile.Read(ref _read);

        public async Task RunAsync()
        {
            try
            {
                await using (subscription.ConfigureAwait(false))
                {
                    while (await subscription.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                    {
                        while (subscription.TryRead(out _))
                        {
                            var read = _read + 1;
                            Volatile.Write(ref _read, read);
                            if (read == Volatile.Read(ref _waitingFor))
                            {
                                _reached.TrySetResult();
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        public async Task WaitForAsync(long target)
        {
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waitingFor, target);
            if (Read >= target)
            {
                return;
            }

            await _reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }

        public void Stop() => _stop.Cancel();
    }

    /// <summary>A connection whose frames the harness hands to the attached handler on its own thread.</summary>
    private sealed class HandlerConnection : IProxyConnection
    {
        public ProxyFrameHandler? Handler { get; private set; }

        public long Id => 1;

        public bool IsNew => true;

        public Uri Url { get; } = new("wss://upstream.invalid/v2/sip");

        public IDisposable AttachFrameHandler(ProxyFrameHandler handler)
        {
            Handler = handler;
            return new Detach(this);
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public IAsyncEnumerable<ProxyFrame> ReadFramesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException("The router reads through AttachFrameHandler.");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class Detach(HandlerConnection connection) : IDisposable
        {
            public void Dispose() => connection.Handler = null;
        }
    }
}
