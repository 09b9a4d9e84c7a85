using System.Security.Cryptography;
using System.Text;

namespace WebsocketProxy.Alpaca;

/// <summary>
/// An Alpaca API key id and secret. <see cref="ToString"/> never shows the secret; use <see cref="Fingerprint"/>
/// wherever credentials must be compared or used as a key, so the secret itself is never stored in a lookup.
/// </summary>
public sealed class AlpacaCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <exception cref="ArgumentException">A value is empty or blank.</exception>
    public AlpacaCredentials(string keyId, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        KeyId = keyId;
        Secret = secret;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{keyId}\n{secret}")));
    }

    /// <summary>The key id (<c>APCA-API-KEY-ID</c>).</summary>
    public string KeyId { get; }

    /// <summary>The secret (<c>APCA-API-SECRET-KEY</c>).</summary>
    public string Secret { get; }

    /// <summary>SHA-256 of key id and secret, in hex: equal for equal credentials, useless for recovering the secret.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads credentials from the usual environment variables <c>APCA_API_KEY_ID</c> and <c>APCA_API_SECRET_KEY</c>.</summary>
    /// <returns>The credentials, or null when either variable is missing.</returns>
    public static AlpacaCredentials? FromEnvironment()
    {
        var keyId = Environment.GetEnvironmentVariable("APCA_API_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("APCA_API_SECRET_KEY");
        return string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(secret) ? null : new AlpacaCredentials(keyId, secret);
    }

    /// <summary>Shows the key id and hides the secret.</summary>
    public override string ToString() => $"AlpacaCredentials {{ KeyId = {KeyId}, Secret = *** }}";
}
