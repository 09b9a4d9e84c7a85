namespace WebsocketProxy.Streaming;

/// <summary>
/// Receives a message no channel declares. Runs on the shared frame reader: keep it short and do not block.
/// </summary>
/// <param name="message">The message; valid only during the call.</param>
/// <returns><see langword="true"/> when the handler recognised it; otherwise it is reported as an unrecognised message.</returns>
public delegate bool ControlMessageHandler(ControlMessage message);
