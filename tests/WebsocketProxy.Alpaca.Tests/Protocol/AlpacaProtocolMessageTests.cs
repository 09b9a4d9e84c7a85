using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Protocol;

public sealed class AlpacaProtocolMessageTests
{
    [Fact]
    public void AuthMessage_Build_IsExactJsonWithEscaping()
    {
        var message = AlpacaAuthMessage.Build(new AlpacaCredentials("PKTEST", "se\"cr/et"));

        using var document = JsonDocument.Parse(message);
        Assert.Equal("auth", document.RootElement.GetProperty("action").GetString());
        Assert.Equal("PKTEST", document.RootElement.GetProperty("key").GetString());
        Assert.Equal("se\"cr/et", document.RootElement.GetProperty("secret").GetString());
        Assert.StartsWith("""{"action":"auth","key":"PKTEST","secret":""", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
    }
}
