namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>Which market an endpoint serves.</summary>
internal enum MarketKind
{
    Stocks,
    Crypto,
    News,
}
