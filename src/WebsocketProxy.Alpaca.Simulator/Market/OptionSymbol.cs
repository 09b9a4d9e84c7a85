using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// One option contract's market: its underlying walks as a stock does (starting where the simulator's stock of the
/// same root starts), the contract is priced from it (Black-Scholes at a fixed volatility, quoted at option ticks),
/// and it trades inside its quotes. Like a stock, its events sit on a grid fixed by the seed, the symbol and the start,
/// so the data does not depend on when anyone subscribed. Expired contracts are priced as one day from expiry, so any
/// well-formed symbol has data.
/// </summary>
internal sealed class OptionSymbol
{
    private const double Volatility = 0.3;
    private const double MinYears = 1.0 / 365;
    private static readonly string[] Exchanges = ["A", "B", "C", "E", "H", "I", "J", "M", "N", "P", "Q", "T", "W", "X", "Z"];

    private readonly string _symbol;
    private readonly AlpacaSimulatorOptions _options;
    private readonly Rng _rng;
    private readonly double _strike;
    private readonly bool _isCall;
    private readonly long _expiryNanos;
    private double _underlying;
    private double _bid;
    private double _ask;
    private long _nextTrade;
    private long _nextQuote;

    public OptionSymbol(string symbol, OccSymbol contract, AlpacaSimulatorOptions options, long startNanos)
    {
        _symbol = symbol;
        _options = options;
        _rng = new Rng(Rng.SeedFor(options.Seed, symbol));
        _strike = (double)contract.Strike;
        _isCall = contract.IsCall;
        // Options expire at the close, 16:00 New York: 21:00 UTC is close enough for a price model.
        _expiryNanos = Timestamps.FromDateTimeOffset(new DateTimeOffset(contract.Expiration.ToDateTime(new TimeOnly(21, 0)), TimeSpan.Zero));

        // The first draw of the root's own generator: the opening price of the simulator's stock of that name.
        _underlying = Math.Round(20 + (new Rng(Rng.SeedFor(options.Seed, contract.Root)).NextDouble() * 480), 2);
        Requote(startNanos);
        _nextTrade = startNanos + _rng.NextInterval(options.TradesPerSecond);
        _nextQuote = startNanos + _rng.NextInterval(options.QuotesPerSecond);
    }

    /// <summary>Produces every event due up to <paramref name="until"/>; with no batch it only advances (catch-up).</summary>
    public void Advance(long until, EventBatch? batch)
    {
        while (true)
        {
            var next = Math.Min(_nextTrade, _nextQuote);
            if (next > until)
            {
                return;
            }

            _underlying = Math.Max(0.01, _underlying * (1 + (_rng.NextGaussian() * 0.0004)));
            if (next == _nextTrade)
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
        // Inside the current quote, on its tick; every choice is drawn whether or not anything is sent.
        var tick = Tick(_ask);
        var steps = (long)Math.Round((_ask - _bid) / tick);
        var price = Math.Round(_bid + (tick * _rng.Next((int)steps + 1)), 2);
        var size = 1L + _rng.Next(_rng.Chance(0.1) ? 200 : 20);
        var exchange = Exchanges[_rng.Next(Exchanges.Length)];
        var condition = _rng.Chance(0.15) ? "S" : "I";
        if (batch is not null)
        {
            batch.Add(MarketMessages.OptionTrade(batch.Encoder, _symbol, exchange, Math.Max(price, 0.01), size, condition, t), MarketKind.Options, Channel.Trades, _symbol);
        }
    }

    private void Quote(long t, EventBatch? batch)
    {
        Requote(t);
        var bidSize = 1L + _rng.Next(500);
        var askSize = 1L + _rng.Next(500);
        var bidExchange = Exchanges[_rng.Next(Exchanges.Length)];
        var askExchange = Exchanges[_rng.Next(Exchanges.Length)];
        if (batch is not null)
        {
            batch.Add(
                MarketMessages.OptionQuote(batch.Encoder, _symbol, bidExchange, _bid, bidSize, askExchange, _ask, askSize, " ", t),
                MarketKind.Options,
                Channel.Quotes,
                _symbol);
        }
    }

    /// <summary>Sets the quote around the model price: a spread of about 4 % (at least one tick), bid never below 0.</summary>
    private void Requote(long t)
    {
        var years = Math.Max(MinYears, (_expiryNanos - t) / (365.25 * Timestamps.NanosPerDay));
        var theo = Price(_underlying, _strike, years, _isCall);
        var tick = Tick(theo);
        var halfSpread = Math.Max(tick, Math.Round(theo * 0.02 / tick) * tick);
        _bid = Math.Max(0, Math.Round(Math.Floor((theo - halfSpread) / tick) * tick, 2));
        _ask = Math.Round(Math.Max(_bid + tick, Math.Ceiling((theo + halfSpread) / tick) * tick), 2);
    }

    /// <summary>The minimum price increment: 0.05 at 3.00 and above, 0.01 below (the penny program's rule).</summary>
    private static double Tick(double price) => price >= 3 ? 0.05 : 0.01;

    /// <summary>Black-Scholes with no rates nor dividends.</summary>
    private static double Price(double spot, double strike, double years, bool isCall)
    {
        var deviation = Volatility * Math.Sqrt(years);
        var d1 = (Math.Log(spot / strike) + (deviation * deviation / 2)) / deviation;
        var d2 = d1 - deviation;
        return isCall
            ? (spot * NormalCdf(d1)) - (strike * NormalCdf(d2))
            : (strike * NormalCdf(-d2)) - (spot * NormalCdf(-d1));
    }

    /// <summary>The standard normal distribution (Abramowitz and Stegun 26.2.17, error below 7.5e-8).</summary>
    private static double NormalCdf(double x)
    {
        var k = 1 / (1 + (0.2316419 * Math.Abs(x)));
        var poly = k * (0.319381530 + (k * (-0.356563782 + (k * (1.781477937 + (k * (-1.821255978 + (k * 1.330274429))))))));
        var tail = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }
}
