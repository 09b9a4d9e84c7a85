using WebsocketProxy.Client;
using WebsocketProxy.Server.Upstream;

namespace WebsocketProxy.Server.Tests.Upstream;

public sealed class ConnectionKeyTests
{
    private static ProxyConnectionOptions With(string key, string secret) => new()
    {
        Url = new Uri("wss://stream.example.com/v2/iex"),
        Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = key, ["APCA-API-SECRET-KEY"] = secret },
    };

    [Fact]
    public void Compute_SameUrlAndCredentials_SameKey_HeaderNameCaseIgnored()
    {
        var keys = new ConnectionKey();
        var lower = new ProxyConnectionOptions { Url = new Uri("wss://stream.example.com/v2/iex"), Headers = new Dictionary<string, string> { ["apca-api-key-id"] = "k", ["apca-api-secret-key"] = "s" } };

        Assert.Equal(keys.Compute(With("k", "s")), keys.Compute(With("k", "s")));
        Assert.Equal(keys.Compute(With("k", "s")), keys.Compute(lower));
    }

    [Fact]
    public void Compute_SameKeyIdDifferentSecret_DifferentKey()
    {
        var keys = new ConnectionKey();

        Assert.NotEqual(keys.Compute(With("k", "s1")), keys.Compute(With("k", "s2")));
        Assert.NotEqual(keys.Compute(With("k", "s")), keys.Compute(With("k", "s") with { Prelude = ["auth"] }));
    }

    [Fact]
    public void Compute_SamePreludeInAnotherMessageFormat_DifferentKey()
    {
        // The same auth message packed as MessagePack is another session on the wire (the service answers in MessagePack).
        var keys = new ConnectionKey();
        var text = With("k", "s") with { Prelude = ["""{"action":"auth"}"""] };

        Assert.NotEqual(keys.Compute(text), keys.Compute(text with { MessageFormat = ProxyMessageFormat.MessagePack }));
    }

    [Fact]
    public void Compute_NeverContainsCredentials_AndDiffersPerProxy()
    {
        var key = new ConnectionKey().Compute(With("PKTESTKEY", "SECRETVALUE"));

        Assert.DoesNotContain("PKTESTKEY", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRETVALUE", key, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(key, new ConnectionKey().Compute(With("PKTESTKEY", "SECRETVALUE")));
    }
}
