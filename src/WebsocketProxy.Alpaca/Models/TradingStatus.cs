namespace WebsocketProxy.Alpaca.Models;

/// <summary>A trading status change (<c>T</c> = <c>s</c>), for example a halt.</summary>
public sealed record TradingStatus : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.TradingStatus;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Status code (<c>sc</c>).</summary>
    public string StatusCode { get; init; } = string.Empty;

    /// <summary>Status message (<c>sm</c>).</summary>
    public string StatusMessage { get; init; } = string.Empty;

    /// <summary>Reason code (<c>rc</c>).</summary>
    public string ReasonCode { get; init; } = string.Empty;

    /// <summary>Reason message (<c>rm</c>).</summary>
    public string ReasonMessage { get; init; } = string.Empty;

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;
}
