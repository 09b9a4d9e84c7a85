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
    private readonly Dictionary<string, CryptoSymbol> _crypto = new(StringComparer.Ordinal);
    private readonly List<StockSymbol> _stockList = [];
    private readonly List<CryptoSymbol> _cryptoList = [];
    private readonly List<string> _newsSymbols;
    private readonly NewsGenerator _news;
    private readonly ReplaySource? _replay;
    private readonly EventBatch _batch = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<SimulatorConnection[]> _connections = () => [];
    private AlpacaSimulatorCounters? _counters;
    private Task _loop = Task.CompletedTask;
    private volatile bool _paused;
    private bool _newsStarted;

    public MarketEngine(AlpacaSimulatorOptions options, MarketClock clock, ReplaySource? replay)
    {
        _options = options;
        Clock = clock;
        _replay = replay;
        _news = new NewsGenerator(options, clock.StartNanos);
        _newsSymbols = [.. options.StockUniverse];
    }

    public MarketClock Clock { get; }

    public bool IsPaused
    {
        get => _paused;
        set => _paused = value;
    }

    public void Start(Func<SimulatorConnection[]> connections, AlpacaSimulatorCounters counters)
    {
        _connections = connections;
        _counters = counters;
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
                        _activations.Enqueue((endpoint.Market, member));
                    }
                }
                else
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
        _replay?.Dispose();
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
    private void Tick()
    {
        var now = Clock.NowNanos;
        var connections = _connections();
        var pack = false;
        foreach (var connection in connections)
        {
            pack |= connection.MessagePack && connection.WantsData;
        }

        _batch.Reset(pack, now);
        if (_replay is not null)
        {
            _replay.Advance(now, _batch);
        }
        else
        {
            Produce(now);
        }

        if (!_paused && _batch.Events.Count > 0)
        {
            Distribute(_batch, connections);
        }

        _counters?.MarketTicked();
    }

    private void Produce(long now)
    {
        ApplyActivations(now);
        foreach (var stock in _stockList)
        {
            stock.Advance(now, _batch);
        }

        foreach (var pair in _cryptoList)
        {
            pair.Advance(now, _batch);
        }

        if (!_newsStarted)
        {
            // News runs from the start like every symbol, so its articles do not depend on when it was first read.
            _newsStarted = true;
            _news.Advance(now, _newsSymbols, batch: null);
        }

        _news.Advance(now, _newsSymbols, _batch);
    }

    private void ApplyActivations(long now)
    {
        while (_activations.TryDequeue(out var activation))
        {
            var symbol = activation.Symbol;
            switch (activation.Market)
            {
                case MarketKind.Stocks when !_stocks.ContainsKey(symbol):
                    var stock = new StockSymbol(symbol, _options, Clock.StartNanos);
                    stock.Advance(now, batch: null);
                    _stocks.Add(symbol, stock);
                    _stockList.Add(stock);
                    break;
                case MarketKind.Crypto when !_crypto.ContainsKey(symbol):
                    var pair = new CryptoSymbol(symbol, _options, Clock.StartNanos);
                    pair.Advance(now, batch: null);
                    _crypto.Add(symbol, pair);
                    _cryptoList.Add(pair);
                    break;
                case MarketKind.News when !_newsSymbols.Contains(symbol):
                    _newsSymbols.Add(symbol);
                    break;
                default:
                    break;
            }
        }
    }
}
