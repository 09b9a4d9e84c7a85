using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

internal sealed partial class SimulatorConnection
{
    private static string MaskedAuth(string key) =>
        $$"""{"action":"auth","key":{{JsonSerializer.Serialize(key)}},"secret":"***"}""";

    private void AuthenticateFromHeaders()
    {
        var headers = _context.Request.Headers;
        var key = headers["APCA-API-KEY-ID"].ToString();
        var secret = headers["APCA-API-SECRET-KEY"].ToString();
        if (key.Length > 0 || secret.Length > 0)
        {
            Authenticate(key, secret);
        }
    }

    private void Authenticate(string key, string secret)
    {
        if (_authenticated)
        {
            SendError(ProtocolError.AlreadyAuthenticated);
            return;
        }

        var pair = FindKeyPair(key, secret);
        if (pair is null)
        {
            SendError(ProtocolError.AuthFailed);
            return;
        }

        if (!pair.IsEntitledTo(Endpoint.Feed))
        {
            SendError(ProtocolError.InsufficientSubscription, close: true);
            return;
        }

        if (_state.RefuseAuth.TryTake(out var code, out _))
        {
            SendError(ProtocolError.ForCode(code), close: true);
            return;
        }

        if (!_state.Registry.TryClaim(this, pair.KeyId, _state.Options.ConnectionsPerKey))
        {
            SendError(ProtocolError.ConnectionLimitExceeded, close: true);
            return;
        }

        Info.KeyId = pair.KeyId;
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

    private AlpacaKeyPair? FindKeyPair(string key, string secret)
    {
        // Compare every pair in constant time so timing reveals nothing about the secrets.
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        AlpacaKeyPair? found = null;
        foreach (var pair in _state.Options.KeyPairs)
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
}
