using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// The typed path's pump side without a proxy: trade frames handed to the router's frame handler as the client
/// pump does, dispatched, decoded and posted into a stream's buffer, then read. What it allocates per message
/// beyond the <c>StockTrade</c> model (96 B) is the dispatch path's own cost; the consumer's waits are measured
/// separately (StreamBufferTests, and the reader process's figure in <c>proxy-fanout</c>).
/// </summary>
[MemoryDiagnoser]
public class TypedDispatchBenchmarks
{
    private const int Frames = 1_000;

    private readonly ProxyFrame[] _frames = [.. Enumerable.Range(0, Frames).Select(i => new ProxyFrame(
        ProxyFrameKind.Data, 1, Encoding.UTF8.GetBytes($$"""[{"T":"t","S":"{{(i % 2 == 0 ? "AAPL" : "MSFT")}}","i":{{i}},"x":"V","p":187.25,"s":{{i}},"c":["@"],"t":"2026-12-03T14:00:00.123456789Z","z":"C"}]""")))];

    private HandlerConnection _connection = null!;
    private StreamRouter _router = null!;
    private StreamSubscription<StockTrade> _trades = null!;
    private CancellationTokenSource _cancellation = null!;
    private IAsyncEnumerator<StockTrade> _waiting = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _connection = new HandlerConnection();
        _router = StreamRouter.Acquire(_connection, AlpacaStockStream.Protocol, StreamOptions.Default);
        var channel = _router.Protocol.Channels.Single(c => c.TypeCode == "t").Index;
        _trades = await _router.OpenAsync<StockTrade>(channel, ["AAPL", "MSFT"], new StreamBufferOptions { Capacity = Frames * 2 });
        DispatchAndDrain(); // symbols interned, queue grown
        _cancellation = new CancellationTokenSource();
        _waiting = Iterate(await _router.OpenAsync<StockTrade>(channel, ["AAPL", "MSFT"]), _cancellation.Token).GetAsyncEnumerator();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _cancellation.CancelAsync();
        await _waiting.DisposeAsync();
        await _trades.DisposeAsync();
        await _router.DisposeAsync();
        _cancellation.Dispose();
    }

    /// <summary>One trade frame dispatched, decoded, posted and read; Allocated is per message.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long DispatchAndDrain()
    {
        var handler = _connection.Handler ?? throw new InvalidOperationException("The router attached no frame handler.");
        foreach (var frame in _frames)
        {
            handler(frame);
        }

        var sizes = 0L;
        while (_trades.TryRead(out var trade))
        {
            sizes += trade.Size;
        }

        return sizes;
    }

    /// <summary>
    /// One trade frame at a time to a consumer that waits for it, as at a low rate: the consumer finds its buffer
    /// empty and waits, the post wakes it through the thread pool. Allocated is per message (the model and each wake's cost).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public async Task<long> DispatchToAWaitingConsumer()
    {
        var handler = _connection.Handler ?? throw new InvalidOperationException("The router attached no frame handler.");
        var sizes = 0L;
        foreach (var frame in _frames)
        {
            var next = _waiting.MoveNextAsync();
            handler(frame);
            if (!await next.ConfigureAwait(false))
            {
                throw new InvalidOperationException("The stream ended.");
            }

            sizes += _waiting.Current.Size;
        }

        return sizes;
    }

    // What the generator emits for a channel's iterator (StreamGenerator.Emitter), over a subscription opened here.
    private static async IAsyncEnumerable<StockTrade> Iterate(StreamSubscription<StockTrade> subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (subscription.ConfigureAwait(false))
        {
            while (await subscription.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (subscription.TryRead(out var item))
                {
                    yield return item;
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
