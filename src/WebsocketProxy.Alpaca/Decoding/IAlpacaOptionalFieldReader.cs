namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// A field reader that can tell <c>null</c> from an empty value. Market data never sends <c>null</c> where it
/// matters, so <see cref="IAlpacaFieldReader"/> reads it as the empty value; orders do (a market order's
/// <c>limit_price</c>, an unfilled order's <c>filled_avg_price</c>), and there 0 is not the same as absent.
/// </summary>
internal interface IAlpacaOptionalFieldReader : IAlpacaFieldReader
{
    /// <summary>Reads the current value if it is <c>null</c> (which counts as the one value read after a field); false, reading nothing, otherwise.</summary>
    bool TryReadNull();
}
