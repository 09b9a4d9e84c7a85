namespace WebsocketProxy.Alpaca.Models;

/// <summary>A crypto bar: minute (<c>b</c>), daily (<c>d</c>) or updated (<c>u</c>); volume is fractional.</summary>
public sealed record CryptoBar : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.CryptoBar;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Which bar channel sent it.</summary>
    public BarKind Kind { get; init; }

    /// <summary>Open price (<c>o</c>).</summary>
    public decimal Open { get; init; }

    /// <summary>High price (<c>h</c>).</summary>
    public decimal High { get; init; }

    /// <summary>Low price (<c>l</c>).</summary>
    public decimal Low { get; init; }

    /// <summary>Close price (<c>c</c>).</summary>
    public decimal Close { get; init; }

    /// <summary>Volume (<c>v</c>).</summary>
    public decimal Volume { get; init; }

    /// <summary>Number of trades (<c>n</c>).</summary>
    public long TradeCount { get; init; }

    /// <summary>Volume-weighted average price (<c>vw</c>).</summary>
    public decimal VolumeWeightedAveragePrice { get; init; }
}
