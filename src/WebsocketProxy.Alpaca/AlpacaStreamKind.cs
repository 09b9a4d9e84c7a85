namespace WebsocketProxy.Alpaca;

/// <summary>Which Alpaca stream a connection reads: the same type code means different models on each.</summary>
public enum AlpacaStreamKind
{
    /// <summary>US stocks (<c>/v2/{feed}</c>).</summary>
    Stocks,

    /// <summary>Crypto (<c>/v1beta3/crypto/us</c>).</summary>
    Crypto,

    /// <summary>News (<c>/v1beta1/news</c>).</summary>
    News,

    /// <summary>Options (<c>/v1beta1/indicative</c> or <c>/v1beta1/opra</c>), MessagePack only.</summary>
    Options,

    /// <summary>The account's order events (<c>/stream</c> on the trading host, <c>trade_updates</c>).</summary>
    Trading,
}
