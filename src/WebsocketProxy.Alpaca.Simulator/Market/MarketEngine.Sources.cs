using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

internal sealed partial class MarketEngine
{
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
                    var universe = endpoint.Market switch
                    {
                        MarketKind.Crypto => _options.CryptoUniverse,
                        MarketKind.Options => _options.OptionUniverse,
                        _ => _options.StockUniverse,
                    };
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

    /// <summary>Starts the recording at the next tick, whether or not anyone has subscribed.</summary>
    public void StartReplay() => _replayStartRequested = true;

    /// <summary>
    /// A recording's clock starts in the first tick after a client's subscription took effect (or after
    /// <see cref="StartReplay"/>), not when the process starts: its first message then plays to that subscriber,
    /// after the subscription reply (queued before the set takes effect), and nobody misses the beginning.
    /// </summary>
    private void Replay(long now, SimulatorConnection[] connections)
    {
        if (_replayOffset is null)
        {
            var start = _replayStartRequested
                || (_options.ReplayOnFirstSubscription && Array.Exists(connections, c => c.WantsData && !c.Subscriptions.IsEmpty));
            if (!start)
            {
                return;
            }

            _replayOffset = now - (_replay!.FirstTime ?? now);
            Volatile.Write(ref _replayStarted, true);
        }

        _replay!.Advance(now - _replayOffset.Value, _batch);
    }

    /// <summary>
    /// A new symbol catches up silently to where the previous tick stopped (its data depends only on the seed
    /// and the start), then this tick sends what happened since, so a subscriber misses nothing after it asked.
    /// </summary>
    private void ApplyActivations()
    {
        while (_activations.TryDequeue(out var activation))
        {
            var symbol = activation.Symbol;
            switch (activation.Market)
            {
                case MarketKind.Stocks when !_stocks.ContainsKey(symbol):
                    var stock = new StockSymbol(symbol, _options, Clock.StartNanos);
                    stock.Advance(_producedUntil, batch: null);
                    _stocks.Add(symbol, stock);
                    _stockList.Add(stock);
                    break;
                case MarketKind.DelayedStocks when !_delayedStocks.ContainsKey(symbol):
                    // Its own process, begun one delay before the start, so the delayed feed has data at once.
                    var delayed = new StockSymbol(symbol, _options, Clock.StartNanos - _delayNanos, MarketKind.DelayedStocks);
                    delayed.Advance(_producedUntil - _delayNanos, batch: null);
                    _delayedStocks.Add(symbol, delayed);
                    _delayedStockList.Add(delayed);
                    break;
                case MarketKind.Crypto when !_crypto.ContainsKey(symbol):
                    var pair = new CryptoSymbol(symbol, _options, Clock.StartNanos);
                    pair.Advance(_producedUntil, batch: null);
                    _crypto.Add(symbol, pair);
                    _cryptoList.Add(pair);
                    break;
                case MarketKind.Options when !_contracts.ContainsKey(symbol) && OccSymbol.TryParse(symbol, out var occ):
                    var contract = new OptionSymbol(symbol, occ, _options, Clock.StartNanos);
                    contract.Advance(_producedUntil, batch: null);
                    _contracts.Add(symbol, contract);
                    _contractList.Add(contract);
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
