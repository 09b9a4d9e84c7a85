namespace WebsocketProxy.Alpaca.Models;

/// <summary>A crypto trade (<c>T</c> = <c>t</c> on the crypto stream); sizes are fractional.</summary>
public sealed record CryptoTrade : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.CryptoTrade;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Trade id (<c>i</c>).</summary>
    public long Id { get; init; }

    /// <summary>Trade price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>Trade size (<c>s</c>).</summary>
    public decimal Size { get; init; }

    /// <summary>Taker side (<c>tks</c>).</summary>
    public TakerSide TakerSide { get; init; }
}
