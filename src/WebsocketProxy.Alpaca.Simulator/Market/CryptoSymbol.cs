using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// One crypto pair's market: an order book whose every update gives a quote (its top) and an order-book
/// delta, trades that hit the top of the book with a taker side, and bars built from those trades.
/// </summary>
internal sealed class CryptoSymbol
{
    private readonly string _symbol;
    private readonly AlpacaSimulatorOptions _options;
    private readonly Rng _rng;
    private readonly OrderBook _book;
    private readonly BarAccumulator _minute = new();
    private readonly BarAccumulator _previousMinute = new();
    private readonly BarAccumulator _day = new();
    private double _mid;
    private long _nextTrade;
    private long _nextQuote;
    private long _tradeId;
    private long _lastTradeTime;
    private bool _lateTradePending;

    public CryptoSymbol(string symbol, AlpacaSimulatorOptions options, long startNanos)
    {
        _symbol = symbol;
        _options = options;
        _rng = new Rng(Rng.SeedFor(options.Seed, symbol));
        _mid = symbol.StartsWith("BTC/", StringComparison.Ordinal) ? 64000 + (_rng.NextDouble() * 2000)
            : symbol.StartsWith("ETH/", StringComparison.Ordinal) ? 3000 + (_rng.NextDouble() * 200)
            : 0.1 + (_rng.NextDouble() * 200);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(_mid)) - 4);
        _book = new OrderBook(Math.Max(magnitude, 1e-6));
        _book.Update(_mid, _rng);
        _tradeId = (long)(_rng.NextUInt64() >> 2);
        var minuteStart = startNanos - (startNanos % Timestamps.NanosPerMinute);
        _minute.Reset(minuteStart);
        _previousMinute.Reset(minuteStart - Timestamps.NanosPerMinute);
        _day.Reset(startNanos - (startNanos % Timestamps.NanosPerDay));
        _nextTrade = startNanos + _rng.NextInterval(options.TradesPerSecond);
        _nextQuote = startNanos + _rng.NextInterval(options.QuotesPerSecond);
    }

    public string Symbol => _symbol;

    public OrderBook Book => _book;

    /// <summary>Produces every event due up to <paramref name="until"/>; with no batch it only advances.</summary>
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
        var buyerTook = _rng.NextDouble() < 0.5;
        var price = buyerTook ? _book.BestAsk : _book.BestBid;
        var size = Math.Round(0.0001 + (_rng.NextDouble() * 0.5), 4);
        var id = ++_tradeId;
        var time = t;
        var late = _lateTradePending;
        _lateTradePending = false;
        if (late)
        {
            time = Math.Min(Math.Max(_previousMinute.StartNanos + (Timestamps.NanosPerMinute / 2), _lastTradeTime + 1), _minute.StartNanos - 1);
            _previousMinute.Add(price, size);
        }
        else
        {
            _lastTradeTime = t;
            _minute.Add(price, size);
        }

        _day.Add(price, size);
        if (batch is null)
        {
            return;
        }

        Emit(batch, Channel.Trades, MarketMessages.CryptoTrade(batch.Encoder, _symbol, id, price, size, buyerTook, time));
        if (late)
        {
            Emit(batch, Channel.UpdatedBars, MarketMessages.Bar(batch.Encoder, "u"u8, _symbol, _previousMinute, fractionalVolume: true));
        }
    }

    private void Quote(long t, EventBatch? batch)
    {
        _mid = Math.Max(_mid * 0.01, _mid * (1 + (_rng.NextGaussian() * 0.0002)));
        _book.Update(_mid, _rng);
        if (batch is null)
        {
            return;
        }

        Emit(batch, Channel.Quotes, MarketMessages.CryptoQuote(batch.Encoder, _symbol, _book.BestBid, _book.BestBidSize, _book.BestAsk, _book.BestAskSize, t));
        var delta = MarketMessages.OrderBook(batch.Encoder, _symbol, t, _book.BidChanges, _book.AskChanges, reset: false);
        batch.Add(delta, MarketKind.Crypto, Channel.OrderBooks, _symbol, book: _book);
    }

    private void CloseMinute(long minuteEnd, EventBatch? batch)
    {
        if (batch is not null)
        {
            if (_minute.Count > 0)
            {
                Emit(batch, Channel.Bars, MarketMessages.Bar(batch.Encoder, "b"u8, _symbol, _minute, fractionalVolume: true));
            }

            if (_day.Count > 0)
            {
                Emit(batch, Channel.DailyBars, MarketMessages.Bar(batch.Encoder, "d"u8, _symbol, _day, fractionalVolume: true));
            }
        }

        _lateTradePending = _rng.NextDouble() < _options.LateTradeProbability;
        _previousMinute.CopyFrom(_minute);
        _minute.Reset(minuteEnd);
        if (minuteEnd % Timestamps.NanosPerDay == 0)
        {
            _day.Reset(minuteEnd);
        }
    }

    private void Emit(EventBatch batch, Channel channel, EncodedMessage message) =>
        batch.Add(message, MarketKind.Crypto, channel, _symbol);
}
