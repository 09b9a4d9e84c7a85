namespace WebsocketProxy.Alpaca.Models;

/// <summary>A crypto quote (<c>T</c> = <c>q</c> on the crypto stream).</summary>
public sealed record CryptoQuote : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.CryptoQuote;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Bid price (<c>bp</c>).</summary>
    public decimal BidPrice { get; init; }

    /// <summary>Bid size (<c>bs</c>).</summary>
    public decimal BidSize { get; init; }

    /// <summary>Ask price (<c>ap</c>).</summary>
    public decimal AskPrice { get; init; }

    /// <summary>Ask size (<c>as</c>).</summary>
    public decimal AskSize { get; init; }
}
