using WebsocketProxy.Alpaca.DependencyInjection;

namespace WebsocketProxy.Alpaca.Tests.DependencyInjection;

public sealed class AlpacaProxySettingsTests
{
    [Theory]
    [InlineData(AlpacaAuthMode.Message)]
    [InlineData(AlpacaAuthMode.Headers)]
    [InlineData(AlpacaAuthMode.BrokerBasic)]
    public void Credentials_KeyAndSecretWithAMode_SentThatWay(AlpacaAuthMode mode)
    {
        var settings = new AlpacaProxySettings { KeyId = "PKKEY", Secret = "secret", AuthMode = mode };

        var credentials = settings.Credentials();

        Assert.Equal((mode, "PKKEY", "secret"), (credentials.Mode, credentials.KeyId, credentials.Secret));
    }

    [Fact]
    public void Credentials_OAuthWithAToken_TheToken()
    {
        var settings = new AlpacaProxySettings { AuthMode = AlpacaAuthMode.OAuth, OAuthToken = "tok", KeyId = "ignored", Secret = "ignored" };

        var credentials = settings.Credentials();

        Assert.Equal((AlpacaAuthMode.OAuth, "tok"), (credentials.Mode, credentials.Secret));
    }

    [Fact]
    public void Defaults_TheMessageForm()
    {
        Assert.Equal(AlpacaAuthMode.Message, new AlpacaProxySettings().AuthMode);
        Assert.Null(new AlpacaProxySettings().OAuthToken);
    }
}
