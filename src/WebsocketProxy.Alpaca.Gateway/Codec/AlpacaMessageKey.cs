namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// What the gateway routes a MessagePack message by: its type <c>T</c>, its symbol <c>S</c>, and for news its
/// <c>symbols</c> list, read from one message map in one pass without decoding or allocating anything (the spans
/// point into the message).
/// </summary>
internal readonly ref struct AlpacaMessageKey
{
    private AlpacaMessageKey(ReadOnlySpan<byte> type, ReadOnlySpan<byte> symbol, AlpacaSymbolList symbols, int length)
    {
        Type = type;
        Symbol = symbol;
        Symbols = symbols;
        Length = length;
    }

    /// <summary>The UTF-8 of <c>T</c> (<c>t</c>, <c>q</c>, <c>b</c>, <c>n</c>, <c>subscription</c> ...); empty when the map has none.</summary>
    public ReadOnlySpan<byte> Type { get; }

    /// <summary>The UTF-8 of <c>S</c>; empty when the message has none (news, control messages).</summary>
    public ReadOnlySpan<byte> Symbol { get; }

    /// <summary>A news article's <c>symbols</c>; empty for every other message.</summary>
    public AlpacaSymbolList Symbols { get; }

    /// <summary>The length in bytes of the whole message map.</summary>
    public int Length { get; }

    /// <summary>Reads the key of the message map at the start of <paramref name="message"/>.</summary>
    /// <exception cref="FormatException">
    /// Not a map, malformed or truncated, or <c>T</c>, <c>S</c> or <c>symbols</c> of the wrong type.
    /// </exception>
    public static AlpacaMessageKey Read(ReadOnlySpan<byte> message)
    {
        var reader = new PackReader(message);
        var count = reader.ReadMapHeader();
        ReadOnlySpan<byte> type = default;
        ReadOnlySpan<byte> symbol = default;
        AlpacaSymbolList symbols = default;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadString(out var key))
            {
                // Alpaca's keys are strings; another key is skipped, its value with it.
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.Length == 1 && key[0] == (byte)'T')
            {
                type = ReadString(ref reader, "T");
            }
            else if (key.Length == 1 && key[0] == (byte)'S')
            {
                symbol = ReadString(ref reader, "S");
            }
            else if (key.SequenceEqual("symbols"u8))
            {
                var symbolCount = reader.PeekCode() == 0xc0 ? SkipNil(ref reader) : reader.ReadArrayHeader();
                var items = reader.Position;
                for (var j = 0; j < symbolCount; j++)
                {
                    ReadString(ref reader, "symbols");
                }

                symbols = new AlpacaSymbolList(message[items..reader.Position], symbolCount);
            }
            else
            {
                reader.Skip();
            }
        }

        return new AlpacaMessageKey(type, symbol, symbols, reader.Position);
    }

    private static ReadOnlySpan<byte> ReadString(scoped ref PackReader reader, string key)
    {
        var start = reader.Position;
        if (!reader.TryReadString(out var utf8))
        {
            PackReader.ThrowUnexpected<int>(reader.PeekCode(), start, $"a string for \"{key}\"");
        }

        return utf8;
    }

    private static int SkipNil(ref PackReader reader)
    {
        reader.ReadCode();
        return 0;
    }
}
