namespace WebsocketProxy.Alpaca.Models;

/// <summary>An order imbalance (<c>T</c> = <c>i</c>).</summary>
public sealed record OrderImbalance : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.OrderImbalance;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Reference price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;
}
