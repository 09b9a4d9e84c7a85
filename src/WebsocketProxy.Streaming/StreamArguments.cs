namespace WebsocketProxy.Streaming;

/// <summary>Argument checks of generated stream methods, run eagerly when the method is called.</summary>
public static class StreamArguments
{
    /// <summary>The wildcard topic: every symbol.</summary>
    public const string AllSymbols = "*";

    /// <summary>Checks one symbol and returns it as a topic list.</summary>
    /// <exception cref="ArgumentException">The symbol is null, empty or white space.</exception>
    public static string[] Symbol(string symbol, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol, parameterName);
        return [symbol];
    }

    /// <summary>Checks a set of symbols and returns them, without duplicates, as a topic list.</summary>
    /// <exception cref="ArgumentException">A symbol is null or blank, the set is empty, or <c>*</c> is mixed with symbols.</exception>
    public static string[] Symbols(IEnumerable<string> symbols, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(symbols, parameterName);
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (string.IsNullOrWhiteSpace(symbol))
            {
                throw new ArgumentException("A symbol is null, empty or white space.", parameterName);
            }

            if (seen.Add(symbol))
            {
                distinct.Add(symbol);
            }
        }

        if (distinct.Count == 0)
        {
            throw new ArgumentException("At least one symbol is needed.", parameterName);
        }

        if (distinct.Count > 1 && seen.Contains(AllSymbols))
        {
            throw new ArgumentException("'*' already means every symbol: do not mix it with symbols.", parameterName);
        }

        return [.. distinct];
    }
}
