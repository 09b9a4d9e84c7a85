using System.Text.Json;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Streaming;

/// <summary>Frame scanning: one object or an array of objects, each handed to the generated element dispatcher.</summary>
internal sealed partial class ConnectionRouter
{
    /// <summary>Scans a frame (one object or an array of objects) and dispatches each object.</summary>
    /// <remarks>
    /// A hand-written scan over the bytes (<see cref="Utf8JsonScanner"/>): each object goes to the generated
    /// dispatcher as the rest of the frame from its opening brace, and the dispatcher says how long it was. Anything
    /// malformed throws <see cref="JsonException"/>, which skips the rest of the frame.
    /// </remarks>
    internal void DispatchFrame(ReadOnlySpan<byte> frame)
    {
        try
        {
            var position = Utf8JsonScanner.SkipWhitespace(frame, 0);
            if (position == frame.Length)
            {
                ReportMalformedFrame("An empty frame arrived.", null);
                return;
            }

            if (frame[position] == '{')
            {
                DispatchElement(frame, position);
                return;
            }

            if (frame[position] != '[')
            {
                ReportMalformedFrame("A frame is neither a JSON object nor an array; it was skipped.", null);
                return;
            }

            position = Utf8JsonScanner.SkipWhitespace(frame, position + 1);
            if (Utf8JsonScanner.At(frame, position) == ']')
            {
                return;
            }

            while (true)
            {
                if (Utf8JsonScanner.At(frame, position) == '{')
                {
                    position = DispatchElement(frame, position);
                }
                else
                {
                    position = Utf8JsonScanner.SkipValue(frame, position);
                    ReportMalformedMessage("A frame's array holds a value that is not an object; it was skipped.");
                }

                position = Utf8JsonScanner.SkipWhitespace(frame, position);
                var next = Utf8JsonScanner.At(frame, position);
                if (next == ']')
                {
                    return;
                }

                if (next != ',')
                {
                    throw Utf8JsonScanner.Malformed("',' or ']'", position);
                }

                position = Utf8JsonScanner.SkipWhitespace(frame, position + 1);
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

    // Returns the index just after the object.
    private int DispatchElement(ReadOnlySpan<byte> frame, int start)
    {
        Context.Unrecognized = false;
        var length = Protocol.Dispatcher(frame[start..], Context);
        if (length <= 0 || length > frame.Length - start || frame[start + length - 1] != '}')
        {
            throw new JsonException("The dispatcher did not stop at the end of the message.");
        }

        if (Context.Unrecognized)
        {
            OnUnrecognized(new ControlMessage(frame.Slice(start, length), Protocol.DiscriminatorUtf8));
        }

        return start + length;
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
