using System.Collections.Concurrent;
using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Alpaca.Simulator.Trading;

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
    private readonly Dictionary<string, StockSymbol> _delayedStocks = new(StringComparer.Ordinal);
    private readonly List<StockSymbol> _delayedStockList = [];
    private readonly List<CryptoSymbol> _cryptoList = [];
    private readonly List<string> _newsSymbols;
    private readonly NewsGenerator _news;
    private readonly ReplaySource? _replay;
    private readonly EventBatch _batch = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<SimulatorConnection[]> _connections = () => [];
    private AlpacaSimulatorCounters? _counters;
    private readonly ManualResetEventSlim _wake = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private volatile bool _paused;
    private volatile bool _silenced;
    private bool _newsStarted;
    private readonly long _sliceNanos;
    private readonly long _delayNanos;
    private long _producedUntil;
    private long? _replayOffset;
    private volatile bool _replayStartRequested;
    private bool _replayStarted;

    public MarketEngine(AlpacaSimulatorOptions options, MarketClock clock, ReplaySource? replay)
    {
        _options = options;
        Clock = clock;
        _replay = replay;
        _news = new NewsGenerator(options, clock.StartNanos);
        _producedUntil = clock.StartNanos;
        _sliceNanos = Math.Max(1, (long)(options.TickInterval.Ticks * 100 * options.TimeScale));
        _delayNanos = options.DelayedSipDelay.Ticks * 100;
        _newsSymbols = [.. options.StockUniverse];
        Trading = new TradingEngine(options, clock);
    }

    /// <summary>Accounts and orders, matched on this market's thread against the same seeded quotes.</summary>
    public TradingEngine Trading { get; }

    public MarketClock Clock { get; }

    /// <summary>Whether a recording is playing (its clock has started).</summary>
    public bool IsReplaying => Volatile.Read(ref _replayStarted);

    /// <summary>Set if the market stopped on an unexpected exception.</summary>
    public Exception? Failure { get; private set; }

    public bool IsPaused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>Set by the "silent" fault: nothing is sent (what is made meanwhile is lost), apart from <see cref="IsPaused"/>.</summary>
    public bool IsSilenced
    {
        get => _silenced;
        set => _silenced = value;
    }

    public void Start(Func<SimulatorConnection[]> connections, AlpacaSimulatorCounters counters)
    {
        _connections = connections;
        _counters = counters;
        Trading.Start(counters);

        // A dedicated thread, not the thread pool: under load the pool runs its workers' local queues first,
        // and a tick queued behind them could wait a second, then send a second's data at once.
        _thread = new Thread(Run) { IsBackground = true, Name = "alpaca-simulator market" };
        _thread.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _wake.Set();
        if (_thread is not null)
        {
            await _stopped.Task.ConfigureAwait(false);
        }

        _batch.Dispose();
        _replay?.Dispose();
        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// The real clock paces the loop by waiting out the tick interval; any other clock (a test's fake one)
    /// paces it through its own timer, so the market moves exactly when that clock is advanced.
    /// </summary>
    private void Run()
    {
        var time = _options.TimeProvider;
        var realClock = ReferenceEquals(time, TimeProvider.System);
        using var timer = realClock ? null : time.CreateTimer(_ => _wake.Set(), null, _options.TickInterval, _options.TickInterval);
        var interval = (int)Math.Max(1, _options.TickInterval.TotalMilliseconds);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (realClock)
                {
                    _wake.Wait(interval);
                }
                else
                {
                    _wake.Wait();
                    _wake.Reset();
                }

                if (!_stop.IsCancellationRequested)
                {
                    Tick();
                }
            }
        }
        catch (Exception ex)
        {
            // An exception here would end the host process; keep it for DisposeAsync to report, and tell the
            // clients what the real service says when it fails.
            Failure = ex;
            foreach (var connection in _connections())
            {
                connection.SendError(ProtocolError.InternalError, close: true);
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>
    /// One step: produce everything due up to now and deliver it, in slices of one tick's worth of market
    /// time, so a big clock jump (a fake clock advanced by an hour, a paused process) never builds one huge
    /// batch. A market asked for more than it can make falls behind the clock instead of running out of memory.
    /// </summary>
    private void Tick()
    {
        var target = Clock.NowNanos;
        do
        {
            var until = Math.Min(target, _producedUntil + _sliceNanos);
            ProduceAndDeliver(until);
            _producedUntil = until;
        }
        while (_producedUntil < target && !_stop.IsCancellationRequested);

        _counters?.MarketTicked();
    }

    private void ProduceAndDeliver(long until)
    {
        var connections = _connections();
        // Encode only the formats that some client will be sent.
        bool json = false, pack = false;
        foreach (var connection in connections)
        {
            if (connection.WantsData)
            {
                pack |= connection.MessagePack;
                json |= !connection.MessagePack;
            }
        }

        _batch.Reset(json, pack, until);
        if (_replay is not null)
        {
            Replay(until, connections);
        }
        else
        {
            Produce(until);
        }

        if (!_paused && !_silenced && _batch.Events.Count > 0)
        {
            Distribute(_batch, connections);
        }

        // Orders fill whether or not market data is paused: pausing the feed does not stop the exchange.
        Trading.Advance(until);
    }

    private void Produce(long now)
    {
        ApplyActivations();
        foreach (var stock in _stockList)
        {
            stock.Advance(now, _batch);
        }

        foreach (var stock in _delayedStockList)
        {
            stock.Advance(now - _delayNanos, _batch);
        }

        foreach (var pair in _cryptoList)
        {
            pair.Advance(now, _batch);
        }

        if (!_newsStarted)
        {
            // News runs from the start like every symbol, so its articles do not depend on when it was first read.
            _newsStarted = true;
            _news.Advance(_producedUntil, _newsSymbols, batch: null);
        }

        _news.Advance(now, _newsSymbols, _batch);
    }
}
