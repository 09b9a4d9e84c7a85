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
    public void Compute_NeverContainsCredentials_AndDiffersPerProxy()
    {
        var key = new ConnectionKey().Compute(With("PKTESTKEY", "SECRETVALUE"));

        Assert.DoesNotContain("PKTESTKEY", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRETVALUE", key, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(key, new ConnectionKey().Compute(With("PKTESTKEY", "SECRETVALUE")));
    }

    [Fact]
    public void Compute_HeadersAndPreludeThatConcatenateAlike_DifferentKeys()
    {
        // Without the header count, a header set and a prelude can be cut from the same bytes: "BB" = "" and one
        // message here hash exactly what no headers and the two messages below do (lengths little-endian).
        const int FirstLength = 0x4242; // its bytes "BB\0\0" read as the header name "BB" of length 2
        var tail = new string('a', FirstLength - 10);
        var rebuiltLength = tail.Length + 4 + 1;
        var lengthBytes = BitConverter.GetBytes(rebuiltLength);
        Assert.All(lengthBytes, b => Assert.True(b < 0x80)); // ASCII, so the strings round-trip through UTF-8
        var first = "\0\0" + "\u0001\0\0\0" + System.Text.Encoding.ASCII.GetString(lengthBytes) + tail;
        var url = new Uri("wss://stream.example.com/v2/iex");
        var noHeaders = new ProxyConnectionOptions { Url = url, Prelude = [first, "x"] };
        var oneHeader = new ProxyConnectionOptions
        {
            Url = url,
            Headers = new Dictionary<string, string> { ["BB"] = string.Empty },
            Prelude = [tail + "\u0001\0\0\0" + "x"],
        };
        var keys = new ConnectionKey();

        Assert.Equal(FirstLength, first.Length);
        Assert.NotEqual(keys.Compute(noHeaders), keys.Compute(oneHeader));
    }
}
