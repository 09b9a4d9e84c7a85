using System.Net.WebSockets;
using System.Text.Json;
using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>The frame reader: one per connection and process, it never waits for a consumer.</summary>
internal sealed partial class SessionCore
{
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (var frame in _connection.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!OnFrame(frame))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Any failure of the connection ends the streams with it as the cause.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Connection, $"Reading the connection failed: {ex.Message}", ex));
        }

        var closed = new StreamClosedException("The connection closed; no more messages will arrive.", failure);
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
            case ProxyFrameKind.Data when frame.MessageType == WebSocketMessageType.Binary && Protocol.BinaryDispatcher is null:
                ReportMalformedFrame($"A binary frame arrived; {Protocol.Name} decodes JSON text frames only. It was skipped.", null);
                return true;
            case ProxyFrameKind.Data:
                Interlocked.Increment(ref _frames);
                try
                {
                    if (frame.MessageType == WebSocketMessageType.Binary)
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

    /// <summary>Scans a frame (one object or an array of objects) and dispatches each object.</summary>
    internal void DispatchFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        try
        {
            if (!reader.Read())
            {
                ReportMalformedFrame("An empty frame arrived.", null);
                return;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                DispatchElement(ref reader, frame);
                return;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                ReportMalformedFrame("A frame is neither a JSON object nor an array; it was skipped.", null);
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    DispatchElement(ref reader, frame);
                }
                else
                {
                    reader.Skip();
                    ReportMalformedMessage("A frame's array holds a value that is not an object; it was skipped.");
                }
            }
        }
        catch (JsonException ex)
        {
            ReportMalformedFrame($"A frame is not valid JSON; the rest of it was skipped: {ex.Message}", ex);
        }
    }

    private void DispatchBinaryFrame(ReadOnlySpan<byte> frame)
    {
        Context.Unrecognized = false;
        Protocol.BinaryDispatcher!(frame, Context);
        if (Context.Unrecognized)
        {
            // A binary dispatcher handles its own control messages; what it could not place is only counted.
            Interlocked.Increment(ref _unrecognized);
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.UnrecognizedMessage, $"A binary frame held a message {Protocol.Name} does not recognise; it was skipped."));
        }
    }

    private void DispatchElement(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        var start = (int)reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        Context.Unrecognized = false;
        Protocol.Dispatcher(ref reader, Context);
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != depth)
        {
            throw new JsonException("The dispatcher did not stop at the end of the message.");
        }

        if (Context.Unrecognized)
        {
            OnUnrecognized(new ControlMessage(frame[start..(int)reader.BytesConsumed], Protocol.DiscriminatorUtf8));
        }
    }

    private void OnUnrecognized(ControlMessage message)
    {
        try
        {
            if (_options.ControlMessageHandler?.Invoke(message) == true)
            {
                return;
            }
        }
#pragma warning disable CA1031 // A failing control handler is reported; the reader goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReportHandlerFailure("The control message handler", ex);
            return;
        }

        Interlocked.Increment(ref _unrecognized);
        RaiseError(new StreamErrorEventArgs(StreamErrorKind.UnrecognizedMessage, $"A message of type '{message.TypeCode ?? "(none)"}' matches no channel of {Protocol.Name}; it was skipped."));
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
