using System.Buffers;
using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>
/// Joins encoded messages into one frame: a JSON array, or a MessagePack array in a binary frame.
/// The messages are copied from the encoder's buffers into one rented array, the only copy made per client.
/// </summary>
internal sealed class FrameBuilder
{
    private readonly List<EncodedMessage> _messages = [];
    private MessageEncoder? _encoder;
    private bool _pack;
    private int _length;

    public int Count => _messages.Count;

    public void Begin(MessageEncoder encoder, bool pack)
    {
        _encoder = encoder;
        _pack = pack;
        _messages.Clear();
        _length = 0;
    }

    public void Add(EncodedMessage message)
    {
        _messages.Add(message);
        _length += _pack ? message.PackLength : message.JsonLength + 1;
    }

    /// <summary>Builds the frame of everything added since the last build, and starts afresh.</summary>
    public OutgoingFrame Build()
    {
        var encoder = _encoder ?? throw new InvalidOperationException("Begin was not called.");
        var buffer = ArrayPool<byte>.Shared.Rent(_length + 8);
        var span = buffer.AsSpan();
        int written;
        if (_pack)
        {
            written = MessagePackBytes.ArrayHeader(span, _messages.Count);
            foreach (var message in _messages)
            {
                encoder.Pack(message).CopyTo(span[written..]);
                written += message.PackLength;
            }
        }
        else
        {
            span[0] = (byte)'[';
            written = 1;
            for (var i = 0; i < _messages.Count; i++)
            {
                if (i > 0)
                {
                    span[written++] = (byte)',';
                }

                var json = encoder.Json(_messages[i]);
                json.CopyTo(span[written..]);
                written += json.Length;
            }

            span[written++] = (byte)']';
        }

        var frame = new OutgoingFrame(buffer, written, _pack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, _messages.Count);
        _messages.Clear();
        _length = 0;
        return frame;
    }
}
