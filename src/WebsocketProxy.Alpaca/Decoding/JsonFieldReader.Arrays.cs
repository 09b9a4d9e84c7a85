using System.Collections.Immutable;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct JsonFieldReader
{
    /// <inheritdoc />
    public ImmutableArray<string> ReadStringArray()
    {
        if (!BeginArray())
        {
            return ImmutableArray<string>.Empty;
        }

        // Common case: a few short strings, looked up as one key without allocating. Past the key buffer
        // the array is built directly and not cached.
        var key = new StringArrayKey(stackalloc byte[StringArrayKey.BufferSize]);
        Span<byte> element = stackalloc byte[StackValueLimit];
        while (TryReadElement())
        {
            var utf8 = ElementBytes(element);
            if (!key.TryAppend(utf8))
            {
                return ReadLongStringArray(key, utf8);
            }
        }

        return _context.GetStringArray(key.Key, key.Count);
    }

    private ImmutableArray<string> ReadLongStringArray(scoped StringArrayKey readSoFar, scoped ReadOnlySpan<byte> current)
    {
        var builder = ImmutableArray.CreateBuilder<string>(readSoFar.Count + 8);
        StringArrayKey.AppendTo(builder, _context, readSoFar.Key);
        builder.Add(_context.Intern(current));
        while (TryReadElement())
        {
            builder.Add(ReadInternedString());
        }

        return builder.DrainToImmutable();
    }

    private readonly ReadOnlySpan<byte> ElementBytes(Span<byte> buffer)
    {
        if (_json.TokenType != JsonTokenType.String)
        {
            throw Unexpected("a string element");
        }

        if (!_json.ValueIsEscaped && !_json.HasValueSequence)
        {
            return _json.ValueSpan;
        }

        // Escaped or too long for the stack: allocate; the key append then fails for long values and the
        // array takes the uncached path.
        return TryUnescape(buffer, out var length)
            ? buffer[..length]
            : System.Text.Encoding.UTF8.GetBytes(_json.GetString()!);
    }
}
