namespace WebsocketProxy.Alpaca.Models;

/// <summary>A market-data message about one symbol (every data message except news).</summary>
public interface IAlpacaSymbolMessage : IAlpacaMessage
{
    /// <summary>The symbol (<c>S</c>), for example <c>AAPL</c> or <c>BTC/USD</c>.</summary>
    string Symbol { get; }

    /// <summary>When the event happened (<c>t</c>), with nanoseconds.</summary>
    AlpacaTimestamp Timestamp { get; }
}
