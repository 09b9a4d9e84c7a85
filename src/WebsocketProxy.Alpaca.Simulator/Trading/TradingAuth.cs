using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// Who a trading request is: a key pair by its id and secret, or by its OAuth token. Every configured pair is
/// compared in constant time, so timing tells nothing about the secrets.
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

    public static AlpacaKeyPair? FindByToken(IReadOnlyList<AlpacaKeyPair> pairs, string token)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        AlpacaKeyPair? found = null;
        foreach (var pair in pairs)
        {
            if (pair.OAuthToken is { } expected && CryptographicOperations.FixedTimeEquals(tokenBytes, Encoding.UTF8.GetBytes(expected)))
            {
                found = pair;
            }
        }

        return found;
    }

    /// <summary>
    /// The account of a REST request: the <c>APCA-API-KEY-ID</c>/<c>APCA-API-SECRET-KEY</c> headers,
    /// <c>Authorization: Basic base64(key:secret)</c> (Broker API style) or <c>Authorization: Bearer TOKEN</c> (OAuth).
    /// No credentials at all is 403 "forbidden." (the gateway's answer); wrong ones are 401 as Alpaca's.
    /// </summary>
    public static AlpacaKeyPair? FromHeaders(IReadOnlyList<AlpacaKeyPair> pairs, IHeaderDictionary headers, out TradingError? error)
    {
        error = null;
        var key = headers["APCA-API-KEY-ID"].ToString();
        var secret = headers["APCA-API-SECRET-KEY"].ToString();
        var authorization = headers.Authorization.ToString();
        AlpacaKeyPair? pair = null;
        if (key.Length > 0 || secret.Length > 0)
        {
            pair = Find(pairs, key, secret);
        }
        else if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            pair = FindByToken(pairs, authorization["Bearer ".Length..].Trim());
        }
        else if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            pair = FromBasic(pairs, authorization["Basic ".Length..].Trim());
        }
        else
        {
            error = TradingError.Forbidden();
            return null;
        }

        if (pair is null)
        {
            error = TradingError.Unauthorized();
        }

        return pair;
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
