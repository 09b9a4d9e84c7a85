namespace WebsocketProxy.Alpaca.Models;

/// <summary>A limit up / limit down price band (<c>T</c> = <c>l</c>).</summary>
public sealed record LimitUpLimitDown : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.LimitUpLimitDown;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Limit-up price (<c>u</c>).</summary>
    public decimal LimitUpPrice { get; init; }

    /// <summary>Limit-down price (<c>d</c>).</summary>
    public decimal LimitDownPrice { get; init; }

    /// <summary>Indicator (<c>i</c>; a string here, unlike the integer trade id).</summary>
    public string Indicator { get; init; } = string.Empty;

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;
}
