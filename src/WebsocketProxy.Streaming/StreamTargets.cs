namespace WebsocketProxy.Streaming;

/// <summary>The listeners of one message, found by <see cref="StreamDispatchContext.TryGetTargets(int, ReadOnlySpan{byte}, out StreamTargets)"/>.</summary>
public readonly struct StreamTargets
{
    internal StreamTargets(StreamSubscription[]? bySymbol, StreamSubscription[] wildcard, string? symbol)
    {
        BySymbol = bySymbol;
        Wildcard = wildcard;
        Symbol = symbol;
    }

    internal StreamSubscription[]? BySymbol { get; }

    internal StreamSubscription[] Wildcard { get; }

    internal string? Symbol { get; }
}
