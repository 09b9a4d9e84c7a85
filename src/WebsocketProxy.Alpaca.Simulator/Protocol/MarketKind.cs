namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>Which market an endpoint serves.</summary>
internal enum MarketKind
{
    Stocks,

    /// <summary>The stock market as the delayed SIP feed shows it: its own clock runs a fixed delay behind.</summary>
    DelayedStocks,
    Crypto,
    News,

    /// <summary>Option contracts named by OCC symbols; MessagePack only, trades and quotes.</summary>
    Options,
}
