using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Gateway.Protocol;
using WebsocketProxy.Alpaca.Gateway.Routing;

namespace WebsocketProxy.Alpaca.Gateway.Clients;

internal sealed partial class GatewayClient
{
    /// <summary>
    /// Queues this client's share of an upstream frame, on the upstream's frame thread: never blocks. A client
    /// whose queue is over its bounds is cut off (error 407, then closed) instead of slowing anyone.
    /// </summary>
    public void Deliver(FrameScan scan)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        lock (_ledgerLock)
        {
            var ledger = _ledger;
            if (ledger.IsEmpty)
            {
                return;
            }

            byte[]? frame;
            try
            {
                frame = scan.BuildFor(ledger, Codec);
            }
            catch (FormatException ex)
            {
                LogTranscodeFailed(ex, Id);
                return;
            }

            if (frame is not null)
            {
                Enqueue(new OutgoingFrame(OutgoingKind.Data, frame));
            }
        }
    }

    private void SendControl(byte[] frame) => Enqueue(new OutgoingFrame(OutgoingKind.Control, frame));

    private void Enqueue(OutgoingFrame frame)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        var frames = Interlocked.Increment(ref _queuedFrames);
        var bytes = Interlocked.Add(ref _queuedBytes, frame.Bytes.Length);

        // Only data counts against the bounds: a control reply is small and always goes out.
        if (frame.Kind == OutgoingKind.Data && (frames > _options.MaxQueuedFrames || bytes > _options.MaxQueuedBytes))
        {
            Interlocked.Decrement(ref _queuedFrames);
            Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
            CutOff(frames, bytes);
            return;
        }

        if (!_outgoing.Writer.TryWrite(frame))
        {
            Interlocked.Decrement(ref _queuedFrames);
            Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
        }
    }

    /// <summary>The client reads too slowly: what is queued is dropped, it is told 407 and closed; a socket that takes nothing any more is aborted.</summary>
    private void CutOff(long frames, long bytes)
    {
        if (Interlocked.Exchange(ref _cutOff, 1) != 0)
        {
            return;
        }

        LogSlowClient(Id, Endpoint.Path, frames, bytes);
        _hub.OnSlowClient();
        var reason = $"slow client: more than {_options.MaxQueuedFrames} frames or {_options.MaxQueuedBytes} bytes waiting";
        _outgoing.Writer.TryWrite(new OutgoingFrame(OutgoingKind.Control, ControlFrames.Error(Codec, GatewayError.SlowClient), AfterCutOff: true));
        Close(reason, WebSocketCloseStatus.PolicyViolation);
    }

    /// <summary>Closes after what is queued (after the 407 only, when cut off); aborts if the client takes nothing for a while.</summary>
    private void Close(string? reason, WebSocketCloseStatus status)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _closeStatus = status;
        _outgoing.Writer.TryWrite(new OutgoingFrame(OutgoingKind.Close, [], reason ?? string.Empty));
        _outgoing.Writer.TryComplete();
        _ = AbortAfterGraceAsync();
    }

    private async Task AbortAfterGraceAsync()
    {
        try
        {
            await Task.Delay(CloseGrace, _options.TimeProvider, _context.RequestAborted).ConfigureAwait(false);
            _context.Abort();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Closed within the grace period.
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await SendQueuedAsync().ConfigureAwait(false);
        }
        catch
        {
            // A client that takes nothing more is gone: the receive loop stops too. After a clean close the receive
            // loop ends with the client's close frame (or the abort after the grace period), so that what was sent
            // before the close is not lost to a reset.
            await _lifetime.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SendQueuedAsync()
    {
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Interlocked.Decrement(ref _queuedFrames);
            Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
            if (Volatile.Read(ref _cutOff) != 0 && frame.Kind != OutgoingKind.Close && !frame.AfterCutOff)
            {
                // Queued before the cut-off: it would never be read in time.
                continue;
            }

            if (frame.Kind == OutgoingKind.Close)
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = new CancellationTokenSource(CloseGrace, _options.TimeProvider);
                    await _socket.CloseOutputAsync(_closeStatus, Truncate(frame.CloseReason), timeout.Token).ConfigureAwait(false);
                }

                return;
            }

            await _socket.SendAsync(frame.Bytes, FrameType, endOfMessage: true, _lifetime.Token).ConfigureAwait(false);
        }
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static string? Truncate(string? reason) => string.IsNullOrEmpty(reason) ? null : reason.Length <= 120 ? reason : reason[..120];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id} on {Path} is too slow ({Frames} frames, {Bytes} bytes waiting): cut off with error 407")]
    private partial void LogSlowClient(long id, string path, long frames, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Client {Id}: an upstream message could not be transcoded to JSON; the frame is not sent to it")]
    private partial void LogTranscodeFailed(Exception ex, long id);
}
