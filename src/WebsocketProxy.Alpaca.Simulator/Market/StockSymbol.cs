using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// One stock's market: a seeded random walk of trades and quotes, minute and daily bars built from exactly the
/// trades emitted, late trades that update the previous bar, halts, LULD bands, corrections and cancels.
/// Its events sit on a grid fixed by the seed and the start time, so the data does not depend on when
/// anyone subscribed.
/// </summary>
internal sealed class StockSymbol
{
    private static readonly string[] Exchanges = ["V", "P", "Q", "N", "K", "Z"];

    private readonly string _symbol;
    private readonly AlpacaSimulatorOptions _options;
    private readonly Rng _rng;
    private readonly string _tape;
    private readonly MarketKind _market;
    private readonly BarAccumulator _minute = new();
    private readonly BarAccumulator _previousMinute = new();
    private readonly BarAccumulator _day = new();
    private readonly SpreadModel _spread;
    private double _price;
    private long _nextTrade;
    private long _nextQuote;
    private long _tradeId;
    private long _lastTradeTime;
    private bool _halted;
    private bool _lateTradePending;

    public StockSymbol(string symbol, AlpacaSimulatorOptions options, long startNanos, MarketKind market = MarketKind.Stocks)
    {
        _symbol = symbol;
        _market = market;
        _options = options;
        _rng = new Rng(Rng.SeedFor(options.Seed, symbol));
        _spread = new SpreadModel(_rng);
        _tape = symbol.Length <= 3 ? "A" : "C";
        _price = Math.Round(20 + (_rng.NextDouble() * 480), 2);
        _tradeId = 1000 + _rng.Next(100_000);
        var minuteStart = startNanos - (startNanos % Timestamps.NanosPerMinute);
        _minute.Reset(minuteStart);
        _previousMinute.Reset(minuteStart - Timestamps.NanosPerMinute);
        _day.Reset(startNanos - (startNanos % Timestamps.NanosPerDay));
        _nextTrade = startNanos + _rng.NextInterval(options.TradesPerSecond);
        _nextQuote = startNanos + _rng.NextInterval(options.QuotesPerSecond);
    }

    /// <summary>The symbol.</summary>
    public string Symbol => _symbol;

    /// <summary>Whether a quote has been made yet (the <c>Last*</c> members are zero before).</summary>
    public bool HasQuote { get; private set; }

    /// <summary>The latest quote's bid, in cents.</summary>
    public long LastBidCents { get; private set; }

    /// <summary>The latest quote's ask, in cents.</summary>
    public long LastAskCents { get; private set; }

    /// <summary>The latest quote's bid size, in shares.</summary>
    public long LastBidSize { get; private set; }

    /// <summary>The latest quote's ask size, in shares.</summary>
    public long LastAskSize { get; private set; }

    /// <summary>When the latest quote was made, in market nanoseconds.</summary>
    public long LastQuoteNanos { get; private set; }

    /// <summary>
    /// Called after every quote, sent or not: the order matcher fills against it. Set only on the simulator's
    /// own trading copies of a symbol, which run on the market thread like every symbol.
    /// </summary>
    public Action<StockSymbol>? QuoteListener { get; set; }

    /// <summary>Produces every event due up to <paramref name="until"/>; with no batch it only advances (catch-up).</summary>
    public void Advance(long until, EventBatch? batch)
    {
        while (true)
        {
            var minuteEnd = _minute.StartNanos + Timestamps.NanosPerMinute;
            var next = Math.Min(Math.Min(_nextTrade, _nextQuote), minuteEnd);
            if (next > until)
            {
                return;
            }

            if (next == minuteEnd)
            {
                CloseMinute(minuteEnd, batch);
            }
            else if (next == _nextTrade)
            {
                Trade(next, batch);
                _nextTrade = next + _rng.NextInterval(_options.TradesPerSecond);
            }
            else
            {
                Quote(next, batch);
                _nextQuote = next + _rng.NextInterval(_options.QuotesPerSecond);
            }
        }
    }

