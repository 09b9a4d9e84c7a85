using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

internal sealed partial class SimulatorConnection
{
    /// <summary>The <c>key</c> of an <c>auth</c> message whose <c>secret</c> is an OAuth access token.</summary>
    private const string AccessTokenKey = "access_token";

    private static string MaskedAuth(string key) =>
        $$"""{"action":"auth","key":{{JsonSerializer.Serialize(key)}},"secret":"***"}""";

    /// <summary>
    /// Authentication in the handshake, as the real service offers it: <c>APCA-API-KEY-ID</c>/<c>APCA-API-SECRET-KEY</c>
    /// (Trading API keys), <c>Authorization: Basic base64(key:secret)</c> (Broker API keys) or
    /// <c>Authorization: Bearer TOKEN</c>. Answered after "connected" like an <c>auth</c> message: "authenticated", or
    /// error 402 on a connection that stays open for an <c>auth</c> message.
    /// </summary>
    private void AuthenticateFromHeaders()
    {
        var headers = _context.Request.Headers;
        var key = headers["APCA-API-KEY-ID"].ToString();
        var secret = headers["APCA-API-SECRET-KEY"].ToString();
        if (key.Length > 0 || secret.Length > 0)
        {
            Authenticate(key, secret);
            return;
        }

        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return;
        }

        if (TryParseBasic(authorization, out var basicKey, out var basicSecret))
        {
            Authenticate(basicKey, basicSecret);
        }
        else if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            Authenticate(AccessTokenKey, authorization["Bearer ".Length..].Trim());
        }
        else
        {
            // A scheme the service does not know, or a Basic value that does not decode: wrong credentials.
            Authenticate(string.Empty, string.Empty);
        }
    }

    private static bool TryParseBasic(string authorization, out string key, out string secret)
    {
        key = secret = string.Empty;
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            key = decoded[..colon];
            secret = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Authenticates a key pair, or, with the key <c>access_token</c>, an OAuth token.</summary>
    private void Authenticate(string key, string secret)
    {
        if (_authenticated)
        {
            SendError(ProtocolError.AlreadyAuthenticated);
            return;
        }

        var account = key == AccessTokenKey ? FindToken(secret) : FindKeyPair(key, secret);
        if (account is not { } found)
        {
            SendError(ProtocolError.AuthFailed);
            return;
        }

        if (!found.IsEntitledTo(Endpoint.Feed))
        {
            SendError(ProtocolError.InsufficientSubscription, close: true);
            return;
        }

        if (_state.RefuseAuth.TryTake(out var code, out _))
        {
            SendError(ProtocolError.ForCode(code), close: true);
            return;
        }

        // A token counts against the limit of the account it acts for, as a second session of that key would.
        if (!_state.Registry.TryClaim(this, found.KeyId, _state.Options.ConnectionsPerKey))
        {
            SendError(ProtocolError.ConnectionLimitExceeded, close: true);
            return;
        }

        Info.KeyId = found.KeyId;
        _authenticated = true;
        SendControl(e => ControlMessages.Success(e, "authenticated"));
        _state.Counters.Changed();
        if (_state.CloseAfterAuth.TryTake(out var abrupt, out var delay))
        {
            _ = CloseAfterAuthAsync(delay, abrupt != 0);
        }
    }

    /// <summary>The "accept, authenticate, close" fault: ends this session a while after it authenticated.</summary>
    private async Task CloseAfterAuthAsync(TimeSpan delay, bool abrupt)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _state.Time, _context.RequestAborted).ConfigureAwait(false);
            }

            // Either way after "authenticated" has gone out: the client has seen its session start.
            if (abrupt)
            {
                DropAfterQueued();
            }
            else
            {
                BeginClose();
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended first.
        }
    }

    private Account? FindKeyPair(string key, string secret)
    {
        // Compare every pair in constant time so timing reveals nothing about the secrets.
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        Account? found = null;
        foreach (var pair in _state.Options.KeyPairs)
        {
            var keyMatches = CryptographicOperations.FixedTimeEquals(keyBytes, Encoding.UTF8.GetBytes(pair.KeyId));
            var secretMatches = CryptographicOperations.FixedTimeEquals(secretBytes, Encoding.UTF8.GetBytes(pair.Secret));
            if (keyMatches & secretMatches)
            {
                found = new Account(pair.KeyId, pair.IsEntitledTo);
            }
        }

        return found;
    }

    private Account? FindToken(string token)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        Account? found = null;
        foreach (var candidate in _state.Options.OAuthTokens)
        {
            if (CryptographicOperations.FixedTimeEquals(tokenBytes, Encoding.UTF8.GetBytes(candidate.Token)))
            {
                found = new Account(candidate.KeyId, candidate.IsEntitledTo);
            }
        }

        return found;
    }

    /// <summary>Who authenticated: the key id the session is counted under, and what it may use.</summary>
    private readonly record struct Account(string KeyId, Func<AlpacaSimulatorFeed, bool> IsEntitledTo);
}
