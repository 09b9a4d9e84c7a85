namespace WebsocketProxy.Alpaca.Trading;

/// <summary>The position an order opens or closes (<c>position_intent</c>).</summary>
public enum PositionIntent
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>Buy to open (<c>buy_to_open</c>).</summary>
    BuyToOpen,

    /// <summary>Buy to close (<c>buy_to_close</c>).</summary>
    BuyToClose,

    /// <summary>Sell to open (<c>sell_to_open</c>).</summary>
    SellToOpen,

    /// <summary>Sell to close (<c>sell_to_close</c>).</summary>
    SellToClose,
}
