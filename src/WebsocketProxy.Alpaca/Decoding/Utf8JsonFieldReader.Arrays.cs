using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct Utf8JsonFieldReader
{
    /// <inheritdoc />
    public ImmutableArray<string> ReadStringArray()
    {
        if (!BeginArray())
        {
            return ImmutableArray<string>.Empty;
        }

        // Common case: a few short strings, looked up as one key without allocating. Past the key buffer the array is
        // built directly and not cached.
        var key = new StringArrayKey(stackalloc byte[StringArrayKey.BufferSize]);
        while (TryReadElement())
        {
            var utf8 = ReadStringBytes();
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
}
