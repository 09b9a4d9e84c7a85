namespace WebsocketProxy.Alpaca.Models;

/// <summary>An option quote (<c>T</c> = <c>q</c> on an options stream): no tape, and one condition string.</summary>
public sealed record OptionQuote : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.OptionQuote;

    /// <summary>The contract's OCC symbol (<c>S</c>), for example <c>AAPL241220C00200000</c>.</summary>
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Bid exchange (<c>bx</c>).</summary>
    public string BidExchange { get; init; } = string.Empty;

    /// <summary>Bid price (<c>bp</c>).</summary>
    public decimal BidPrice { get; init; }

    /// <summary>Bid size in contracts (<c>bs</c>).</summary>
    public long BidSize { get; init; }

    /// <summary>Ask exchange (<c>ax</c>).</summary>
    public string AskExchange { get; init; } = string.Empty;

    /// <summary>Ask price (<c>ap</c>).</summary>
    public decimal AskPrice { get; init; }

    /// <summary>Ask size in contracts (<c>as</c>).</summary>
    public long AskSize { get; init; }

    /// <summary>Quote condition (<c>c</c>), a single code (stock quotes carry a list); empty when absent.</summary>
    public string Condition { get; init; } = string.Empty;
}