    private void Trade(long t, EventBatch? batch)
    {
        if (_halted)
        {
            return;
        }

        _price = Math.Max(0.01, Math.Round(_price * (1 + (_rng.NextGaussian() * 0.0004)), 2));
        var size = (long)(1 + _rng.Next(5)) * (_rng.Chance(0.7) ? 100 : 1 + _rng.Next(99));
        var exchange = Exchanges[_rng.Next(Exchanges.Length)];
        var id = ++_tradeId;

        if (_lateTradePending)
        {
            // Reported now, but it happened at the end of the previous minute: that bar is sent again, updated.
            _lateTradePending = false;
            var lateTime = Math.Max(_previousMinute.StartNanos + (Timestamps.NanosPerMinute / 2), _lastTradeTime + 1);
            lateTime = Math.Min(lateTime, _minute.StartNanos - 1);
            _previousMinute.Add(_price, size);
            _day.Add(_price, size);
            if (batch is not null)
            {
                Emit(batch, Channel.Trades, MarketMessages.StockTrade(batch.Encoder, _symbol, id, exchange, _price, size, _tape, lateTime));
                Emit(batch, Channel.UpdatedBars, MarketMessages.Bar(batch.Encoder, "u"u8, _symbol, _previousMinute, fractionalVolume: false));
            }

            return;
        }

        _lastTradeTime = t;
        _minute.Add(_price, size);
        _day.Add(_price, size);

        // Draw every choice whether or not anything is sent, so catching up leaves the same state behind.
        var correct = _rng.NextDouble() < _options.CorrectionProbability;
        var cancelError = _rng.NextDouble() < _options.CancelErrorProbability;
        var isCancel = _rng.NextDouble() < 0.8;
        if (batch is null)
        {
            return;
        }

        Emit(batch, Channel.Trades, MarketMessages.StockTrade(batch.Encoder, _symbol, id, exchange, _price, size, _tape, t));
        if (correct)
        {
            var corrected = Math.Round(_price + 0.01, 2);
            Emit(batch, Channel.Trades, MarketMessages.Correction(batch.Encoder, _symbol, exchange, id, _price, size, id + 500_000_000, corrected, size, _tape, t + 1000));
        }

        if (cancelError)
        {
            Emit(batch, Channel.Trades, MarketMessages.CancelError(batch.Encoder, _symbol, id, exchange, _price, size, isCancel, _tape, t + 2000));
        }
    }

    private void Quote(long t, EventBatch? batch)
    {
        var spread = _spread.NextCents(_price);
        var bidCents = (long)Math.Floor((_price * 100) - (spread / 2.0));
        var bid = bidCents / 100.0;
        var ask = (bidCents + spread) / 100.0;
        var bidSize = 1L + _rng.Next(20);
        var askSize = 1L + _rng.Next(20);
        if (batch is not null)
        {
            var bx = Exchanges[(int)(bidSize % Exchanges.Length)];
            var ax = Exchanges[(int)(askSize % Exchanges.Length)];
            Emit(batch, Channel.Quotes, MarketMessages.StockQuote(batch.Encoder, _symbol, bx, bid, bidSize, ax, ask, askSize, _tape, t));
        }

        HasQuote = true;
        LastBidCents = bidCents;
        LastAskCents = bidCents + spread;
        LastBidSize = bidSize;
        LastAskSize = askSize;
        LastQuoteNanos = t;
        QuoteListener?.Invoke(this);
    }

    private void CloseMinute(long minuteEnd, EventBatch? batch)
    {
        if (batch is not null)
        {
            if (_minute.Count > 0)
            {
                Emit(batch, Channel.Bars, MarketMessages.Bar(batch.Encoder, "b"u8, _symbol, _minute, fractionalVolume: false));
            }

            if (_day.Count > 0)
            {
                Emit(batch, Channel.DailyBars, MarketMessages.Bar(batch.Encoder, "d"u8, _symbol, _day, fractionalVolume: false));
            }

            var up = Math.Round(_price * 1.05, 2);
            var down = Math.Round(_price * 0.95, 2);
            Emit(batch, Channel.Lulds, MarketMessages.Luld(batch.Encoder, _symbol, up, down, _tape, minuteEnd + 1));
        }

        var haltDraw = _rng.NextDouble();
        if (_halted)
        {
            _halted = false;
            EmitStatus(batch, "T", "Trading Resumption", minuteEnd + 2);
        }
        else if (haltDraw < _options.HaltProbability)
        {
            _halted = true;
            EmitStatus(batch, "H", "Trading Halt", minuteEnd + 2);
        }

        if (_rng.NextDouble() < 0.1 && batch is not null)
        {
            Emit(batch, Channel.Imbalances, MarketMessages.Imbalance(batch.Encoder, _symbol, _price, _tape, minuteEnd + 3));
        }

        _lateTradePending = _rng.NextDouble() < _options.LateTradeProbability;
        _previousMinute.CopyFrom(_minute);
        _minute.Reset(minuteEnd);
        if (minuteEnd % Timestamps.NanosPerDay == 0)
        {
            _day.Reset(minuteEnd);
        }
    }

    private void EmitStatus(EventBatch? batch, string code, string message, long t)
    {
        if (batch is not null)
        {
            Emit(batch, Channel.Statuses, MarketMessages.Status(batch.Encoder, _symbol, code, message, "LUDP", "Volatility Trading Pause", _tape, t));
        }
    }

    private void Emit(EventBatch batch, Channel channel, EncodedMessage message) =>
        batch.Add(message, _market, channel, _symbol);
}
