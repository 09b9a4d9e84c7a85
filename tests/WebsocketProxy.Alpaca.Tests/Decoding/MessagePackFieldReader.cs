using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MessagePack;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// A MessagePack <see cref="IAlpacaFieldReader"/> (maps with Alpaca's keys, timestamps as extension -1), kept
/// in the tests to prove that the decoders need no change for another wire format. MessagePack has no end
/// tokens, so the reader keeps the remaining entry count of each open map or array on a small stack.
/// </summary>
internal ref struct MessagePackFieldReader : IAlpacaFieldReader
{
    private readonly AlpacaDecodeContext _context;
    private MessagePackReader _reader;
    private CountStack _remaining;
    private int _depth;

    public MessagePackFieldReader(ReadOnlyMemory<byte> message, AlpacaDecodeContext context)
    {
        _reader = new MessagePackReader(message);
        _context = context;
    }

    public bool BeginObject()
    {
        if (_reader.TryReadNil())
        {
            return false;
        }

        Push(_reader.ReadMapHeader());
        return true;
    }

    public bool TryReadField(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!TryTakeEntry())
        {
            return false;
        }

        name = _reader.TryReadStringSpan(out var span) ? span : System.Text.Encoding.UTF8.GetBytes(_reader.ReadString()!);
        return true;
    }

    public bool BeginArray()
    {
        if (_reader.TryReadNil())
        {
            return false;
        }

        Push(_reader.ReadArrayHeader());
        return true;
    }

    public bool TryReadElement() => TryTakeEntry();

    public string ReadString() => _reader.TryReadNil() ? string.Empty : _reader.ReadString()!;

    public string ReadInternedString() =>
        _reader.TryReadNil() ? string.Empty
        : _reader.TryReadStringSpan(out var span) ? _context.Intern(span)
        : _reader.ReadString()!;

    public long ReadInt64() => _reader.TryReadNil() ? 0 : _reader.ReadInt64();

    public decimal ReadDecimal() => _reader.NextMessagePackType switch
    {
        MessagePackType.Nil => ReadNil(0m),
        MessagePackType.Float => (decimal)_reader.ReadDouble(),
        MessagePackType.Integer => _reader.ReadInt64(),
        _ => throw new AlpacaDecodeException($"Expected a number but found {_reader.NextMessagePackType}."),
    };

    public bool ReadBoolean() => !_reader.TryReadNil() && _reader.ReadBoolean();

    public AlpacaTimestamp ReadTimestamp()
    {
        switch (_reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                return ReadNil(default(AlpacaTimestamp));
            case MessagePackType.String:
                return AlpacaTimestamp.Parse(_reader.ReadString()!);
            case MessagePackType.Extension:
                var header = _reader.ReadExtensionFormatHeader();
                var body = _reader.ReadRaw(header.Length);
                return header.TypeCode == MessagePackTimestamp.ExtensionType
                    ? MessagePackTimestamp.Read(body.IsSingleSegment ? body.FirstSpan : System.Buffers.BuffersExtensions.ToArray(body))
                    : throw new AlpacaDecodeException($"Extension {header.TypeCode} is not a timestamp.");
            default:
                throw new AlpacaDecodeException($"Expected a timestamp but found {_reader.NextMessagePackType}.");
        }
    }

    public ImmutableArray<string> ReadStringArray()
    {
        if (!BeginArray())
        {
            return ImmutableArray<string>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        while (TryReadElement())
        {
            builder.Add(ReadInternedString());
        }

        return builder.DrainToImmutable();
    }

    public void Skip() => _reader.Skip();

    private T ReadNil<T>(T value)
    {
        _reader.ReadNil();
        return value;
    }

    private void Push(int count)
    {
        if (_depth == CountStack.Capacity)
        {
            throw new AlpacaDecodeException("The message nests too deeply.");
        }

        _remaining[_depth++] = count;
    }

    private bool TryTakeEntry()
    {
        if (_remaining[_depth - 1] == 0)
        {
            _depth--;
            return false;
        }

        _remaining[_depth - 1]--;
        return true;
    }

    [InlineArray(Capacity)]
    private struct CountStack
    {
        public const int Capacity = 8;

        private int _element;
    }
}
