using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MessagePack;
using WebsocketProxy.Alpaca.Gateway.Clients;
using WebsocketProxy.Alpaca.Gateway.Protocol;

namespace WebsocketProxy.Alpaca.Gateway.Routing;

/// <summary>
/// One upstream frame (a MessagePack array of Alpaca message maps) read once for routing: where each message
/// is, its channel and its symbol (or a news article's symbols). Every client's frame is then built from the
/// same scan: MessagePack by copying the selected messages under a new array header, JSON from each message's
/// JSON, transcoded at most once per frame. One instance per upstream connection, used by its frame thread only.
/// </summary>
internal sealed class FrameScan
{
    /// <summary><see cref="MessageInfo.Channel"/> of a control message (success, error, subscription).</summary>
    public const int Control = -2;

    /// <summary><see cref="MessageInfo.Channel"/> of a message no channel of the endpoint carries.</summary>
    public const int Unknown = -1;

    private const int MaxSymbolChars = 128;

    private readonly GatewayEndpoint _endpoint;
    private MessageInfo[] _messages = new MessageInfo[64];
    // Each message's JSON, transcoded at most once per frame into one buffer reused frame after frame: where it is
    // in _jsonBuffer (offsets, not spans: the buffer may move when it grows), Length -1 until transcoded.
    private (int Start, int Length)[] _json = new (int, int)[64];
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new(4096);
    private int[] _selected = new int[64];
    private ReadOnlyMemory<byte> _payload;
    private byte[]? _wholePack;
    private byte[]? _wholeJson;

    public FrameScan(GatewayEndpoint endpoint) => _endpoint = endpoint;

    public int Count { get; private set; }

    public ReadOnlySpan<MessageInfo> Messages => _messages.AsSpan(0, Count);

    /// <summary>Reads a frame; false (nothing to route) when it is not a MessagePack array of maps.</summary>
    public bool Scan(ReadOnlyMemory<byte> payload)
    {
        _payload = payload;
        _wholePack = null;
        _wholeJson = null;
        _jsonBuffer.ResetWrittenCount();
        Count = 0;
        try
        {
            var reader = new MessagePackReader(payload);
            if (reader.NextMessagePackType != MessagePackType.Array)
            {
                return false;
            }

            var count = reader.ReadArrayHeader();
            Grow(count);
            for (var i = 0; i < count; i++)
            {
                _messages[i] = ReadMessage(ref reader);
                _json[i] = (0, -1);
            }

            Count = count;
            return true;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException)
        {
            Count = 0;
            return false;
        }
    }

    /// <summary>The bytes of message <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Bytes(int index) => _payload.Span.Slice(_messages[index].Start, _messages[index].Length);

    /// <summary>Whether message <paramref name="index"/> belongs to a client holding <paramref name="ledger"/>.</summary>
    public bool Matches(int index, ClientLedger ledger)
    {
        ref readonly var message = ref _messages[index];
        if (message.Channel < 0)
        {
            return false;
        }

        if (ledger.HasStar(message.Channel))
        {
            return true;
        }

        if (!ledger.HasAny(message.Channel))
        {
            return false;
        }

        if (message.SymbolCount < 0)
        {
            return MatchesSymbol(_payload.Span.Slice(message.SymbolStart, message.SymbolLength), message.Channel, ledger);
        }

        // A news article: any of its symbols.
        var reader = new MessagePackReader(_payload[message.SymbolStart..]);
        for (var i = 0; i < message.SymbolCount; i++)
        {
            if (reader.NextMessagePackType == MessagePackType.String && reader.TryReadStringSpan(out var symbol))
            {
                if (MatchesSymbol(symbol, message.Channel, ledger))
                {
                    return true;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return false;
    }

    /// <summary>
    /// The frame for a client: the messages its ledger selects, in its codec; null when none is its. A client
    /// that selects them all shares one copy of the frame with every other such client of its codec.
    /// </summary>
    public byte[]? BuildFor(ClientLedger ledger, ClientCodec codec)
    {
        var selected = 0;
        for (var i = 0; i < Count; i++)
        {
            if (Matches(i, ledger))
            {
                _selected[selected++] = i;
            }
        }

        if (selected == 0)
        {
            return null;
        }

        var whole = selected == Count;
        if (codec == ClientCodec.MessagePack)
        {
            return whole ? _wholePack ??= _payload.ToArray() : PackSelected(_selected.AsSpan(0, selected));
        }

        return whole ? _wholeJson ??= JsonSelected(_selected.AsSpan(0, selected)) : JsonSelected(_selected.AsSpan(0, selected));
    }

    /// <summary>A control message's code and text (error), or its text (success); the subscription reply has neither.</summary>
    public (string Type, int Code, string Message) ReadControl(int index)
    {
        var reader = new MessagePackReader(_payload.Slice(_messages[index].Start, _messages[index].Length));
        var type = string.Empty;
        var code = 0;
        var text = string.Empty;
        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : null;
            switch (key)
            {
                case "T" when reader.NextMessagePackType == MessagePackType.String:
                    type = reader.ReadString() ?? string.Empty;
                    break;
                case "code" when reader.NextMessagePackType == MessagePackType.Integer:
                    code = reader.ReadInt32();
                    break;
                case "msg" when reader.NextMessagePackType == MessagePackType.String:
                    text = reader.ReadString() ?? string.Empty;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (type, code, text);
    }

    private static bool MatchesSymbol(ReadOnlySpan<byte> utf8, int channel, ClientLedger ledger)
    {
        if (utf8.Length > MaxSymbolChars)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxSymbolChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return ledger.Matches(channel, chars[..length]);
    }

    private byte[] PackSelected(ReadOnlySpan<int> selected)
    {
        // One exact array: the array header (fixarray, array 16 or array 32), then the messages' bytes as they came.
        var header = selected.Length <= 15 ? 1 : selected.Length <= ushort.MaxValue ? 3 : 5;
        var length = header;
        foreach (var index in selected)
        {
            length += _messages[index].Length;
        }

        var frame = new byte[length];
        switch (header)
        {
            case 1:
                frame[0] = (byte)(0x90 | selected.Length);
                break;
            case 3:
                frame[0] = 0xdc;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), (ushort)selected.Length);
                break;
            default:
                frame[0] = 0xdd;
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)selected.Length);
                break;
        }

        var position = header;
        foreach (var index in selected)
        {
            Bytes(index).CopyTo(frame.AsSpan(position));
            position += _messages[index].Length;
        }

        return frame;
    }

