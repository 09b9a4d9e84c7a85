using System.Security.Cryptography;
using System.Text;

namespace WebsocketProxy.Alpaca;

/// <summary>
/// The credentials of one Alpaca account and how they are sent: an API key id and secret (in the <c>auth</c>
/// message, or as handshake headers), a Broker API key (Basic authentication), or an OAuth access token.
/// <see cref="ToString"/> never shows a secret; use <see cref="Fingerprint"/> wherever credentials must be compared or
/// used as a key, so the secret itself is never stored in a lookup.
/// </summary>
/// <remarks>
/// Processes share an upstream connection only when they send the same credentials the same way: one process
/// authenticating by message and another by headers with the same key hold two upstream connections, and Alpaca,
/// which allows one per key, refuses the second with 406. Give every cooperating process the same
/// <see cref="Mode"/>.
/// </remarks>
public sealed class AlpacaCredentials
{
    /// <summary>The environment variable of an OAuth access token, as the official SDKs read it.</summary>
    public const string OAuthTokenVariable = "APCA_API_OAUTH";

    /// <summary>Creates key id and secret credentials sent in the <c>auth</c> message (<see cref="AlpacaAuthMode.Message"/>).</summary>
    /// <exception cref="ArgumentException">A value is empty or blank.</exception>
    public AlpacaCredentials(string keyId, string secret)
        : this(AlpacaAuthMode.Message, keyId, secret)
    {
    }

    private AlpacaCredentials(AlpacaAuthMode mode, string keyId, string secret)
    {
        if (mode != AlpacaAuthMode.OAuth)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        if (mode == AlpacaAuthMode.Headers && (keyId.Any(char.IsControl) || secret.Any(char.IsControl)))
        {
            // A line break would end the header early (and the proxy's WebSocket refuses such a value anyway).
            throw new ArgumentException("A key id or secret sent as a header cannot contain control characters.", nameof(secret));
        }

        Mode = mode;
        KeyId = keyId;
        Secret = secret;
        Fingerprint = Fingerprinted(mode, keyId, secret);
    }

    /// <summary>How the credentials are sent.</summary>
    public AlpacaAuthMode Mode { get; }

    /// <summary>The key id (<c>APCA-API-KEY-ID</c>, or the Broker API key); empty for an OAuth token.</summary>
    public string KeyId { get; }

    /// <summary>The secret (<c>APCA-API-SECRET-KEY</c>, or the Broker API secret), or the OAuth access token.</summary>
    public string Secret { get; }

    /// <summary>SHA-256 of key id and secret (or of the token), in hex: equal for equal credentials, useless for recovering the secret.</summary>
    public string Fingerprint { get; }

    /// <summary>Key id and secret sent in the <c>auth</c> message after connecting, as the official SDKs do.</summary>
    /// <param name="keyId">The API key id.</param>
    /// <param name="secret">The API secret.</param>
    /// <returns>Credentials of mode <see cref="AlpacaAuthMode.Message"/>.</returns>
    /// <exception cref="ArgumentException">A value is empty or blank.</exception>
    public static AlpacaCredentials FromKey(string keyId, string secret) => new(AlpacaAuthMode.Message, keyId, secret);

    /// <summary>Key id and secret sent as the <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c> headers of the handshake.</summary>
    /// <param name="keyId">The API key id.</param>
    /// <param name="secret">The API secret.</param>
    /// <returns>Credentials of mode <see cref="AlpacaAuthMode.Headers"/>.</returns>
    /// <exception cref="ArgumentException">A value is empty or blank.</exception>
    public static AlpacaCredentials FromKeyHeaders(string keyId, string secret) => new(AlpacaAuthMode.Headers, keyId, secret);

    /// <summary>A Broker API key sent as <c>Authorization: Basic base64(key:secret)</c> on the handshake.</summary>
    /// <param name="keyId">The broker API key.</param>
    /// <param name="secret">The broker API secret.</param>
    /// <returns>Credentials of mode <see cref="AlpacaAuthMode.BrokerBasic"/>.</returns>
    /// <exception cref="ArgumentException">A value is empty or blank, or the key holds a colon (Basic authentication cannot carry it).</exception>
    public static AlpacaCredentials FromBrokerKey(string keyId, string secret)
    {
        var credentials = new AlpacaCredentials(AlpacaAuthMode.BrokerBasic, keyId, secret);
        if (keyId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A Broker API key id cannot contain ':' (Basic authentication separates key and secret with it).", nameof(keyId));
        }

        return credentials;
    }

    /// <summary>An OAuth access token (see <see cref="AlpacaAuthMode.OAuth"/> for how each stream receives it).</summary>
    /// <param name="token">The access token.</param>
    /// <returns>Credentials of mode <see cref="AlpacaAuthMode.OAuth"/>.</returns>
    /// <exception cref="ArgumentException">The token is empty or blank.</exception>
    public static AlpacaCredentials FromOAuthToken(string token)
    {
        return new AlpacaCredentials(AlpacaAuthMode.OAuth, string.Empty, token);
    }

    /// <summary>
    /// Reads credentials from the usual environment variables: <c>APCA_API_KEY_ID</c> and <c>APCA_API_SECRET_KEY</c>
    /// (sent in the <c>auth</c> message), else an OAuth token in <c>APCA_API_OAUTH</c>.
    /// </summary>
    /// <returns>The credentials, or null when neither a key pair nor a token is set.</returns>
    public static AlpacaCredentials? FromEnvironment()
    {
        var keyId = Environment.GetEnvironmentVariable("APCA_API_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("APCA_API_SECRET_KEY");
        if (!string.IsNullOrWhiteSpace(keyId) && !string.IsNullOrWhiteSpace(secret))
        {
            return new AlpacaCredentials(keyId, secret);
        }

        // A key pair wins over a token: Alpaca's market-data streams take tokens of its token service only.
        var token = Environment.GetEnvironmentVariable(OAuthTokenVariable);
        return string.IsNullOrWhiteSpace(token) ? null : FromOAuthToken(token);
    }

    /// <summary>Shows the mode and key id and hides the secret or token.</summary>
    public override string ToString() => Mode == AlpacaAuthMode.OAuth
        ? "AlpacaCredentials { Mode = OAuth, Token = *** }"
        : $"AlpacaCredentials {{ Mode = {Mode}, KeyId = {KeyId}, Secret = *** }}";

    /// <summary>
    /// Equal for the same key and secret however they are sent. A token is hashed behind a 0xFF byte, which no UTF-8
    /// text contains, so no key pair ever hashes like a token.
    /// </summary>
    private static string Fingerprinted(AlpacaAuthMode mode, string keyId, string secret)
    {
        var text = mode == AlpacaAuthMode.OAuth ? secret : $"{keyId}\n{secret}";
        var input = new byte[(mode == AlpacaAuthMode.OAuth ? 1 : 0) + Encoding.UTF8.GetByteCount(text)];
        if (mode == AlpacaAuthMode.OAuth)
        {
            input[0] = 0xFF;
        }

        Encoding.UTF8.GetBytes(text, input.AsSpan(input.Length - Encoding.UTF8.GetByteCount(text)));
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }
}
