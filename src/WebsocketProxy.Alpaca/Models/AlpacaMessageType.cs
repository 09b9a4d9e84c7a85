namespace WebsocketProxy.Alpaca.Models;

/// <summary>Every kind of market-data message the Alpaca streams deliver, for switching without type tests.</summary>
public enum AlpacaMessageType
{
    /// <summary>Stock trade (<c>T</c> = <c>t</c>).</summary>
    StockTrade,

    /// <summary>Stock quote (<c>q</c>).</summary>
    StockQuote,

    /// <summary>Stock minute, daily or updated bar (<c>b</c>, <c>d</c>, <c>u</c>).</summary>
    StockBar,

    /// <summary>Trading status (<c>s</c>).</summary>
    TradingStatus,

    /// <summary>Limit up / limit down band (<c>l</c>).</summary>
    LimitUpLimitDown,

    /// <summary>Trade correction (<c>c</c>).</summary>
    TradeCorrection,

    /// <summary>Trade cancel or error (<c>x</c>).</summary>
    TradeCancel,

    /// <summary>Order imbalance (<c>i</c>).</summary>
    OrderImbalance,

    /// <summary>Crypto trade (<c>t</c> on the crypto stream).</summary>
    CryptoTrade,

    /// <summary>Crypto quote (<c>q</c> on the crypto stream).</summary>
    CryptoQuote,

    /// <summary>Crypto bar (<c>b</c>, <c>d</c>, <c>u</c> on the crypto stream).</summary>
    CryptoBar,

    /// <summary>Crypto order book update (<c>o</c>).</summary>
    CryptoOrderBook,

    /// <summary>News article (<c>n</c>).</summary>
    News,

    /// <summary>Option trade (<c>t</c> on an options stream).</summary>
    OptionTrade,

    /// <summary>Option quote (<c>q</c> on an options stream).</summary>
    OptionQuote,
}
