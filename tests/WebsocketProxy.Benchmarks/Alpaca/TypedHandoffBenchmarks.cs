using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// The pump-to-consumer handoff under a flood: trade frames handed to the router's frame handler on the benchmark
/// thread (the client pump's role: dispatch, decode, post) while an <c>await foreach</c>, written as the generator
/// writes it, reads them on the thread pool at the same time. Time per message is the slower of the two sides
/// plus what they cost each other (the buffer's lock, the consumer's wakes); run it on a machine with a core for each.
/// </summary>
[MemoryDiagnoser]
public class TypedHandoffBenchmarks
{
    private const int Frames = 1_000;

    private readonly ProxyFrame[] _frames = [.. Enumerable.Range(0, Frames).Select(i => new ProxyFrame(
        ProxyFrameKind.Data, 1, Encoding.UTF8.GetBytes($$"""[{"T":"t","S":"AAPL","i":{{i}},"x":"V","p":187.25,"s":{{i}},"c":["@"],"t":"2026-12-03T14:00:00.123456789Z","z":"C"}]""")))];

    private readonly ManualResetEventSlim _reached = new();
    private HandlerConnection _connection = null!;
    private StreamRouter _router = null!;
    private CancellationTokenSource _cancellation = null!;
    private Task _consumer = null!;
    private long _read;
    private long _target;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _connection = new HandlerConnection();
        _router = StreamRouter.Acquire(_connection, AlpacaStockStream.Protocol, StreamOptions.Default);
        var channel = _router.Protocol.Channels.Single(c => c.TypeCode == "t").Index;
        var subscription = await _router.OpenAsync<StockTrade>(channel, ["AAPL"], new StreamBufferOptions { Capacity = 1 << 20 });
        _cancellation = new CancellationTokenSource();
        _consumer = Task.Run(() => ConsumeAsync(subscription, _cancellation.Token));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cancellation.CancelAsync();
        try
        {
            await _consumer;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await _router.DisposeAsync();
        _cancellation.Dispose();
        _reached.Dispose();
    }

    /// <summary>A flood of trade frames posted while a consumer reads them; Allocated is per message.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public void DispatchToAConcurrentConsumer()
    {
        var handler = _connection.Handler ?? throw new InvalidOperationException("The router attached no frame handler.");
        _reached.Reset();
        Volatile.Write(ref _target, _target + Frames);
        foreach (var frame in _frames)
        {
            handler(frame);
        }

        if (!_reached.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The consumer did not read the frames.");
        }
    }

    // What the generator emits for a channel's iterator (StreamGenerator.Emitter), and a loop body that only counts.
    private async Task ConsumeAsync(StreamSubscription<StockTrade> subscription, CancellationToken cancellationToken)
    {
        await using (subscription.ConfigureAwait(false))
        {
            while (await subscription.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (subscription.TryRead(out _))
                {
                    if (++_read == Volatile.Read(ref _target))
                    {
                        _reached.Set();
                    }
                }
            }
        }
    }

    /// <summary>A connection whose frames the benchmark hands to the attached handler on its own thread.</summary>
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
