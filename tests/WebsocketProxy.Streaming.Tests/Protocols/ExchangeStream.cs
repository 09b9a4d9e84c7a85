namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>
/// A non-Alpaca protocol: "type" discriminator that may come after other fields, "product_id" symbols,
/// and a nested subscribe message.
/// </summary>
[StreamProtocol(
    Discriminator = "type",
    SymbolField = "product_id",
    Subscribe = "{\"type\":\"subscribe\",\"channels\":[{\"name\":\"{channel}\",\"product_ids\":[{topics}]}]}",
    Unsubscribe = "{\"type\":\"unsubscribe\",\"channels\":[{\"name\":\"{channel}\",\"product_ids\":[{topics}]}]}",
    MaxTopicsPerMessage = 20)]
public sealed partial class ExchangeStream
{
    [StreamChannel("ticker", TypeCode = "ticker")]
    public partial IAsyncEnumerable<Tick> Ticker(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken = default);

    [StreamChannel("matches", TypeCode = "match")]
    internal partial IAsyncEnumerable<Tick> Matches(string productId, CancellationToken cancellationToken);
}
