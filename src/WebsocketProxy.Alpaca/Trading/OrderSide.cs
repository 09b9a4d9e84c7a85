namespace WebsocketProxy.Alpaca.Trading;

/// <summary>Buy or sell (<c>side</c>).</summary>
public enum OrderSide
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>Buy (<c>buy</c>).</summary>
    Buy,

    /// <summary>Sell (<c>sell</c>).</summary>
    Sell,
}
