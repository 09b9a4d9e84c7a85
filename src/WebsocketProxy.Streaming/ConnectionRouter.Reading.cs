using System.Net.WebSockets;
using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>The frame reader: one per connection and process, it never waits for a consumer.</summary>
internal sealed partial class ConnectionRouter
{
    private void OnFrameReceived(in ProxyFrame frame)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        Exception? failure = null;
        try
        {
            if (OnFrame(frame))
            {
                return;
            }
        }
#pragma warning disable CA1031 // Any failure here (an application's event handler, say) ends the streams with it as the cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Connection, $"Reading the connection failed: {ex.Message}", ex));
            _reader?.Dispose();
        }

        var closed = new StreamClosedException(
            failure is null ? "The connection closed; no more messages will arrive." : "Reading the connection failed; no more messages will arrive.", failure);
        StreamSubscription[] open;
        lock (_listenersLock)
        {
            _closed = closed;
            open = [.. _active];
        }

        foreach (var subscription in open)
        {
            subscription.Complete(closed);
        }
    }

    /// <returns><see langword="false"/> when no more frames will follow.</returns>
    private bool OnFrame(in ProxyFrame frame)
    {
        switch (frame.Kind)
        {
            case ProxyFrameKind.Data when frame.MessageType == WebSocketMessageType.Binary && Protocol.BinaryDispatcher is null && Protocol.BinaryFrames != StreamWireFormat.Json:
                ReportMalformedFrame($"A binary frame arrived; {Protocol.Name} decodes JSON text frames only. It was skipped.", null);
                return true;
            case ProxyFrameKind.Data:
                // Data frames come from the frame reader only (the registration serialises its calls): one writer,
                // so a plain increment published for Statistics, not a locked one per frame.
                Volatile.Write(ref _frames, _frames + 1);
                try
                {
                    if (frame.MessageType == WebSocketMessageType.Binary && Protocol.BinaryFrames != StreamWireFormat.Json)
                    {
                        DispatchBinaryFrame(frame.Payload.Span);
                    }
                    else
                    {
                        DispatchFrame(frame.Payload.Span);
                    }
                }
#pragma warning disable CA1031 // Whatever one frame does, the shared reader must go on for every other stream.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    ReportMalformedFrame($"Dispatching a frame failed; the rest of it was skipped: {ex.Message}", ex);
                }

                return true;
            case ProxyFrameKind.Gap:
            case ProxyFrameKind.Reconnected:
                OnGap(new StreamGapEventArgs(frame.Kind == ProxyFrameKind.Reconnected, frame.LostMessages, frame.Outage, frame.Message));
                return true;
            case ProxyFrameKind.Error:
                RaiseError(new StreamErrorEventArgs(StreamErrorKind.Connection, frame.Message ?? "The connection reported an error."));
                return true;
            case ProxyFrameKind.Closed:
                return false;
            default:
                return true;
        }
    }

    private void OnGap(StreamGapEventArgs gap)
    {
        Interlocked.Increment(ref _gaps);
        RaiseGap(gap);
        if (_options.ThrowOnGap)
        {
            foreach (var subscription in ActiveSnapshot())
            {
                if (subscription.EndsOnGap)
                {
                    subscription.Complete(new StreamGapException(gap.Describe()));
                }
            }
        }
    }

    private void ReportMalformedFrame(string message, Exception? exception)
    {
        Interlocked.Increment(ref _malformedFrames);
        RaiseError(new StreamErrorEventArgs(StreamErrorKind.MalformedFrame, message, exception));
    }

    private void CompleteAll(Exception error)
    {
        foreach (var subscription in ActiveSnapshot())
        {
            subscription.Complete(error);
        }
    }
}
