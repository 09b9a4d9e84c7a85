namespace WebsocketProxy.Alpaca;

/// <summary>The venue a crypto stream reads, each at its own path <c>/v1beta3/crypto/{location}</c>.</summary>
public enum AlpacaCryptoLocation
{
    /// <summary>Alpaca's own venue: <c>/v1beta3/crypto/us</c> (what <see cref="AlpacaEndpoints.Crypto(AlpacaEnvironment)"/> gives).</summary>
    Us,

    /// <summary>Kraken's US venue: <c>/v1beta3/crypto/us-1</c>.</summary>
    Us1,

    /// <summary>Kraken's EU venue: <c>/v1beta3/crypto/eu-1</c>.</summary>
    Eu1,
}
