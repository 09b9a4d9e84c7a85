namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Why an element of a frame was not decoded.</summary>
public enum AlpacaDecodeErrorKind
{
    /// <summary>The frame is not valid JSON from this point; the rest of the frame is lost.</summary>
    MalformedJson,

    /// <summary>The frame is not a JSON array of messages.</summary>
    NotAnArray,

    /// <summary>An element is not an object, or has no string <c>T</c>; the element is skipped.</summary>
    MissingType,

    /// <summary>The type code is not one this stream sends; the element is skipped.</summary>
    UnknownType,

    /// <summary>A field has the wrong type or a required field is missing; the element is skipped.</summary>
    InvalidMessage,
}
