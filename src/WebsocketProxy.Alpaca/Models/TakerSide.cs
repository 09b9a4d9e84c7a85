namespace WebsocketProxy.Alpaca.Models;

/// <summary>Which side took liquidity in a crypto trade (<c>tks</c>).</summary>
public enum TakerSide
{
    /// <summary>Missing or unknown.</summary>
    Unknown,

    /// <summary>The buyer took (<c>B</c>).</summary>
    Buy,

    /// <summary>The seller took (<c>S</c>).</summary>
    Sell,
}
