namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Limits of an <see cref="AlpacaDecodeContext"/>'s caches.</summary>
public sealed record AlpacaDecodeOptions
{
    /// <summary>The defaults: room for every listed US symbol several times over.</summary>
    public static AlpacaDecodeOptions Default { get; } = new();

    /// <summary>
    /// How many distinct strings (symbols, exchanges, codes) are kept. Past this, new strings are allocated
    /// each time instead of cached, so a stream of junk cannot grow memory without bound.
    /// </summary>
    public int MaxInternedStrings { get; init; } = 65_536;

    /// <summary>How many distinct string arrays (condition lists) are kept; past this they are allocated each time.</summary>
    public int MaxCachedStringArrays { get; init; } = 16_384;
}
