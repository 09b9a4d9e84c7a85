namespace WebsocketProxy.Alpaca.Models;

/// <summary>A trade cancel or error (<c>T</c> = <c>x</c>).</summary>
public sealed record TradeCancel : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.TradeCancel;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Id of the cancelled trade (<c>i</c>).</summary>
    public long Id { get; init; }

    /// <summary>Exchange code (<c>x</c>).</summary>
    public string Exchange { get; init; } = string.Empty;

    /// <summary>Trade price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>Trade size (<c>s</c>).</summary>
    public long Size { get; init; }

    /// <summary>Cancel or error (<c>a</c>).</summary>
    public TradeCancelAction Action { get; init; }

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;
}
