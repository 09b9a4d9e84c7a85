using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Gateway.Protocol;

namespace WebsocketProxy.Alpaca.Gateway.Clients;

internal sealed partial class GatewayClient
{
    private int _authenticating;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.GetMemory(4096), token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(null, WebSocketCloseStatus.NormalClosure);
                    return;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > _options.MaxClientMessageBytes)
                {
                    // Said and closed; the rest is read and dropped until the client's close arrives.
                    if (Volatile.Read(ref _closing) == 0)
                    {
                        LogTooBig(Id, _options.MaxClientMessageBytes);
                        SendControl(ControlFrames.Error(Codec, GatewayError.InvalidSyntax));
                        Close("message too big", WebSocketCloseStatus.MessageTooBig);
                    }

                    buffer.ResetWrittenCount();
                }
            }
            while (!result.EndOfMessage);

            if (Volatile.Read(ref _closing) != 0)
            {
                // Closing: nothing more is answered; the loop only waits for the client's close.
                continue;
            }

            await HandleAsync(ClientRequestParser.Parse(buffer.WrittenSpan, result.MessageType, Endpoint)).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(ClientRequest request)
    {
        switch (request.Action)
        {
            case ClientAction.Auth:
                await AuthenticateAsync(request.Key!, request.Secret!).ConfigureAwait(false);
                break;
            case ClientAction.Subscribe or ClientAction.Unsubscribe when !IsAuthenticated:
                SendControl(ControlFrames.Error(Codec, GatewayError.NotAuthenticated));
                break;
            case ClientAction.Subscribe:
                await SubscribeAsync(request.Channels).ConfigureAwait(false);
                break;
            case ClientAction.Unsubscribe:
                await UnsubscribeAsync(request.Channels).ConfigureAwait(false);
                break;
            default:
                SendControl(ControlFrames.Error(Codec, request.Error ?? GatewayError.InvalidSyntax));
                break;
        }
    }

    private async Task AuthenticateAsync(string key, string secret)
    {
        if (IsAuthenticated)
        {
            SendControl(ControlFrames.Error(Codec, GatewayError.AlreadyAuthenticated));
            return;
        }

        Volatile.Write(ref _authenticating, 1);
        try
        {
            var (upstream, error) = await _hub.JoinAsync(Endpoint, key, secret, this, _lifetime.Token).ConfigureAwait(false);
            if (upstream is null)
            {
                // Alpaca's own answer for these credentials (402 auth failed, 406, 409...), then the close Alpaca does.
                var refusal = error ?? GatewayError.InternalError;
                LogAuthRefused(Id, Endpoint.Path, refusal.Code, refusal.Message);
                SendControl(ControlFrames.Error(Codec, refusal));
                Close(refusal.Message, WebSocketCloseStatus.PolicyViolation);
                return;
            }

            Volatile.Write(ref _upstream, upstream);
            LogAuthenticated(Id, Endpoint.Path, upstream.ConnectionId);
            SendControl(ControlFrames.Success(Codec, "authenticated"));
        }
        finally
        {
            Volatile.Write(ref _authenticating, 0);
        }
    }

    private async Task SubscribeAsync(IReadOnlyDictionary<int, string[]> channels)
    {
        var upstream = Volatile.Read(ref _upstream)!;
        var added = new List<(int Channel, string Symbol)>();
        var next = Volatile.Read(ref _ledger).With(channels, add: true, added);
        var error = await upstream.ChangeAsync(added, add: true, _lifetime.Token).ConfigureAwait(false);
        if (error is not null)
        {
            // The set stays as it was: only this client's addition is refused, as Alpaca refuses it.
            LogRequestRefused(Id, Endpoint.Path, error.Code, error.Message);
            SendControl(ControlFrames.Error(Codec, error));
            return;
        }

        // The reply goes out before any data the new ledger selects: both under the lock the fan-out takes.
        lock (_ledgerLock)
        {
            _ledger = next;
            Enqueue(new OutgoingFrame(OutgoingKind.Control, ControlFrames.Subscription(Codec, Endpoint, next)));
        }
    }

    private async Task UnsubscribeAsync(IReadOnlyDictionary<int, string[]> channels)
    {
        var upstream = Volatile.Read(ref _upstream)!;
        var removed = new List<(int Channel, string Symbol)>();
        lock (_ledgerLock)
        {
            _ledger = _ledger.With(channels, add: false, removed);
            Enqueue(new OutgoingFrame(OutgoingKind.Control, ControlFrames.Subscription(Codec, Endpoint, _ledger)));
        }

        var error = await upstream.ChangeAsync(removed, add: false, _lifetime.Token).ConfigureAwait(false);
        if (error is not null)
        {
            LogRequestRefused(Id, Endpoint.Path, error.Code, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id}: a message over {Limit} bytes; closed")]
    private partial void LogTooBig(long id, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id} on {Path}: authentication refused by Alpaca: {Code} {Message}")]
    private partial void LogAuthRefused(long id, string path, int code, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id} on {Path}: authenticated, upstream connection {Connection}")]
    private partial void LogAuthenticated(long id, string path, long connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id} on {Path}: request refused by Alpaca: {Code} {Message}")]
    private partial void LogRequestRefused(long id, string path, int code, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id}: no authentication in time; closed")]
    private partial void LogAuthTimeout(long id);
}
