using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MessagePack;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// The alternative the product's reader was measured against: <see cref="IAlpacaFieldReader"/> over MessagePack-CSharp
/// 2.5.s <c>MessagePackReader</c> (a <c>ReadOnlySequence</c> reader), with the same interning and decimals.
/// Benchmark code only.
/// </summary>
internal ref struct MessagePackCSharpFieldReader : IAlpacaFieldReader
{
    private readonly AlpacaDecodeContext _context;
    private MessagePackReader _reader;
    private CountStack _remaining;
    private int _depth;

    public MessagePackCSharpFieldReader(ReadOnlyMemory<byte> message, AlpacaDecodeContext context)
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

        _remaining[_depth++] = _reader.ReadMapHeader();
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

        _remaining[_depth++] = _reader.ReadArrayHeader();
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
        MessagePackType.Float => decimal.Parse(_reader.ReadDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
        MessagePackType.Integer => _reader.ReadInt64(),
        _ => _reader.TryReadNil() ? 0m : throw new AlpacaDecodeException("Expected a number."),
    };

    public bool ReadBoolean() => !_reader.TryReadNil() && _reader.ReadBoolean();

    public AlpacaTimestamp ReadTimestamp()
    {
        var header = _reader.ReadExtensionFormatHeader();
        var body = _reader.ReadRaw(header.Length);
        Span<byte> bytes = stackalloc byte[12];
        System.Buffers.BuffersExtensions.CopyTo(body, bytes);
        var packed = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return AlpacaTimestamp.FromUnixTime((long)(packed & 0x3_FFFF_FFFFUL), (int)(packed >> 34));
    }

    public ImmutableArray<string> ReadStringArray()
    {
        if (!BeginArray())
        {
            return ImmutableArray<string>.Empty;
        }

        var key = new StringArrayKey(stackalloc byte[StringArrayKey.BufferSize]);
        while (TryReadElement())
        {
            _reader.TryReadStringSpan(out var utf8);
            key.TryAppend(utf8);
        }

        return _context.GetStringArray(key.Key, key.Count);
    }

    public void Skip() => _reader.Skip();

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

    [InlineArray(8)]
    private struct CountStack
    {
        private int _element;
    }
}
