namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>A protocol without symbol routing (like Alpaca news): every stream is "*".</summary>
[StreamProtocol(
    Discriminator = "T",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}")]
public sealed partial class NewsStream
{
    [StreamChannel("news", TypeCode = "n")]
    public partial IAsyncEnumerable<Headline> News(CancellationToken cancellationToken = default);
}
