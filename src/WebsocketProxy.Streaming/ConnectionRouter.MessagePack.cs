namespace WebsocketProxy.Streaming;

/// <summary>MessagePack frame scanning: one map or an array of maps, each handed to the generated MessagePack dispatcher.</summary>
internal sealed partial class ConnectionRouter
{
    /// <summary>Scans a MessagePack frame and dispatches each map; anything malformed is reported and counted, never thrown.</summary>
    internal void DispatchMessagePackFrame(ReadOnlySpan<byte> frame, StreamMessagePackDispatcher dispatcher)
    {
        var position = 0;
        try
        {
            if (frame.IsEmpty)
            {
                ReportMalformedFrame("An empty binary frame arrived.", null);
                return;
            }

            var single = position;
            if (StreamMessagePack.TryReadMapHeader(frame, ref single, out _))
            {
                DispatchMessagePackElement(frame, ref position, dispatcher);
            }
            else if (StreamMessagePack.TryReadArrayHeader(frame, ref position, out var count))
            {
                for (var i = 0; i < count; i++)
                {
                    DispatchMessagePackElement(frame, ref position, dispatcher);
                }
            }
            else
            {
                ReportMalformedFrame("A binary frame is neither a MessagePack map nor an array of maps; it was skipped.", null);
                return;
            }

            if (position != frame.Length)
            {
                ReportMalformedFrame($"A binary frame has {frame.Length - position} bytes after its MessagePack value; they were skipped.", null);
            }
        }
        catch (InvalidDataException ex)
        {
            ReportMalformedFrame($"A binary frame is not valid MessagePack; the rest of it was skipped: {ex.Message}", ex);
        }
    }

    private void DispatchMessagePackElement(ReadOnlySpan<byte> frame, ref int position, StreamMessagePackDispatcher dispatcher)
    {
        var start = position;
        var probe = position;
        var isMap = StreamMessagePack.TryReadMapHeader(frame, ref probe, out _);
        StreamMessagePack.Skip(frame, ref position);
        if (!isMap)
        {
            ReportMalformedMessage("A frame's array holds a value that is not a map; it was skipped.");
            return;
        }

        // The whole map is known before dispatch: a decoder that fails cannot lose the frame's place.
        var message = frame[start..position];
        Context.Unrecognized = false;
        dispatcher(message, Context);
        if (Context.Unrecognized)
        {
            Context.Unrecognized = false;
            OnUnrecognized(new ControlMessage(message, Protocol.DiscriminatorUtf8, StreamWireFormat.MessagePack));
        }
    }
}
