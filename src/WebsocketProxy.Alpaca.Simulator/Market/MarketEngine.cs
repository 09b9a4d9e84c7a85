using System.Collections.Concurrent;
using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// The market: on every tick of the injected clock it produces what became due, encodes each message once
/// and hands every subscribed client its own frames. It runs on one task, so symbol state needs no locks.
/// </summary>
internal sealed partial class MarketEngine : IAsyncDisposable
{
    private readonly AlpacaSimulatorOptions _options;
    private readonly ConcurrentQueue<(MarketKind Market, string Symbol)> _activations = new();
    private readonly Dictionary<string, StockSymbol> _stocks = new(StringComparer.Ordinal);
    private readonly List<StockSymbol> _stockList = [];
    private readonly EventBatch _batch = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<SimulatorConnection[]> _connections = () => [];
    private Task _loop = Task.CompletedTask;
    private volatile bool _paused;

    public MarketEngine(AlpacaSimulatorOptions options, MarketClock clock)
    {
        _options = options;
        Clock = clock;
    }

    public MarketClock Clock { get; }

    public bool IsPaused
    {
        get => _paused;
        set => _paused = value;
    }

    public void Start(Func<SimulatorConnection[]> connections)
    {
        _connections = connections;
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>Makes sure the symbols a client subscribed to are being produced; <c>"*"</c> means the universe.</summary>
    public void Activate(StreamEndpoint endpoint, IReadOnlyDictionary<Channel, string[]> changes)
    {
        foreach (var symbols in changes.Values)
        {
            foreach (var symbol in symbols)
            {
                if (endpoint.IsTestStream)
                {
                    _activations.Enqueue((MarketKind.Stocks, StreamEndpoint.TestSymbol));
                }
                else if (symbol == SubscriptionSet.Star)
                {
                    var universe = endpoint.Market == MarketKind.Crypto ? _options.CryptoUniverse : _options.StockUniverse;
                    foreach (var member in universe)
                    {
                        _activations.Enqueue((endpoint.Market == MarketKind.News ? MarketKind.Stocks : endpoint.Market, member));
                    }
                }
                else if (endpoint.Market != MarketKind.News)
                {
                    _activations.Enqueue((endpoint.Market, symbol));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }

        _batch.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Yield first so Start returns at once; the loop then lives on the thread pool.
        await Task.Yield();
        using var timer = new PeriodicTimer(_options.TickInterval, _options.TimeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            Tick();
        }
    }

    /// <summary>One step: produce everything due up to now, then deliver it.</summary>
    internal void Tick()
    {
        var now = Clock.NowNanos;
        ApplyActivations(now);
        var connections = _connections();
        var pack = false;
        foreach (var connection in connections)
        {
            pack |= connection.MessagePack && connection.WantsData;
        }

        _batch.Reset(pack);
        foreach (var stock in _stockList)
        {
            stock.Advance(now, _batch);
        }

        if (!_paused && _batch.Events.Count > 0)
        {
            Distribute(_batch, connections);
        }
    }

    private void ApplyActivations(long now)
    {
        while (_activations.TryDequeue(out var activation))
        {
            if (activation.Market == MarketKind.Stocks && !_stocks.ContainsKey(activation.Symbol))
            {
                var stock = new StockSymbol(activation.Symbol, _options, Clock.StartNanos);
                stock.Advance(now, batch: null);
                _stocks.Add(activation.Symbol, stock);
                _stockList.Add(stock);
            }
        }
    }
}
