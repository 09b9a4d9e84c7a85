namespace WebsocketProxy.Alpaca.Trading;

/// <summary>What kind of asset an order trades (<c>asset_class</c>).</summary>
public enum AssetClass
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>US stocks and ETFs (<c>us_equity</c>).</summary>
    UsEquity,

    /// <summary>US options (<c>us_option</c>).</summary>
    UsOption,

    /// <summary>Crypto (<c>crypto</c>).</summary>
    Crypto,

    /// <summary>Crypto perpetual futures (<c>crypto_perp</c>).</summary>
    CryptoPerp,
}
