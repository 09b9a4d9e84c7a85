using System.Buffers;
using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

internal sealed partial class SimulatorConnection
{
    private const int MaxClientMessageBytes = 1024 * 1024;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                await _state.Reading.WaitAsync(cancellationToken).ConfigureAwait(false);
                var result = await _socket.ReceiveAsync(message.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // No longer counts against its key: the client may reconnect as soon as its close completes.
                    _closedCleanly = true;
                    Volatile.Write(ref _lifecycle, StateClosing);
                    // Answer the client's close so its close handshake completes.
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
                    // A message already read waits too, so "stop reading" takes effect at once.
                    await _state.Reading.WaitAsync(cancellationToken).ConfigureAwait(false);
                    Handle(message.WrittenSpan, result.MessageType);
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or the simulator is stopping: either ends this session quietly.
        }
    }

    private void Handle(ReadOnlySpan<byte> payload, WebSocketMessageType type)
    {
        var parsed = ClientMessageParser.Parse(payload, type, Endpoint, out var text);

        // Recorded before answering, so a client that saw the answer knows the record already holds it.
        // An auth message is recorded with its secret masked: secrets are never kept in clear.
        Info.AddReceived(parsed is { Action: ClientAction.Auth, Error: null } ? MaskedAuth(parsed.Key!) : text);
        _state.Counters.Changed();
        if (parsed.Error is not null)
        {
            SendError(parsed.Error);
            return;
        }

        switch (parsed.Action)
        {
            case ClientAction.Auth:
                Authenticate(parsed.Key!, parsed.Secret!);
                break;
            case ClientAction.Subscribe or ClientAction.Unsubscribe when !_authenticated:
                SendError(ProtocolError.NotAuthenticated);
                break;
            default:
                ChangeSubscriptions(parsed.Channels, parsed.Action == ClientAction.Subscribe);
                break;
        }
    }

    private void ChangeSubscriptions(IReadOnlyDictionary<Channel, string[]> changes, bool add)
    {
        lock (SubscriptionLock)
        {
            var current = Subscriptions;
            var next = current.With(changes, add);
            var limit = _state.Options.SymbolLimit;
            if (add && limit is not null && next.DistinctSymbolCount() > limit.Value)
            {
                SendError(ProtocolError.SymbolLimitExceeded);
                return;
            }

            // The reply is queued before the new set takes effect, so it precedes the data it announces.
            SendControl(e => ControlMessages.Subscription(e, Endpoint, next));
            Volatile.Write(ref _subscriptions, next);
            Info.Subscriptions = Describe(next);

            // A book unsubscribed even for a moment must start again from a full reset.
            foreach (var symbol in BookResets.Keys.Where(s => !next.Contains(Channel.OrderBooks, s)).ToList())
            {
                BookResets.Remove(symbol);
            }

            if (add)
            {
                _state.Market.Activate(Endpoint, changes);
            }
        }

        _state.Counters.Changed();
    }

    private Dictionary<string, IReadOnlyList<string>> Describe(SubscriptionSet set)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var channel in Endpoint.Channels)
        {
            result[ChannelNames.Name(channel)] = set.Symbols(channel);
        }

        return result;
    }
}
