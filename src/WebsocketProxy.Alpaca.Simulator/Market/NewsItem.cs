namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>A generated news article.</summary>
internal sealed record NewsItem(
    long Id,
    string Headline,
    string Summary,
    string Author,
    long CreatedAt,
    long UpdatedAt,
    string Url,
    string Content,
    IReadOnlyList<string> Symbols,
    string Source);
