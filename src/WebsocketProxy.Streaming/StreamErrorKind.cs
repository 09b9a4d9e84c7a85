namespace WebsocketProxy.Streaming;

/// <summary>What went wrong, in a <see cref="StreamErrorEventArgs"/>.</summary>
public enum StreamErrorKind
{
    /// <summary>A frame was not valid JSON, or not an object or array of objects; the rest of it was skipped.</summary>
    MalformedFrame,

    /// <summary>A message had no discriminator, or a routed message had no symbol.</summary>
    MalformedMessage,

    /// <summary>A message's type code matched no channel and no control handler recognised it.</summary>
    UnrecognizedMessage,

    /// <summary>A model decoder failed on a message; that message was skipped.</summary>
    DecodeFailed,

    /// <summary>A callback or event handler threw.</summary>
    HandlerFailed,

    /// <summary>The connection reported an error, or failed.</summary>
    Connection,

    /// <summary>Unsubscribing after a stream ended failed.</summary>
    Unsubscribe,
}
