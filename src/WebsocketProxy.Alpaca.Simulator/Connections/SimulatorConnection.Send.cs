using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections.Features;
using WebsocketProxy.Alpaca.Simulator.Hosting;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

internal sealed partial class SimulatorConnection
{
    /// <summary>How long a closing connection may take to finish its close handshake before it is dropped.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Queues a data frame from the market; a client whose queue passes the limit is a slow client.</summary>
    public bool TryEnqueueData(OutgoingFrame frame)
    {
        if (Volatile.Read(ref _lifecycle) != StateOpen)
        {
            frame.Return();
            return false;
        }

        if (Interlocked.Add(ref _queuedBytes, frame.Length) > _state.Options.SlowClientBufferLimit)
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
            DisconnectSlowClient();
            return false;
        }

        if (!_outgoing.Writer.TryWrite(frame))
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
            return false;
        }

        return true;
    }

    public void SendError(ProtocolError error, bool close = false)
    {
        SendControl(e => ControlMessages.Error(e, error.Code, error.Message));

        if (close)
        {
            BeginClose();
        }
    }

    public void SendRaw(byte[] text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(text.Length);
        text.CopyTo(buffer, 0);
        Enqueue(new OutgoingFrame(buffer, text.Length, WebSocketMessageType.Text, 1));
    }

    /// <summary>
    /// Encodes and queues a control message under <see cref="SubscriptionLock"/>: the receive loop, the market
    /// and fault injection all send them, and they share one encoder.
    /// </summary>
    private void SendControl(Func<MessageEncoder, EncodedMessage> encode)
    {
        lock (SubscriptionLock)
        {
            if (_finished)
            {
                return;
            }

            _controlFrames.Begin(_controlEncoder, MessagePack);
            _controlFrames.Add(encode(_controlEncoder));
            Enqueue(_controlFrames.Build());
            _controlEncoder.Clear();
        }
    }

    private void Enqueue(OutgoingFrame frame)
    {
        Interlocked.Add(ref _queuedBytes, frame.Length);
        if (!_outgoing.Writer.TryWrite(frame))
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
        }
    }

    /// <summary>Drops the connection once what is queued before it has been sent.</summary>
    private void DropAfterQueued()
    {
        if (IsLive)
        {
            _outgoing.Writer.TryWrite(OutgoingFrame.Drop);
        }
    }

    private void BeginClose()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, StateClosing, StateOpen) != StateOpen)
        {
            return;
        }

        // The server ends this session on purpose: not a dead session, even if the client never answers the close.
        _closedCleanly = true;
        _outgoing.Writer.TryWrite(OutgoingFrame.Close);
        _ = AbortAfterGraceAsync();
    }

    private void DisconnectSlowClient()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, StateClosing, StateOpen) != StateOpen)
        {
            return;
        }

        _closedCleanly = true;
        _state.Counters.SlowClientDisconnected();

        // What is queued will never be read in time: drop it, then tell the client why, as the real service does.
        DrainQueue();
        SendControl(e => ControlMessages.Error(e, ProtocolError.SlowClient.Code, ProtocolError.SlowClient.Message));

        _outgoing.Writer.TryWrite(OutgoingFrame.Close);
        _ = AbortAfterGraceAsync();
    }

    private async Task AbortAfterGraceAsync()
    {
        try
        {
            await Task.Delay(CloseGrace, _state.Time, _context.RequestAborted).ConfigureAwait(false);
            _context.Abort();
        }
        catch (OperationCanceledException)
        {
            // The connection ended within the grace period.
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (frame.IsDrop)
                {
                    // Ending the TCP connection without a close frame, after what was sent: a FIN, not a reset
                    // that could make the client lose the "authenticated" it was just sent.
                    _closedCleanly = false;
                    Volatile.Write(ref _lifecycle, StateClosing);
                    if (_context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(GatedPipeWriter), out var item) == true && item is GatedPipeWriter transport)
                    {
                        // The session ends when the client, seeing the end, closes its side; or after the grace.
                        await transport.EndAsync().ConfigureAwait(false);
                        _ = AbortAfterGraceAsync();
                    }
                    else
                    {
                        _context.Abort();
                    }

                    return;
                }

                if (frame.IsClose)
                {
                    var description = "closed by the server";
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, description, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await _socket.SendAsync(frame.Memory, frame.Type, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                _state.Counters.FrameSent(frame.MessageCount);
            }
            finally
            {
                Interlocked.Add(ref _queuedBytes, -frame.Length);
                frame.Return();
            }
        }
    }

    private void DrainQueue()
    {
        while (_outgoing.Reader.TryRead(out var frame))
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            frame.Return();
        }
    }
}
