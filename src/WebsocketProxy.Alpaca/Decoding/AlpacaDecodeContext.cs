using System.Collections.Immutable;
using System.Text;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Caches shared by decoders so that a message allocates only its model: symbols and other short strings are
/// interned by their UTF-8 bytes, and condition lists are cached as whole arrays. Thread-safe: lookups take
/// no lock, so one context can serve every reader in a process.
/// </summary>
internal sealed class AlpacaDecodeContext
{
    // Invalid UTF-8 fails the message rather than becoming a string with replacement characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Utf8InternTable<string> _strings;
    private readonly Utf8InternTable<ImmutableArray<string>> _stringArrays;

    /// <summary>Creates a context with bounded caches.</summary>
    /// <param name="maxInternedStrings">
    /// How many distinct strings (symbols, exchanges, codes) are kept; the default has room for every listed
    /// US symbol several times over. Past this, new strings are allocated each time instead of cached, so a
    /// stream of junk cannot grow memory without bound.
    /// </param>
    /// <param name="maxCachedStringArrays">How many distinct string arrays (condition lists) are kept; past this they are allocated each time.</param>
    public AlpacaDecodeContext(int maxInternedStrings = 65_536, int maxCachedStringArrays = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxInternedStrings);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCachedStringArrays);
        _strings = new Utf8InternTable<string>(maxInternedStrings);
        _stringArrays = new Utf8InternTable<ImmutableArray<string>>(maxCachedStringArrays);
    }

    /// <summary>A process-wide context.</summary>
    public static AlpacaDecodeContext Shared { get; } = new();

    /// <summary>How many strings are interned.</summary>
    public int InternedStringCount => _strings.Count;

    /// <summary>How many string arrays are cached.</summary>
    public int CachedStringArrayCount => _stringArrays.Count;

    /// <summary>The cached string for these UTF-8 bytes, created on first sight.</summary>
    public string Intern(ReadOnlySpan<byte> utf8) =>
        utf8.IsEmpty ? string.Empty
        : _strings.TryGetValue(utf8, out var cached) ? cached
        : _strings.Add(utf8, StrictUtf8.GetString(utf8));

    /// <summary>
    /// The cached array for a key made by <see cref="StringArrayKey"/> (each element as a length byte then its
    /// UTF-8 bytes), created from the key on first sight.
    /// </summary>
    internal ImmutableArray<string> GetStringArray(ReadOnlySpan<byte> key, int count)
    {
        if (count == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        return _stringArrays.TryGetValue(key, out var cached) ? cached : _stringArrays.Add(key, StringArrayKey.ToArray(this, key, count));
    }
}
