using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// Who a trading request is: a key pair by its id and secret, or the account an OAuth token acts for. Every
/// configured secret and token is compared in constant time, so timing tells nothing about them.
/// </summary>
internal static class TradingAuth
{
    public static AlpacaKeyPair? Find(IReadOnlyList<AlpacaKeyPair> pairs, string key, string secret)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        AlpacaKeyPair? found = null;
        foreach (var pair in pairs)
        {
            var keyMatches = CryptographicOperations.FixedTimeEquals(keyBytes, Encoding.UTF8.GetBytes(pair.KeyId));
            var secretMatches = CryptographicOperations.FixedTimeEquals(secretBytes, Encoding.UTF8.GetBytes(pair.Secret));
            if (keyMatches & secretMatches)
            {
                found = pair;
            }
        }

        return found;
    }

    /// <summary>The account (key id) an OAuth token of <see cref="AlpacaSimulatorOptions.OAuthTokens"/> acts for.</summary>
    public static string? FindByToken(IReadOnlyList<AlpacaOAuthToken> tokens, string token)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        string? found = null;
        foreach (var candidate in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(tokenBytes, Encoding.UTF8.GetBytes(candidate.Token)))
            {
                found = candidate.KeyId;
            }
        }

        return found;
    }

    /// <summary>
    /// The account of a REST request: the <c>APCA-API-KEY-ID</c>/<c>APCA-API-SECRET-KEY</c> headers,
    /// <c>Authorization: Basic base64(key:secret)</c> (Broker API style) or <c>Authorization: Bearer TOKEN</c> (OAuth).
    /// No credentials at all is 403 "forbidden." (the gateway's answer); wrong ones are 401 as Alpaca's.
    /// </summary>
    /// <returns>The key id of the account, or null with <paramref name="error"/> set.</returns>
    public static string? FromHeaders(AlpacaSimulatorOptions options, IHeaderDictionary headers, out TradingError? error)
    {
        error = null;
        var key = headers["APCA-API-KEY-ID"].ToString();
        var secret = headers["APCA-API-SECRET-KEY"].ToString();
        var authorization = headers.Authorization.ToString();
        string? account;
        if (key.Length > 0 || secret.Length > 0)
        {
            account = Find(options.KeyPairs, key, secret)?.KeyId;
        }
        else if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            account = FindByToken(options.OAuthTokens, authorization["Bearer ".Length..].Trim());
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            account = FromBasic(options.KeyPairs, authorization["Basic ".Length..].Trim())?.KeyId;
        }
        else
        {
            error = TradingError.Forbidden();
            return null;
        }

        if (account is null)
        {
            error = TradingError.Unauthorized();
        }

        return account;
    }

    private static AlpacaKeyPair? FromBasic(IReadOnlyList<AlpacaKeyPair> pairs, string encoded)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : Find(pairs, decoded[..colon], decoded[(colon + 1)..]);
    }
}