    private byte[] JsonSelected(ReadOnlySpan<int> selected)
    {
        // Transcode first (the buffer may grow), then copy out of it.
        var length = 2;
        foreach (var index in selected)
        {
            length += Transcoded(index).Length + 1;
        }

        var frame = new byte[length - 1];
        var position = 0;
        frame[position++] = (byte)'[';
        for (var i = 0; i < selected.Length; i++)
        {
            if (i > 0)
            {
                frame[position++] = (byte)',';
            }

            var json = _json[selected[i]];
            _jsonBuffer.WrittenSpan.Slice(json.Start, json.Length).CopyTo(frame.AsSpan(position));
            position += json.Length;
        }

        frame[position] = (byte)']';
        return frame;
    }

    private (int Start, int Length) Transcoded(int index)
    {
        if (_json[index] is { Length: >= 0 } done)
        {
            return done;
        }

        // A message the transcoder rejects leaves what it wrote unreferenced until the next frame: harmless.
        var start = _jsonBuffer.WrittenCount;
        JsonTranscoding.Transcode(Bytes(index), _jsonBuffer);
        return _json[index] = (start, _jsonBuffer.WrittenCount - start);
    }

    private MessageInfo ReadMessage(ref MessagePackReader reader)
    {
        var start = (int)reader.Consumed;
        var info = new MessageInfo { Start = start, Channel = Unknown, SymbolCount = -1 };
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            reader.Skip();
            info.Length = (int)reader.Consumed - start;
            return info;
        }

        var fields = reader.ReadMapHeader();
        for (var i = 0; i < fields; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String || !reader.TryReadStringSpan(out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.SequenceEqual("T"u8) && reader.NextMessagePackType == MessagePackType.String && reader.TryReadStringSpan(out var type))
            {
                info.Channel = type.SequenceEqual("success"u8) || type.SequenceEqual("error"u8) || type.SequenceEqual("subscription"u8)
                    ? Control
                    : _endpoint.ChannelOfType(type);
            }
            else if (key.SequenceEqual("S"u8) && reader.NextMessagePackType == MessagePackType.String)
            {
                if (reader.TryReadStringSpan(out var symbol))
                {
                    // The span's place in the payload: the string's bytes end where the reader now stands.
                    info.SymbolStart = (int)reader.Consumed - symbol.Length;
                    info.SymbolLength = symbol.Length;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (key.SequenceEqual("symbols"u8) && reader.NextMessagePackType == MessagePackType.Array)
            {
                var count = reader.ReadArrayHeader();
                info.SymbolStart = (int)reader.Consumed;
                info.SymbolCount = count;
                for (var s = 0; s < count; s++)
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        info.Length = (int)reader.Consumed - start;
        return info;
    }

    private void Grow(int count)
    {
        if (count <= _messages.Length)
        {
            return;
        }

        var size = Math.Max(count, _messages.Length * 2);
        _messages = new MessageInfo[size];
        _json = new (int, int)[size];
        _selected = new int[size];
    }
}
