using System.Text;

namespace WebsocketProxy.Streaming;

/// <summary>
/// Interns symbols read as UTF-8 so that delivering a message needs no string allocation once a
/// symbol has been seen. Used only by the router's frame reader (single thread).
/// </summary>
internal sealed class SymbolTable
{
    // A bound, so that a wildcard stream over an unbounded universe cannot grow the table forever.
    private const int MaxSymbols = 100_000;
    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SymbolTable() => _lookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = utf8.Length <= 128 ? stackalloc char[128] : new char[utf8.Length];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (_lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        if (_symbols.Count >= MaxSymbols)
        {
            _symbols.Clear();
        }

        var symbol = chars.ToString();
        _symbols[symbol] = symbol;
        return symbol;
    }
}
