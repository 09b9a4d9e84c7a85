using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Protocol;

public sealed class AlpacaAuthenticationTests
{
    [Fact]
    public void ForMarketData_Message_OnlyTheAuthMessage()
    {
        var (headers, prelude) = AlpacaAuthentication.ForMarketData(AlpacaCredentials.FromKey("PKKEY", "se\"cret"));

        Assert.Empty(headers);
        using var auth = JsonDocument.Parse(Assert.Single(prelude));
        Assert.Equal(("auth", "PKKEY", "se\"cret"), Read(auth.RootElement, "action", "key", "secret"));
    }

    [Fact]
    public void ForMarketData_Headers_TheApcaHeadersAndNoMessage()
    {
        var (headers, prelude) = AlpacaAuthentication.ForMarketData(AlpacaCredentials.FromKeyHeaders("PKKEY", "secret"));

        Assert.Empty(prelude);
        Assert.Equal(2, headers.Count);
        Assert.Equal("PKKEY", headers["APCA-API-KEY-ID"]);
        Assert.Equal("secret", headers["APCA-API-SECRET-KEY"]);
    }

    [Fact]
    public void ForMarketData_Broker_BasicOfKeyColonSecretAndNoMessage()
    {
        var (headers, prelude) = AlpacaAuthentication.ForMarketData(AlpacaCredentials.FromBrokerKey("CKBROKER", "s:é"));

        Assert.Empty(prelude);
        var value = Assert.Single(headers, h => h.Key == "Authorization").Value;
        Assert.StartsWith("Basic ", value, StringComparison.Ordinal);
        Assert.Equal("CKBROKER:s:é", Encoding.UTF8.GetString(Convert.FromBase64String(value["Basic ".Length..])));
    }

    [Fact]
    public void ForMarketData_OAuth_AuthMessageWithAccessTokenKey()
    {
        var (headers, prelude) = AlpacaAuthentication.ForMarketData(AlpacaCredentials.FromOAuthToken("tok-1"));

        Assert.Empty(headers);
        Assert.Equal("""{"action":"auth","key":"access_token","secret":"tok-1"}""", Assert.Single(prelude));
    }

    [Theory]
    [InlineData(AlpacaAuthMode.Message)]
    [InlineData(AlpacaAuthMode.Headers)]
    public void ForTradingStream_KeyForms_AuthenticateMessageWithKeyIdAndSecretKey(AlpacaAuthMode mode)
    {
        var credentials = mode == AlpacaAuthMode.Headers ? AlpacaCredentials.FromKeyHeaders("PKKEY", "s\\1") : AlpacaCredentials.FromKey("PKKEY", "s\\1");

        var (headers, prelude) = AlpacaAuthentication.ForTradingStream(credentials);

        Assert.Empty(headers);
        using var auth = JsonDocument.Parse(Assert.Single(prelude));
        Assert.Equal("authenticate", auth.RootElement.GetProperty("action").GetString());
        var data = auth.RootElement.GetProperty("data");
        Assert.Equal("PKKEY", data.GetProperty("key_id").GetString());
        Assert.Equal("s\\1", data.GetProperty("secret_key").GetString());
    }

    [Fact]
    public void ForTradingStream_OAuth_AuthenticateMessageWithOAuthToken()
    {
        var (headers, prelude) = AlpacaAuthentication.ForTradingStream(AlpacaCredentials.FromOAuthToken("tok-1"));

        Assert.Empty(headers);
        Assert.Equal("""{"action":"authenticate","data":{"oauth_token":"tok-1"}}""", Assert.Single(prelude));
    }

    [Fact]
    public void ForTradingStream_Broker_NotSupportedSayingWhy()
    {
        var error = Assert.Throws<NotSupportedException>(() => AlpacaAuthentication.ForTradingStream(AlpacaCredentials.FromBrokerKey("CK", "s")));

        Assert.Contains("server-sent events", error.Message, StringComparison.Ordinal);
    }

    private static (string?, string?, string?) Read(JsonElement element, string a, string b, string c) =>
        (element.GetProperty(a).GetString(), element.GetProperty(b).GetString(), element.GetProperty(c).GetString());
}
