using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

internal sealed partial class TradingConnection
{
    private const int MaxClientMessageBytes = 64 * 1024;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                await _state.Reading.WaitAsync(cancellationToken).ConfigureAwait(false);
                var result = await _socket.ReceiveAsync(message.GetMemory(1024), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Volatile.Write(ref _lifecycle, StateClosing);
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                message.Advance(result.Count);
                if (message.WrittenCount > MaxClientMessageBytes)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (result.EndOfMessage)
                {
                    await _state.Reading.WaitAsync(cancellationToken).ConfigureAwait(false);
                    Handle(message.WrittenSpan);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the simulator is stopping.
        }
    }

    /// <summary>Answers one client message: JSON in a text or binary frame, or MessagePack in a binary frame.</summary>
    private void Handle(ReadOnlySpan<byte> payload)
    {
        string? text = null;
        JsonDocument? document = null;
        try
        {
            text = payload.Length > 0 && payload[0] is (byte)'{' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'
                ? Encoding.UTF8.GetString(payload)
                : global::MessagePack.MessagePackSerializer.ConvertToJson(payload.ToArray());
            document = JsonDocument.Parse(text);
        }
        catch (Exception ex) when (ex is JsonException or global::MessagePack.MessagePackSerializationException or DecoderFallbackException)
        {
            Info.AddReceived(text ?? Convert.ToHexString(payload));
            Send(TradingMessages.Error("invalid syntax"));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var action = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            switch (action)
            {
                case "authenticate" or "auth":
                    Info.AddReceived(Masked(action, action == "auth" ? root : data));
                    Authenticate(action == "auth" ? root : data);
                    break;
                case "listen":
                    Info.AddReceived(text!);
                    Listen(data);
                    break;
                default:
                    Info.AddReceived(text!);
                    Send(TradingMessages.Error(action is null ? "invalid syntax" : $"unrecognized action \"{action}\""));
                    break;
            }
        }

        _state.Counters.Changed();
    }

    /// <summary>An authentication as recorded: the key id kept, the secret or token masked.</summary>
    private static string Masked(string action, JsonElement fields)
    {
        var key = String(fields, "key_id") ?? String(fields, "key");
        var keyText = JsonSerializer.Serialize(key);
        if (action == "auth")
        {
            return "{\"action\":\"auth\",\"key\":" + keyText + ",\"secret\":\"***\"}";
        }

        return key is null
            ? "{\"action\":\"authenticate\",\"data\":{\"oauth_token\":\"***\"}}"
            : "{\"action\":\"authenticate\",\"data\":{\"key_id\":" + keyText + ",\"secret_key\":\"***\"}}";
    }

    /// <summary>
    /// Reads <c>key_id</c>/<c>secret_key</c> or <c>oauth_token</c> (the <c>authenticate</c> action's data), or
    /// <c>key</c>/<c>secret</c> (the older <c>auth</c> action's top level).
    /// </summary>
    private void Authenticate(JsonElement fields)
    {
        if (KeyId is not null)
        {
            Send(TradingMessages.Authorized());
            return;
        }

        var key = String(fields, "key_id") ?? String(fields, "key");
        var secret = String(fields, "secret_key") ?? String(fields, "secret");
        var token = String(fields, "oauth_token");
        var account = token is not null
            ? TradingAuth.FindByToken(_state.Options.OAuthTokens, token)
            : key is not null && secret is not null ? TradingAuth.Find(_state.Options.KeyPairs, key, secret)?.KeyId : null;
        if (account is null || _state.RefuseTradingAuth.TryTake(out _, out _))
        {
            // The real service answers, then ends the session.
            Send(TradingMessages.Unauthorized("authenticate", "access key verification failed"));
            BeginClose();
            return;
        }

        Volatile.Write(ref _keyId, account);
        Info.KeyId = account;
        Send(TradingMessages.Authorized());
        if (_state.CloseAfterAuth.TryTake(out var abrupt, out var delay))
        {
            _ = CloseAfterAuthAsync(delay, abrupt != 0);
        }
    }

    private void Listen(JsonElement data)
    {
        if (KeyId is null)
        {
            Send(TradingMessages.Unauthorized("listen", message: null));
            return;
        }

        var streams = new List<string>();
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("streams", out var requested) && requested.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in requested.EnumerateArray())
            {
                // Streams the service does not have are left out of the answer, as the real one does.
                if (stream.ValueKind == JsonValueKind.String && stream.GetString() == TradingMessages.TradeUpdates && !streams.Contains(TradingMessages.TradeUpdates))
                {
                    streams.Add(TradingMessages.TradeUpdates);
                }
            }
        }

        // The listening reply goes out before any update it announces: both are queued under the same order.
        Send(TradingMessages.Listening(streams));
        Info.Streams = streams;
        _listening = streams.Count > 0;
    }

    private async Task CloseAfterAuthAsync(TimeSpan delay, bool abrupt)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _state.Time, _context.RequestAborted).ConfigureAwait(false);
            }

            if (abrupt)
            {
                Abort();
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

    private static string? String(JsonElement fields, string name) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
