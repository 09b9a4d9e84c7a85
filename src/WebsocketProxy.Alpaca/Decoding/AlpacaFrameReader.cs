using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Walks the messages of one frame (a JSON array) and reads each element's <c>T</c> and <c>S</c> first, in any
/// order, so that a dispatcher decodes only what someone listens to. Elements not decoded are skipped.
/// Bad elements are reported and skipped; malformed JSON ends the frame (the reader cannot resynchronise).
/// </summary>
/// <remarks>
/// Each element is scanned from a checkpoint (a copy of the reader at its <c>{</c>): the scan stops as soon
/// as <c>T</c> and <c>S</c> are known. When they were the first fields (the usual case) decoding continues
/// from there, handing the decoder the two fields already read; otherwise it rewinds to the checkpoint, so
/// a late <c>T</c> costs one more pass over the fields before it and nothing else.
/// </remarks>
public ref partial struct AlpacaFrameReader
{
    private readonly AlpacaDecodeContext _context;
    private readonly Action<AlpacaDecodeError>? _onError;
    private Utf8JsonReader _json;
    private Utf8JsonReader _elementStart;
    private ReadOnlySpan<byte> _typeCode;
    private State _state;

    // Whether the scan read only T and S and stopped right after them, so decoding can continue from there.
    private bool _headerOnly;

    /// <summary>Reads <paramref name="frame"/>; errors go to <paramref name="onError"/> and <see cref="ErrorCount"/>.</summary>
    public AlpacaFrameReader(ReadOnlySpan<byte> frame, AlpacaDecodeContext context, Action<AlpacaDecodeError>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _onError = onError;
        _json = new Utf8JsonReader(frame, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        ElementIndex = -1;
    }

    private enum State
    {
        NotStarted,
        BetweenElements,
        OnElement,
        Done,
    }

    /// <summary>The current element's type code (<c>T</c>) in UTF-8.</summary>
    public readonly ReadOnlySpan<byte> TypeCode => _typeCode;

    /// <summary>The current element's symbol (<c>S</c>), interned; null when it has none (news, control messages).</summary>
    public string? Symbol { get; private set; }

    /// <summary>The current element's zero-based position in the frame.</summary>
    public int ElementIndex { get; private set; }

    /// <summary>How many errors this frame had so far.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Whether malformed JSON ended the frame early.</summary>
    public bool IsFaulted { get; private set; }

    /// <summary>Moves to the next element that has a type code; false at the end of the frame.</summary>
    public bool MoveNext()
    {
        try
        {
            return MoveNextCore();
        }
        catch (JsonException exception)
        {
            Fault(exception.Message);
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            Fault(exception.Message);
            return false;
        }
    }

    /// <summary>
    /// Decodes the current element with <typeparamref name="TDecoder"/>. On failure the error is reported and
    /// the element skipped; the next <see cref="MoveNext"/> goes on with the frame.
    /// </summary>
    public bool TryDecode<TDecoder, TModel>([MaybeNullWhen(false)] out TModel message)
        where TDecoder : IAlpacaMessageDecoder<TModel>
    {
        if (_state != State.OnElement)
        {
            throw new InvalidOperationException("There is no current element to decode: call MoveNext first.");
        }

        _state = State.BetweenElements;
        var reader = _headerOnly
            ? new JsonFieldReader(_json, _context, _context.Intern(_typeCode), Symbol)
            : new JsonFieldReader(_elementStart, _context);
        try
        {
            message = TDecoder.Read(ref reader);
            _json = reader.Json;
            return true;
        }
        catch (Exception exception) when (exception is AlpacaDecodeException or InvalidOperationException)
        {
            // A wrong value type, a missing field, or invalid UTF-8 in a string: only this element is lost.
            message = default;
            Report(AlpacaDecodeErrorKind.InvalidMessage, exception.Message);
            return SkipFromCheckpoint();
        }
        catch (JsonException exception)
        {
            message = default;
            Fault(exception.Message);
            return false;
        }
    }

    /// <summary>Reports the current element as having a type this stream does not send, and skips it.</summary>
    public void ReportUnknownType()
    {
        if (_state == State.OnElement)
        {
            _state = State.BetweenElements;
            Report(AlpacaDecodeErrorKind.UnknownType, $"Unknown message type '{Encoding.UTF8.GetString(_typeCode)}'.");
            SkipFromCheckpoint();
        }
    }
}
