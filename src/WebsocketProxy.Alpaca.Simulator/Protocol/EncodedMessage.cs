namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>Where one message sits in a <see cref="MessageEncoder"/>'s JSON and MessagePack buffers.</summary>
internal readonly record struct EncodedMessage(int JsonStart, int JsonLength, int PackStart, int PackLength);
