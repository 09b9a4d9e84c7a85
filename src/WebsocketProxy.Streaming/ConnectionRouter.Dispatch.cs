using System.Text.Json;

namespace WebsocketProxy.Streaming;

/// <summary>Frame scanning: one object or an array of objects, each handed to the generated element dispatcher.</summary>
internal sealed partial class ConnectionRouter
{
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
}
