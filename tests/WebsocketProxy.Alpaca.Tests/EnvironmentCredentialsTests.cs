using WebsocketProxy.Alpaca.DependencyInjection;

namespace WebsocketProxy.Alpaca.Tests;

[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentCredentialsTests
{
    private static readonly string[] Variables = ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY", AlpacaCredentials.OAuthTokenVariable];

    [Fact]
    public void FromEnvironment_KeyPair_TheMessageForm() => WithVariables(("PKENV", "env-secret", null), () =>
    {
        var credentials = AlpacaCredentials.FromEnvironment();

        Assert.NotNull(credentials);
        Assert.Equal((AlpacaAuthMode.Message, "PKENV", "env-secret"), (credentials.Mode, credentials.KeyId, credentials.Secret));
    });

    [Fact]
    public void FromEnvironment_OnlyAToken_TheOAuthForm() => WithVariables((null, null, "env-token"), () =>
    {
        var credentials = AlpacaCredentials.FromEnvironment();

        Assert.NotNull(credentials);
        Assert.Equal((AlpacaAuthMode.OAuth, "env-token"), (credentials.Mode, credentials.Secret));
    });

    [Fact]
    public void FromEnvironment_KeyPairAndToken_TheKeyPairWins() => WithVariables(("PKENV", "env-secret", "env-token"), () =>
    {
        Assert.Equal(AlpacaAuthMode.Message, AlpacaCredentials.FromEnvironment()?.Mode);
    });

    [Fact]
    public void FromEnvironment_Nothing_Null() => WithVariables((null, null, " "), () => Assert.Null(AlpacaCredentials.FromEnvironment()));

    [Fact]
    public void SettingsCredentials_OAuthWithoutTokenFallsBackToTheVariable_ElseSaysWhatToSet() => WithVariables((null, null, "env-token"), () =>
    {
        var settings = new AlpacaProxySettings { AuthMode = AlpacaAuthMode.OAuth };

        Assert.Equal("env-token", settings.Credentials().Secret);
        Environment.SetEnvironmentVariable(AlpacaCredentials.OAuthTokenVariable, null);
        var error = Assert.Throws<InvalidOperationException>(settings.Credentials);
        Assert.Contains("APCA_API_OAUTH", error.Message, StringComparison.Ordinal);
    });

    [Fact]
    public void SettingsCredentials_HeadersWithoutKeyFallsBackToTheVariables() => WithVariables(("PKENV", "env-secret", null), () =>
    {
        var credentials = new AlpacaProxySettings { AuthMode = AlpacaAuthMode.Headers }.Credentials();

        Assert.Equal((AlpacaAuthMode.Headers, "PKENV"), (credentials.Mode, credentials.KeyId));
    });

    private static void WithVariables((string? KeyId, string? Secret, string? Token) values, Action test)
    {
        var before = Variables.Select(Environment.GetEnvironmentVariable).ToArray();
        try
        {
            Environment.SetEnvironmentVariable(Variables[0], values.KeyId);
            Environment.SetEnvironmentVariable(Variables[1], values.Secret);
            Environment.SetEnvironmentVariable(Variables[2], values.Token);
            test();
        }
        finally
        {
            for (var i = 0; i < Variables.Length; i++)
            {
                Environment.SetEnvironmentVariable(Variables[i], before[i]);
            }
        }
    }
}
