namespace WebsocketProxy.Alpaca.Models;

/// <summary>An option trade (<c>T</c> = <c>t</c> on an options stream): no id nor tape, and one condition string.</summary>
public sealed record OptionTrade : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.OptionTrade;

    /// <summary>The contract's OCC symbol (<c>S</c>), for example <c>AAPL241220C00200000</c>.</summary>
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Exchange code (<c>x</c>).</summary>
    public string Exchange { get; init; } = string.Empty;

    /// <summary>Price per share (<c>p</c>); a contract usually covers 100 shares.</summary>
    public decimal Price { get; init; }

    /// <summary>Trade size in contracts (<c>s</c>).</summary>
    public long Size { get; init; }

    /// <summary>Trade condition (<c>c</c>), a single code (stock trades carry a list); empty when absent.</summary>
    public string Condition { get; init; } = string.Empty;
}
